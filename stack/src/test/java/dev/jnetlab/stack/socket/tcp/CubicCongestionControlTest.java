package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The concrete scenario most tests share: SMSS 1460, slow start to exactly W_max = 100
 * segments (146,000 octets), a loss with all of it in flight, recovery one RTT later. Then
 * cwnd_epoch = beta * W_max = 70 segments and K = cbrt(100 * 0.3 / 0.4) = cbrt(75) = 4.2172 s.
 */
class CubicCongestionControlTest {

    static final int SMSS = 1460;
    static final int W_MAX = 100 * SMSS;
    static final double K = 4.2172;

    CubicCongestionControl cubic;

    @BeforeEach
    void create() {
        cubic = new CubicCongestionControl();
    }

    /** Slow start to W_MAX, a loss, its recovery; returns the time recovery ended. */
    static long lossAtOneHundredSegments(CubicCongestionControl cubic, long rtt) {
        cubic.start(0, SMSS);
        cubic.onRttSample(0, rtt);
        long now = 0;
        while (cubic.window() < W_MAX) {
            now += 1_000;
            cubic.onAck(now, SMSS, cubic.window());
        }
        assertEquals(W_MAX, cubic.window());
        cubic.onFastRetransmit(now, W_MAX);
        now += rtt;
        cubic.onRecoveryEnd(now);
        return now;
    }

    static AckClock clockAfterLoss(CubicCongestionControl cubic, long rtt) {
        long now = lossAtOneHundredSegments(cubic, rtt);
        return new AckClock(cubic, SMSS, rtt, now);
    }

    /** Seconds since the current epoch began. */
    static double epochSeconds(CubicCongestionControl cubic, long now) {
        return (now - cubic.epochStart()) / 1e6;
    }

    static double segments(double octets) {
        return octets / SMSS;
    }

    @Test
    void theConstantsAreRfc9438s() {
        assertEquals(0.4, CubicCongestionControl.C);
        assertEquals(0.7, CubicCongestionControl.BETA);
        assertEquals(0.5294, CubicCongestionControl.ALPHA, 1e-4); // 3 * 0.3 / 1.7
        assertEquals(Algorithm.CUBIC, cubic.algorithm());
        assertTrue(cubic.fastConvergence());
    }

    @Nested
    class AfterALossAtOneHundredSegments {

        @Test
        void recoveryRunsAtBetaTimesWMaxPlusTheThreeDuplicateAckSegments() {
            cubic.start(0, SMSS);
            while (cubic.window() < W_MAX) {
                cubic.onAck(1, SMSS, cubic.window());
            }
            cubic.onFastRetransmit(2, W_MAX);
            assertEquals(102_200, cubic.slowStartThreshold()); // 0.7 * 146,000
            assertEquals(102_200 + 3 * SMSS, cubic.window());
            assertEquals(W_MAX, cubic.lastMaxWindow());
        }

        @Test
        void acksDuringRecoveryDoNotGrowTheWindow() {
            cubic.start(0, SMSS);
            while (cubic.window() < W_MAX) {
                cubic.onAck(1, SMSS, cubic.window());
            }
            cubic.onFastRetransmit(2, W_MAX);
            for (int i = 0; i < 50; i++) {
                cubic.onAck(3 + i, SMSS, W_MAX);
            }
            assertEquals(102_200 + 3 * SMSS, cubic.window());
            assertFalse(cubic.inEpoch());
        }

        @Test
        void theWindowAfterRecoveryIsBetaTimesWMax() {
            lossAtOneHundredSegments(cubic, 100_000);
            assertEquals(102_200, cubic.window());
            assertEquals(70.0, segments(cubic.window()));
        }

        @Test
        void kIsTheCubeRootOfWMaxTimesOneMinusBetaOverC() {
            AckClock clock = clockAfterLoss(cubic, 100_000);
            assertFalse(cubic.inEpoch(), "the epoch starts with the first ACK after recovery");
            clock.round(1);
            assertTrue(cubic.inEpoch());
            assertEquals(K, cubic.k(), 1e-4);
        }

        @ParameterizedTest(name = "W_cubic({0} s) = {1} segments")
        @CsvSource({
            // 0.4 * (t - 4.21716)^3 + 100, worked out by hand
            "0, 70.000",
            "1, 86.681",      // 100 - 0.4 * 3.21716^3 = 100 - 0.4 * 33.298
            "2, 95.640",      // 100 - 0.4 * 2.21716^3 = 100 - 0.4 * 10.899
            "3, 99.279",      // 100 - 0.4 * 1.21716^3 = 100 - 0.4 * 1.8032
            "4.2171633, 100.000",
            "6, 102.267",     // 100 + 0.4 * 1.78284^3 = 100 + 0.4 * 5.6668
            "8, 121.653",     // 100 + 0.4 * 3.78284^3 = 100 + 0.4 * 54.132
        })
        void theCubicFunctionMatchesTheRfcFormula(double t, double expectedSegments) {
            AckClock clock = clockAfterLoss(cubic, 100_000);
            clock.round(1);
            assertEquals(expectedSegments, segments(cubic.cubicWindow(t)), 1e-3);
        }
    }

    @Nested
    class OnALongPath {

        static final long RTT = 200_000;

        AckClock clock;

        @BeforeEach
        void lose() {
            clock = clockAfterLoss(cubic, RTT);
        }

        @Test
        void theWindowFollowsTheCubicCurveOneRoundTripAhead() {
            clock.round(1);
            while (epochSeconds(cubic, clock.now) < 8) {
                clock.round(1);
                double t = epochSeconds(cubic, clock.now);
                double window = segments(cubic.exactWindow());
                assertTrue(window <= segments(cubic.cubicWindow(t + 0.2)) + 0.5, "t " + t + " window " + window);
                assertTrue(window >= segments(cubic.cubicWindow(t - 0.2)) - 0.5, "t " + t + " window " + window);
                assertTrue(cubic.renoEstimate() < cubic.cubicWindow(t), "the cubic region, not the Reno-friendly one");
            }
        }

        @Test
        void concaveGrowthIsFastFirstThenPlateausAtWMax() {
            double start = clock.segments();
            clock.round(1);
            double firstRound = clock.segments() - start;
            assertTrue(firstRound > 1.5, "first round grew " + firstRound + " segments");

            while (epochSeconds(cubic, clock.now) < K - 0.6) {
                clock.round(1);
            }
            double beforePlateau = segments(cubic.exactWindow());
            while (epochSeconds(cubic, clock.now) < K + 0.6) {
                clock.round(1);
                assertTrue(segments(cubic.exactWindow()) < 100.5, "does not run past W_max on the plateau");
            }
            double afterPlateau = segments(cubic.exactWindow());
            assertTrue(beforePlateau > 98.5, "at K - 0.6 s the window is " + beforePlateau);
            assertTrue(afterPlateau - beforePlateau < 1.5,
                    "1.2 s around K grew " + (afterPlateau - beforePlateau) + " segments");
        }

        @Test
        void beyondWMaxGrowthIsConvexAndAccelerates() {
            while (epochSeconds(cubic, clock.now) < K) {
                clock.round(1);
            }
            double atK = clock.segments();
            while (epochSeconds(cubic, clock.now) < K + 1) {
                clock.round(1);
            }
            double firstSecond = clock.segments() - atK;
            while (epochSeconds(cubic, clock.now) < K + 2) {
                clock.round(1);
            }
            double atKPlus2 = clock.segments();
            while (epochSeconds(cubic, clock.now) < K + 3) {
                clock.round(1);
            }
            double thirdSecond = clock.segments() - atKPlus2;
            // W_cubic grows 0.4 segments in [K, K+1] and 7.6 segments in [K+2, K+3].
            assertTrue(firstSecond < 2, "first second past K grew " + firstSecond);
            assertTrue(thirdSecond > 5, "third second past K grew " + thirdSecond);
            assertTrue(clock.segments() > 105);
        }

        @Test
        void theRenoEstimateTrailsBehindTheCubicCurve() {
            for (int round = 0; round < 20; round++) {
                clock.round(1);
            }
            double t = epochSeconds(cubic, clock.now);
            // 20 round trips of alpha = 0.529 segments each: about 70 + 10.6.
            assertEquals(80.6, segments(cubic.renoEstimate()), 0.6);
            assertTrue(clock.segments() > segments(cubic.renoEstimate()) + 10, "t " + t);
        }
    }

    @Nested
    class OnAShortPath {

        static final long RTT = 1_000;

        AckClock clock;

        @BeforeEach
        void lose() {
            clock = clockAfterLoss(cubic, RTT);
        }

        @Test
        void theRenoFriendlyRegionDominatesEarlyInTheEpoch() {
            for (int round = 0; round < 100; round++) {
                clock.round(1);
            }
            double t = epochSeconds(cubic, clock.now);
            double window = clock.segments();
            double cubicNow = segments(cubic.cubicWindow(t));
            assertTrue(t < 0.11, "100 round trips of 1 ms");
            assertTrue(cubicNow < 73, "W_cubic(0.1 s) is only " + cubicNow);
            assertTrue(window > cubicNow + 40, "the window " + window + " follows W_est, not W_cubic");
            assertEquals(segments(cubic.renoEstimate()), window, 1);
        }

        @Test
        void wEstGrowsByAlphaPerRoundTripUntilItReachesThePriorWindowThenByOne() {
            double start = clock.segments();
            for (int round = 0; round < 20; round++) {
                clock.round(1);
            }
            double early = (clock.segments() - start) / 20;
            assertEquals(CubicCongestionControl.ALPHA, early, 0.02);

            while (cubic.renoEstimate() < W_MAX) {
                clock.round(1);
            }
            clock.round(1);
            double before = clock.segments();
            for (int round = 0; round < 20; round++) {
                clock.round(1);
            }
            double late = (clock.segments() - before) / 20;
            assertEquals(1.0, late, 0.02);
        }
    }

    @Nested
    class FastConvergence {

        @Test
        void aLossBelowTheLastWMaxLowersWMaxFurther() {
            lossAtOneHundredSegments(cubic, 100_000);
            assertEquals(102_200, cubic.window());
            cubic.onFastRetransmit(1_000_000, cubic.window());
            assertEquals(86_870, cubic.lastMaxWindow()); // 102,200 * (1 + 0.7) / 2
            assertEquals(71_540, cubic.slowStartThreshold()); // 0.7 * 102,200
        }

        @Test
        void withoutFastConvergenceWMaxIsTheWindowBeforeTheLoss() {
            cubic = new CubicCongestionControl(false);
            assertFalse(cubic.fastConvergence());
            lossAtOneHundredSegments(cubic, 100_000);
            cubic.onFastRetransmit(1_000_000, cubic.window());
            assertEquals(102_200, cubic.lastMaxWindow());
        }

        @Test
        void aLossAboveTheLastWMaxRemembersTheWindowItself() {
            AckClock clock = clockAfterLoss(cubic, 200_000);
            while (clock.segments() < 110) {
                clock.round(1);
            }
            int before = cubic.window();
            cubic.onFastRetransmit(clock.now, before);
            assertEquals(before, cubic.lastMaxWindow(), 1);
        }

        @Test
        void theNextEpochAimsAtTheLoweredWMax() {
            long now = lossAtOneHundredSegments(cubic, 100_000);
            cubic.onFastRetransmit(now, cubic.window());
            cubic.onRecoveryEnd(now + 100_000);
            cubic.onAck(now + 200_000, SMSS, cubic.window());
            // W_max 86,870 = 59.5 segments, cwnd_epoch 71,540 = 49 segments.
            assertEquals(Math.cbrt((86_870 - 71_540) / 1460.0 / 0.4), cubic.k(), 1e-3);
        }
    }

    @Nested
    class OnRetransmitTimeout {

        @Test
        void theWindowFallsToOneSegmentAndTheThresholdUsesBeta() {
            AckClock clock = clockAfterLoss(cubic, 100_000);
            clock.round(1);
            cubic.onRetransmitTimeout(clock.now, 80 * SMSS);
            assertEquals(SMSS, cubic.window());
            assertEquals(56 * SMSS, cubic.slowStartThreshold()); // 0.7 * 80 segments
            assertFalse(cubic.inEpoch());
        }

        @Test
        void aRepeatedTimeoutKeepsTheThreshold() {
            cubic.start(0, SMSS);
            cubic.onRetransmitTimeout(1, 100 * SMSS);
            cubic.onRetransmitTimeout(2, SMSS);
            assertEquals(70 * SMSS, cubic.slowStartThreshold());
            assertEquals(SMSS, cubic.window());
        }

        @Test
        void slowStartThenAnEpochWithKZeroFromTheWindowItReached() {
            AckClock clock = clockAfterLoss(cubic, 100_000);
            cubic.onRetransmitTimeout(clock.now, 40 * SMSS);
            assertEquals(28 * SMSS, cubic.slowStartThreshold());
            cubic.onAck(clock.now + 1, 10 * SMSS, cubic.window());
            assertEquals(2 * SMSS, cubic.window(), "one segment per ACK after a timeout");
            long now = clock.now + 1;
            while (cubic.window() < cubic.slowStartThreshold()) {
                cubic.onAck(now += 1_000, SMSS, cubic.window());
                assertFalse(cubic.inEpoch());
            }
            assertEquals(28 * SMSS, cubic.window(), "slow start stops at ssthresh");
            cubic.onAck(now += 1_000, SMSS, cubic.window());
            assertTrue(cubic.inEpoch());
            assertEquals(0.0, cubic.k());
            assertEquals(28 * SMSS, cubic.cubicWindow(0), 1e-6, "W_max is cwnd_epoch");
        }
    }

    @Nested
    class InSlowStart {

        @Test
        void theWindowDoublesEachRoundTrip() {
            AckClock clock = AckClock.started(cubic, SMSS, 100_000);
            int window = cubic.window();
            for (int round = 0; round < 5; round++) {
                int next = clock.round(1);
                assertEquals(2 * window, next);
                window = next;
            }
        }

        @Test
        void oneAckOfATsoSuperFrameGrowsTheWindowByEverySegmentItCovers() {
            // RFC 3465 with L counted in the segments acknowledged: a fixed L = 2 would crawl.
            cubic.start(0, SMSS);
            cubic.onAck(1, 3 * SMSS, cubic.window());
            assertEquals(4380 + 3 * SMSS, cubic.window());
        }

        @Test
        void anApplicationLimitedAckGrowsNothing() {
            cubic.start(0, SMSS);
            cubic.onAck(1, 100, 100);
            assertEquals(4380, cubic.window());
            cubic.onAck(2, SMSS, 4380);
            assertEquals(4380 + SMSS, cubic.window());
        }
    }

    @Nested
    class WhenApplicationLimited {

        @Test
        void aQuietPeriodIsNotCountedInT() {
            AckClock clock = clockAfterLoss(cubic, 100_000);
            for (int round = 0; round < 10; round++) {
                clock.round(1);
            }
            double tBefore = epochSeconds(cubic, clock.now);
            int window = cubic.window();
            // Ten seconds of one small request per second: the flight is far below cwnd.
            for (int second = 1; second <= 10; second++) {
                cubic.onAck(clock.now + second * 1_000_000L, 200, 200);
            }
            clock.now += 10_000_000;
            assertEquals(window, cubic.window(), "no growth while application-limited");
            assertEquals(tBefore, epochSeconds(cubic, clock.now), 1e-6);
            int grown = clock.round(1);
            assertTrue(segments(grown) < segments(cubic.cubicWindow(tBefore + 0.3)) + 0.5,
                    "the window resumes the curve where it left it: " + segments(grown));
        }
    }

    @Nested
    class OnIdleRestart {

        @Test
        void theWindowFallsToTheInitialWindowAndTheNextEpochStartsAfresh() {
            AckClock clock = clockAfterLoss(cubic, 100_000);
            for (int round = 0; round < 10; round++) {
                clock.round(1);
            }
            clock.now += 30_000_000;
            cubic.onIdleRestart(clock.now);
            assertEquals(4380, cubic.window());
            assertFalse(cubic.inEpoch());
            while (cubic.window() < cubic.slowStartThreshold()) {
                clock.round(1);
            }
            clock.round(1);
            assertEquals(K, cubic.k(), 1e-3);
            assertTrue(epochSeconds(cubic, clock.now) < 0.2);
        }
    }

    @Nested
    class RoundTripTime {

        @Test
        void theSmoothedRttUsesTheRfc6298GainAndTheMinimumIsKept() {
            cubic.onRttSample(0, 100_000);
            assertEquals(100_000, cubic.smoothedRtt());
            cubic.onRttSample(1, 200_000);
            assertEquals(112_500, cubic.smoothedRtt());
            cubic.onRttSample(2, -1);
            assertEquals(112_500, cubic.smoothedRtt());
            assertEquals(100_000, cubic.minRtt());
        }
    }

    @ParameterizedTest(name = "RTT {0} us")
    @ValueSource(longs = {1_000, 10_000, 50_000, 200_000})
    void theWindowNeverShrinksBetweenLossesUnderASteadyAckClock(long rtt) {
        AckClock clock = clockAfterLoss(cubic, rtt);
        int[] last = {cubic.window()};
        while (clock.segments() < 1500 && clock.now < 60_000_000) {
            clock.round(2, window -> {
                assertTrue(window >= last[0], "shrank from " + last[0] + " to " + window);
                last[0] = window;
            });
        }
        assertTrue(clock.segments() > 110, "and it grows: " + clock.segments());
    }

    @Test
    void afterALossOnALongPathCubicRegainsWMaxLongBeforeReno() {
        long rtt = 200_000;
        AckClock cubicClock = clockAfterLoss(cubic, rtt);

        RenoCongestionControl reno = new RenoCongestionControl();
        AckClock renoClock = AckClock.started(reno, SMSS, rtt);
        while (reno.window() < W_MAX) {
            reno.onAck(renoClock.now, SMSS, reno.window());
        }
        renoClock.lossAndRecovery();
        assertEquals(50 * SMSS, reno.window());

        int cubicRounds = roundsToReach(cubicClock, 0.99 * W_MAX);
        int renoRounds = roundsToReach(renoClock, 0.99 * W_MAX);
        // CUBIC: about K = 4.2 s, 21 round trips. Reno: one segment per round trip from 50 to 99.
        assertTrue(cubicRounds <= 22, "CUBIC took " + cubicRounds + " round trips");
        assertEquals(49, renoRounds);
        assertTrue(2 * cubicRounds < renoRounds);
    }

    static int roundsToReach(AckClock clock, double octets) {
        int rounds = 0;
        while (clock.controller.window() < octets) {
            clock.round(1);
            rounds++;
        }
        return rounds;
    }

    @Test
    void theWindowNeverGrowsPastTheLargestAdvertisableWindow() {
        cubic.start(0, 65535);
        long now = 0;
        for (int i = 0; i < 20_000; i++) {
            cubic.onAck(now += 1000, 2 * 65535, cubic.window());
        }
        assertEquals(CongestionControls.MAX_WINDOW, cubic.window());
        cubic.onFastRetransmit(now, cubic.window());
        cubic.onRecoveryEnd(now += 1000);
        for (int i = 0; i < 100_000; i++) {
            cubic.onAck(now += 100_000, 2 * 65535, cubic.window());
        }
        assertEquals(CongestionControls.MAX_WINDOW, cubic.window());
    }
}
