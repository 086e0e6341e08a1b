package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.wire.HexBytes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** struct virtio_net_hdr as a tap with TUNSETVNETLE reads and writes it: ten octets, u16 fields little-endian. */
class VirtioNetHeaderTest {

    /**
     * What the stack writes before a 64 KiB TSO segment: NEEDS_CSUM, GSO_TCPV4, hdr_len 66
     * (Ethernet 14, IPv4 20, TCP 32 with timestamps), gso_size 1448, csum_start 34, csum_offset 16.
     */
    private static final byte[] TSO = HexBytes.parse("01 01 42 00 a8 05 22 00 10 00");

    @Test
    void deconstruct() {
        VirtioNetHeader header = new VirtioNetHeader().wrap(TSO, 0);
        assertEquals(VirtioNetHeader.FLAG_NEEDS_CSUM, header.flags());
        assertTrue(header.needsChecksum());
        assertFalse(header.dataValid());
        assertEquals(VirtioNetHeader.GSO_TCPV4, header.gsoType());
        assertEquals(66, header.hdrLen());
        assertEquals(1448, header.gsoSize());
        assertEquals(34, header.csumStart());
        assertEquals(16, header.csumOffset());
    }

    @Test
    void construct() {
        byte[] bytes = new byte[VirtioNetHeader.LEN + 2];
        Arrays.fill(bytes, (byte) 0xEE);
        new VirtioNetHeader().wrap(bytes, 1).clear().setFlags(VirtioNetHeader.FLAG_NEEDS_CSUM)
                .setGsoType(VirtioNetHeader.GSO_TCPV4).setHdrLen(66).setGsoSize(1448).setCsumStart(34).setCsumOffset(16);

        assertArrayEquals(TSO, Arrays.copyOfRange(bytes, 1, 1 + VirtioNetHeader.LEN));
        assertEquals((byte) 0xEE, bytes[0], "nothing before the header");
        assertEquals((byte) 0xEE, bytes[bytes.length - 1], "nothing after it");
    }

    @Test
    void aFrameTheKernelCheckedSaysDataValidAndNoGso() {
        VirtioNetHeader header = new VirtioNetHeader().wrap(HexBytes.parse("02 00 00 00 00 00 00 00 00 00"), 0);
        assertTrue(header.dataValid());
        assertFalse(header.needsChecksum());
        assertEquals(VirtioNetHeader.GSO_NONE, header.gsoType());
    }

    @Test
    void sixteenBitFieldsUseAllTheirBits() {
        byte[] bytes = new byte[VirtioNetHeader.LEN];
        VirtioNetHeader header = new VirtioNetHeader().wrap(bytes, 0).setGsoSize(0xFFFF).setHdrLen(0x1234);
        assertEquals(0xFFFF, header.gsoSize());
        assertEquals(0x1234, header.hdrLen());
        assertArrayEquals(HexBytes.parse("00 00 34 12 ff ff 00 00 00 00"), bytes);
    }

    @Test
    void clearMakesAFrameThatAsksNothing() {
        byte[] bytes = TSO.clone();
        new VirtioNetHeader().wrap(bytes, 0).clear();
        assertArrayEquals(new byte[VirtioNetHeader.LEN], bytes);
    }
}
