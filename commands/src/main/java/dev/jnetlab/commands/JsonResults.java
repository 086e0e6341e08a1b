package dev.jnetlab.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code --json} form of an outcome: one object per command, on one line, with stable
 * field names: {@code command}, {@code ok}, then {@code result} (the result record's
 * components), or {@code error} and {@code usage}, or {@code cancelled}.
 */
public final class JsonResults {
    private final ObjectMapper mapper = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    public String toJson(Outcome outcome) {
        ObjectNode json = mapper.createObjectNode();
        json.put("command", outcome.command());
        if (outcome instanceof Outcome.Success success) {
            json.put("ok", true);
            json.set("result", mapper.valueToTree(success.result()));
        } else if (outcome instanceof Outcome.Failure failure) {
            json.put("ok", false);
            json.put("error", failure.message());
            json.put("usage", failure.usage());
        } else {
            json.put("ok", false);
            json.put("cancelled", true);
        }
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result that cannot be written as JSON: " + outcome, e);
        }
    }
}
