package dev.jnetlab.commands.bench;

import dev.jnetlab.commands.CommandResult;
import java.util.Locale;

/**
 * What a benchmark printed: how fast, and what it cost the thread that moved the frames.
 * {@code bench/run} reads {@code gbps} from the text (or the JSON form) of several runs.
 *
 * @param bench               {@code tcp-reader}, {@code tcp-writer} or {@code loopback}
 * @param mtu                 the IP MTU of the link the data crossed
 * @param buffer              each TCP socket's send and receive buffer, in octets
 * @param bytes               the octets transferred
 * @param seconds             from the connection's start to the last octet, on the stack's clock
 * @param gbps                bits per second over those seconds, in units of 10^9
 * @param segments            TCP segments on the wire, both ways
 * @param allocatedOctets     heap allocated meanwhile by the thread that ran the stack
 * @param octetsPerSegment    {@code allocatedOctets / segments}
 * @param garbageCollections  collections in the whole JVM meanwhile
 */
public record BenchResult(String bench, int mtu, int buffer, long bytes, double seconds, double gbps,
                          long segments, long allocatedOctets, double octetsPerSegment, long garbageCollections)
        implements CommandResult {

    /** The figures of a run of {@code bytes} octets over {@code micros} of the stack's clock. */
    public static BenchResult of(String bench, int mtu, int buffer, long bytes, long micros, long segments,
                                 Footprint cost) {
        double seconds = Math.max(micros, 1) / 1e6;
        return new BenchResult(bench, mtu, buffer, bytes, seconds, bytes * 8 / seconds / 1e9, segments,
                cost.allocated(), segments == 0 ? 0 : (double) cost.allocated() / segments, cost.collections());
    }

    @Override
    public String text() {
        return String.format(Locale.ROOT, "%s: %d octets in %.3f s: %.2f Gbps (MTU %d, %d-octet socket buffers)%n"
                        + "%d segments, %.2f octets allocated per segment on the stack's thread, %d garbage collections",
                bench, bytes, seconds, gbps, mtu, buffer, segments, octetsPerSegment, garbageCollections);
    }
}
