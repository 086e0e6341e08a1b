package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Ipv4PacketTest {
    private static final int IP_AT = EthernetFrame.HEADER_LEN;
    private static final int PEER = Ipv4Address.parse("192.168.69.100").bits();
    private static final int HOST = Ipv4Address.parse("192.168.69.1").bits();

    private final Ipv4Packet packet = new Ipv4Packet();

    private Ipv4Packet wrap(byte[] frame) {
        return packet.wrap(frame, IP_AT, frame.length - IP_AT);
    }

    private static byte[] copy(byte[] frame) {
        return Arrays.copyOf(frame, frame.length);
    }

    @Nested
    class ARealDatagram {
        @Test
        void readsEveryFieldOfThePingRequest() {
            wrap(WireVectors.PING_REQUEST);
            assertNull(packet.check());
            assertEquals(4, packet.version());
            assertEquals(5, packet.ihl());
            assertEquals(20, packet.headerLength());
            assertEquals(0, packet.dscp());
            assertEquals(0, packet.ecn());
            assertEquals(84, packet.totalLength());
            assertEquals(25411, packet.identification());
            assertFalse(packet.reservedFlag());
            assertTrue(packet.dontFragment());
            assertFalse(packet.moreFragments());
            assertEquals(0, packet.fragmentOffset());
            assertFalse(packet.isFragment());
            assertEquals(64, packet.ttl());
            assertSame(IpProtocol.ICMP, packet.protocol());
            assertEquals(0xCBAF, packet.checksum());
            assertTrue(packet.verifyChecksum());
            assertEquals(PEER, packet.source());
            assertEquals(HOST, packet.destination());
            assertEquals(0, packet.optionsLength());
            assertEquals(IP_AT + 20, packet.payloadOffset());
            assertEquals(64, packet.payloadLength());
        }

        @Test
        void readsTheClassOfServiceOfAnIcmpErrorFromLinux() {
            // Linux sends ICMP errors with TOS 0xc0: DSCP 48 (CS6, network control), ECN 0.
            wrap(WireVectors.ICMP_PORT_UNREACHABLE);
            assertEquals(48, packet.dscp());
            assertEquals(0, packet.ecn());
        }

        @Test
        void isWrittenByTheSettersOctetForOctet() {
            byte[] built = copy(WireVectors.PING_REQUEST);
            Arrays.fill(built, IP_AT, IP_AT + 20, (byte) 0);
            wrap(built).setVersion(4).setIhl(5).setDscp(0).setEcn(0).setTotalLength(84).setIdentification(25411)
                    .setDontFragment(true).setMoreFragments(false).setFragmentOffset(0).setTtl(64).setProtocolValue(1)
                    .setSource(PEER).setDestination(HOST).fillChecksum();
            assertArrayEquals(WireVectors.PING_REQUEST, built);
        }

        @Test
        void ignoresEthernetPaddingBeyondTheTotalLength() {
            byte[] padded = Arrays.copyOf(WireVectors.TCP_RST, 60);
            wrap(padded);
            assertNull(packet.check());
            assertEquals(20, packet.payloadLength());
        }
    }

    @Nested
    class Fragments {
        @Test
        void theFirstHasMoreFragmentsAndOffsetZero() {
            wrap(WireVectors.FRAGMENTED_PING_REQUEST_FIRST);
            assertNull(packet.check());
            assertTrue(packet.moreFragments());
            assertEquals(0, packet.fragmentOffset());
            assertTrue(packet.isFragment());
            assertEquals(1480, packet.payloadLength());
        }

        @Test
        void theLastHasAnOffsetInOctetsAndNoMoreFragments() {
            wrap(WireVectors.FRAGMENTED_PING_REQUEST_LAST);
            assertNull(packet.check());
            assertFalse(packet.moreFragments());
            assertEquals(1480, packet.fragmentOffset());
            assertTrue(packet.isFragment());
            assertEquals(25483, packet.identification());
            assertEquals(528, packet.payloadLength());
        }

        @Test
        void anOffsetIsAMultipleOfEightOctets() {
            byte[] built = copy(WireVectors.PING_REQUEST);
            wrap(built).setFragmentOffset(65528);
            assertEquals(65528, packet.fragmentOffset());
            assertTrue(packet.dontFragment(), "the flags share the field and are kept");
            assertThrows(IllegalArgumentException.class, () -> packet.setFragmentOffset(1481));
            assertThrows(IllegalArgumentException.class, () -> packet.setFragmentOffset(65536));
        }
    }

    @Nested
    class Options {
        @Test
        void areTheOctetsBetweenTheFixedHeaderAndThePayload() {
            // ping -R: NOP, then record route (type 7, length 39, pointer 8) with the first hop filled in.
            wrap(WireVectors.PING_RECORD_ROUTE_REQUEST);
            assertNull(packet.check());
            assertEquals(15, packet.ihl());
            assertEquals(IP_AT + 20, packet.optionsOffset());
            assertEquals(40, packet.optionsLength());
            byte[] frame = packet.buffer();
            assertArrayEquals(HexBytes.parse("01 07 27 08 c0a84564"),
                    Arrays.copyOfRange(frame, packet.optionsOffset(), packet.optionsOffset() + 8));
            assertEquals(IP_AT + 60, packet.payloadOffset());
            assertTrue(packet.verifyChecksum());
        }
    }

    @Nested
    class SettersKeepTheirNeighbours {
        @Test
        void versionAndIhlShareAnOctet() {
            wrap(copy(WireVectors.PING_REQUEST)).setIhl(6);
            assertEquals(4, packet.version());
            packet.setVersion(6);
            assertEquals(6, packet.ihl());
            assertThrows(IllegalArgumentException.class, () -> packet.setIhl(16));
        }

        @Test
        void dscpAndEcnShareAnOctet() {
            wrap(copy(WireVectors.PING_REQUEST)).setDscp(46).setEcn(3);
            assertEquals(46, packet.dscp());
            assertEquals(3, packet.ecn());
            packet.setDscp(0);
            assertEquals(3, packet.ecn());
            assertThrows(IllegalArgumentException.class, () -> packet.setDscp(64));
        }

        @Test
        void theFlagsAreIndependent() {
            wrap(copy(WireVectors.PING_REQUEST)).setReservedFlag(true).setMoreFragments(true).setDontFragment(false);
            assertTrue(packet.reservedFlag());
            assertTrue(packet.moreFragments());
            assertFalse(packet.dontFragment());
            assertEquals(0, packet.fragmentOffset());
        }
    }

    @Nested
    class Checksum {
        @Test
        void failsAfterAnyBitPastVersionAndIhlFlipsAndIsFilledAgain() {
            // A flipped IHL would change which octets the checksum covers; that is check()'s business.
            for (int bit = 8; bit < 160; bit++) {
                byte[] frame = copy(WireVectors.PING_REQUEST);
                frame[IP_AT + bit / 8] ^= (byte) (1 << (bit % 8));
                assertFalse(wrap(frame).verifyChecksum(), "bit " + bit);
                packet.fillChecksum();
                assertTrue(packet.verifyChecksum());
            }
        }
    }

    static Stream<Arguments> malformedHeaders() {
        return Stream.of(
                Arguments.of("a header cut short", WireError.TRUNCATED, 19, (Consumer<Ipv4Packet>) p -> { },
                        "IPv4: 19 octets, shorter than the 20-octet header"),
                Arguments.of("version 6", WireError.BAD_VERSION, 84, (Consumer<Ipv4Packet>) p -> p.setVersion(6),
                        "IPv4: version 6, not 4"),
                Arguments.of("IHL 4", WireError.BAD_IHL, 84, (Consumer<Ipv4Packet>) p -> p.setIhl(4),
                        "IPv4: IHL 4 < 5"),
                Arguments.of("options beyond the view", WireError.TRUNCATED, 40, (Consumer<Ipv4Packet>) p -> p.setIhl(15),
                        "IPv4: 40 octets, shorter than the 60-octet header (IHL 15)"),
                Arguments.of("total length below the header", WireError.BAD_TOTAL_LENGTH, 84,
                        (Consumer<Ipv4Packet>) p -> p.setTotalLength(16), "IPv4: total length 16 < header length 20"),
                Arguments.of("total length beyond the frame", WireError.BAD_TOTAL_LENGTH, 84,
                        (Consumer<Ipv4Packet>) p -> p.setTotalLength(1500), "IPv4: total length 1500 > 84 octets available"),
                Arguments.of("a fragment ending beyond 65535", WireError.BAD_FRAGMENT_OFFSET, 84,
                        (Consumer<Ipv4Packet>) p -> p.setFragmentOffset(65480),
                        "IPv4: fragment at offset 65480 with 64 octets ends beyond 65535"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedHeaders")
    void refusesAMalformedHeaderWithItsReason(String what, WireError reason, int viewLength, Consumer<Ipv4Packet> breakIt,
            String message) {
        byte[] frame = copy(WireVectors.PING_REQUEST);
        packet.wrap(frame, IP_AT, viewLength);
        breakIt.accept(packet);
        assertEquals(reason, packet.check());
        WireException e = assertThrows(WireException.class, packet::validate);
        assertEquals(reason, e.reason());
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesEveryTruncationOfARealDatagram() {
        byte[] frame = WireVectors.PING_REQUEST;
        for (int length = 0; length < frame.length - IP_AT; length++) {
            WireError reason = packet.wrap(frame, IP_AT, length).check();
            assertEquals(length < 20 ? WireError.TRUNCATED : WireError.BAD_TOTAL_LENGTH, reason, "length " + length);
        }
    }

    @Nested
    class TheHeaderAlone {
        @Test
        void passesForADatagramCutShortAsAnIcmpErrorQuotesIt() {
            wrap(copy(WireVectors.PING_REQUEST)).setTotalLength(1500);
            assertNull(packet.checkHeader());
            assertEquals(64, packet.payloadLength(), "only what is present");
        }

        @Test
        void stillNeedsASoundHeader() {
            wrap(copy(WireVectors.PING_REQUEST)).setIhl(3);
            assertEquals(WireError.BAD_IHL, packet.checkHeader());
            WireException e = assertThrows(WireException.class, packet::validateHeader);
            assertEquals("IPv4: IHL 3 < 5", e.getMessage());
        }
    }

    @Test
    void printsEveryFieldOnOneLine() {
        assertEquals("IPv4 192.168.69.100 > 192.168.69.1, version 4, header 20, dscp 0, ecn 0, total length 84, id 25411, "
                + "flags [DF], offset 0, ttl 64, protocol ICMP (1), checksum 0xcbaf (correct)",
                wrap(WireVectors.PING_REQUEST).toString());
        assertTrue(wrap(WireVectors.IP_BAD_OPTION).toString().endsWith("protocol unknown (253), checksum 0x4ff3 (correct), "
                + "options 07020400"), packet.toString());
    }
}
