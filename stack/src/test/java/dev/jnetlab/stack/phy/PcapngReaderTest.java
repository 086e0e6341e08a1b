package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading pcapng (draft-ietf-opsawg-pcapng) and Linux cooked captures into the Ethernet
 * records every reader of captures shares: each block type read, every other one stepped over,
 * both byte orders, the time stamp resolutions, and a clear refusal for what cannot be read.
 */
class PcapngReaderTest {
    @TempDir
    Path dir;

    private PcapReader.Capture read(byte[] file) throws Exception {
        Path path = dir.resolve("capture.pcapng");
        Files.write(path, file);
        return PcapReader.read(path);
    }

    private String refusal(byte[] file) throws Exception {
        Path path = dir.resolve("capture.pcapng");
        Files.write(path, file);
        return assertThrows(CaptureFileException.class, () -> PcapReader.read(path)).getMessage()
                .replace(path.toString(), "FILE");
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    /**
     * A little-endian file written out octet by octet: a Section Header Block, an Interface
     * Description Block (Ethernet, no options), an Enhanced Packet Block, a Simple Packet
     * Block, a Name Resolution Block and a custom block (both stepped over), another EPB.
     */
    static final String GOLDEN = ""
            + "0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000"       // SHB, 28 octets
            + "01000000 14000000 0100 0000 ffff0000 14000000"                           // IDB: Ethernet, snap 65535
            + "06000000 28000000 00000000 01000000 02000000 06000000 3c000000"         // EPB: if 0, stamp 2^32+2, 6 of 60
            + "aabbccddeeff 0000 28000000"
            + "03000000 14000000 04000000 01020304 14000000"                           // SPB: 4 octets
            + "04000000 10000000 00000000 10000000"                                    // NRB: only nrb_record_end
            + "ad0b0000 14000000 0102030405060708 14000000"                           // a block type this reader does not know
            + "06000000 24000000 00000000 00000000 03000000 04000000 04000000 0a0b0c0d 24000000"; // EPB: stamp 3

    private static void assertRecord(PcapReader.Record record, long micros, String frame, int original) {
        assertEquals(micros, record.micros(), "time stamp");
        assertEquals(frame, HexFormat.of().formatHex(record.frame()), "frame");
        assertEquals(original, record.originalLength(), "original length");
    }

    @Nested
    class EachBlock {
        @Test
        void theGoldenFileReadsAsThreeFramesStampedByTheirInterface() throws Exception {
            PcapReader.Capture capture = read(hex(GOLDEN));
            assertFalse(capture.cutShort());
            assertEquals(3, capture.records().size());
            assertRecord(capture.records().get(0), (1L << 32) + 2, "aabbccddeeff", 60);
            assertRecord(capture.records().get(1), (1L << 32) + 2, "01020304", 4); // an SPB has no stamp: the one before
            assertRecord(capture.records().get(2), 3, "0a0b0c0d", 4);
        }

        static List<ByteOrder> orders() {
            return List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN);
        }

        @ParameterizedTest
        @MethodSource("orders")
        void theSameBlocksReadTheSameInEitherByteOrder(ByteOrder order) throws Exception {
            CaptureBlocks file = new CaptureBlocks(order).sectionHeader()
                    .interfaceDescription(1, 65535, new byte[0])
                    .enhancedPacket(0, (1L << 32) + 2, hex("aabbccddeeff"), 60)
                    .simplePacket(hex("01020304"), 4)
                    .block(4, new byte[4])
                    .block(0x0BAD, hex("0102030405060708"))
                    .enhancedPacket(0, 3, hex("0a0b0c0d"), 4);
            if (order == ByteOrder.LITTLE_ENDIAN) {
                assertArrayEquals(hex(GOLDEN), file.bytes(), "the builder writes what the golden file spells out");
            }
            PcapReader.Capture capture = read(file.bytes());
            assertEquals(3, capture.records().size());
            assertRecord(capture.records().get(0), (1L << 32) + 2, "aabbccddeeff", 60);
            assertRecord(capture.records().get(1), (1L << 32) + 2, "01020304", 4);
            assertRecord(capture.records().get(2), 3, "0a0b0c0d", 4);
        }

        @Test
        void aSimplePacketIsCutToItsInterfacesSnapLength() throws Exception {
            CaptureBlocks file = new CaptureBlocks(ByteOrder.LITTLE_ENDIAN).sectionHeader()
                    .interfaceDescription(1, 2, new byte[0]).simplePacket(hex("01020304"), 4);
            assertRecord(read(file.bytes()).records().get(0), 0, "0102", 4);
        }

        @Test
        void aNewSectionHasItsOwnByteOrderAndNumbersItsInterfacesAnew() throws Exception {
            CaptureBlocks first = new CaptureBlocks(ByteOrder.LITTLE_ENDIAN).sectionHeader()
                    .interfaceDescription(1, 0, new byte[0]).interfaceDescription(1, 0, new byte[0])
                    .enhancedPacket(1, 7, hex("aabbccddeeff"), 6);
            byte[] cooked = CaptureBlocks.sll(0, hex("020000000001"), 0x0800, hex("45"));
            CaptureBlocks second = new CaptureBlocks(ByteOrder.BIG_ENDIAN).sectionHeader()
                    .interfaceDescription(LinuxCookedHeader.LINKTYPE_LINUX_SLL, 0, new byte[0])
                    .enhancedPacket(0, 8, cooked, cooked.length);
            byte[] file = Arrays.copyOf(first.bytes(), first.size() + second.size());
            System.arraycopy(second.bytes(), 0, file, first.size(), second.size());
            List<PcapReader.Record> records = read(file).records();
            assertRecord(records.get(0), 7, "aabbccddeeff", 6);
            assertRecord(records.get(1), 8, "000000000000" + "020000000001" + "0800" + "45", 15);
        }
    }

    @Nested
    class TimeStamps {
        private long stamped(byte[] options, long stamp) throws Exception {
            CaptureBlocks file = new CaptureBlocks(ByteOrder.LITTLE_ENDIAN).sectionHeader();
            file.interfaceDescription(1, 0, options).enhancedPacket(0, stamp, hex("00"), 1);
            return read(file.bytes()).records().get(0).micros();
        }

        @Test
        void withoutIfTsresolTheyAreMicroseconds() throws Exception {
            assertEquals(1_700_000_000_123_456L, stamped(new byte[0], 1_700_000_000_123_456L));
        }

        @Test
        void ifTsresolNineIsNanoseconds() throws Exception {
            byte[] nano = new CaptureBlocks(ByteOrder.LITTLE_ENDIAN).option(PcapngReader.IF_TSRESOL, new byte[] {9});
            assertEquals(1_700_000_000_123_456L, stamped(nano, 1_700_000_000_123_456_789L));
        }

        @Test
        void aTsresolWithItsHighBitSetIsAPowerOfTwo() throws Exception {
            byte[] binary = new CaptureBlocks(ByteOrder.LITTLE_ENDIAN).option(PcapngReader.IF_TSRESOL,
                    new byte[] {(byte) 0x8A});
            assertEquals(3_500_000L, stamped(binary, 3 * 1024 + 512), "3.5 s in units of 2^-10 s");
        }

        @Test
        void ifTsoffsetAddsItsSeconds() throws Exception {
            CaptureBlocks b = new CaptureBlocks(ByteOrder.LITTLE_ENDIAN);
            byte[] offset = b.option(PcapngReader.IF_TSOFFSET, java.nio.ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN).putLong(100).array());
            assertEquals(100_000_005L, stamped(offset, 5));
        }
    }

    @Nested
    class LinuxCooked {
        private static final String MAC = "020000000001";

        private PcapReader.Record classic(int linkType, byte[] data) throws Exception {
            byte[] file = new CaptureBlocks(ByteOrder.LITTLE_ENDIAN).pcapHeader(linkType).pcapRecord(9, data).bytes();
            return read(file).records().get(0);
        }

        @Test
        void anSllFrameBecomesEthernetWithItsSenderAndProtocol() throws Exception {
            byte[] cooked = CaptureBlocks.sll(4, hex(MAC), 0x0806, hex("0001"));
            assertRecord(classic(LinuxCookedHeader.LINKTYPE_LINUX_SLL, cooked), 9, "000000000000" + MAC + "0806" + "0001", 16);
        }

        @Test
        void anSll2FrameBecomesEthernetToo() throws Exception {
            byte[] cooked = CaptureBlocks.sll2(0, hex(MAC), 0x0800, hex("4500"));
            assertRecord(classic(LinuxCookedHeader.LINKTYPE_LINUX_SLL2, cooked), 9, "000000000000" + MAC + "0800" + "4500", 16);
        }

        @Test
        void aBroadcastKeepsTheBroadcastDestination() throws Exception {
            byte[] cooked = CaptureBlocks.sll2(1, hex(MAC), 0x0806, hex("00"));
            assertRecord(classic(LinuxCookedHeader.LINKTYPE_LINUX_SLL2, cooked), 9, "ffffffffffff" + MAC + "0806" + "00", 15);
        }

        @Test
        void aSenderAddressThatIsNotSixOctetsLeavesTheSourceZero() throws Exception {
            byte[] cooked = CaptureBlocks.sll(0, hex("00000000"), 0x0800, hex("45"));
            assertEquals("000000000000000000000000" + "0800" + "45",
                    HexFormat.of().formatHex(classic(LinuxCookedHeader.LINKTYPE_LINUX_SLL, cooked).frame()));
        }

        @Test
        void aRecordShorterThanItsCookedHeaderCarriesNoFrame() throws Exception {
            byte[] file = new CaptureBlocks(ByteOrder.LITTLE_ENDIAN).pcapHeader(LinuxCookedHeader.LINKTYPE_LINUX_SLL)
                    .pcapRecord(1, hex("0000")).pcapRecord(2, CaptureBlocks.sll(0, hex(MAC), 0x0800, hex("45"))).bytes();
            List<PcapReader.Record> records = read(file).records();
            assertEquals(1, records.size());
            assertEquals(2, records.get(0).micros());
        }
    }

    @Nested
    class WhatCannotBeRead {
        @Test
        void aLinkTypeThatIsNeitherEthernetNorCookedIsRefusedInOneLine() throws Exception {
            byte[] raw = new CaptureBlocks(ByteOrder.LITTLE_ENDIAN).sectionHeader().interfaceDescription(101, 0, new byte[0])
                    .bytes();
            assertEquals("FILE holds link type 101, not Ethernet (1) or Linux cooked (113, 276)", refusal(raw));
            byte[] classic = new CaptureBlocks(ByteOrder.LITTLE_ENDIAN).pcapHeader(101).bytes();
            assertEquals("FILE holds link type 101, not Ethernet (1) or Linux cooked (113, 276)", refusal(classic));
        }

        @Test
        void aPacketOnAnInterfaceNotDescribedIsRefused() throws Exception {
            byte[] file = new CaptureBlocks(ByteOrder.LITTLE_ENDIAN).sectionHeader().interfaceDescription(1, 0, new byte[0])
                    .enhancedPacket(1, 0, hex("00"), 1).bytes();
            assertEquals("FILE: the packet block at octet 48 names interface 1, and its section describes 1", refusal(file));
        }

        @Test
        void aBlockLengthThatIsNoBlocksIsRefused() throws Exception {
            byte[] file = hex(GOLDEN);
            file[28 + 4] = 13; // the IDB's total length
            assertEquals("FILE: the pcapng block at octet 28 says it is 13 octets long (a block is a multiple of 4,"
                    + " at least 12)", refusal(file));
        }

        @Test
        void aSectionWithoutItsByteOrderMagicIsRefused() throws Exception {
            byte[] file = hex(GOLDEN);
            file[8] = 0;
            assertEquals("FILE: the pcapng section at octet 0 has no byte-order magic (0x1A2B3C4D)", refusal(file));
        }

        @Test
        void aFileCutInsideABlockKeepsTheFramesBeforeAndSaysSo() throws Exception {
            byte[] whole = hex(GOLDEN);
            PcapReader.Capture capture = read(Arrays.copyOf(whole, whole.length - 5));
            assertTrue(capture.cutShort());
            assertEquals(2, capture.records().size());
        }

        @Test
        void aFileThatIsNeitherPcapNorPcapngIsRefused() throws Exception {
            assertEquals("FILE is not a capture file (its first octets are neither pcap's magic number nor a pcapng"
                    + " section header)", refusal("these are not frames at all".getBytes()));
        }
    }
}
