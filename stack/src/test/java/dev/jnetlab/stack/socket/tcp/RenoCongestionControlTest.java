package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenoCongestionControlTest {

    static final int SMSS = 1460;
    static final long RTT = 100_000;

    RenoCongestionControl reno;

    @BeforeEach
    void create() {
        reno = new RenoCongestionControl();
    }

    @Nested
    class AtStart {

        @ParameterizedTest(name = "SMSS {0}: IW {1} octets ({2} segments)")
        @CsvSource({
            "536, 2144, 4",
            "1095, 4380, 4",
            "1096, 4380, 3",
            "1460, 4380, 3",
            "2190, 4380, 2",
            "2191, 4382, 2",
            "9000, 18000, 2",
        })
        void theInitialWindowIsRfc5681Equation1(int smss, int expectedOctets, int expectedSegments) {
            reno.start(0, smss);
            assertEquals(expectedOctets, reno.window());
            assertEquals(expectedSegments, reno.window() / smss);
        }

        @Test
        void theSlowStartThresholdIsArbitrarilyHigh() {
            reno.start(0, SMSS);
            assertEquals(CongestionControls.UNLIMITED, reno.slowStartThreshold());
            assertEquals(Algorithm.RENO, reno.algorithm());
        }

        @Test
        void anSmssOfZeroFromAPeerCannotBreakTheArithmetic() {
            reno.start(0, 0);
            assertEquals(1, reno.smss());
            assertEquals(4, reno.window());
            reno.onRetransmitTimeout(1, 100);
            assertEquals(1, reno.window());
            assertEquals(50, reno.slowStartThreshold());
        }

        @Test
        void startingAgainForgetsEverything() {
            reno.start(0, SMSS);
            reno.onFastRetransmit(1, 100 * SMSS);
            reno.start(2, SMSS);
            assertEquals(4380, reno.window());
            assertEquals(CongestionControls.UNLIMITED, reno.slowStartThreshold());
        }
    }

    @Nested
    class InSlowStart {

        @Test
        void theWindowDoublesEachRoundTripWhenEverySegmentIsAcknowledged() {
            AckClock clock = AckClock.started(reno, SMSS, RTT);
            int window = reno.window();
            for (int round = 0; round < 6; round++) {
                int next = clock.round(1);
                assertEquals(2 * window, next, "round " + round);
                window = next;
            }
            assertEquals(4380 << 6, window);
        }

        @Test
        void theWindowStillDoublesWithDelayedAcksBecauseTheLimitIsTwoSegments() {
            AckClock clock = AckClock.started(reno, SMSS, RTT);
            clock.round(1); // 4380 -> 8760, an even number of segments from here on
            int window = reno.window();
            for (int round = 0; round < 5; round++) {
                int next = clock.round(2);
                assertEquals(2 * window, next, "round " + round);
                window = next;
            }
        }

        @Test
        void oneAckOfATsoSuperFrameGrowsTheWindowByEverySegmentItCovers() {
            // RFC 3465 with L counted in the segments acknowledged: a fixed L = 2 would crawl.
            reno.start(0, SMSS);
            reno.onAck(1, 10 * SMSS, reno.window());
            assertEquals(4380 + 10 * SMSS, reno.window());
        }

        @Test
        void anAckOfLessThanASegmentGrowsTheWindowByWhatItAcknowledges() {
            reno.start(0, SMSS);
            reno.onAck(1, 100, reno.window());
            assertEquals(4480, reno.window());
        }

        @Test
        void afterATimeoutOneAckGrowsTheWindowByOneSegmentAtMost() {
            reno.start(0, SMSS);
            reno.onRetransmitTimeout(1, 40 * SMSS);
            reno.onAck(2, 10 * SMSS, SMSS);
            assertEquals(2 * SMSS, reno.window());
        }

        @Test
        void slowStartStopsAtTheThresholdAndCongestionAvoidanceTakesOver() {
            reno.start(0, SMSS);
            reno.onRetransmitTimeout(1, 10 * SMSS); // ssthresh 5 segments
            for (int i = 0; i < 4; i++) {
                reno.onAck(2 + i, SMSS, reno.window());
            }
            assertEquals(5 * SMSS, reno.window());
            reno.onAck(10, SMSS, reno.window());
            assertEquals(5 * SMSS, reno.window(), "one segment acknowledged is not yet a window's worth");
        }

        @Test
        void acknowledgingNothingChangesNothing() {
            reno.start(0, SMSS);
            reno.onAck(1, 0, 4380);
            reno.onAck(1, -5, 4380);
            assertEquals(4380, reno.window());
        }
    }

    @Nested
    class InCongestionAvoidance {

        AckClock clock;

        @BeforeEach
        void afterALoss() {
            clock = AckClock.started(reno, SMSS, RTT);
            reno.onFastRetransmit(0, 100 * SMSS);
            reno.onRecoveryEnd(RTT);
            assertEquals(50 * SMSS, reno.window());
        }

        @Test
        void theWindowGrowsByOneSegmentPerRoundTrip() {
            for (int round = 1; round <= 30; round++) {
                assertEquals((50 + round) * SMSS, clock.round(1), "round " + round);
            }
        }

        @Test
        void byteCountingKeepsOneSegmentPerRoundTripWithDelayedAcks() {
            int start = reno.window();
            for (int round = 0; round < 30; round++) {
                clock.round(2);
            }
            assertEquals(start + 30 * SMSS, reno.window(), 1 * SMSS);
        }

        @Test
        void theGrowthComesAfterAWindowsWorthOfAcknowledgments() {
            int window = reno.window();
            for (int i = 0; i < 49; i++) {
                reno.onAck(i, SMSS, window);
            }
            assertEquals(window, reno.window());
            reno.onAck(50, SMSS, window);
            assertEquals(window + SMSS, reno.window());
        }

        @Test
        void aHugeCumulativeAckStillGrowsTheWindowByOneSegment() {
            int window = reno.window();
            reno.onAck(1, Integer.MAX_VALUE, window);
            assertEquals(window + SMSS, reno.window());
        }
    }

    @Nested
    class OnFastRetransmit {

        @ParameterizedTest(name = "flight {0}: ssthresh {1}")
        @CsvSource({
            "146000, 73000",   // 100 segments: half the flight
            "10001, 5000",     // half, rounded down
            "5840, 2920",      // 4 segments: half is exactly 2 segments
            "2920, 2920",      // 2 segments: the floor of 2*SMSS
            "1000, 2920",      // less than a segment: still 2*SMSS
            "0, 2920",
        })
        void theThresholdIsEquation4AndTheWindowAddsThreeSegments(int flight, int expectedThreshold) {
            reno.start(0, SMSS);
            reno.onFastRetransmit(1, flight);
            assertEquals(expectedThreshold, reno.slowStartThreshold());
            assertEquals(expectedThreshold + 3 * SMSS, reno.window());
        }

        @Test
        void theFlightSizeNotTheWindowSetsTheThreshold() {
            AckClock clock = AckClock.started(reno, SMSS, RTT);
            for (int i = 0; i < 5; i++) {
                clock.round(1);
            }
            assertEquals(140160, reno.window());
            reno.onFastRetransmit(clock.now, 20 * SMSS);
            assertEquals(10 * SMSS, reno.slowStartThreshold());
        }

        @Test
        void acksDuringRecoveryAreTheSocketsBusinessAndDoNotGrowTheWindow() {
            reno.start(0, SMSS);
            reno.onFastRetransmit(1, 20 * SMSS);
            assertEquals(13 * SMSS, reno.window());
            for (int i = 0; i < 20; i++) {
                reno.onAck(2 + i, SMSS, 20 * SMSS);
            }
            assertEquals(13 * SMSS, reno.window());
            reno.onRecoveryEnd(30);
            assertEquals(10 * SMSS, reno.window());
        }
    }

    @Nested
    class OnRecoveryEnd {

        @Test
        void theWindowDeflatesToTheThreshold() {
            reno.start(0, SMSS);
            reno.onFastRetransmit(1, 40 * SMSS);
            reno.onRecoveryEnd(2);
            assertEquals(20 * SMSS, reno.window());
            assertEquals(20 * SMSS, reno.slowStartThreshold());
        }

        @Test
        void withoutARecoveryItIsIgnored() {
            reno.start(0, SMSS);
            reno.onRecoveryEnd(1);
            assertEquals(4380, reno.window());
            reno.onFastRetransmit(2, 40 * SMSS);
            reno.onRecoveryEnd(3);
            reno.onAck(4, SMSS, reno.window());
            reno.onRecoveryEnd(5);
            assertEquals(20 * SMSS, reno.window());
        }

        @Test
        void aTimeoutDuringRecoveryEndsIt() {
            reno.start(0, SMSS);
            reno.onFastRetransmit(1, 40 * SMSS);
            reno.onRetransmitTimeout(2, 40 * SMSS);
            reno.onRecoveryEnd(3);
            assertEquals(SMSS, reno.window());
        }
    }

    @Nested
    class OnRetransmitTimeout {

        @ParameterizedTest(name = "flight {0}: ssthresh {1}")
        @CsvSource({
            "146000, 73000",
            "2920, 2920",
            "1460, 2920",
        })
        void theWindowFallsToOneSegmentAndTheThresholdIsEquation4(int flight, int expectedThreshold) {
            reno.start(0, SMSS);
            reno.onRetransmitTimeout(1, flight);
            assertEquals(SMSS, reno.window());
            assertEquals(expectedThreshold, reno.slowStartThreshold());
        }

        @Test
        void aSecondTimeoutForTheSameSegmentKeepsTheThreshold() {
            reno.start(0, SMSS);
            reno.onRetransmitTimeout(1, 100 * SMSS);
            reno.onRetransmitTimeout(2, SMSS);
            reno.onRetransmitTimeout(3, SMSS);
            assertEquals(50 * SMSS, reno.slowStartThreshold());
            assertEquals(SMSS, reno.window());
        }

        @Test
        void aTimeoutAfterProgressComputesTheThresholdAgain() {
            reno.start(0, SMSS);
            reno.onRetransmitTimeout(1, 100 * SMSS);
            reno.onAck(2, SMSS, SMSS);
            reno.onRetransmitTimeout(3, 10 * SMSS);
            assertEquals(5 * SMSS, reno.slowStartThreshold());
        }

        @Test
        void slowStartResumesUpToTheNewThreshold() {
            AckClock clock = AckClock.started(reno, SMSS, RTT);
            reno.onRetransmitTimeout(0, 32 * SMSS);
            assertEquals(2 * SMSS, clock.round(1));
            assertEquals(4 * SMSS, clock.round(1));
            assertEquals(8 * SMSS, clock.round(1));
            assertEquals(16 * SMSS, clock.round(1));
            assertEquals(17 * SMSS, clock.round(1), "at ssthresh, one segment per round trip");
        }
    }

    @Nested
    class OnIdleRestart {

        @Test
        void aLargeWindowFallsBackToTheInitialWindow() {
            AckClock clock = AckClock.started(reno, SMSS, RTT);
            clock.round(1);
            clock.round(1);
            assertEquals(17520, reno.window());
            reno.onIdleRestart(clock.now + 5_000_000);
            assertEquals(4380, reno.window());
        }

        @Test
        void aWindowAlreadyBelowTheInitialWindowStays() {
            reno.start(0, SMSS);
            reno.onRetransmitTimeout(1, 10 * SMSS);
            reno.onIdleRestart(5_000_000);
            assertEquals(SMSS, reno.window());
        }

        @Test
        void theThresholdSurvivesTheRestart() {
            reno.start(0, SMSS);
            reno.onFastRetransmit(1, 40 * SMSS);
            reno.onRecoveryEnd(2);
            reno.onIdleRestart(5_000_000);
            assertEquals(20 * SMSS, reno.slowStartThreshold());
            assertEquals(4380, reno.window());
        }
    }

    @Test
    void theWindowNeverGrowsPastTheLargestAdvertisableWindow() {
        reno.start(0, 65535);
        for (int i = 0; i < 20_000; i++) {
            reno.onAck(i, 2 * 65535, reno.window());
        }
        assertEquals(CongestionControls.MAX_WINDOW, reno.window());
        reno.onFastRetransmit(1, Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE / 2, reno.slowStartThreshold());
        assertEquals(CongestionControls.MAX_WINDOW, reno.window(), "ssthresh + 3*SMSS, capped, not wrapped negative");
        assertTrue(reno.window() > 0);
    }
}
