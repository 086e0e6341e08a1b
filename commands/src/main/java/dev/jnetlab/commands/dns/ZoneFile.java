package dev.jnetlab.commands.dns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.jnetlab.host.DnsZone;
import dev.jnetlab.stack.wire.DnsName;
import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link DnsZone} written in YAML, for {@code serve dns --zone FILE} (the format is on DnsZone). */
public final class ZoneFile {
    private ZoneFile() {
    }

    /**
     * Reads a zone from YAML.
     *
     * @throws IllegalArgumentException with the problem in one line
     */
    public static DnsZone parse(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a zone is a map with origin, ttl and names");
        }
        String origin = DnsName.normalize(root.path("origin").asText("lab"));
        long ttl = root.path("ttl").asLong(DnsZone.DEFAULT_TTL);
        JsonNode list = root.path("names");
        if (!list.isObject()) {
            throw new IllegalArgumentException("names: a map of NAME: ADDRESS, [ADDRESS, ...] or {cname: NAME}");
        }
        Map<String, List<DnsRepr.Record>> names = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : list.properties()) {
            String name = absolute(e.getKey(), origin);
            JsonNode value = e.getValue();
            List<DnsRepr.Record> records = new ArrayList<>();
            if (value.isObject() && value.has("cname")) {
                records.add(new DnsRepr.Record(name, DnsType.CNAME.value(), ttl,
                        new DnsRepr.Target(absolute(value.get("cname").asText(), origin))));
            } else if (value.isArray()) {
                for (JsonNode address : value) {
                    records.add(DnsZone.a(name, address(name, address.asText()), ttl));
                }
            } else if (value.isTextual()) {
                records.add(DnsZone.a(name, address(name, value.asText()), ttl));
            } else {
                throw new IllegalArgumentException(e.getKey() + ": an address, a list of addresses or {cname: NAME}");
            }
            names.put(name, records);
        }
        return new DnsZone(origin, names);
    }

    private static Ipv4Address address(String name, String text) {
        try {
            return Ipv4Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    private static String absolute(String name, String origin) {
        return name.endsWith(".") ? DnsName.normalize(name) : DnsName.normalize(name + "." + origin);
    }
}
