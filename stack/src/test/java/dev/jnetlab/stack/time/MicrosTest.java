package dev.jnetlab.stack.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MicrosTest {

    @Test
    void convertsFromMillisAndSeconds() {
        assertEquals(1_500, Micros.ofMillis(1) + 500);
        assertEquals(3_000_000, Micros.ofSeconds(3));
        assertEquals(200_000, Micros.ofSeconds(0.2));
        assertEquals(42, Micros.toMillis(42_999));
    }

    @Test
    void rejectsSecondsThatAreNotADuration() {
        assertThrows(IllegalArgumentException.class, () -> Micros.ofSeconds(-1.0));
        assertThrows(IllegalArgumentException.class, () -> Micros.ofSeconds(Double.NaN));
    }

    @Test
    void additionSaturatesInsteadOfWrappingIntoThePast() {
        assertEquals(Micros.NEVER, Micros.plus(Micros.NEVER, 1));
        assertEquals(Micros.NEVER, Micros.plus(Long.MAX_VALUE - 5, 10));
        assertEquals(15, Micros.plus(5, 10));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0us",
        "850, 850us",
        "1000, 1ms",
        "12500, 12.5ms",
        "999949, 999.9ms",
        "1000000, 1s",
        "1204000, 1.204s",
        "1050000, 1.05s",
        "1004000, 1.004s",
        "-2500, -2.5ms",
        "9223372036854775807, never",
    })
    void formatsTheWayAPersonReadsIt(long micros, String expected) {
        assertEquals(expected, Micros.format(micros));
    }
}
