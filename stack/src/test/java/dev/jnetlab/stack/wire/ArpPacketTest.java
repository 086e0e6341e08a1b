package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArpPacketTest {
    private static final int ARP_AT = EthernetFrame.HEADER_LEN;

    private final ArpPacket packet = new ArpPacket();

    private ArpPacket wrap(byte[] frame) {
        return packet.wrap(frame, ARP_AT, frame.length - ARP_AT);
    }

    @Nested
    class ARealRequestAndReply {
        @Test
        void theRequestAsksForTheTargetWithTheHardwareAddressUnknown() {
            wrap(WireVectors.ARP_REQUEST);
            assertNull(packet.check());
            assertEquals(1, packet.hardwareType());
            assertEquals(0x0800, packet.protocolType());
            assertEquals(6, packet.hardwareLength());
            assertEquals(4, packet.protocolLength());
            assertSame(ArpOperation.REQUEST, packet.operation());
            assertEquals(0x0200_0000_0002L, packet.senderHardwareAddr());
            assertEquals(Ipv4Address.parse("192.168.69.100").bits(), packet.senderProtocolAddr());
            assertEquals(0L, packet.targetHardwareAddr());
            assertEquals(Ipv4Address.parse("192.168.69.1").bits(), packet.targetProtocolAddr());
        }

        @Test
        void theReplyGivesTheSendersHardwareAddress() {
            wrap(WireVectors.ARP_REPLY);
            assertSame(ArpOperation.REPLY, packet.operation());
            assertEquals(0x0200_0000_0001L, packet.senderHardwareAddr());
            assertEquals(Ipv4Address.parse("192.168.69.1").bits(), packet.senderProtocolAddr());
            assertEquals(0x0200_0000_0002L, packet.targetHardwareAddr());
            assertEquals(Ipv4Address.parse("192.168.69.100").bits(), packet.targetProtocolAddr());
        }

        @Test
        void isWrittenByTheSettersOctetForOctet() {
            byte[] built = Arrays.copyOf(WireVectors.ARP_REPLY, WireVectors.ARP_REPLY.length);
            Arrays.fill(built, ARP_AT, built.length, (byte) 0);
            wrap(built).setHardwareType(1).setProtocolType(0x0800).setHardwareLength(6).setProtocolLength(4)
                    .setOperationValue(2).setSenderHardwareAddr(0x0200_0000_0001L)
                    .setSenderProtocolAddr(Ipv4Address.parse("192.168.69.1").bits())
                    .setTargetHardwareAddr(0x0200_0000_0002L).setTargetProtocolAddr(Ipv4Address.parse("192.168.69.100").bits());
            assertArrayEquals(WireVectors.ARP_REPLY, built);
        }
    }

    @Nested
    class Checking {
        @Test
        void refusesEveryLengthShorterThan28() {
            for (int length = 0; length < ArpPacket.LEN; length++) {
                packet.wrap(WireVectors.ARP_REQUEST, ARP_AT, length);
                assertEquals(WireError.TRUNCATED, packet.check(), "length " + length);
            }
        }

        @Test
        void acceptsEthernetPaddingAfterThePacket() {
            byte[] padded = Arrays.copyOf(WireVectors.ARP_REQUEST, 60);
            assertNull(wrap(padded).check());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "hardware type 6 | 0006 0800 06 04",
            "protocol type IPv6 | 0001 86dd 06 04",
            "hardware length 8 | 0001 0800 08 04",
            "protocol length 16 | 0001 0800 06 10",
        })
        void refusesAnyOtherHardwareOrProtocolAsUnsupported(String what, String fixedPart) {
            byte[] frame = Arrays.copyOf(WireVectors.ARP_REQUEST, WireVectors.ARP_REQUEST.length + 40);
            byte[] fixed = HexBytes.parse(fixedPart);
            System.arraycopy(fixed, 0, frame, ARP_AT, fixed.length);
            WireException e = assertThrows(WireException.class, () -> wrap(frame).validate());
            assertEquals(WireError.UNSUPPORTED, e.reason());
            assertEquals(true, e.getMessage().startsWith("ARP: hardware type"), e.getMessage());
        }
    }

    @Test
    void printsEveryFieldOnOneLine() {
        assertEquals("ARP request, hardware type 1 length 6, protocol type 0x0800 length 4, sender 02:00:00:00:00:02 "
                + "192.168.69.100, target 00:00:00:00:00:00 192.168.69.1", wrap(WireVectors.ARP_REQUEST).toString());
    }
}
