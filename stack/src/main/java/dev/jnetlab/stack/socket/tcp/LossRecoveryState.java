package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.time.Micros;

/**
 * What {@code tcp show} prints of the sender's loss recovery beyond the counters of
 * {@link TcpControlBlock}: RACK (RFC 8985 §6), tail loss probes (§7), PRR (RFC 6937) and the
 * reductions undone as spurious (RFC 3522, RFC 3708).
 *
 * @param rack whether RACK-TLP detects loss on this connection (SACK negotiated, not turned off)
 * @param reorderingWindow RACK.reo_wnd as last computed
 * @param minRtt RACK.min_RTT, zero before a delivery was timed
 * @param reorderingSeen RACK.reord: a segment was delivered below RACK.fack without a retransmission
 * @param reorderTimerArmed whether RACK's reordering timer is armed
 * @param rackLosses segments RACK marked lost
 * @param dsacks ACKs that carried a D-SACK (RFC 2883)
 * @param lossProbeArmed whether a tail loss probe is scheduled (PTO)
 * @param lossProbes tail loss probes sent
 * @param probesInRecovery of them, probes sent during a recovery (whose reduction covers them)
 * @param secondProbes of them, probes that followed one answered by no ACK at all, twice the PTO later
 * @param probeRepairs probes that repaired a loss by themselves (RFC 8985 §7.4)
 * @param prrDelivered PRR's prr_delivered in the current (or last) recovery
 * @param prrOut PRR's prr_out
 * @param recoverFs PRR's RecoverFS
 * @param eifelUndos reductions undone because a timestamp echo showed the original acknowledged (RFC 3522)
 * @param dsackUndos reductions undone because D-SACKs reported every retransmitted octet (RFC 3708)
 * @param frtoUndos timeouts undone because F-RTO's two ACKs showed them spurious (RFC 5682)
 * @param recoveryMicros time spent in fast recovery (RFC 6675, RACK's included) since the connection opened
 */
public record LossRecoveryState(boolean rack, long reorderingWindow, long minRtt, boolean reorderingSeen,
                                boolean reorderTimerArmed, long rackLosses, long dsacks,
                                boolean lossProbeArmed, long lossProbes, long probesInRecovery, long secondProbes,
                                long probeRepairs, long prrDelivered, long prrOut, long recoverFs,
                                long eifelUndos, long dsackUndos, long frtoUndos, long recoveryMicros) {
    /** Nothing to show: a connection without SACK, or not yet open. */
    public static final LossRecoveryState NONE = new LossRecoveryState(false, 0, 0, false, false, 0, 0,
            false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** This state with the socket's own counters given: the undos by kind and the time in recovery. */
    public LossRecoveryState withSocketCounters(long eifel, long dsack, long frto, long inRecovery) {
        return new LossRecoveryState(rack, reorderingWindow, minRtt, reorderingSeen, reorderTimerArmed, rackLosses,
                dsacks, lossProbeArmed, lossProbes, probesInRecovery, secondProbes, probeRepairs, prrDelivered, prrOut,
                recoverFs, eifel, dsack, frto, inRecovery);
    }

    /** One line for {@code tcp show}, without the label. */
    public StringBuilder appendTo(StringBuilder out) {
        if (!rack) {
            out.append("RACK-TLP off");
        } else {
            out.append("RACK reo_wnd ");
            Micros.appendTo(out, reorderingWindow).append(" (min RTT ");
            Micros.appendTo(out, minRtt).append(reorderingSeen ? ", reordering seen" : "")
                    .append(reorderTimerArmed ? ", timer armed" : "").append("), ")
                    .append(rackLosses).append(" lost, ").append(dsacks).append(" D-SACKs; TLP ")
                    .append(lossProbeArmed ? "armed" : "not armed").append(", ").append(lossProbes)
                    .append(" probes (").append(probesInRecovery).append(" in recovery, ").append(secondProbes)
                    .append(" second, ").append(probeRepairs).append(" repaired)");
        }
        out.append("; PRR delivered ").append(prrDelivered).append(", out ").append(prrOut)
                .append(" of RecoverFS ").append(recoverFs).append("; undone ").append(eifelUndos)
                .append(" by timestamps, ").append(dsackUndos).append(" by D-SACK, ").append(frtoUndos)
                .append(" by F-RTO; ");
        return Micros.appendTo(out, recoveryMicros).append(" in recovery");
    }
}
