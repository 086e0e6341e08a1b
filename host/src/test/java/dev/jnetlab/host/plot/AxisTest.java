package dev.jnetlab.host.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An axis: round ends, round ticks, values to dots. */
class AxisTest {
    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, Axis.roundStep(0.7));
        assertEquals(2, Axis.roundStep(1.3));
        assertEquals(5, Axis.roundStep(4.2));
        assertEquals(10, Axis.roundStep(6));
        assertEquals(2000, Axis.roundStep(1894.6));
        assertEquals(0.05, Axis.roundStep(0.031), 1e-12);
    }

    @Test
    void widensTheRangeToWholeTicks() {
        Axis axis = Axis.covering(0, 9473, 100);
        assertEquals(0, axis.min());
        assertEquals(10_000, axis.max());
        assertEquals(2000, axis.step());
        assertEquals(List.of(0.0, 2000.0, 4000.0, 6000.0, 8000.0, 10_000.0), axis.ticks());
    }

    @Test
    void mapsValuesToDotsFromTheFirstToTheLastClampingOutsiders() {
        Axis axis = Axis.covering(0, 10_000, 101);
        assertEquals(0, axis.dot(0));
        assertEquals(50, axis.dot(5000));
        assertEquals(100, axis.dot(10_000));
        assertEquals(0, axis.dot(-3));
        assertEquals(100, axis.dot(12_000));
        assertEquals(0.25, axis.fraction(2500), 1e-12);
    }

    @Test
    void anEmptyRangeBecomesOneUnit() {
        Axis axis = Axis.covering(7, 7, 10);
        assertEquals(7, axis.min());
        assertEquals(8, axis.max());
    }

    @Test
    void labelsHaveTheDecimalsTheStepNeeds() {
        assertEquals("0.15", Axis.covering(0, 0.2, 50).label(0.15));
        assertEquals("4000", Axis.covering(0, 9473, 50).label(4000));
    }

    @Test
    void refusesAnAxisOfOneDot() {
        assertThrows(IllegalArgumentException.class, () -> Axis.covering(0, 1, 1));
    }
}
