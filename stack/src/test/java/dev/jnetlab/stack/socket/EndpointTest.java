package dev.jnetlab.stack.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @Test
    void itPrintsAsAddressColonPort() {
        assertEquals("192.168.69.1:6969", new Endpoint(0xC0A84501, 6969).toString());
        assertEquals("255.255.255.255:65535", new Endpoint(-1, 65535).toString());
        assertEquals("0.0.0.0:0", Endpoint.UNSPECIFIED.toString());
    }

    @Test
    void addressesParseAndFormatBothWays() {
        assertEquals(0xC0A84501, Endpoint.parseAddress("192.168.69.1"));
        assertEquals("10.0.0.255", Endpoint.formatAddress(Endpoint.parseAddress("10.0.0.255")));
        assertEquals(-1, Endpoint.parseAddress("255.255.255.255"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "a.b.c.d", "1.2.3.4 ", "-1.2.3.4"})
    void malformedAddressesAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parseAddress(text));
    }

    @Test
    void portsAreSixteenBits() {
        assertThrows(IllegalArgumentException.class, () -> new Endpoint(1, 65536));
        assertThrows(IllegalArgumentException.class, () -> new Endpoint(1, -1));
    }

    @Test
    void specifiedMeansBothAddressAndPort() {
        assertTrue(new Endpoint(1, 2).isSpecified());
        assertFalse(new Endpoint(0, 2).isSpecified());
        assertFalse(new Endpoint(1, 0).isSpecified());
        assertEquals(new Endpoint(1, 2), new Endpoint(1, 2));
    }
}
