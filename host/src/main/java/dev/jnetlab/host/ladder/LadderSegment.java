package dev.jnetlab.host.ladder;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.socket.tcp.TransmitReason;
import dev.jnetlab.stack.wire.TcpFlags;
import java.util.Objects;
import java.util.Optional;

/**
 * One segment of a connection, as a ladder diagram draws it: one arrow.
 *
 * @param time        when it crossed the interface, in microseconds of the stack's clock
 * @param direction   {@link Direction#TX} from the local end to the remote one, {@link Direction#RX} back
 * @param flags       the TCP flags ({@link TcpFlags} bits)
 * @param seq         the sequence number, a 32-bit pattern
 * @param ack         the acknowledgment number, a 32-bit pattern (meaningful with ACK)
 * @param length      octets of payload
 * @param window      the window field as sent, before scaling
 * @param localState  the state the local end entered by sending or receiving this segment, if it changed
 * @param remoteState the state the remote end entered, if it changed
 * @param lost        whether the link lost it (the fault injector dropped it): it never reached the other end
 * @param reason      why the local end sent it, as its socket said ({@link TransmitReason#ORDINARY} when
 *                    received, or when only the frame was seen)
 */
public record LadderSegment(long time, Direction direction, int flags, int seq, int ack, int length, int window,
                            Optional<TcpState> localState, Optional<TcpState> remoteState, boolean lost,
                            TransmitReason reason) {
    /** The largest window a segment can advertise: 65535 shifted by RFC 7323's largest scale, 14. */
    public static final int MAX_WINDOW = 0xFFFF << 14;

    public LadderSegment {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(localState, "localState");
        Objects.requireNonNull(remoteState, "remoteState");
        Objects.requireNonNull(reason, "reason");
        if (length < 0 || window < 0 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("a segment of " + length + " octets, window " + window);
        }
    }

    /**
     * The segment without states: what a recorder sees before inferring them.
     *
     * @param window the window in octets: the field, shifted by its sender's window scale once both SYNs agreed on one
     */
    public static LadderSegment of(long time, Direction direction, int flags, int seq, int ack, int length, int window) {
        return new LadderSegment(time, direction, flags, seq, ack, length, window, Optional.empty(), Optional.empty(),
                false, TransmitReason.ORDINARY);
    }

    /** The same segment, sent for {@code why}. */
    public LadderSegment because(TransmitReason why) {
        return new LadderSegment(time, direction, flags, seq, ack, length, window, localState, remoteState, lost, why);
    }

    /** The same segment, lost on the link. */
    public LadderSegment asLost() {
        return new LadderSegment(time, direction, flags, seq, ack, length, window, localState, remoteState, true, reason);
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    /** Sequence space it takes: its payload, and one each for SYN and FIN. */
    public int sequenceLength() {
        return length + (has(TcpFlags.SYN) ? 1 : 0) + (has(TcpFlags.FIN) ? 1 : 0);
    }

    LadderSegment withStates(Optional<TcpState> local, Optional<TcpState> remote) {
        return new LadderSegment(time, direction, flags, seq, ack, length, window, local, remote, lost, reason);
    }
}
