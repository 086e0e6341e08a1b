package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_SEQ;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.time.Micros;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Proportional Rate Reduction (RFC 6937): how much a SACK sender sends during fast recovery. */
class ProportionalRateReductionTest {
    static final int L = LOCAL_SEQ;
    static final int R = REMOTE_SEQ;

    @Nested
    class TheRules {
        final ProportionalRateReduction prr = new ProportionalRateReduction();

        @Test
        void aboveSsthreshTheSendingRateIsSsthreshOverRecoverFsOfWhatIsDelivered() {
            prr.start(2000, 100);
            prr.acknowledged(100, 1600, 1000, 100);
            // The ACK that starts recovery lets the retransmission out.
            assertEquals(100, prr.allowance());
            prr.sent(100);
            prr.acknowledged(100, 1500, 1000, 100);
            // ceil(200 · 1000 / 2000) − 100 = 0
            assertEquals(0, prr.allowance());
            prr.acknowledged(100, 1400, 1000, 100);
            assertEquals(50, prr.allowance());
            prr.acknowledged(100, 1300, 1000, 100);
            assertEquals(100, prr.allowance());
        }

        @Test
        void atOrBelowSsthreshItSlowStartsBackWithOneMssMoreThanDelivered() {
            prr.start(1000, 100);
            prr.sent(100);
            prr.acknowledged(300, 200, 500, 100);
            // PRR-SSRB (RFC 6937 §3.1): min(ssthresh − pipe, max(prr_delivered − prr_out, DeliveredData) + MSS)
            assertEquals(Math.min(500 - 200, Math.max(300 - 100, 300) + 100), prr.allowance());
            prr.acknowledged(100, 450, 500, 100);
            assertEquals(50, prr.allowance());
        }
    }

    @Nested
    class DuringRecovery {
        @Test
        void oneSegmentLeavesForEveryTwoDeliveredWhileThePipeIsAboveHalfTheFlight() {
            RecordingCongestionControl cc = new RecordingCongestionControl();
            TcpSocket socket = TcpHarness.newSocket(64, 8192).setNagle(false).setCongestionControl(cc)
                    .setMinRto(Micros.ofSeconds(1));
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(8000).mss(100).sackOk());
            h.recvOne();
            h.at(10).send(seg().seq(R + 1).ack(L + 1).win(8000));
            cc.window = 2000;
            h.sendBytes(TcpHarness.bytes(2000, 3));
            assertEquals(20, h.drain().size());
            h.sendBytes(TcpHarness.bytes(2000, 4));
            // The segment at 0 is lost; the other nineteen are SACKed one ACK at a time.
            List<Integer> perAck = new ArrayList<>();
            h.at(20);
            for (int k = 1; k <= 13; k++) {
                h.send(seg().seq(R + 1).ack(L + 1).win(8000).sack(L + 101, L + 101 + 100 * k));
                perAck.add(h.drain().size());
            }
            // The first two let one new segment out each (limited transmit, RFC 3042); the third
            // starts recovery (RACK, no reordering seen) with the retransmission. ssthresh is
            // half the flight of 2200, so while the pipe stays above it one segment leaves per
            // two delivered (RFC 6937 §3, the proportional part), not none and then a burst.
            assertEquals(List.of(1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0), perAck);
            assertEquals(1100, cc.slowStartThreshold());
        }
    }
}
