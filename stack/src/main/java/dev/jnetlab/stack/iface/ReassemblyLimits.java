package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Packet;

/**
 * What IPv4 reassembly may hold (RFC 791 section 3.2, RFC 815): how many datagrams at once,
 * how large each may grow, in how many pieces, and for how long.
 *
 * <p>The default timeout is 30 seconds, Linux's {@code ipfrag_time}. RFC 791 suggests starting
 * the timer at 15 seconds and RFC 1122 section 3.3.2 recommends 60 to 120; this stack takes
 * Linux's value because its labs run against Linux peers, so a lost fragment ends the same way
 * on both sides, and because with a few slots a shorter hold frees them sooner.
 *
 * @param maxDatagrams  datagrams in reassembly at once; the oldest is given up for a new one
 * @param maxSize       the largest datagram reassembled, header included: at most 65535 (RFC 791)
 * @param maxFragments  pieces kept per datagram; a datagram cut finer is dropped
 * @param timeoutMicros how long a datagram may take to complete, from its first fragment
 */
public record ReassemblyLimits(int maxDatagrams, int maxSize, int maxFragments, long timeoutMicros) {
    public static final long DEFAULT_TIMEOUT = Micros.ofSeconds(30);
    public static final ReassemblyLimits DEFAULTS = new ReassemblyLimits(4, Ipv4Packet.MAX_LEN, 64, DEFAULT_TIMEOUT);

    public ReassemblyLimits {
        if (maxDatagrams < 0) {
            throw new IllegalArgumentException("datagrams in reassembly: at least 0, not " + maxDatagrams);
        }
        if (maxSize < 68 || maxSize > Ipv4Packet.MAX_LEN) {
            throw new IllegalArgumentException("a reassembled datagram is 68 to 65535 octets (RFC 791), not " + maxSize);
        }
        if (maxFragments < 2) {
            throw new IllegalArgumentException("a fragmented datagram has at least 2 fragments: " + maxFragments);
        }
        if (timeoutMicros <= 0) {
            throw new IllegalArgumentException("a reassembly timeout is positive: " + timeoutMicros);
        }
    }
}
