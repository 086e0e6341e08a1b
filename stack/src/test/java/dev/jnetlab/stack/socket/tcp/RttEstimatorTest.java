package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Micros;
import org.junit.jupiter.api.Test;

/** RFC 6298. */
class RttEstimatorTest {

    static long ms(long millis) {
        return Micros.ofMillis(millis);
    }

    @Test
    void beforeAnySampleTheRtoIsOneSecond() {
        RttEstimator rtt = new RttEstimator();
        assertFalse(rtt.hasSample());
        assertEquals(Micros.ofSeconds(1), rtt.rto());
        assertEquals(0, rtt.srtt());
    }

    @Test
    void theFirstSampleSetsSrttAndHalfOfItAsRttvar() {
        RttEstimator rtt = new RttEstimator();
        rtt.setMinRto(ms(1));
        rtt.sample(ms(100));
        assertEquals(ms(100), rtt.srtt());
        assertEquals(ms(50), rtt.rttvar());
        assertEquals(ms(300), rtt.rto());
    }

    @Test
    void laterSamplesAreSmoothedWithAnEighthAndAQuarter() {
        RttEstimator rtt = new RttEstimator();
        rtt.setMinRto(ms(1));
        rtt.sample(ms(100));
        rtt.sample(ms(200));
        // RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 62.5; SRTT = 7/8 * 100 + 1/8 * 200 = 112.5
        assertEquals(62_500, rtt.rttvar());
        assertEquals(112_500, rtt.srtt());
        assertEquals(112_500 + 4 * 62_500, rtt.rto());
    }

    @Test
    void theClockGranularityIsTheLeastVariance() {
        RttEstimator rtt = new RttEstimator();
        rtt.setMinRto(1);
        for (int i = 0; i < 50; i++) {
            rtt.sample(ms(10));
        }
        assertEquals(ms(10) + RttEstimator.GRANULARITY, rtt.rto());
    }

    @Test
    void theFloorIsTwoHundredMillisecondsByDefaultAsLinuxAndRfc8961() {
        RttEstimator rtt = new RttEstimator();
        assertEquals(ms(200), rtt.minRto());
        assertEquals(Micros.ofSeconds(1), rtt.rto(), "the initial RTO stays RFC 6298 §2.1's 1 s");
        rtt.sample(ms(1));
        assertEquals(ms(200), rtt.rto());
    }

    @Test
    void theRtoStaysWithinItsBounds() {
        RttEstimator rtt = new RttEstimator();
        rtt.setMinRto(Micros.ofSeconds(1));
        rtt.sample(ms(1));
        assertEquals(Micros.ofSeconds(1), rtt.rto());
        rtt.sample(Micros.ofSeconds(100));
        assertEquals(Micros.ofSeconds(60), rtt.rto());
    }

    @Test
    void backoffDoublesUpToTheMaximumAndASampleEndsIt() {
        RttEstimator rtt = new RttEstimator();
        rtt.backoff();
        assertEquals(Micros.ofSeconds(2), rtt.rto());
        rtt.backoff();
        assertEquals(Micros.ofSeconds(4), rtt.rto());
        for (int i = 0; i < 20; i++) {
            rtt.backoff();
        }
        assertEquals(Micros.ofSeconds(60), rtt.rto());
        assertTrue(rtt.backoffs() < 10);
        rtt.sample(ms(10));
        assertEquals(0, rtt.backoffs());
        assertEquals(ms(200), rtt.rto(), "10 ms measured: the 200 ms floor");
    }

    @Test
    void aRetransmittedSynWithoutASampleMeansThreeSeconds() {
        RttEstimator rtt = new RttEstimator();
        rtt.backoff();
        rtt.synWasRetransmitted();
        assertEquals(Micros.ofSeconds(3), rtt.rto());
        RttEstimator measured = new RttEstimator();
        measured.sample(ms(10));
        measured.synWasRetransmitted();
        assertEquals(ms(200), measured.rto(), "a sample was taken: the measured RTO, at its floor");
    }

    @Test
    void theMinimumIsConfigurable() {
        RttEstimator rtt = new RttEstimator();
        rtt.setMinRto(ms(200));
        assertEquals(ms(200), rtt.minRto());
        rtt.sample(ms(10));
        assertEquals(ms(200), rtt.rto());
        assertThrows(IllegalArgumentException.class, () -> rtt.setMinRto(0));
        assertThrows(IllegalArgumentException.class, () -> rtt.setMinRto(Micros.ofSeconds(61)));
        assertThrows(IllegalArgumentException.class, () -> rtt.sample(-1));
    }

    @Test
    void resetForgetsSamplesButKeepsTheBounds() {
        RttEstimator rtt = new RttEstimator();
        rtt.setMinRto(ms(300));
        rtt.sample(ms(500));
        rtt.backoff();
        rtt.reset();
        assertFalse(rtt.hasSample());
        assertEquals(Micros.ofSeconds(1), rtt.rto());
        assertEquals(ms(300), rtt.minRto());
        assertEquals("srtt=0us rttvar=0us rto=1s", rtt.toString());
    }
}
