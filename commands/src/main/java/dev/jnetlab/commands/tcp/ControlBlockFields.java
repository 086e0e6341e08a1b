package dev.jnetlab.commands.tcp;

import dev.jnetlab.stack.socket.tcp.LossRecoveryState;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.time.Micros;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The control block as {@code tcp show H --json} gives it: one field per figure that
 * {@code tcp show H} prints, with stable names. Sequence numbers are unsigned (0 to 2^32 − 1),
 * times microseconds ({@code null} for a timer that is off), windows and queues octets, a
 * window without limit {@code null}.
 *
 * @param timers the armed timers by name ({@code retransmission}), with the microseconds left
 * @param lossRecovery the sender's loss recovery as {@code recovery:} prints it (RACK, probes,
 *     PRR, undos by kind, time in recovery), each figure a field
 */
public record ControlBlockFields(
        String state, String closeReason, String local, String remote,
        long iss, long irs, long sndUna, long sndNxt, long sndMax, int sndWnd, long sndWl1, long sndWl2,
        long rcvNxt, int rcvWnd,
        int sndWindowShift, int rcvWindowShift, boolean windowScaleNegotiated,
        int sendMss, int receiveMss, int peerMss, int pathMtu,
        long srttMicros, long rttvarMicros, long rtoMicros,
        String congestion, Integer cwnd, Integer ssthresh, boolean inRecovery, long inflation,
        int sendQueued, int inFlight, long octetsSent, long octetsReceived, int recvUnread, int outOfOrderRanges,
        long segmentsIn, long segmentsOut, long retransmissions, long fastRetransmits, long timeouts,
        long duplicateAcks, int duplicateAcksInARow,
        boolean sackNegotiated, boolean timestampsNegotiated, int sackedRanges,
        Map<String, Long> timers,
        boolean nagle, boolean delayedAck, long ackDelayMicros,
        Long keepAliveIdleMicros, long keepAliveIntervalMicros, int keepAliveProbes, Long userTimeoutMicros, long timeWaitMicros,
        long challengeAcks, long pawsRejected, long outOfOrderDrops, String lastIcmpError,
        LossRecoveryState lossRecovery) {

    static ControlBlockFields of(TcpControlBlock b) {
        Map<String, Long> timers = new LinkedHashMap<>();
        for (TcpControlBlock.ArmedTimer timer : b.timers()) {
            timers.put(timer.timer().toString(), timer.remaining());
        }
        return new ControlBlockFields(
                b.state().toString(), b.closeReason().toString(), b.local().toString(), b.remote().toString(),
                u(b.iss()), u(b.irs()), u(b.sndUna()), u(b.sndNxt()), u(b.sndMax()), b.sndWnd(), u(b.sndWl1()),
                u(b.sndWl2()), u(b.rcvNxt()), b.rcvWnd(),
                b.sndWindowShift(), b.rcvWindowShift(), b.windowScaleNegotiated(),
                b.sendMss(), b.receiveMss(), b.peerMss(), b.pathMtu(),
                b.srtt(), b.rttvar(), b.rto(),
                b.congestionAlgorithm().label(), window(b.cwnd()), window(b.ssthresh()), b.inRecovery(), b.inflation(),
                b.sendQueued(), b.inFlight(), b.octetsSent(), b.octetsReceived(), b.recvUnread(), b.outOfOrderRanges(),
                b.segmentsIn(), b.segmentsOut(), b.retransmissions(), b.fastRetransmits(), b.timeouts(),
                b.duplicateAcks(), b.duplicateAcksInARow(),
                b.sackNegotiated(), b.timestampsNegotiated(), b.sackedRanges(),
                timers,
                b.nagle(), b.delayedAck(), b.ackDelay(),
                off(b.keepAliveIdle()), b.keepAliveInterval(), b.keepAliveProbes(), off(b.userTimeout()), b.timeWaitDuration(),
                b.challengeAcks(), b.pawsRejected(), b.outOfOrderDrops(), b.lastIcmpError(), b.lossRecovery());
    }

    private static long u(int seq) {
        return Integer.toUnsignedLong(seq);
    }

    private static Integer window(int octets) {
        return octets == Integer.MAX_VALUE ? null : octets;
    }

    private static Long off(long micros) {
        return micros == Micros.NEVER ? null : micros;
    }
}
