package dev.jnetlab.host.ladder;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.wire.TcpFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The states of both ends of a connection, inferred from its segments the way an observer on
 * the wire can (RFC 9293 §3.5 and §3.10.7): a SYN sent is SYN-SENT, a SYN received in LISTEN
 * is SYN-RECEIVED, the ACK of a SYN is ESTABLISHED, a FIN sent is FIN-WAIT-1 or LAST-ACK, a
 * FIN received is CLOSE-WAIT, CLOSING or TIME-WAIT, the ACK of a FIN is FIN-WAIT-2, TIME-WAIT
 * or CLOSED, a reset is CLOSED. A state is entered at the segment that causes it: the
 * sender's when it sends, the receiver's when the segment arrives (drawn on the same row).
 *
 * <p>The end that receives the first SYN is taken to have been in LISTEN if it answers with
 * SYN-ACK, CLOSED if it answers with a reset, and unknown if it never answers; a connection
 * recorded from the middle is taken to be ESTABLISHED at both ends. Timers are not seen on the
 * wire: TIME-WAIT ends, and retransmissions give up, without a segment to show it.
 */
final class StateInference {
    private StateInference() {
    }

    private static final class End {
        TcpState state;
        boolean synSent;
        int isn;
        boolean finSent;
        int finSeq;

        End copy() {
            End copy = new End();
            copy.state = state;
            copy.synSent = synSent;
            copy.isn = isn;
            copy.finSent = finSent;
            copy.finSeq = finSeq;
            return copy;
        }
    }

    static Ladder infer(IpEndpoint local, IpEndpoint remote, List<LadderSegment> segments, int omitted) {
        End localEnd = new End();
        End remoteEnd = new End();
        if (!segments.isEmpty()) {
            LadderSegment first = segments.get(0);
            End sender = first.direction() == Direction.TX ? localEnd : remoteEnd;
            End receiver = sender == localEnd ? remoteEnd : localEnd;
            if (first.has(TcpFlags.SYN) && !first.has(TcpFlags.ACK)) {
                sender.state = TcpState.CLOSED;
                receiver.state = firstAnswer(segments, first.direction());
            } else if (first.has(TcpFlags.SYN)) {
                sender.state = TcpState.LISTEN;
                receiver.state = TcpState.SYN_SENT;
            } else {
                sender.state = TcpState.ESTABLISHED;
                receiver.state = TcpState.ESTABLISHED;
            }
        }
        Optional<TcpState> localInitial = Optional.ofNullable(localEnd.state);
        Optional<TcpState> remoteInitial = Optional.ofNullable(remoteEnd.state);
        List<LadderSegment> out = new ArrayList<>(segments.size());
        for (LadderSegment segment : segments) {
            TcpState localBefore = localEnd.state;
            TcpState remoteBefore = remoteEnd.state;
            End sender = segment.direction() == Direction.TX ? localEnd : remoteEnd;
            End receiver = sender == localEnd ? remoteEnd : localEnd;
            // A segment lost on the link moves its sender only: the receiver never saw it.
            apply(segment, sender, segment.lost() ? receiver.copy() : receiver);
            out.add(segment.withStates(changed(localBefore, localEnd.state), changed(remoteBefore, remoteEnd.state)));
        }
        return new Ladder(local, remote, localInitial, remoteInitial, out, omitted);
    }

    /** What the receiver of the first SYN was, judged by its first answer. */
    private static TcpState firstAnswer(List<LadderSegment> segments, Direction synDirection) {
        for (LadderSegment segment : segments) {
            if (segment.direction() != synDirection) {
                if (segment.has(TcpFlags.RST)) {
                    return TcpState.CLOSED;
                }
                return segment.has(TcpFlags.SYN) && segment.has(TcpFlags.ACK) ? TcpState.LISTEN : null;
            }
        }
        return null;
    }

    private static Optional<TcpState> changed(TcpState before, TcpState after) {
        return after != null && after != before ? Optional.of(after) : Optional.empty();
    }

    private static void apply(LadderSegment segment, End sender, End receiver) {
        boolean syn = segment.has(TcpFlags.SYN);
        boolean ack = segment.has(TcpFlags.ACK);
        if (segment.has(TcpFlags.RST)) {
            close(sender);
            close(receiver);
            return;
        }
        if (syn) {
            if (!sender.synSent) {
                sender.synSent = true;
                sender.isn = segment.seq();
            }
            if (!ack) {
                if (sender.state == null || sender.state == TcpState.CLOSED) {
                    sender.state = TcpState.SYN_SENT;
                }
                if (receiver.state == TcpState.LISTEN || receiver.state == TcpState.SYN_SENT) {
                    receiver.state = TcpState.SYN_RECEIVED;
                }
                return;
            }
            if (sender.state == null || sender.state == TcpState.CLOSED || sender.state == TcpState.LISTEN) {
                sender.state = TcpState.SYN_RECEIVED;
            }
        }
        if (ack) {
            acknowledge(receiver, segment.ack(), syn);
        }
        if (segment.has(TcpFlags.FIN)) {
            if (!sender.finSent) {
                sender.finSent = true;
                sender.finSeq = segment.seq() + segment.length();
            }
            if (sender.state == TcpState.ESTABLISHED || sender.state == TcpState.SYN_RECEIVED) {
                sender.state = TcpState.FIN_WAIT_1;
            } else if (sender.state == TcpState.CLOSE_WAIT) {
                sender.state = TcpState.LAST_ACK;
            }
            if (receiver.state == TcpState.ESTABLISHED) {
                receiver.state = TcpState.CLOSE_WAIT;
            } else if (receiver.state == TcpState.FIN_WAIT_1) {
                receiver.state = TcpState.CLOSING;
            } else if (receiver.state == TcpState.FIN_WAIT_2) {
                receiver.state = TcpState.TIME_WAIT;
            }
        }
    }

    /** The receiver of an ACK: its SYN or its FIN may now be acknowledged. */
    private static void acknowledge(End receiver, int ack, boolean synAck) {
        if (receiver.state == null) {
            return;
        }
        switch (receiver.state) {
            case SYN_SENT -> {
                if (synAck && covers(ack, receiver.synSent, receiver.isn)) {
                    receiver.state = TcpState.ESTABLISHED;
                }
            }
            case SYN_RECEIVED -> {
                if (covers(ack, receiver.synSent, receiver.isn)) {
                    receiver.state = TcpState.ESTABLISHED;
                }
            }
            case FIN_WAIT_1 -> {
                if (receiver.finSent && covers(ack, true, receiver.finSeq)) {
                    receiver.state = TcpState.FIN_WAIT_2;
                }
            }
            case CLOSING -> {
                if (receiver.finSent && covers(ack, true, receiver.finSeq)) {
                    receiver.state = TcpState.TIME_WAIT;
                }
            }
            case LAST_ACK -> {
                if (receiver.finSent && covers(ack, true, receiver.finSeq)) {
                    receiver.state = TcpState.CLOSED;
                }
            }
            default -> {
                // nothing the ACK changes
            }
        }
    }

    /**
     * Whether {@code ack} acknowledges the SYN or FIN at {@code seq} (sequence numbers compare
     * modulo 2^32); true when that segment was not seen ({@code known} false).
     */
    private static boolean covers(int ack, boolean known, int seq) {
        return !known || ack - (seq + 1) >= 0;
    }

    private static void close(End end) {
        if (end.state != null) {
            end.state = TcpState.CLOSED;
        }
    }
}
