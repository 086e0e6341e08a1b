package dev.jnetlab.host;

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
 * its A, AAAA and CNAME records, and the SOA whose minimum bounds how long a negative answer is
 * cached (RFC 2308). Each address in the zone also answers backwards: a PTR record under
 * {@code in-addr.arpa.} or {@code ip6.arpa.} names the first name listed with it (RFC 1035
 * section 3.5, RFC 3596 section 2.5), as dnsmasq does for its hosts file, so {@code dig -x}
 * works without a second zone. Read from YAML by the {@code serve dns} command's zone file reader:
 *
 * <pre>
 * origin: lab
 * ttl: 300
 * names:
 *   peer: 192.168.69.100          # an A record
 *   www: {cname: peer}            # a CNAME (names without a final dot are in the origin)
 *   many: [10.0.0.1, 10.0.0.2]    # several A records
 *   six: [10.0.0.6, "fd00::6"]    # an address with a colon is an AAAA record
 * </pre>
 */
public final class DnsZone {
    public static final long DEFAULT_TTL = 300;
    /** The minimum of the zone's SOA: negative answers are cached this long. */
    public static final long NEGATIVE_TTL = 60;

    private final String origin;
    private final Map<String, List<DnsRepr.Record>> names;
    /** The PTR records derived from the addresses, by reverse name. */
    private final Map<String, List<DnsRepr.Record>> pointers = new LinkedHashMap<>();

    public DnsZone(String origin, Map<String, List<DnsRepr.Record>> names) {
        this.origin = DnsName.normalize(origin);
        Map<String, List<DnsRepr.Record>> copy = new LinkedHashMap<>();
        names.forEach((name, records) -> copy.put(DnsName.normalize(name), List.copyOf(records)));
        this.names = copy;
        copy.values().forEach(records -> records.forEach(this::pointBack));
    }

    private void pointBack(DnsRepr.Record record) {
        String reverse;
        if (record.data() instanceof DnsRepr.Address a) {
            reverse = DnsName.reverse(a.address());
        } else if (record.type() == DnsType.AAAA.value() && record.data() instanceof DnsRepr.Raw raw) {
            reverse = DnsName.reverse6(raw.octets());
        } else {
            return;
        }
        pointers.putIfAbsent(reverse, List.of(new DnsRepr.Record(reverse, DnsType.PTR.value(), record.ttl(),
                new DnsRepr.Target(record.name()))));
    }

    public String origin() {
        return origin;
    }

    public Map<String, List<DnsRepr.Record>> names() {
        return Map.copyOf(names);
    }

    /**
     * The zone the simulated peer serves, and {@code serve dns} without a file: the network's
     * nodes by name ({@code peer.lab}, {@code host.lab}; on a topology {@code h2.lab},
     * {@code r1.lab}, each with all its addresses), and for the DNS lab {@code www.lab}, a
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

    /** An A record. */
    public static DnsRepr.Record a(String name, Ipv4Address address, long ttl) {
        return new DnsRepr.Record(name, DnsType.A.value(), ttl, new DnsRepr.Address(address));
    }

    /** An AAAA record (RFC 3596): the 16 octets of an IPv6 address. */
    public static DnsRepr.Record aaaa(String name, byte[] address, long ttl) {
        if (address.length != 16) {
            throw new IllegalArgumentException("an AAAA record holds 16 octets, not " + address.length);
        }
        return new DnsRepr.Record(name, DnsType.AAAA.value(), ttl, new DnsRepr.Raw(address));
    }

    /** Whether {@code name} is in this zone (at or below its origin), or the reverse name of one of its addresses. */
    public boolean covers(String name) {
        return origin.equals(".") || name.equals(origin) || name.endsWith("." + origin) || pointers.containsKey(name);
    }

    public List<DnsRepr.Record> records(String name) {
        List<DnsRepr.Record> records = names.get(name);
        return records != null ? records : pointers.getOrDefault(name, List.of());
    }

    public DnsRepr.Record soa() {
        return new DnsRepr.Record(origin, DnsType.SOA.value(), NEGATIVE_TTL, new DnsRepr.Soa("ns." + origin,
                "hostmaster." + origin, 1, 3600, 600, 86400, NEGATIVE_TTL));
    }
}
