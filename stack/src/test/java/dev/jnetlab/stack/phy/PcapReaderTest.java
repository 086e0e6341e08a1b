package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading classic pcap: jnetlab's own files, tcpdump's in either byte order and precision, and what it refuses. */
class PcapReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsBackWhatPcapFileWrote() throws Exception {
        Path path = dir.resolve("own.pcap");
        byte[] first = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
        try (PcapFile file = PcapFile.create(path, 1_000_000)) {
            file.write(250, first, 0, first.length);
            file.write(1_500_000, first, 2, 5);
        }
        PcapReader reader = PcapReader.open(path);
        assertTrue(reader.next());
        assertEquals(1_000_250, reader.time());
        assertArrayEquals(first, Arrays.copyOfRange(reader.frame(), reader.offset(), reader.offset() + reader.length()));
        assertTrue(reader.next());
        assertEquals(2_500_000, reader.time());
        assertEquals(5, reader.length());
        assertFalse(reader.next());
    }

    /** A file as a big-endian machine's tcpdump writes it, with nanosecond time stamps. */
    @Test
    void readsABigEndianFileWithNanoseconds() throws Exception {
        ByteBuffer file = ByteBuffer.allocate(24 + 16 + 3).order(ByteOrder.BIG_ENDIAN);
        file.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        file.putInt(7).putInt(123_456_789).putInt(3).putInt(3).put(new byte[] {9, 8, 7});
        Path path = dir.resolve("be.pcap");
        Files.write(path, file.array());
        PcapReader reader = PcapReader.open(path);
        assertTrue(reader.next());
        assertEquals(7_123_456, reader.time());
        assertEquals(9, reader.frame()[reader.offset()]);
    }

    @Test
    void refusesPcapngOtherLinkTypesAndCutRecordsSayingWhat() throws Exception {
        Path ng = dir.resolve("x.pcapng");
        Files.write(ng, new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertTrue(assertThrows(PcapReader.Unreadable.class, () -> PcapReader.open(ng)).getMessage().contains("pcapng"));

        ByteBuffer cooked = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        cooked.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(113);
        Path any = dir.resolve("any.pcap");
        Files.write(any, cooked.array());
        assertTrue(assertThrows(PcapReader.Unreadable.class, () -> PcapReader.open(any)).getMessage().contains("link type 113"));

        ByteBuffer cut = ByteBuffer.allocate(24 + 16 + 2).order(ByteOrder.LITTLE_ENDIAN);
        cut.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        cut.putInt(0).putInt(0).putInt(60).putInt(60);
        Path short_ = dir.resolve("cut.pcap");
        Files.write(short_, cut.array());
        PcapReader reader = PcapReader.open(short_);
        assertTrue(assertThrows(PcapReader.Unreadable.class, reader::next).getMessage().contains("record 1 is cut short"));

        assertTrue(assertThrows(PcapReader.Unreadable.class, () -> PcapReader.open(dir.resolve("none.pcap")))
                .getMessage().endsWith("no such file"));
    }
}
