package dev.jnetlab.stack.socket.dns;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.DnsName;
import dev.jnetlab.stack.wire.DnsRcode;
import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.MessageException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DNS stub resolver (RFC 1035 section 7, RFC 1123 section 6.1.3), after smoltcp's
 * {@code socket::dns}: a state machine its owner drives. {@link #start} a query; send what
 * {@link #poll} hands out (UDP datagrams, or messages for a TCP connection); give it what comes
 * back ({@link #process}, {@link #processTcp}); read the {@link #result}.
 *
 * <ul>
 *   <li><b>Retries</b>: each server in turn, {@value #TIMEOUT_SECONDS} seconds each, twice round
 *       the list, before the query fails. SERVFAIL, REFUSED, NOTIMP and FORMERR move on to the
 *       next server at once.</li>
 *   <li><b>Truncation</b>: an answer with TC set is asked again of the same server over TCP
 *       (RFC 7766 section 5).</li>
 *   <li><b>CNAME chains</b>: followed within the answer, and by asking again for the target
 *       when the answer stops at a CNAME; at most {@value #MAX_CNAMES} links.</li>
 *   <li><b>Negative answers</b>: NXDOMAIN and NODATA are results, cached for the SOA's
 *       minimum when the server sent one (RFC 2308).</li>
 *   <li><b>Cache</b>: {@link DnsCache}; an answer is kept for its smallest TTL.</li>
 *   <li>Only the server asked, with the id and question asked, is believed (RFC 5452); anything
 *       else is dropped and counted ({@link DnsDrop}).</li>
 * </ul>
 *
 * Query ids come from the seed, so a run on the virtual clock repeats exactly. Not
 * thread-safe: the stack's event loop owns it.
 */
public final class DnsResolver {
    public static final int TIMEOUT_SECONDS = 2;
    public static final int ROUNDS = 2;
    public static final int MAX_CNAMES = 8;
    static final long TIMEOUT = Micros.ofSeconds(TIMEOUT_SECONDS);
    static final long TCP_TIMEOUT = Micros.ofSeconds(5);

    private final DnsCache cache;
    private final Map<DnsDrop, Long> drops = new EnumMap<>(DnsDrop.class);
    private final Map<Integer, Query> queries = new HashMap<>();
    private List<Ipv4Address> servers;
    private long idState;
    private int nextHandle = 1;

    private static final class Query {
        final String name;
        final int type;
        final List<Ipv4Address> servers;
        final List<DnsRepr.Record> chain = new ArrayList<>();
        String current;
        int id;
        int attempts;
        int server;
        boolean tcpWanted;
        boolean tcpSent;
        boolean overTcp;
        boolean sent;
        long deadline;
        DnsResult result;

        Query(String name, int type, List<Ipv4Address> servers) {
            this.name = name;
            this.type = type;
            this.servers = servers;
            this.current = name;
        }
    }

    public DnsResolver(List<Ipv4Address> servers, long seed) {
        this.servers = List.copyOf(servers);
        this.idState = seed ^ 0x444E_5344_4E53_444EL;
        this.cache = new DnsCache(DnsCache.DEFAULT_CAPACITY);
    }

    public List<Ipv4Address> servers() {
        return servers;
    }

    /** The servers asked from now on (the virtual peer, or what DHCP's option 6 names). */
    public void setServers(List<Ipv4Address> servers) {
        this.servers = List.copyOf(servers);
    }

    public DnsCache cache() {
        return cache;
    }

    public Map<DnsDrop, Long> drops() {
        return Map.copyOf(drops);
    }

    /**
     * Starts a query for {@code name} (absolute or not) of {@code type}, answered from the
     * cache at once if it can be; returns its handle.
     *
     * @throws IllegalArgumentException when {@code name} is no domain name
     */
    public int start(long now, String name, int type) {
        return start(now, name, type, servers);
    }

    /** As {@link #start(long, String, int)}, asking these servers instead of the configured ones ({@code dig @SERVER}). */
    public int start(long now, String name, int type, List<Ipv4Address> askThese) {
        Query query = new Query(DnsName.normalize(name), type, List.copyOf(askThese));
        int handle = nextHandle++;
        queries.put(handle, query);
        if (!fromCache(now, query)) {
            if (query.servers.isEmpty()) {
                query.result = new DnsResult.Failed(query.name, type, "no DNS server is configured");
            } else {
                ask(now, query);
            }
        }
        return handle;
    }

    /** How the query ended, or null while it runs. */
    public DnsResult result(int handle) {
        Query query = queries.get(handle);
        return query == null ? null : query.result;
    }

    /** Forgets a query (ended or not). */
    public void forget(int handle) {
        queries.remove(handle);
    }

    private boolean fromCache(long now, Query query) {
        for (int hops = 0; hops <= MAX_CNAMES; hops++) {
            Optional<DnsCache.Entry> exact = cache.get(now, query.current, query.type);
            if (exact.isPresent()) {
                DnsCache.Entry entry = exact.get();
                if (entry.records().isEmpty()) {
                    query.result = new DnsResult.Negative(query.name, query.type, entry.rcode(), query.chain, Optional.empty());
                } else {
                    query.chain.addAll(entry.records());
                    query.result = new DnsResult.Answer(query.name, query.type, query.chain, Optional.empty(), false);
                }
                return true;
            }
            Optional<DnsCache.Entry> alias = cache.get(now, query.current, DnsType.CNAME.value());
            if (alias.isEmpty() || query.type == DnsType.CNAME.value()) {
                break;
            }
            DnsRepr.Record cname = alias.get().records().get(0);
            query.chain.add(cname);
            query.current = ((DnsRepr.Target) cname.data()).name();
        }
        query.chain.clear();
        query.current = query.name;
        return false;
    }

    private void ask(long now, Query query) {
        query.id = nextId();
        query.attempts = 0;
        query.server = 0;
        query.sent = false;
        query.deadline = now;
    }

    private int nextId() {
        idState += 0x9E3779B97F4A7C15L;
        long z = idState;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 31)) & 0xFFFF;
    }

    /** When {@link #poll} has something to do. */
    public long pollAt() {
        long at = Micros.NEVER;
        for (Query query : queries.values()) {
            if (query.result == null) {
                at = Math.min(at, query.deadline);
            }
        }
        return at;
    }

    /** The next thing to send now, or null; call again until null. */
    public DnsTransmit poll(long now) {
        for (Query query : queries.values()) {
            if (query.result != null || now < query.deadline) {
                continue;
            }
            if (query.tcpWanted && !query.tcpSent) {
                query.tcpSent = true;
                query.deadline = now + TCP_TIMEOUT;
                return new DnsTransmit.Tcp(handleOf(query), query.servers.get(query.server), message(query));
            }
            if (query.tcpSent) {
                query.tcpWanted = false;
                query.tcpSent = false;
                nextServer(query);
            } else if (query.sent) {
                nextServer(query);
            }
            if (query.attempts >= ROUNDS * query.servers.size()) {
                query.result = new DnsResult.Failed(query.name, query.type, "no answer from " + serverList(query) + " ("
                        + query.attempts + " tries, " + TIMEOUT_SECONDS + " s each)");
                continue;
            }
            query.attempts++;
            query.sent = true;
            query.deadline = now + TIMEOUT;
            return new DnsTransmit.Udp(query.servers.get(query.server), message(query));
        }
        return null;
    }

    private void nextServer(Query query) {
        query.server = (query.server + 1) % query.servers.size();
    }

    private static String serverList(Query query) {
        return query.servers.stream().map(Ipv4Address::toString).reduce((a, b) -> a + ", " + b).orElse("no server");
    }

    private int handleOf(Query query) {
        for (Map.Entry<Integer, Query> e : queries.entrySet()) {
            if (e.getValue() == query) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("a query that is not listed");
    }

    private static byte[] message(Query query) {
        return DnsRepr.query(query.id, query.current, query.type).emit();
    }

    /** A datagram from {@code source}, port {@code sourcePort}, to the resolver's port. */
    public void process(long now, Ipv4Address source, int sourcePort, byte[] buf, int offset, int length) {
        DnsRepr answer;
        try {
            answer = DnsRepr.parse(buf, offset, length);
        } catch (MessageException e) {
            drop(DnsDrop.MALFORMED);
            return;
        }
        Query query = waiting(answer.id(), source);
        if (query == null || sourcePort != 53 || !answer.isResponse()) {
            drop(DnsDrop.UNSOLICITED);
            return;
        }
        answered(now, query, answer, source);
    }

    /** The answer that came over TCP for the query {@code handle} (from {@link DnsTransmit.Tcp#query()}). */
    public void processTcp(long now, int handle, byte[] message) {
        Query query = queries.get(handle);
        DnsRepr answer;
        try {
            answer = DnsRepr.parse(message, 0, message.length);
        } catch (MessageException e) {
            drop(DnsDrop.MALFORMED);
            return;
        }
        if (query == null || query.result != null || !query.tcpSent || answer.id() != query.id) {
            drop(DnsDrop.UNSOLICITED);
            return;
        }
        query.overTcp = true;
        answered(now, query, answer, query.servers.get(query.server));
    }

    /** The TCP connection for query {@code handle} failed: the next server is asked over UDP. */
    public void tcpFailed(long now, int handle) {
        Query query = queries.get(handle);
        if (query != null && query.result == null && query.tcpSent) {
            query.deadline = now;
        }
    }

    private Query waiting(int id, Ipv4Address source) {
        for (Query query : queries.values()) {
            if (query.result == null && query.sent && query.id == id && !query.tcpSent
                    && query.servers.get(query.server).equals(source)) {
                return query;
            }
        }
        return null;
    }

    private void answered(long now, Query query, DnsRepr answer, Ipv4Address server) {
        if (answer.questions().size() != 1 || !answer.questions().get(0).name().equalsIgnoreCase(query.current)
                || answer.questions().get(0).type() != query.type) {
            drop(DnsDrop.QUESTION_MISMATCH);
            return;
        }
        if (answer.truncated() && !query.overTcp) {
            query.tcpWanted = true;
            query.deadline = now;
            return;
        }
        int rcode = answer.rcode();
        if (rcode != 0 && rcode != 3) {
            // SERVFAIL, REFUSED and the like: this server cannot help; the next one may.
            query.deadline = now;
            query.tcpWanted = false;
            query.tcpSent = false;
            if (query.attempts >= ROUNDS * query.servers.size()) {
                query.result = new DnsResult.Failed(query.name, query.type, server + " answered "
                        + DnsRcode.nameOf(rcode));
            }
            return;
        }
        Optional<Ipv4Address> from = Optional.of(server);
        // Walk the chain inside the answer: CNAMEs from the name asked, then the records of the type.
        String name = query.current;
        List<DnsRepr.Record> finals = new ArrayList<>();
        for (int hops = 0; hops <= MAX_CNAMES; hops++) {
            finals.clear();
            DnsRepr.Record alias = null;
            for (DnsRepr.Record r : answer.answers()) {
                if (!r.name().equalsIgnoreCase(name)) {
                    continue;
                }
                if (r.type() == query.type) {
                    finals.add(r);
                } else if (r.type() == DnsType.CNAME.value() && alias == null) {
                    alias = r;
                }
            }
            if (!finals.isEmpty() || alias == null || query.type == DnsType.CNAME.value()) {
                break;
            }
            if (query.chain.size() >= MAX_CNAMES) {
                query.result = new DnsResult.Failed(query.name, query.type, "a CNAME chain longer than " + MAX_CNAMES);
                return;
            }
            query.chain.add(alias);
            cache.put(now, name, DnsType.CNAME.value(), List.of(alias), 0, alias.ttl());
            name = ((DnsRepr.Target) alias.data()).name();
        }
        if (!finals.isEmpty()) {
            cache.put(now, name, query.type, finals, 0, finals.stream().mapToLong(DnsRepr.Record::ttl).min().orElse(0));
            query.chain.addAll(finals);
            query.result = new DnsResult.Answer(query.name, query.type, query.chain, from, query.overTcp);
            return;
        }
        if (rcode == 0 && !name.equals(query.current) && answer.authorities().stream()
                .noneMatch(r -> r.type() == DnsType.SOA.value())) {
            // The answer ends at a CNAME and says nothing of the target: ask for the target.
            query.current = name;
            query.overTcp = false;
            ask(now, query);
            return;
        }
        long negativeTtl = answer.authorities().stream().filter(r -> r.data() instanceof DnsRepr.Soa)
                .mapToLong(r -> Math.min(r.ttl(), ((DnsRepr.Soa) r.data()).minimum())).min().orElse(0);
        cache.put(now, name, query.type, List.of(), rcode, negativeTtl);
        query.result = new DnsResult.Negative(query.name, query.type, rcode, query.chain, from);
    }

    private void drop(DnsDrop reason) {
        drops.merge(reason, 1L, Long::sum);
    }
}
