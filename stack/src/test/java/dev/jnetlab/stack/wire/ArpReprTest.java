package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArpReprTest {
    private static final int ARP_AT = EthernetFrame.HEADER_LEN;
    private static final ArpRepr REQUEST = new ArpRepr(ArpOperation.REQUEST, MacAddress.parse("02:00:00:00:00:02"),
            Ipv4Address.parse("192.168.69.100"), MacAddress.UNSPECIFIED, Ipv4Address.parse("192.168.69.1"));

    private final ArpPacket packet = new ArpPacket();

    @Test
    void parsesARealRequest() throws WireException {
        assertEquals(REQUEST, ArpRepr.parse(packet.wrap(WireVectors.ARP_REQUEST, ARP_AT, 28)));
    }

    @Test
    void parsesARealReply() throws WireException {
        assertEquals(new ArpRepr(ArpOperation.REPLY, MacAddress.parse("02:00:00:00:00:01"), Ipv4Address.parse("192.168.69.1"),
                MacAddress.parse("02:00:00:00:00:02"), Ipv4Address.parse("192.168.69.100")),
                ArpRepr.parse(packet.wrap(WireVectors.ARP_REPLY, ARP_AT, 28)));
    }

    @Test
    void emitsTheRequestOctetForOctet() {
        byte[] built = Arrays.copyOf(WireVectors.ARP_REQUEST, WireVectors.ARP_REQUEST.length);
        Arrays.fill(built, ARP_AT, built.length, (byte) 0x5A);
        REQUEST.emit(packet.wrap(built, ARP_AT, REQUEST.bufferLen()));
        assertArrayEquals(WireVectors.ARP_REQUEST, built);
    }

    @Test
    void refusesAnOperationOtherThanRequestOrReply() {
        byte[] rarp = Arrays.copyOf(WireVectors.ARP_REQUEST, WireVectors.ARP_REQUEST.length);
        Bytes.put16(rarp, ARP_AT + 6, 3);
        WireException e = assertThrows(WireException.class, () -> ArpRepr.parse(packet.wrap(rarp, ARP_AT, 28)));
        assertEquals(WireError.UNSUPPORTED, e.reason());
        assertEquals("ARP: op 3 is neither request (1) nor reply (2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ArpRepr(ArpOperation.of(3), REQUEST.senderHardwareAddr(),
                REQUEST.senderProtocolAddr(), REQUEST.targetHardwareAddr(), REQUEST.targetProtocolAddr()));
    }

    @Test
    void refusesWhatTheViewRefuses() {
        WireException e = assertThrows(WireException.class, () -> ArpRepr.parse(packet.wrap(WireVectors.ARP_REQUEST, ARP_AT, 27)));
        assertEquals(WireError.TRUNCATED, e.reason());
    }

    @Test
    void parsesWhatItEmits() throws WireException {
        RandomReprs reprs = new RandomReprs(new Random(826));
        byte[] buffer = new byte[ArpPacket.LEN];
        for (int i = 0; i < 1000; i++) {
            ArpRepr repr = reprs.arp();
            repr.emit(packet.wrap(buffer, 0, buffer.length));
            assertEquals(repr, ArpRepr.parse(packet));
        }
    }
}
