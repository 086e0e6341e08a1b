package dev.jnetlab.stack.socket.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * A test double for the controller boundary: a small Reno (RFC 5681) that writes down every
 * call the socket makes, so tests can check the contract of {@link CongestionControl}.
 */
final class RecordingCongestionControl implements CongestionControl {
    final List<String> calls = new ArrayList<>();
    int window;
    int ssthresh = Integer.MAX_VALUE;
    int smss;
    /** When positive, the window stays fixed at this value whatever happens. */
    final int fixed;

    RecordingCongestionControl() {
        this(0);
    }

    RecordingCongestionControl(int fixedWindow) {
        this.fixed = fixedWindow;
        this.window = fixedWindow > 0 ? fixedWindow : Integer.MAX_VALUE;
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.RENO;
    }

    @Override
    public int window() {
        return window;
    }

    @Override
    public int slowStartThreshold() {
        return ssthresh;
    }

    @Override
    public void start(long now, int smss, int initialWindow) {
        log("start " + smss);
        this.smss = smss;
        if (fixed == 0) {
            window = 4 * smss;
        }
    }

    @Override
    public void onAck(long now, int ackedOctets, int flightSize) {
        log("ack " + ackedOctets + " of " + flightSize);
        if (fixed == 0) {
            window += window < ssthresh ? Math.min(ackedOctets, smss) : Math.max(1, smss * smss / window);
        }
    }

    @Override
    public void onRttSample(long now, long rttMicros) {
        log("rtt " + rttMicros);
    }

    @Override
    public void onFastRetransmit(long now, int flightSize) {
        log("fast retransmit " + flightSize);
        if (fixed == 0) {
            ssthresh = Math.max(flightSize / 2, 2 * smss);
            window = ssthresh + 3 * smss;
        }
    }

    @Override
    public void onRecoveryEnd(long now) {
        log("recovery end");
        if (fixed == 0) {
            window = ssthresh;
        }
    }

    @Override
    public void onRetransmitTimeout(long now, int flightSize) {
        log("timeout " + flightSize);
        if (fixed == 0) {
            ssthresh = Math.max(flightSize / 2, 2 * smss);
            window = smss;
        }
    }

    @Override
    public void onIdleRestart(long now) {
        log("idle restart");
        if (fixed == 0) {
            window = Math.min(window, 4 * smss);
        }
    }

    @Override
    public void onSpuriousCongestionEvent(long now) {
        log("undo");
    }

    /** Stops writing calls down (a long transfer would make millions). */
    RecordingCongestionControl quiet() {
        recording = false;
        return this;
    }

    private boolean recording = true;

    private void log(String call) {
        if (recording) {
            calls.add(call);
        }
    }

    /** The calls other than RTT samples. */
    List<String> events() {
        return calls.stream().filter(c -> !c.startsWith("rtt")).toList();
    }
}
