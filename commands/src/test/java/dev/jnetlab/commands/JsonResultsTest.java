package dev.jnetlab.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonResultsTest {
    private final JsonResults json = new JsonResults();
    private final ObjectMapper mapper = new ObjectMapper();

    record Pinged(String target, int transmitted, int received, double lossPercent) implements CommandResult {
        @Override
        public String text() {
            return "not in the JSON";
        }
    }

    @Test
    void aSuccessCarriesTheResultsComponentsAndNotItsText() throws Exception {
        String line = json.toJson(new Outcome.Success("ping", new Pinged("192.168.69.100", 3, 2, 33.3)));
        assertEquals(1, line.lines().count(), "one object, one line");
        JsonNode node = mapper.readTree(line);
        assertEquals("ping", node.get("command").asText());
        assertEquals(true, node.get("ok").asBoolean());
        assertEquals(mapper.readTree("{\"target\":\"192.168.69.100\",\"transmitted\":3,\"received\":2,\"lossPercent\":33.3}"),
                node.get("result"));
    }

    @Test
    void aFailureCarriesTheErrorAndUsage() throws Exception {
        JsonNode node = mapper.readTree(json.toJson(new Outcome.Failure("sleep", "missing required parameter: 'SEC'", "sleep SEC")));
        assertEquals(false, node.get("ok").asBoolean());
        assertEquals("missing required parameter: 'SEC'", node.get("error").asText());
        assertEquals("sleep SEC", node.get("usage").asText());
    }

    @Test
    void aCancelledCommandSaysSo() throws Exception {
        JsonNode node = mapper.readTree(json.toJson(new Outcome.Cancelled("ping")));
        assertEquals(false, node.get("ok").asBoolean());
        assertEquals(true, node.get("cancelled").asBoolean());
    }

    @Test
    void aPlainMessageIsAnObjectWithItsMessage() throws Exception {
        JsonNode node = mapper.readTree(json.toJson(new Outcome.Success("capture stop", new CommandResult.Message("stopped"))));
        assertEquals("stopped", node.get("result").get("message").asText());
    }
}
