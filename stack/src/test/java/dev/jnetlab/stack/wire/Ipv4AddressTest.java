package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4AddressTest {

    @Test
    void holdsTheAddressInNetworkOrder() {
        assertEquals(0xC0A84501, Ipv4Address.of(192, 168, 69, 1).bits());
        assertEquals("192.168.69.1", Ipv4Address.of(0xC0A84501).toString());
        assertEquals("255.255.255.255", Ipv4Address.BROADCAST.toString());
        assertEquals("0.0.0.0", Ipv4Address.UNSPECIFIED.toString());
    }

    @Test
    void parsesWhatItPrints() {
        assertEquals(Ipv4Address.of(192, 168, 69, 100), Ipv4Address.parse("192.168.69.100"));
        assertEquals(Ipv4Address.of(10, 0, 0, 2), Ipv4Address.parse("10.0.0.2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "192.168.69", "192.168.69.1.5", "192.168.69.256", "192.168.69.-1", "192.168.69.x",
        "192.168..1", "1921.68.69.1", " 192.168.69.1"})
    void rejectsWhatIsNotADottedQuadAndSaysWhatWouldBeRight(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(text));
        assertTrue(e.getMessage().contains("192.168.69.1"), e.getMessage());
    }

    @Test
    void rejectsOctetsAbove255() {
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.of(256, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.of(1, -1, 0, 1));
    }

    @Test
    void classifiesTheSpecialRanges() {
        assertTrue(Ipv4Address.parse("224.0.0.1").isMulticast());
        assertTrue(Ipv4Address.parse("239.255.255.255").isMulticast());
        assertFalse(Ipv4Address.parse("240.0.0.1").isMulticast());
        assertTrue(Ipv4Address.parse("127.0.0.1").isLoopback());
        assertTrue(Ipv4Address.BROADCAST.isBroadcast());
        assertTrue(Ipv4Address.UNSPECIFIED.isUnspecified());
        assertFalse(Ipv4Address.parse("192.168.69.1").isMulticast());
    }
}
