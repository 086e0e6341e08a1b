package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TcpOptionReaderTest {
    private static final int TCP_AT = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN;

    private final TcpPacket segment = new TcpPacket();
    private final TcpOptionReader options = new TcpOptionReader();

    private TcpOptionReader optionsOf(byte[] frame) {
        return options.wrap(segment.wrap(frame, TCP_AT, frame.length - TCP_AT));
    }

    private TcpOptionReader over(String hex) {
        byte[] bytes = HexBytes.parse(hex);
        return options.wrap(bytes, 0, bytes.length);
    }

    private List<Integer> kinds() {
        List<Integer> kinds = new ArrayList<>();
        while (options.next()) {
            kinds.add(options.kind());
        }
        return kinds;
    }

    @Nested
    class OnRealSegments {
        @Test
        void readsTheOptionsOfALinuxSyn() {
            optionsOf(WireVectors.TCP_SYN);
            assertTrue(options.next());
            assertEquals(TcpOptionReader.KIND_MSS, options.kind());
            assertEquals(4, options.length());
            assertEquals(1460, options.mss());
            assertTrue(options.next());
            assertEquals(TcpOptionReader.KIND_SACK_PERMITTED, options.kind());
            assertEquals(2, options.length());
            assertTrue(options.next());
            assertEquals(TcpOptionReader.KIND_TIMESTAMPS, options.kind());
            assertEquals(165058916, options.tsVal());
            assertEquals(0, options.tsEcr());
            assertTrue(options.next());
            assertEquals(TcpOptionReader.KIND_NOP, options.kind());
            assertEquals(1, options.length());
            assertTrue(options.next());
            assertEquals(TcpOptionReader.KIND_WINDOW_SCALE, options.kind());
            assertEquals(10, options.windowScale());
            assertEquals(17, options.position());
            assertFalse(options.next());
            assertNull(options.error());
        }

        @Test
        void readsTheSackBlockLinuxSentForAnOutOfOrderSegment() {
            optionsOf(WireVectors.TCP_SACK);
            assertEquals(List.of(1, 1, 5), kinds());
            optionsOf(WireVectors.TCP_SACK);
            options.next();
            options.next();
            options.next();
            assertEquals(1, options.sackCount());
            assertEquals(1011, options.sackLeft(0));
            assertEquals(1021, options.sackRight(0));
            assertThrows(IndexOutOfBoundsException.class, () -> options.sackLeft(1));
        }

        @Test
        void readsNothingFromASegmentWithoutOptions() {
            optionsOf(WireVectors.TCP_RST);
            assertFalse(options.next());
            assertNull(options.error());
        }
    }

    @Test
    void findsNoOptionsInASegmentTooShortForItsFixedHeader() {
        byte[] frame = WireVectors.TCP_RST;
        options.wrap(segment.wrap(frame, frame.length - 10, 10));
        assertFalse(options.next());
        assertNull(options.error());
    }

    @Nested
    class TheEndOfTheList {
        @Test
        void isReturnedOnceAndWhatFollowsIsPadding() {
            over("02 04 05b4 00 ff 03");
            assertEquals(List.of(TcpOptionReader.KIND_MSS, TcpOptionReader.KIND_EOL), kinds());
            assertNull(options.error());
        }
    }

    @Test
    void keepsAnUnknownKindsDataInPlace() {
        over("fd 06 0102 0304 01");
        assertTrue(options.next());
        assertEquals(253, options.kind());
        assertEquals(6, options.length());
        assertEquals(2, options.dataOffset());
        assertEquals(4, options.dataLength());
        assertTrue(options.next());
        assertEquals(TcpOptionReader.KIND_NOP, options.kind());
    }

    @Test
    void readsUpToFourSackBlocks() {
        over("05 22 00000001 00000002 00000003 00000004 00000005 00000006 ffffffff 00000000");
        assertTrue(options.next());
        assertEquals(4, options.sackCount());
        assertEquals(5, options.sackLeft(2));
        assertEquals(-1, options.sackLeft(3));
        assertEquals(0, options.sackRight(3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "length 0 | 0101 08 00 | TCP: option TS at octet 22: length 0 < 2",
        "length 1 | 1d 01 | TCP: option kind 29 at octet 20: length 1 < 2",
        "beyond the end | 02 04 05 | TCP: option mss at octet 20: length 4 runs beyond the header (3 octets left)",
        "no length octet | 01 01 01 02 | TCP: option mss at octet 23: no room for its length octet",
        "window scale of length 4 | 03 04 0e 00 | TCP: option wscale at octet 20: length 4, should be 3",
        "sack permitted of length 3 | 04 03 00 | TCP: option sackOK at octet 20: length 3, should be 2",
        "sack without a block | 05 02 | TCP: option sack at octet 20: length 2, should be 10, 18, 26 or 34",
        "sack with half a block | 05 0e 00000001 00000002 0000 0000 | TCP: option sack at octet 20: length 14, should be 10, 18, 26 or 34",
    })
    void stopsAtAMalformedOptionAndSaysWhatIsWrong(String what, String hex, String message) {
        over(hex);
        while (options.next()) {
            assertTrue(options.kind() <= 1, "only the NOPs before it are read");
        }
        assertEquals(WireError.BAD_OPTION, options.error());
        assertEquals(message, options.errorMessage());
    }

    @Test
    void refusesToReadAFieldOfAnotherKind() {
        over("01 02 04 05b4");
        assertThrows(IllegalStateException.class, options::kind, "before next()");
        options.next();
        assertThrows(IllegalStateException.class, options::mss);
        options.next();
        assertEquals(1460, options.mss());
        assertThrows(IllegalStateException.class, options::tsVal);
    }

    @Test
    void printsTheListAsTcpdumpDoes() {
        optionsOf(WireVectors.TCP_SYN);
        assertEquals("mss 1460,sackOK,TS val 165058916 ecr 0,nop,wscale 10", options.appendTo(new StringBuilder(), ",").toString());
        assertEquals("nop, nop, sack 1 {1011:1021}", optionsOf(WireVectors.TCP_SACK).appendTo(new StringBuilder(), ", ").toString());
        assertEquals("unknown-253 0x0102,unknown-254,eol", over("fd 04 0102 fe 02 00").appendTo(new StringBuilder(), ",").toString());
        assertEquals("nop,[TCP: option mss at octet 21: length 3, should be 4]",
                over("01 02 03 05").appendTo(new StringBuilder(), ",").toString());
    }
}
