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
import java.net.InetAddress;
import java.net.UnknownHostException;
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
                    records.add(address(name, address.asText(), ttl));
                }
            } else if (value.isTextual()) {
                records.add(address(name, value.asText(), ttl));
            } else {
                throw new IllegalArgumentException(e.getKey() + ": an address, a list of addresses or {cname: NAME}");
            }
            names.put(name, records);
        }
        return new DnsZone(origin, names);
    }

    /** An A record, or an AAAA record for an address with a colon in it. */
    private static DnsRepr.Record address(String name, String text, long ttl) {
        if (text.indexOf(':') >= 0) {
            return DnsZone.aaaa(name, ipv6(name, text), ttl);
        }
        try {
            return DnsZone.a(name, Ipv4Address.parse(text), ttl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    /**
     * The 16 octets of an IPv6 address written as RFC 4291 section 2.2 allows. Only hex digits,
     * colons and dots reach InetAddress, which then parses a literal and never asks a resolver.
     */
    private static byte[] ipv6(String name, String text) {
        String problem = name + ": not an IPv6 address: '" + text + "' (like fd00::6)";
        if (!text.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException(problem);
        }
        try {
            byte[] octets = InetAddress.getByName(text).getAddress();
            if (octets.length != 16) {
                throw new IllegalArgumentException(problem);
            }
            return octets;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static String absolute(String name, String origin) {
        return name.endsWith(".") ? DnsName.normalize(name) : DnsName.normalize(name + "." + origin);
    }
}
