package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EthernetReprTest {
    private final EthernetFrame frame = new EthernetFrame();

    @Test
    void parsesTheAddressesAndEtherTypeOfARealFrame() throws WireException {
        EthernetRepr repr = EthernetRepr.parse(frame.wrap(WireVectors.ARP_REQUEST, 0, WireVectors.ARP_REQUEST.length));
        assertEquals(new EthernetRepr(MacAddress.parse("02:00:00:00:00:02"), MacAddress.BROADCAST, EtherType.ARP), repr);
    }

    @Test
    void emitsTheHeaderOctetForOctet() {
        byte[] built = Arrays.copyOf(WireVectors.PING_REQUEST, WireVectors.PING_REQUEST.length);
        Arrays.fill(built, 0, 14, (byte) 0);
        EthernetRepr repr = new EthernetRepr(MacAddress.parse("02:00:00:00:00:02"), MacAddress.parse("02:00:00:00:00:01"),
                EtherType.IPV4);
        assertEquals(14 + 84, repr.bufferLen(84));
        repr.emit(frame.wrap(built, 0, built.length));
        assertArrayEquals(WireVectors.PING_REQUEST, built);
    }

    @Nested
    class Refuses {
        @Test
        void aFrameShorterThanTheHeader() {
            WireException e = assertThrows(WireException.class, () -> EthernetRepr.parse(frame.wrap(new byte[13], 0, 13)));
            assertEquals(WireError.TRUNCATED, e.reason());
        }

        @Test
        void aVlanTaggedFrameAsUnsupported() {
            byte[] tagged = Arrays.copyOf(WireVectors.PING_REQUEST, WireVectors.PING_REQUEST.length);
            Bytes.put16(tagged, 12, 0x8100);
            Bytes.put16(tagged, 14, 0x0005);
            WireException e = assertThrows(WireException.class, () -> EthernetRepr.parse(frame.wrap(tagged, 0, tagged.length)));
            assertEquals(WireError.UNSUPPORTED, e.reason());
            assertEquals("Ethernet: 802.1Q tagged frames (vlan 5) are not supported", e.getMessage());
        }

        @Test
        void anIeee8023LengthFieldAsUnsupported() {
            byte[] llc = Arrays.copyOf(WireVectors.PING_REQUEST, WireVectors.PING_REQUEST.length);
            Bytes.put16(llc, 12, 84);
            WireException e = assertThrows(WireException.class, () -> EthernetRepr.parse(frame.wrap(llc, 0, llc.length)));
            assertEquals(WireError.UNSUPPORTED, e.reason());
            assertEquals("Ethernet: type field 0x0054 is an 802.3 length; only Ethernet II is supported", e.getMessage());
        }

        @Test
        void toRepresentWhatItWouldRefuseToParse() {
            MacAddress mac = MacAddress.BROADCAST;
            assertThrows(IllegalArgumentException.class, () -> new EthernetRepr(mac, mac, EtherType.VLAN));
            assertThrows(IllegalArgumentException.class, () -> new EthernetRepr(mac, mac, EtherType.of(1500)));
        }
    }

    @Test
    void parsesWhatItEmits() throws WireException {
        RandomReprs reprs = new RandomReprs(new Random(1));
        byte[] buffer = new byte[EthernetFrame.HEADER_LEN];
        for (int i = 0; i < 1000; i++) {
            EthernetRepr repr = reprs.ethernet();
            repr.emit(frame.wrap(buffer, 0, buffer.length));
            assertEquals(repr, EthernetRepr.parse(frame));
        }
    }
}
