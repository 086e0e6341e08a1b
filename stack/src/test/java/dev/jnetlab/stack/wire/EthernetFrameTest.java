package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EthernetFrameTest {
    private static final long LAB_HOST = 0x0200_0000_0001L;
    private static final long LAB_PEER = 0x0200_0000_0002L;

    private final EthernetFrame frame = new EthernetFrame();

    @Nested
    class ARealFrame {
        @Test
        void readsEveryField() {
            frame.wrap(WireVectors.ARP_REQUEST, 0, WireVectors.ARP_REQUEST.length);
            assertNull(frame.check());
            assertEquals(MacAddress.BROADCAST.bits(), frame.destination());
            assertEquals(LAB_PEER, frame.source());
            assertEquals(0x0806, frame.etherTypeValue());
            assertSame(EtherType.ARP, frame.etherType());
            assertFalse(frame.hasVlanTag());
            assertEquals(14, frame.headerLength());
            assertEquals(14, frame.payloadOffset());
            assertEquals(28, frame.payloadLength());
        }

        @Test
        void isWrittenByTheSettersOctetForOctet() {
            byte[] built = new byte[WireVectors.PING_REPLY.length];
            System.arraycopy(WireVectors.PING_REPLY, 14, built, 14, built.length - 14);
            frame.wrap(built, 0, built.length).setDestination(LAB_PEER).setSource(LAB_HOST).setEtherTypeValue(0x0800);
            assertArrayEquals(WireVectors.PING_REPLY, built);
        }

        @Test
        void canSitAnywhereInALargerBuffer() {
            byte[] buffer = new byte[100];
            System.arraycopy(WireVectors.ARP_REPLY, 0, buffer, 7, WireVectors.ARP_REPLY.length);
            frame.wrap(buffer, 7, WireVectors.ARP_REPLY.length);
            assertEquals(LAB_HOST, frame.source());
            assertEquals(21, frame.payloadOffset());
        }
    }

    @Nested
    class Checking {
        @Test
        void refusesEveryLengthShorterThanTheHeader() throws WireException {
            for (int length = 0; length < EthernetFrame.HEADER_LEN; length++) {
                frame.wrap(WireVectors.ARP_REQUEST, 0, length);
                assertEquals(WireError.TRUNCATED, frame.check(), "length " + length);
            }
            frame.wrap(WireVectors.ARP_REQUEST, 0, EthernetFrame.HEADER_LEN).validate();
        }

        @Test
        void throwsTheReasonWithTheNumbers() {
            frame.wrap(new byte[10], 0, 10);
            WireException e = assertThrows(WireException.class, frame::validate);
            assertEquals(WireError.TRUNCATED, e.reason());
            assertEquals("Ethernet: 10 octets, shorter than the 14-octet header", e.getMessage());
        }

        @Test
        void refusesAWindowOutsideTheArrayAsAProgrammingError() {
            assertThrows(IndexOutOfBoundsException.class, () -> frame.wrap(new byte[10], 5, 6));
        }
    }

    @Nested
    class AnIeee8021qTag {
        /** The ping request with a tag for VLAN 5, priority 1, inserted after the addresses (IEEE 802.1Q clause 9). */
        private final byte[] tagged = tag(WireVectors.PING_REQUEST, 0x2005);

        private byte[] tag(byte[] untagged, int tci) {
            byte[] out = new byte[untagged.length + 4];
            System.arraycopy(untagged, 0, out, 0, 12);
            out[12] = (byte) 0x81;
            out[14] = (byte) (tci >>> 8);
            out[15] = (byte) tci;
            System.arraycopy(untagged, 12, out, 16, untagged.length - 12);
            return out;
        }

        @Test
        void isRecognisedWithItsFieldsAndTheInnerEtherType() {
            frame.wrap(tagged, 0, tagged.length);
            assertNull(frame.check());
            assertTrue(frame.hasVlanTag());
            assertSame(EtherType.VLAN, frame.etherType());
            assertEquals(5, frame.vlanId());
            assertEquals(1, frame.vlanPriority());
            assertFalse(frame.vlanDropEligible());
            assertEquals(0x0800, frame.innerEtherTypeValue());
            assertEquals(0x0800, frame.payloadEtherTypeValue());
            assertEquals(18, frame.payloadOffset());
            assertEquals(WireVectors.PING_REQUEST.length - 14, frame.payloadLength());
        }

        @Test
        void needsItsFourOctetsToPassTheCheck() {
            frame.wrap(tagged, 0, 17);
            assertEquals(WireError.TRUNCATED, frame.check());
        }

        @Test
        void isWrittenByTheSetters() {
            byte[] built = Arrays.copyOf(tagged, tagged.length);
            frame.wrap(built, 0, built.length).setVlanTci(0xF00F).setInnerEtherTypeValue(0x86DD);
            assertEquals(0xF00F >>> 13, frame.vlanPriority());
            assertTrue(frame.vlanDropEligible());
            assertEquals(0x00F, frame.vlanId());
            assertEquals(0x86DD, frame.payloadEtherTypeValue());
        }

        @Test
        void isNotThereToReadInAnUntaggedFrame() {
            frame.wrap(WireVectors.ARP_REQUEST, 0, 14);
            assertThrows(IllegalStateException.class, frame::vlanTci);
            assertThrows(IllegalStateException.class, frame::innerEtherTypeValue);
        }
    }

    @Test
    void printsEveryFieldOnOneLine() {
        frame.wrap(WireVectors.ARP_REQUEST, 0, WireVectors.ARP_REQUEST.length);
        assertEquals("Ethernet II 02:00:00:00:00:02 > ff:ff:ff:ff:ff:ff, type ARP (0x0806), 42 octets", frame.toString());
        assertEquals("Ethernet II [Ethernet: 3 octets, shorter than the 14-octet header]",
                frame.wrap(WireVectors.ARP_REQUEST, 0, 3).toString());
    }
}
