package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4CidrTest {
    private final Ipv4Cidr lab = Ipv4Cidr.parse("192.168.69.1/24");

    @Test
    void isAnAddressAndAPrefixLength() {
        assertEquals(Ipv4Address.parse("192.168.69.1"), lab.address());
        assertEquals(24, lab.prefixLen());
        assertEquals("192.168.69.1/24", lab.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "192.168.69.1/24, 255.255.255.0, 192.168.69.0, 192.168.69.255",
        "10.1.2.3/8, 255.0.0.0, 10.0.0.0, 10.255.255.255",
        "172.16.5.4/20, 255.255.240.0, 172.16.0.0, 172.16.15.255",
        "1.2.3.4/0, 0.0.0.0, 0.0.0.0, 255.255.255.255",
        "192.168.69.1/30, 255.255.255.252, 192.168.69.0, 192.168.69.3",
    })
    void derivesNetmaskNetworkAndBroadcast(String cidr, String netmask, String network, String broadcast) {
        Ipv4Cidr parsed = Ipv4Cidr.parse(cidr);
        assertEquals(Ipv4Address.parse(netmask), parsed.netmask());
        assertEquals(Ipv4Address.parse(network), parsed.network());
        assertEquals(Optional.of(Ipv4Address.parse(broadcast)), parsed.broadcast());
    }

    @Test
    void hasNoBroadcastForPointToPointAndHostPrefixes() {
        // RFC 3021: a /31 uses both addresses for hosts.
        assertEquals(Optional.empty(), Ipv4Cidr.parse("10.0.0.0/31").broadcast());
        assertEquals(Optional.empty(), Ipv4Cidr.parse("10.0.0.1/32").broadcast());
        assertEquals(Ipv4Address.parse("255.255.255.255"), Ipv4Cidr.parse("10.0.0.1/32").netmask());
    }

    @Test
    void containsTheAddressesOfItsNetworkOnly() {
        assertTrue(lab.contains(Ipv4Address.parse("192.168.69.100")));
        assertTrue(lab.contains(Ipv4Address.parse("192.168.69.0")));
        assertTrue(lab.contains(Ipv4Address.parse("192.168.69.255")));
        assertFalse(lab.contains(Ipv4Address.parse("192.168.70.1")));
        assertFalse(lab.contains(Ipv4Address.parse("10.0.0.2").bits()));
        assertTrue(Ipv4Cidr.parse("0.0.0.0/0").contains(Ipv4Address.parse("203.0.113.9")));
        assertTrue(Ipv4Cidr.parse("10.0.0.1/32").contains(Ipv4Address.parse("10.0.0.1")));
        assertFalse(Ipv4Cidr.parse("10.0.0.1/32").contains(Ipv4Address.parse("10.0.0.0")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.69.1", "192.168.69.1/", "192.168.69.1/33", "192.168.69.1/-1", "192.168.69.1/2x",
        "192.168.69/24", "/24"})
    void rejectsWhatIsNotAnAddressWithAPrefix(String text) {
        assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse(text));
    }

    @Test
    void rejectsAPrefixLongerThan32() {
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Cidr(Ipv4Address.UNSPECIFIED, 33));
    }
}
