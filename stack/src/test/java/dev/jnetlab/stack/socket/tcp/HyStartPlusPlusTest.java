package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.socket.tcp.HyStartPlusPlus.Phase;
import dev.jnetlab.stack.time.Micros;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HyStart++ (RFC 9406) in CUBIC's first slow start, driven by a sender that always has data:
 * each ACK acknowledges one segment and carries an RTT sample, the sender then fills cwnd, and
 * a round is what RFC 9406 §4.2 calls one: from the ACK that covers the previous windowEnd
 * (SND.NXT when that round began) to the ACK before the one that covers its own.
 */
class HyStartPlusPlusTest {

    static final int SMSS = 1000;
    static final long BASE_RTT = Micros.ofMillis(10);

    final Sender sender = new Sender(new CubicCongestionControl(true, true));

    /** The sender and the controller it feeds, on the virtual clock. */
    static final class Sender {
        final CubicCongestionControl cubic;
        long now;
        int sndUna;
        int sndNxt;

        Sender(CubicCongestionControl cubic) {
            this.cubic = cubic;
            cubic.start(0, SMSS, 10 * SMSS);
            sndNxt = cubic.window();
        }

        /** One round whose ACKs all carry {@code rtt}. */
        void round(long rtt) {
            round(rtt, Integer.MAX_VALUE);
        }

        /** One round in which only the first {@code samples} ACKs carry {@code rtt}. */
        void round(long rtt, int samples) {
            ack(rtt, samples > 0);
            int windowEnd = sndNxt;
            fill();
            for (int i = 1; sndUna + SMSS < windowEnd; i++) {
                ack(rtt, i < samples);
                fill();
            }
        }

        void ack(long rtt, boolean sampled) {
            int flight = sndNxt - sndUna;
            sndUna += SMSS;
            now += rtt / 10;
            if (sampled) {
                cubic.onRttSample(now, rtt);
            }
            cubic.onAck(now, SMSS, flight);
        }

        void fill() {
            sndNxt = Math.max(sndNxt, sndUna + cubic.window() / SMSS * SMSS);
        }

        Phase phase() {
            return cubic.hyStart().phase();
        }
    }

    @Nested
    class SlowStartSection42 {

        @Test
        void aRoundWhoseMinimumRttRisesByRttThreshEntersConservativeSlowStart() {
            sender.round(BASE_RTT);
            sender.round(BASE_RTT);
            assertEquals(Phase.SLOW_START, sender.phase());

            // RttThresh = max(4 ms, min(10 ms / 8, 16 ms)) = 4 ms.
            sender.round(BASE_RTT + Micros.ofMillis(4));

            assertEquals(Phase.CONSERVATIVE_SLOW_START, sender.phase());
            assertEquals(1, sender.cubic.hyStart().cssRound());
        }

        @Test
        void aRiseBelowRttThreshIsNotAQueue() {
            sender.round(BASE_RTT);
            sender.round(BASE_RTT);

            sender.round(BASE_RTT + Micros.ofMillis(4) - 1);

            assertEquals(Phase.SLOW_START, sender.phase());
        }

        @ParameterizedTest(name = "lastRoundMinRTT {0} us: RttThresh {1} us")
        @CsvSource({"10000, 4000", "64000, 8000", "200000, 16000"})
        void rttThreshIsAnEighthOfTheLastRoundsMinimumBetweenFourAndSixteenMilliseconds(long last, long thresh) {
            Sender below = new Sender(new CubicCongestionControl(true, true));
            for (Sender s : new Sender[] {sender, below}) {
                s.round(last);
                s.round(last);
            }

            below.round(last + thresh - 1);
            sender.round(last + thresh);

            assertEquals(Phase.SLOW_START, below.phase());
            assertEquals(Phase.CONSERVATIVE_SLOW_START, sender.phase());
        }

        @Test
        void aRoundWithFewerThanNRttSampleSamplesChangesNothing() {
            Sender twin = new Sender(new CubicCongestionControl(true, true));
            for (Sender s : new Sender[] {sender, twin}) {
                s.round(BASE_RTT);
                s.round(BASE_RTT);
            }

            sender.round(BASE_RTT + Micros.ofMillis(30), HyStartPlusPlus.N_RTT_SAMPLE - 1);
            twin.round(BASE_RTT, HyStartPlusPlus.N_RTT_SAMPLE - 1);

            assertEquals(Phase.SLOW_START, sender.phase());
            assertEquals(twin.cubic.window(), sender.cubic.window());
        }

        @Test
        void theSameRoundWithNRttSampleSamplesEntersConservativeSlowStart() {
            sender.round(BASE_RTT);
            sender.round(BASE_RTT);

            sender.round(BASE_RTT + Micros.ofMillis(30), HyStartPlusPlus.N_RTT_SAMPLE);

            assertEquals(Phase.CONSERVATIVE_SLOW_START, sender.phase());
        }
    }

    @Nested
    class ConservativeSlowStartSection42 {

        void enterCss() {
            sender.round(BASE_RTT);
            sender.round(BASE_RTT);
            sender.round(BASE_RTT + Micros.ofMillis(5));
            assertEquals(Phase.CONSERVATIVE_SLOW_START, sender.phase());
        }

        @Test
        void growsCwndByAQuarterOfWhatSlowStartWould() {
            enterCss();
            int before = sender.cubic.window();

            sender.ack(BASE_RTT + Micros.ofMillis(5), true);

            assertEquals(SMSS / HyStartPlusPlus.CSS_GROWTH_DIVISOR, sender.cubic.window() - before);
        }

        @Test
        void anRttBelowTheBaselineReturnsToSlowStart() {
            enterCss();

            sender.round(BASE_RTT + Micros.ofMillis(5) - 1);

            assertEquals(Phase.SLOW_START, sender.phase());
            int before = sender.cubic.window();
            sender.ack(BASE_RTT, true);
            assertEquals(SMSS, sender.cubic.window() - before);
        }

        @Test
        void cssRoundsLaterItIsCongestionAvoidanceWithSsthreshAtCwnd() {
            enterCss();
            for (int round = 1; round < HyStartPlusPlus.CSS_ROUNDS; round++) {
                sender.round(BASE_RTT + Micros.ofMillis(5));
                assertEquals(Phase.CONSERVATIVE_SLOW_START, sender.phase(), "after " + round + " whole rounds");
                assertEquals(round + 1, sender.cubic.hyStart().cssRound());
            }
            assertEquals(CongestionControls.UNLIMITED, sender.cubic.slowStartThreshold());

            // The ACK that ends the last of them.
            int windowBefore = sender.cubic.window();
            sender.ack(BASE_RTT + Micros.ofMillis(5), true);

            assertEquals(Phase.DONE, sender.phase());
            assertEquals(windowBefore, sender.cubic.slowStartThreshold());
            assertEquals(windowBefore, sender.cubic.window());
        }
    }

    @Nested
    class SlowStartGrowthSection43 {

        @Test
        void anAckCoversAtMostLEqualsEightSegmentsWithoutPacing() {
            CubicCongestionControl cubic = new CubicCongestionControl(true, true);
            cubic.start(0, SMSS, 40 * SMSS);

            cubic.onAck(0, 20 * SMSS, 40 * SMSS);

            assertEquals(48 * SMSS, cubic.window());
        }

        @Test
        void withHyStartOffAnAckCountsEverySegmentItCovers() {
            CubicCongestionControl cubic = new CubicCongestionControl(true, false);
            cubic.start(0, SMSS, 40 * SMSS);

            cubic.onAck(0, 20 * SMSS, 40 * SMSS);

            assertEquals(60 * SMSS, cubic.window());
        }
    }

    @Nested
    class TurnedOff {

        @Test
        void slowStartIsUnchangedByARisingRtt() {
            Sender off = new Sender(new CubicCongestionControl(true, false));
            off.round(BASE_RTT);
            off.round(BASE_RTT);
            int before = off.cubic.window();
            int unaBefore = off.sndUna;

            off.round(BASE_RTT + Micros.ofMillis(30));

            assertEquals(Phase.OFF, off.phase());
            assertEquals(off.sndUna - unaBefore, off.cubic.window() - before, "every acknowledged octet grows cwnd");
            assertEquals(CongestionControls.UNLIMITED, off.cubic.slowStartThreshold());
        }
    }

    @Nested
    class OnlyTheFirstSlowStart {

        @Test
        void aLossEndsIt() {
            sender.round(BASE_RTT);

            sender.cubic.onFastRetransmit(sender.now, sender.sndNxt - sender.sndUna);

            assertEquals(Phase.DONE, sender.phase());
        }
    }

    @Nested
    class TcpShow {

        @Test
        void namesThePhaseAndTheLastRoundsMinimumRtt() {
            sender.round(BASE_RTT);
            sender.round(BASE_RTT);
            assertEquals("HyStart++ slow start, last round's min RTT 10ms",
                    sender.cubic.hyStart().appendTo(new StringBuilder()).toString());

            sender.round(BASE_RTT + Micros.ofMillis(5));
            sender.round(BASE_RTT + Micros.ofMillis(5));

            assertEquals("HyStart++ CSS round 2 of 5, last round's min RTT 15ms",
                    sender.cubic.hyStart().appendTo(new StringBuilder()).toString());
            assertEquals("HyStart++ off", HyStartState.OFF.appendTo(new StringBuilder()).toString());
        }
    }
}
