package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.time.Micros;
import java.util.List;

/**
 * A snapshot of one connection's transmission control block (RFC 9293 §3.3.1), with every
 * field {@code tcp show} prints (ARCHITECTURE.md §5). Immutable; made by {@link TcpSocket#controlBlock}
 * when a person or a lab asks, never on the packet path.
 *
 * <p>Sequence numbers are 32-bit values in {@code int}s (print them with
 * {@link Integer#toUnsignedString(int)}); times are microseconds; windows and queues octets.
 * {@code sndNxt} is the next sequence number to transmit (it goes back to SND.UNA after a
 * retransmission timeout), {@code sndMax} the highest sent plus one.
 *
 * @param state the RFC 9293 state
 * @param closeReason why the connection closed, {@link CloseReason#NONE} while open
 * @param local the local endpoint
 * @param remote the remote endpoint
 * @param iss the initial send sequence number
 * @param irs the initial receive sequence number
 * @param sndUna SND.UNA, the oldest unacknowledged sequence number
 * @param sndNxt SND.NXT, the next sequence number to transmit
 * @param sndMax the highest sequence number sent, plus one
 * @param sndWnd SND.WND in octets (scaled)
 * @param sndWl1 SND.WL1, the SEG.SEQ of the segment that last updated the window
 * @param sndWl2 SND.WL2, the SEG.ACK of the segment that last updated the window
 * @param rcvNxt RCV.NXT, the next sequence number expected
 * @param rcvWnd RCV.WND in octets, as last advertised
 * @param sndWindowShift the peer's window scale (applied to windows received)
 * @param rcvWindowShift our window scale (applied to windows sent)
 * @param windowScaleNegotiated whether both SYNs carried the window scale option
 * @param sendMss the largest payload sent (peer's MSS within our MTU, less the timestamps)
 * @param receiveMss the MSS we announced (MTU − 40)
 * @param peerMss the MSS the peer announced (536 when it sent none)
 * @param srtt SRTT, zero before the first sample
 * @param rttvar RTTVAR, zero before the first sample
 * @param rto the current RTO, with backoff
 * @param cwnd the congestion window
 * @param ssthresh the slow-start threshold
 * @param congestionAlgorithm the congestion controller in use
 * @param inRecovery whether fast recovery is in progress
 * @param inflation NewReno's window inflation during recovery (octets, signed)
 * @param sendQueued octets in the send queue (unsent and unacknowledged)
 * @param inFlight octets (and SYN/FIN) sent and not acknowledged: SND.MAX − SND.UNA
 * @param octetsReceived octets received in order since the connection opened
 * @param recvUnread octets received and not yet read
 * @param outOfOrderRanges out-of-order ranges held by the assembler
 * @param octetsSent octets sent for the first time since the connection opened
 * @param segmentsIn segments given to the socket
 * @param segmentsOut segments the socket sent
 * @param retransmissions segments sent again
 * @param fastRetransmits fast retransmits (recoveries entered)
 * @param timeouts retransmission timeouts
 * @param duplicateAcks duplicate ACKs received since the connection opened
 * @param duplicateAcksInARow duplicate ACKs counted since the last new ACK (three start a fast retransmit)
 * @param sackNegotiated whether SACK is in use
 * @param timestampsNegotiated whether timestamps are in use
 * @param sackedRanges ranges on the sender's SACK scoreboard
 * @param timers the armed timers with the time left
 * @param nagle whether Nagle's algorithm is on
 * @param delayedAck whether delayed ACKs are on
 * @param ackDelay the delayed-ACK delay
 * @param keepAliveIdle idleness before the first keep-alive probe, {@link Micros#NEVER} when off
 * @param keepAliveInterval the time between unanswered keep-alive probes
 * @param keepAliveProbes unanswered keep-alive probes that end the connection
 * @param userTimeout the user timeout, {@link Micros#NEVER} when off
 * @param timeWaitDuration how long TIME-WAIT lasts
 * @param challengeAcks challenge ACKs sent (RFC 5961)
 * @param outOfOrderDrops out-of-order segments dropped because the assembler was full
 * @param pawsRejected segments rejected by PAWS (RFC 7323 §5)
 * @param missingTimestampDrops segments dropped for lacking timestamps once they were
 *     negotiated (RFC 7323 §3.2)
 * @param pathMtu the largest datagram sent: the link's MTU, or less once an ICMP "fragmentation
 *     needed" (RFC 1191) or a Packet Too Big (RFC 8201) lowered it; over IPv6, from the start
 *     when the interface knew the destination's
 * @param lastIcmpError the last ICMP error taken about the connection's segments, in words; null
 *     if none came
 * @param lossRecovery RACK-TLP's and PRR's state ({@link LossRecoveryState#NONE} without SACK)
 * @param hyStart HyStart++'s phase in the first slow start (RFC 9406), {@link HyStartState#OFF} without it
 */
public record TcpControlBlock(
        TcpState state, CloseReason closeReason,
        IpEndpoint local, IpEndpoint remote,
        int iss, int irs,
        int sndUna, int sndNxt, int sndMax, int sndWnd, int sndWl1, int sndWl2,
        int rcvNxt, int rcvWnd,
        int sndWindowShift, int rcvWindowShift, boolean windowScaleNegotiated,
        int sendMss, int receiveMss, int peerMss,
        long srtt, long rttvar, long rto,
        int cwnd, int ssthresh, CongestionControl.Algorithm congestionAlgorithm,
        boolean inRecovery, long inflation,
        int sendQueued, int inFlight, long octetsReceived, int recvUnread,
        int outOfOrderRanges,
        long octetsSent, long segmentsIn, long segmentsOut,
        long retransmissions, long fastRetransmits, long timeouts, long duplicateAcks, int duplicateAcksInARow,
        boolean sackNegotiated, boolean timestampsNegotiated, int sackedRanges,
        List<ArmedTimer> timers,
        boolean nagle, boolean delayedAck, long ackDelay,
        long keepAliveIdle, long keepAliveInterval, int keepAliveProbes, long userTimeout, long timeWaitDuration,
        long challengeAcks, long outOfOrderDrops, long pawsRejected, long missingTimestampDrops,
        int pathMtu, String lastIcmpError, LossRecoveryState lossRecovery, HyStartState hyStart) {

    public TcpControlBlock {
        timers = List.copyOf(timers);
    }

    /** A timer that is armed, and how long until it fires (negative if overdue). */
    public record ArmedTimer(TcpTimer timer, long remaining) {
        @Override
        public String toString() {
            return timer + " " + Micros.format(remaining);
        }
    }

    /** The time left on {@code timer}, if it is armed. */
    public java.util.OptionalLong remaining(TcpTimer timer) {
        for (ArmedTimer armed : timers) {
            if (armed.timer() == timer) {
                return java.util.OptionalLong.of(armed.remaining());
            }
        }
        return java.util.OptionalLong.empty();
    }

    /** The block as {@code tcp show} prints it: one {@code name: value} line per group. */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("state:        ").append(state);
        if (closeReason != CloseReason.NONE) {
            out.append(" (").append(closeReason).append(')');
        }
        out.append('\n');
        out.append("local:        ").append(local).append('\n');
        out.append("remote:       ").append(remote).append('\n');
        out.append("ISS:          ").append(u(iss)).append("   IRS: ").append(u(irs)).append('\n');
        out.append("SND.UNA:      ").append(u(sndUna)).append("   SND.NXT: ").append(u(sndNxt))
                .append("   SND.MAX: ").append(u(sndMax)).append('\n');
        out.append("SND.WND:      ").append(sndWnd).append("   SND.WL1: ").append(u(sndWl1))
                .append("   SND.WL2: ").append(u(sndWl2)).append('\n');
        out.append("RCV.NXT:      ").append(u(rcvNxt)).append("   RCV.WND: ").append(rcvWnd).append('\n');
        out.append("window scale: send ").append(sndWindowShift).append(", receive ").append(rcvWindowShift)
                .append(windowScaleNegotiated ? "" : " (not negotiated)").append('\n');
        out.append("MSS:          send ").append(sendMss).append(", receive ").append(receiveMss)
                .append(" (peer announced ").append(peerMss).append("), path MTU ").append(pathMtu).append('\n');
        out.append("RTT:          srtt ");
        Micros.appendTo(out, srtt).append(", rttvar ");
        Micros.appendTo(out, rttvar).append(", rto ");
        Micros.appendTo(out, rto).append('\n');
        // "congestion: reno" as the contract writes it (ARCHITECTURE.md §8), the columns of the other lines notwithstanding.
        out.append("congestion: ").append(congestionAlgorithm).append(", cwnd ").append(window(cwnd))
                .append(", ssthresh ").append(window(ssthresh)).append(", ").append(duplicateAcksInARow)
                .append(" duplicate ACKs in a row");
        if (inRecovery) {
            out.append(", in recovery (inflation ").append(inflation).append(')');
        }
        out.append('\n');
        out.append("send queue:   ").append(sendQueued).append(" queued, ").append(inFlight).append(" in flight, ")
                .append(octetsSent).append(" sent\n");
        out.append("receive:      ").append(octetsReceived).append(" received, ").append(recvUnread)
                .append(" unread, ").append(outOfOrderRanges).append(" out-of-order ranges\n");
        out.append("segments:     ").append(segmentsIn).append(" in, ").append(segmentsOut).append(" out, ")
                .append(retransmissions).append(" retransmitted, ").append(fastRetransmits).append(" fast retransmits, ")
                .append(timeouts).append(" timeouts, ").append(duplicateAcks).append(" duplicate ACKs\n");
        lossRecovery.appendTo(out.append("recovery:     ")).append('\n');
        hyStart.appendTo(out.append("slow start:   ")).append('\n');
        out.append("options:      SACK ").append(sackNegotiated ? "on" : "off")
                .append(" (").append(sackedRanges).append(" SACKed ranges), timestamps ")
                .append(timestampsNegotiated ? "on" : "off").append(", Nagle ").append(nagle ? "on" : "off")
                .append(", delayed ACK ");
        if (delayedAck) {
            Micros.appendTo(out, ackDelay);
        } else {
            out.append("off");
        }
        out.append('\n');
        out.append("timers:       ");
        if (timers.isEmpty()) {
            out.append("none");
        }
        for (int i = 0; i < timers.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(timers.get(i));
        }
        out.append('\n');
        out.append("keep-alive:   ");
        if (keepAliveIdle == Micros.NEVER) {
            out.append("off");
        } else {
            Micros.appendTo(out.append("idle "), keepAliveIdle).append(", every ");
            Micros.appendTo(out, keepAliveInterval).append(", ").append(keepAliveProbes).append(" probes");
        }
        out.append("   user timeout: ");
        Micros.appendTo(out, userTimeout).append("   TIME-WAIT: ");
        Micros.appendTo(out, timeWaitDuration).append('\n');
        out.append("security:     ").append(challengeAcks).append(" challenge ACKs, ").append(pawsRejected)
                .append(" PAWS rejects, ").append(missingTimestampDrops).append(" without timestamps, ")
                .append(outOfOrderDrops).append(" out-of-order drops\n");
        if (lastIcmpError != null) {
            out.append("ICMP:         ").append(lastIcmpError).append('\n');
        }
        return out;
    }

    private static String u(int seq) {
        return Integer.toUnsignedString(seq);
    }

    private static String window(int octets) {
        return octets == Integer.MAX_VALUE ? "unlimited" : Integer.toString(octets);
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(1024)).toString();
    }
}
