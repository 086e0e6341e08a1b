package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OctetsTest {

    @Test
    void equalContentIsEqual() {
        assertEquals(Octets.of(new byte[] {1, 2, 3}), Octets.copyOf(new byte[] {0, 1, 2, 3, 4}, 1, 3));
        assertEquals(Octets.of(new byte[] {1, 2, 3}).hashCode(), Octets.copyOf(new byte[] {1, 2, 3}, 0, 3).hashCode());
        assertNotEquals(Octets.of(new byte[] {1, 2, 3}), Octets.of(new byte[] {1, 2}));
    }

    @Test
    void isNotChangedByTheArrayItWasMadeFromOrGivenOut() {
        byte[] source = {1, 2, 3};
        Octets octets = Octets.of(source);
        source[0] = 9;
        octets.toByteArray()[1] = 9;
        assertEquals(Octets.of(new byte[] {1, 2, 3}), octets);
    }

    @Test
    void readsUnsignedAndCopiesOut() {
        Octets octets = Octets.of((byte) 0xFF, (byte) 0x80);
        assertEquals(0xFF, octets.get(0));
        byte[] out = new byte[4];
        assertEquals(2, octets.copyTo(out, 1));
        assertArrayEquals(new byte[] {0, (byte) 0xFF, (byte) 0x80, 0}, out);
        assertTrue(octets.contentEquals(out, 1, 2));
    }

    @Test
    void printsAsHex() {
        assertEquals("0aff", Octets.of(new byte[] {10, (byte) 0xFF}).toString());
        assertEquals("", Octets.EMPTY.toString());
        assertSame(Octets.EMPTY, Octets.of());
    }
}
