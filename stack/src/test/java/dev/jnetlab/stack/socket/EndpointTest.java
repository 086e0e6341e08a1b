package dev.jnetlab.stack.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest {

    @Test
    void itPrintsAsAddressColonPort() {
        assertEquals("192.168.69.1:6969", new Endpoint(0xC0A84501, 6969).toString());
        assertEquals("255.255.255.255:65535", new Endpoint(-1, 65535).toString());
        assertEquals("0.0.0.0:0", Endpoint.UNSPECIFIED.toString());
    }

    @Test
    void parsesWhatAPersonTypes() {
        assertEquals(new Endpoint(0xC0A84564, 6969), Endpoint.parse("192.168.69.100:6969"));
        assertEquals(new Endpoint(-1, 0), Endpoint.parse("255.255.255.255:0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "192.168.69.100;not an endpoint: '192.168.69.100' (an address and a port, like 192.168.69.100:6969)",
        "192.168.69.100:http;not a port: 'http' in '192.168.69.100:http' (0 to 65535)",
        "192.168.69.100:65536;not a port: 65536 (0 to 65535)",
        "192.168.69:80;",
        "1..2.3:80;",
    })
    void refusesWhatIsNotIpColonPort(String text, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(text));
        if (message != null) {
            assertEquals(message, error.getMessage());
        }
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
