package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 9293 §3.4: sequence numbers compare modulo 2^32. */
class SeqNumberTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({"0, 1", "-1, 0", "2147483646, 2147483647", "2147483647, -2147483648", "-10, 5", "100, 1000000"})
    void comparisonsWrapAround(int a, int b) {
        assertTrue(SeqNumber.lt(a, b));
        assertTrue(SeqNumber.le(a, b));
        assertFalse(SeqNumber.gt(a, b));
        assertFalse(SeqNumber.ge(a, b));
        assertTrue(SeqNumber.gt(b, a));
        assertTrue(SeqNumber.ge(b, a));
        assertEquals(b, SeqNumber.max(a, b));
        assertEquals(a, SeqNumber.min(a, b));
        assertTrue(SeqNumber.diff(b, a) > 0);
    }

    @Test
    void equalNumbersAreBothLessOrEqualAndGreaterOrEqual() {
        assertTrue(SeqNumber.le(7, 7));
        assertTrue(SeqNumber.ge(7, 7));
        assertFalse(SeqNumber.lt(7, 7));
        assertFalse(SeqNumber.gt(7, 7));
        assertEquals(0, SeqNumber.diff(7, 7));
    }

    @Test
    void theDistanceIsSignedAcrossZero() {
        assertEquals(10, SeqNumber.diff(5, -5));
        assertEquals(-10, SeqNumber.diff(-5, 5));
        assertEquals(2, SeqNumber.diff(Integer.MIN_VALUE + 1, Integer.MAX_VALUE));
    }

    @Test
    void aWindowIsHalfOpenAndMayWrap() {
        assertTrue(SeqNumber.inWindow(-2, -3, 5));
        assertTrue(SeqNumber.inWindow(1, -3, 5));
        assertFalse(SeqNumber.inWindow(2, -3, 5));
        assertFalse(SeqNumber.inWindow(-4, -3, 5));
        assertFalse(SeqNumber.inWindow(0, 0, 0));
        assertTrue(SeqNumber.inWindow(0, 0, 1));
    }

    @Test
    void numbersPrintUnsigned() {
        assertEquals("4294967295", SeqNumber.toString(-1));
        assertEquals("2147483648", SeqNumber.toString(Integer.MIN_VALUE));
    }
}
