package dev.jnetlab.stack.socket.dns;

import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.util.List;
import java.util.Optional;

/** How a query ended. */
public sealed interface DnsResult {

    /** The question: the name as asked (absolute) and the type. */
    String name();

    int type();

    /**
     * Records that answer it: the CNAME chain from the name asked, then the records of the type
     * asked at its end. TTLs are what is left of them now (a cached answer counts down).
     *
     * @param server  who answered, or empty when the cache did
     * @param overTcp whether the answer came over TCP after a truncated one over UDP
     */
    record Answer(String name, int type, List<DnsRepr.Record> records, Optional<Ipv4Address> server, boolean overTcp)
            implements DnsResult {
        public Answer {
            records = List.copyOf(records);
        }

        /** The A records' addresses, in the order given. */
        public List<Ipv4Address> addresses() {
            return records.stream().filter(r -> r.data() instanceof DnsRepr.Address)
                    .map(r -> ((DnsRepr.Address) r.data()).address()).toList();
        }

        public boolean fromCache() {
            return server.isEmpty();
        }
    }

    /**
     * The name does not exist ({@code NXDOMAIN}) or has no record of the type ({@code NODATA}:
     * rcode NOERROR, no answer), RFC 2308. {@code chain} holds the CNAMEs followed to get there.
     */
    record Negative(String name, int type, int rcode, List<DnsRepr.Record> chain, Optional<Ipv4Address> server)
            implements DnsResult {
        public Negative {
            chain = List.copyOf(chain);
        }

        public boolean fromCache() {
            return server.isEmpty();
        }
    }

    /** No answer to use: every server timed out, refused, failed, or a chain looped. */
    record Failed(String name, int type, String why) implements DnsResult {
    }
}
