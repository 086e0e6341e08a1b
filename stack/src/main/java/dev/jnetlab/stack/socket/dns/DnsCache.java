package dev.jnetlab.stack.socket.dns;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.DnsRepr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resolver's cache: answers by (name, type), each kept as long as its smallest TTL
 * (RFC 1035 section 7.4), negative answers as long as their SOA says (RFC 2308 section 5).
 * Bounded: when full, the entry that expires first makes room.
 */
public final class DnsCache {
    public static final int DEFAULT_CAPACITY = 256;

    /** What is cached for one question: records (empty for a negative answer) and the rcode. */
    record Entry(List<DnsRepr.Record> records, int rcode, long storedAt, long expiresAt) {
    }

    /** One cached question, as {@code resolve --cache} lists it. */
    public record Line(String name, int type, int rcode, List<DnsRepr.Record> records, long secondsLeft) {
    }

    private final int capacity;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public DnsCache(int capacity) {
        this.capacity = capacity;
    }

    private static String key(String name, int type) {
        return type + " " + name.toLowerCase(java.util.Locale.ROOT);
    }

    void put(long now, String name, int type, List<DnsRepr.Record> records, int rcode, long ttlSeconds) {
        if (ttlSeconds <= 0) {
            return;
        }
        if (entries.size() >= capacity && !entries.containsKey(key(name, type))) {
            String soonest = null;
            long at = Long.MAX_VALUE;
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                if (e.getValue().expiresAt < at) {
                    at = e.getValue().expiresAt;
                    soonest = e.getKey();
                }
            }
            entries.remove(soonest);
        }
        entries.put(key(name, type), new Entry(List.copyOf(records), rcode, now, now + Micros.ofSeconds(ttlSeconds)));
    }

    /** The records cached for the question with their TTLs counted down to now, or empty once expired. */
    Optional<Entry> get(long now, String name, int type) {
        Entry entry = entries.get(key(name, type));
        if (entry == null) {
            return Optional.empty();
        }
        if (now >= entry.expiresAt) {
            entries.remove(key(name, type));
            return Optional.empty();
        }
        long elapsed = (now - entry.storedAt) / Micros.PER_SECOND;
        List<DnsRepr.Record> aged = new ArrayList<>(entry.records.size());
        for (DnsRepr.Record r : entry.records) {
            aged.add(new DnsRepr.Record(r.name(), r.type(), Math.max(0, r.ttl() - elapsed), r.data()));
        }
        return Optional.of(new Entry(aged, entry.rcode, entry.storedAt, entry.expiresAt));
    }

    /** Every entry still alive, with the seconds it has left. */
    public List<Line> lines(long now) {
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, Entry> e : new ArrayList<>(entries.entrySet())) {
            String[] parts = e.getKey().split(" ", 2);
            get(now, parts[1], Integer.parseInt(parts[0])).ifPresent(entry -> lines.add(new Line(parts[1],
                    Integer.parseInt(parts[0]), entry.rcode, entry.records,
                    (entry.expiresAt - now + Micros.PER_SECOND - 1) / Micros.PER_SECOND)));
        }
        return lines;
    }

    public int size() {
        return entries.size();
    }

    public void clear() {
        entries.clear();
    }
}
