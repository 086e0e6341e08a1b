package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** EtherType, IpProtocol and ArpOperation: a known value is its constant, any other an Unknown. */
class ProtocolNumbersTest {

    @Nested
    class EtherTypes {
        @Test
        void knownValuesAreTheirConstants() {
            assertSame(EtherType.IPV4, EtherType.of(0x0800));
            assertSame(EtherType.ARP, EtherType.of(0x0806));
            assertSame(EtherType.VLAN, EtherType.of(0x8100));
            assertSame(EtherType.IPV6, EtherType.of(0x86DD));
            assertEquals("IPv4", EtherType.IPV4.toString());
        }

        @Test
        void anyOtherValueIsUnknownAndKeepsIt() {
            EtherType lldp = EtherType.of(0x88CC);
            assertInstanceOf(EtherType.Unknown.class, lldp);
            assertEquals(0x88CC, lldp.value());
            assertEquals(new EtherType.Unknown(0x88CC), lldp);
            assertEquals("0x88cc", lldp.toString());
        }

        @Test
        void anUnknownCannotStandForAKnownValue() {
            assertThrows(IllegalArgumentException.class, () -> new EtherType.Unknown(0x0800));
            assertThrows(IllegalArgumentException.class, () -> new EtherType.Unknown(0x10000));
        }
    }

    @Nested
    class IpProtocols {
        @Test
        void knownValuesAreTheirConstants() {
            assertSame(IpProtocol.ICMP, IpProtocol.of(1));
            assertSame(IpProtocol.TCP, IpProtocol.of(6));
            assertSame(IpProtocol.UDP, IpProtocol.of(17));
            assertSame(IpProtocol.ICMPV6, IpProtocol.of(58));
        }

        @Test
        void anyOtherValueIsUnknownAndPrintsAsTcpdumpDoes() {
            IpProtocol protocol = IpProtocol.of(253);
            assertEquals(new IpProtocol.Unknown(253), protocol);
            assertEquals("ip-proto-253", protocol.toString());
            assertThrows(IllegalArgumentException.class, () -> new IpProtocol.Unknown(6));
            assertThrows(IllegalArgumentException.class, () -> new IpProtocol.Unknown(256));
        }
    }

    @Nested
    class ArpOperations {
        @Test
        void requestAndReplyAreTheirConstants() {
            assertSame(ArpOperation.REQUEST, ArpOperation.of(1));
            assertSame(ArpOperation.REPLY, ArpOperation.of(2));
        }

        @Test
        void anyOtherOpcodeIsUnknown() {
            assertEquals(new ArpOperation.Unknown(3), ArpOperation.of(3));
            assertThrows(IllegalArgumentException.class, () -> new ArpOperation.Unknown(2));
        }
    }
}
