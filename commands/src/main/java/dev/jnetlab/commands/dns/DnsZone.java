package dev.jnetlab.commands.dns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.jnetlab.stack.wire.DnsName;
import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a {@link DnsServer} is authoritative for: one zone (an origin such as {@code lab.}),
 * its A and CNAME records, and the SOA whose minimum bounds how long a negative answer is cached
 * (RFC 2308). Written in YAML:
 *
 * <pre>
 * origin: lab
 * ttl: 300
 * names:
 *   peer: 192.168.69.100          # an A record
 *   www: {cname: peer}            # a CNAME (names without a final dot are in the origin)
 *   many: [10.0.0.1, 10.0.0.2]    # several A records
 * </pre>
 */
public final class DnsZone {
    public static final long DEFAULT_TTL = 300;
    /** The minimum of the zone's SOA: negative answers are cached this long. */
    public static final long NEGATIVE_TTL = 60;

    private final String origin;
    private final Map<String, List<DnsRepr.Record>> names;

    public DnsZone(String origin, Map<String, List<DnsRepr.Record>> names) {
        this.origin = DnsName.normalize(origin);
        Map<String, List<DnsRepr.Record>> copy = new LinkedHashMap<>();
        names.forEach((name, records) -> copy.put(DnsName.normalize(name), List.copyOf(records)));
        this.names = copy;
    }

    public String origin() {
        return origin;
    }

    public Map<String, List<DnsRepr.Record>> names() {
        return Map.copyOf(names);
    }

    /**
     * The zone the simulated peer serves, and {@code serve dns} without a file: the network's
     * nodes by name ({@code peer.lab}, {@code host.lab}), and for the DNS lab {@code www.lab}, a
     * CNAME to the first node ({@code peer.lab} on the virtual network), and {@code big.lab}, with more A records than fit in 512 octets,
     * so that its answer over UDP is truncated and comes again over TCP.
     */
    public static DnsZone ofNodes(Map<String, List<Ipv4Address>> nodes) {
        Map<String, List<DnsRepr.Record>> names = new LinkedHashMap<>();
        nodes.forEach((node, addresses) -> {
            String name = node + ".lab.";
            names.put(name, addresses.stream().map(a -> a(name, a, DEFAULT_TTL)).toList());
        });
        String first = nodes.keySet().iterator().next() + ".lab.";
        names.put("www.lab.", List.of(new DnsRepr.Record("www.lab.", DnsType.CNAME.value(), DEFAULT_TTL,
                new DnsRepr.Target(first))));
        List<DnsRepr.Record> big = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            big.add(a("big.lab.", Ipv4Address.of(10, 0, 0, i), DEFAULT_TTL));
        }
        names.put("big.lab.", big);
        return new DnsZone("lab.", names);
    }

    private static DnsRepr.Record a(String name, Ipv4Address address, long ttl) {
        return new DnsRepr.Record(name, DnsType.A.value(), ttl, new DnsRepr.Address(address));
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
        long ttl = root.path("ttl").asLong(DEFAULT_TTL);
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
                    records.add(a(name, address(name, address.asText()), ttl));
                }
            } else if (value.isTextual()) {
                records.add(a(name, address(name, value.asText()), ttl));
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

    /** Whether {@code name} is in this zone (at or below its origin). */
    boolean covers(String name) {
        return origin.equals(".") || name.equals(origin) || name.endsWith("." + origin);
    }

    List<DnsRepr.Record> records(String name) {
        return names.getOrDefault(name, List.of());
    }

    DnsRepr.Record soa() {
        return new DnsRepr.Record(origin, DnsType.SOA.value(), NEGATIVE_TTL, new DnsRepr.Soa("ns." + origin,
                "hostmaster." + origin, 1, 3600, 600, 86400, NEGATIVE_TTL));
    }
}
