package dev.jnetlab.host.plot;

import dev.jnetlab.stack.phy.Direction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One segment of a connection as the plots see it, with the sender's congestion state when the
 * segment crossed the interface.
 *
 * @param time       microseconds of the stack's clock (or of the capture)
 * @param direction  {@link Direction#TX} from the plotted end, {@link Direction#RX} to it
 * @param flags      the TCP flags
 * @param seq        the sequence number, a 32-bit pattern
 * @param length     octets of payload
 * @param ack        the acknowledgment number, a 32-bit pattern (meaningful with ACK)
 * @param window     the advertised window in octets, scaled once both SYNs agreed a scale
 * @param sacks      the SACK blocks it carried (RFC 2018 §3)
 * @param mark       what a sent segment is besides new data
 * @param congestion the plotted end's congestion state, when the samples come from the stack
 */
public record Sample(long time, Direction direction, int flags, int seq, int length, int ack, int window,
                     List<SackBlock> sacks, SampleMark mark, Optional<Congestion> congestion) {
    public Sample {
        Objects.requireNonNull(direction, "direction");
        sacks = List.copyOf(sacks);
        Objects.requireNonNull(mark, "mark");
        Objects.requireNonNull(congestion, "congestion");
    }

    /** One SACK block: {@code [left, right)} in sequence space, 32-bit patterns. */
    public record SackBlock(int left, int right) {
    }

    /**
     * The sending end's congestion state (RFC 5681, RFC 6298).
     *
     * @param cwnd     congestion window, octets
     * @param ssthresh slow-start threshold, octets
     * @param inFlight octets sent and not acknowledged
     * @param srtt     smoothed round-trip time, microseconds
     * @param rto      retransmission timeout, microseconds
     */
    public record Congestion(long cwnd, long ssthresh, long inFlight, long srtt, long rto) {
    }
}
