package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Icmpv4PacketTest {
    /** Every ICMP vector comes in an IPv4 header without options. */
    private static final int ICMP_AT = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN;

    private final Icmpv4Packet message = new Icmpv4Packet();
    private final Ipv4Packet quoted = new Ipv4Packet();

    private Icmpv4Packet wrap(byte[] frame) {
        return message.wrap(frame, ICMP_AT, frame.length - ICMP_AT);
    }

    private Ipv4Packet quote() {
        return quoted.wrap(message.buffer(), message.dataOffset(), message.dataLength());
    }

    @Nested
    class Echo {
        @Test
        void aRequestHasAnIdentifierASequenceNumberAndData() {
            wrap(WireVectors.PING_REQUEST);
            assertNull(message.check());
            assertEquals(Icmpv4Packet.TYPE_ECHO_REQUEST, message.type());
            assertEquals(0, message.code());
            assertEquals(0xDAA1, message.checksum());
            assertTrue(message.verifyChecksum());
            assertEquals(9011, message.echoIdentifier());
            assertEquals(1, message.echoSequence());
            assertEquals(ICMP_AT + 8, message.dataOffset());
            assertEquals(56, message.dataLength());
            assertFalse(message.isError());
        }

        @Test
        void theReplyCarriesTheSameIdentifierSequenceAndData() {
            byte[] request = WireVectors.PING_REQUEST;
            byte[] reply = WireVectors.PING_REPLY;
            wrap(reply);
            assertEquals(Icmpv4Packet.TYPE_ECHO_REPLY, message.type());
            assertEquals(9011, message.echoIdentifier());
            assertEquals(1, message.echoSequence());
            assertArrayEquals(Arrays.copyOfRange(request, ICMP_AT + 8, request.length),
                    Arrays.copyOfRange(reply, ICMP_AT + 8, reply.length));
        }

        @Test
        void isWrittenByTheSettersOctetForOctet() {
            byte[] built = Arrays.copyOf(WireVectors.PING_REPLY, WireVectors.PING_REPLY.length);
            Arrays.fill(built, ICMP_AT, ICMP_AT + 8, (byte) 0);
            wrap(built).setType(0).setCode(0).setEchoIdentifier(9011).setEchoSequence(1).fillChecksum();
            assertArrayEquals(WireVectors.PING_REPLY, built);
        }
    }

    @Nested
    class Errors {
        @Test
        void portUnreachableQuotesTheDatagramThatCausedIt() {
            wrap(WireVectors.ICMP_PORT_UNREACHABLE);
            assertTrue(message.isError());
            assertEquals(Icmpv4Packet.TYPE_DST_UNREACHABLE, message.type());
            assertEquals(3, message.code());
            assertTrue(message.verifyChecksum());
            assertNull(quote().checkHeader());
            assertEquals(Ipv4Address.parse("192.168.69.100").bits(), quoted.source());
            assertEquals(Ipv4Address.parse("192.168.69.1").bits(), quoted.destination());
            assertEquals(IpProtocol.UDP, quoted.protocol());
            assertEquals(32582, quoted.identification());
            assertEquals(13, quoted.payloadLength(), "Linux quotes the whole datagram: UDP header and 'knock'");
        }

        @Test
        void fragmentationNeededCarriesTheNextHopMtu() {
            wrap(WireVectors.ICMP_FRAGMENTATION_NEEDED);
            assertEquals(4, message.code());
            assertEquals(1280, message.nextHopMtu());
            assertNull(quote().checkHeader());
            assertEquals(1428, quoted.totalLength());
            assertEquals(548 - 20, quoted.payloadLength(), "cut at 576 octets (RFC 1812 section 4.3.2.3)");
        }

        @Test
        void timeExceededQuotesTheDatagramWithTheTtlItArrivedWith() {
            wrap(WireVectors.ICMP_TIME_EXCEEDED);
            assertEquals(Icmpv4Packet.TYPE_TIME_EXCEEDED, message.type());
            assertEquals(0, message.code());
            assertEquals(1, quote().ttl());
            assertEquals(Ipv4Address.parse("10.0.0.2").bits(), quoted.destination());
        }

        @Test
        void parameterProblemPointsAtTheOffendingOctet() {
            // The quoted header's option at octet 20 has length 2, below record route's minimum; octet 21 is that length.
            wrap(WireVectors.ICMP_PARAMETER_PROBLEM);
            assertEquals(Icmpv4Packet.TYPE_PARAM_PROBLEM, message.type());
            assertEquals(21, message.pointer());
            assertEquals(24, quote().headerLength());
        }

        @Test
        void aRedirectNamesTheBetterGateway() {
            byte[] built = Arrays.copyOf(WireVectors.ICMP_HOST_UNREACHABLE, WireVectors.ICMP_HOST_UNREACHABLE.length);
            wrap(built).setType(Icmpv4Packet.TYPE_REDIRECT).setCode(1).setGateway(Ipv4Address.parse("192.168.69.254").bits());
            assertEquals(Ipv4Address.parse("192.168.69.254").bits(), message.gateway());
            assertEquals(0xC0A845FE, message.restOfHeader());
            assertTrue(message.isError());
        }
    }

    @Test
    void refusesEveryLengthShorterThanTheHeader() {
        for (int length = 0; length < Icmpv4Packet.HEADER_LEN; length++) {
            message.wrap(WireVectors.PING_REQUEST, ICMP_AT, length);
            assertEquals(WireError.TRUNCATED, message.check(), "length " + length);
        }
        WireException e = assertThrows(WireException.class, () -> message.wrap(new byte[5], 0, 5).validate());
        assertEquals("ICMP: 5 octets, shorter than the 8-octet header", e.getMessage());
    }

    @Test
    void theChecksumCoversTheData() {
        byte[] frame = Arrays.copyOf(WireVectors.PING_REQUEST, WireVectors.PING_REQUEST.length);
        frame[frame.length - 1] ^= 1;
        assertFalse(wrap(frame).verifyChecksum());
    }

    @Test
    void printsEveryFieldOnOneLineWithNames() {
        assertEquals("ICMP type 8 (echo request), code 0, checksum 0xdaa1 (correct), id 9011, seq 1, data 56 octets",
                wrap(WireVectors.PING_REQUEST).toString());
        assertTrue(wrap(WireVectors.ICMP_PORT_UNREACHABLE).toString()
                .startsWith("ICMP type 3 (destination unreachable), code 3 (port unreachable), "), message.toString());
    }
}
