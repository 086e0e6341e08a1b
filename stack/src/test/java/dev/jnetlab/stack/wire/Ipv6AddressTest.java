package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6AddressTest {

    @Nested
    class Text {
        @ParameterizedTest(name = "{0} prints as {1}")
        @CsvSource({
            "fd00:0:0:0:0:0:0:1, fd00::1",
            "FD00::0001, fd00::1",
            "0:0:0:0:0:0:0:0, ::",
            "::1, ::1",
            "fe80::ff:fe00:1, fe80::ff:fe00:1",
            // RFC 5952 section 4.2.2: one zero group is not shortened.
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            // Section 4.2.3: the longest run goes, and of two equal runs the first.
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "ff02::1:ff00:1, ff02::1:ff00:1",
            "::ffff:192.0.2.1, ::ffff:192.0.2.1",
            "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
            "1::, 1::",
        })
        void parsesAnyFormAndPrintsTheCanonicalOne(String text, String canonical) {
            assertEquals(canonical, Ipv6Address.parse(text).toString());
        }

        @Test
        void holdsTheBitsInNetworkOrder() {
            Ipv6Address address = Ipv6Address.parse("fd00::1:2");
            assertEquals(0xFD00_0000_0000_0000L, address.high());
            assertEquals(0x0000_0000_0001_0002L, address.low());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", ":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1",
            "1:", ":1", "::1.2.3", "fd00::1/64", "1:2:3:4:5:6:7::8"})
        void refusesWhatIsNotAnAddressInOneLine(String text) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse(text));
            assertTrue(e.getMessage().startsWith("not an IPv6 address: '" + text + "'"), e.getMessage());
        }
    }

    @Nested
    class DerivedAddresses {
        @Test
        void theLinkLocalAddressCarriesTheModifiedEui64OfTheMac() {
            // As Linux forms it for 02:00:00:00:00:02 (the router solicitation vector's source).
            Ipv6Address linkLocal = Ipv6Address.linkLocal(0x02_00_00_00_00_02L);
            assertEquals("fe80::ff:fe00:2", linkLocal.toString());
            assertEquals(Ipv6Address.read(Ipv6Vectors.ROUTER_SOLICIT, 14 + Ipv6Packet.SOURCE), linkLocal);
            assertEquals("fe80::211:22ff:fe33:4455", Ipv6Address.linkLocal(0x00_11_22_33_44_55L).toString());
        }

        @Test
        void theSolicitedNodeGroupKeepsTheLast24Bits() {
            Ipv6Address address = Ipv6Address.parse("fd00::12:3456:789a");
            Ipv6Address group = Ipv6Address.solicitedNode(address.low());
            assertEquals("ff02::1:ff56:789a", group.toString());
            assertTrue(Ipv6Address.isSolicitedNodeOf(group.high(), group.low(), address.low()));
            assertFalse(Ipv6Address.isSolicitedNodeOf(group.high(), group.low(), address.low() + 1));
        }

        @Test
        void aGroupMapsToThirtyThreeThirtyThreeAndItsLast32Bits() {
            assertEquals(0x3333_FF00_0001L, Ipv6Address.multicastMac(Ipv6Address.parse("ff02::1:ff00:1").low()));
            assertEquals(0x3333_0000_0001L, Ipv6Address.multicastMac(Ipv6Address.ALL_NODES.low()));
        }

        @Test
        void classifiesScopes() {
            assertTrue(Ipv6Address.parse("fe80::1").isLinkLocal());
            assertFalse(Ipv6Address.parse("fd00::1").isLinkLocal());
            assertTrue(Ipv6Address.ALL_NODES.isMulticast());
            assertTrue(Ipv6Address.UNSPECIFIED.isUnspecified());
            assertFalse(Ipv6Address.isUnicast(0, 1));
            assertFalse(Ipv6Address.isUnicast(Ipv6Address.ALL_ROUTERS.high(), 2));
            assertTrue(Ipv6Address.isUnicast(0xFD00_0000_0000_0000L, 1));
        }
    }

    @Test
    void writesAndReadsItsSixteenOctets() {
        byte[] buf = new byte[18];
        Ipv6Address.parse("2001:db8::8:800:200c:417a").writeTo(buf, 1);
        assertEquals("2001:db8::8:800:200c:417a", Ipv6Address.read(buf, 1).toString());
        assertEquals(0x20, buf[1]);
        assertEquals(0x7a, buf[16]);
    }
}
