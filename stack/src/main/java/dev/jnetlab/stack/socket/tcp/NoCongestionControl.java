package dev.jnetlab.stack.socket.tcp;

/**
 * No congestion control: the window never limits, so only the peer's receive window does.
 * This is what smoltcp does by default, and what a lab uses to show why congestion control
 * exists. Every event is accepted and ignored.
 */
public final class NoCongestionControl implements CongestionControl {

    @Override
    public Algorithm algorithm() {
        return Algorithm.NONE;
    }

    /** Always {@link CongestionControls#UNLIMITED}. */
    @Override
    public int window() {
        return CongestionControls.UNLIMITED;
    }

    /** Always {@link CongestionControls#UNLIMITED}. */
    @Override
    public int slowStartThreshold() {
        return CongestionControls.UNLIMITED;
    }

    @Override
    public void start(long now, int smss, int initialWindow) {
    }

    @Override
    public void onAck(long now, int ackedOctets, int flightSize) {
    }

    @Override
    public void onRttSample(long now, long rttMicros) {
    }

    @Override
    public void onFastRetransmit(long now, int flightSize) {
    }

    @Override
    public void onRecoveryEnd(long now) {
    }

    @Override
    public void onRetransmitTimeout(long now, int flightSize) {
    }

    @Override
    public void onIdleRestart(long now) {
    }

    @Override
    public void onSpuriousCongestionEvent(long now) {
    }

    @Override
    public String toString() {
        return "none";
    }
}
