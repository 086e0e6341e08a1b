package dev.jnetlab.stack.socket.tcp;

/**
 * A sender that always has data and a path with a fixed round-trip time, driving one
 * controller: each round sends a full window and receives its ACKs, spread evenly over the
 * next RTT, one ACK per {@code segmentsPerAck} segments. Because the sender refills the
 * window after every ACK, the flight size before each ACK is the window itself.
 */
final class AckClock {

    final CongestionControl controller;
    final int smss;
    final long rttMicros;
    long now;

    AckClock(CongestionControl controller, int smss, long rttMicros, long startAt) {
        this.controller = controller;
        this.smss = smss;
        this.rttMicros = rttMicros;
        this.now = startAt;
    }

    /** Starts the connection and, as a socket would, reports the SYN's RTT sample. */
    static AckClock started(CongestionControl controller, int smss, long rttMicros) {
        AckClock clock = new AckClock(controller, smss, rttMicros, 0);
        controller.start(0, smss);
        controller.onRttSample(0, rttMicros);
        return clock;
    }

    /** One round trip; returns the window at its end. */
    int round(int segmentsPerAck) {
        return round(segmentsPerAck, null);
    }

    /** One round trip, calling {@code afterEachAck} with the window after each ACK. */
    int round(int segmentsPerAck, java.util.function.IntConsumer afterEachAck) {
        int window = controller.window();
        int octetsToAck = window;
        int perAck = segmentsPerAck * smss;
        int acks = (octetsToAck + perAck - 1) / perAck;
        long start = now;
        for (int i = 1; i <= acks; i++) {
            int acked = Math.min(perAck, octetsToAck);
            octetsToAck -= acked;
            now = start + rttMicros * i / acks;
            controller.onAck(now, acked, controller.window());
            controller.onRttSample(now, rttMicros);
            if (afterEachAck != null) {
                afterEachAck.accept(controller.window());
            }
        }
        now = start + rttMicros;
        return controller.window();
    }

    /** A loss found by three duplicate ACKs with a full window in flight, and its recovery one RTT later. */
    void lossAndRecovery() {
        controller.onFastRetransmit(now, controller.window());
        now += rttMicros;
        controller.onRecoveryEnd(now);
    }

    /** Windows in segments, for messages. */
    double segments() {
        return controller.window() / (double) smss;
    }
}
