package dev.jnetlab.labs.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.jnetlab.commands.text.Suggestions;
import dev.jnetlab.labs.format.LabFileModel.CheckFile;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one check: a mapping whose one key names the predicate and whose value is the
 * predicate's arguments, with an optional {@code label}:
 *
 * <pre>
 *   - tcp-state: {state: ESTABLISHED, remote-port: 7}
 *   - label: the SYN-ACK came back
 *     frame: {filter: tcp and port 7, direction: rx, flags: [SYN, ACK]}
 * </pre>
 */
final class CheckDeserializer extends StdDeserializer<CheckFile> {
    private static final long serialVersionUID = 1L;

    /** The predicates, by key, in the order errors list them. */
    static final Map<String, Class<?>> PREDICATES = new LinkedHashMap<>();

    static {
        PREDICATES.put("arp", LabFileModel.ArpFile.class);
        PREDICATES.put("ndp", LabFileModel.NdpFile.class);
        PREDICATES.put("address", LabFileModel.AddressFile.class);
        PREDICATES.put("tcp-state", LabFileModel.TcpStateFile.class);
        PREDICATES.put("received", LabFileModel.ReceivedFile.class);
        PREDICATES.put("frame", LabFileModel.FrameFile.class);
        PREDICATES.put("dhcp", LabFileModel.DhcpFile.class);
        PREDICATES.put("dns", LabFileModel.DnsFile.class);
        PREDICATES.put("counter", LabFileModel.CounterFile.class);
        PREDICATES.put("retransmissions", LabFileModel.RetransmissionsFile.class);
        PREDICATES.put("cwnd", LabFileModel.CwndFile.class);
        PREDICATES.put("tcb", LabFileModel.TcbFile.class);
        PREDICATES.put("listener", LabFileModel.ListenerFile.class);
        PREDICATES.put("link", LabFileModel.LinkFile.class);
        PREDICATES.put("command", LabFileModel.CommandFile.class);
        PREDICATES.put("within", LabFileModel.WithinFile.class);
        PREDICATES.put("all", List.class);
        PREDICATES.put("any", List.class);
        PREDICATES.put("not", CheckFile.class);
    }

    private static final String LABEL = "label";

    CheckDeserializer() {
        super(CheckFile.class);
    }

    static String predicateList() {
        return String.join(", ", PREDICATES.keySet());
    }

    @Override
    public CheckFile deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new LocatedProblem(p, "a check is a mapping with one predicate, like 'arp: {address: 192.168.69.100}'; "
                    + "the predicates are: " + predicateList(), start);
        }
        String kind = null;
        String label = null;
        Object body = null;
        JsonLocation kindLocation = null;
        for (JsonToken token = p.nextToken(); token == JsonToken.FIELD_NAME; token = p.nextToken()) {
            String key = p.currentName();
            JsonLocation keyLocation = p.currentTokenLocation();
            JsonToken value = p.nextToken();
            if (key.equals(LABEL)) {
                if (value != JsonToken.VALUE_STRING) {
                    throw new LocatedProblem(p, "a check's label is a text", p.currentTokenLocation());
                }
                label = p.getText();
                continue;
            }
            Class<?> type = PREDICATES.get(key);
            if (type == null) {
                throw new LocatedProblem(p, "unknown check '" + key + "'"
                        + Suggestions.didYouMean(key, PREDICATES.keySet())
                        + "; the checks are: " + predicateList() + " (and a label)", keyLocation);
            }
            if (kind != null) {
                throw new LocatedProblem(p, "a check has one predicate, and this one has both '" + kind + "' and '" + key
                        + "'; write two checks, or combine them with all: or any:", keyLocation);
            }
            kind = key;
            kindLocation = keyLocation;
            body = ctxt.readValue(p, bodyType(ctxt, kind, type));
            if (body == null) {
                throw new LocatedProblem(p, "the check '" + kind + "' needs its arguments", keyLocation);
            }
        }
        if (kind == null) {
            throw new LocatedProblem(p, "this check names no predicate; the checks are: " + predicateList(), start);
        }
        return new CheckFile(kind, label, body, kindLocation);
    }

    private static JavaType bodyType(DeserializationContext ctxt, String kind, Class<?> type) {
        if (type == List.class) {
            return ctxt.getTypeFactory().constructCollectionType(List.class, CheckFile.class);
        }
        return ctxt.constructType(type);
    }
}
