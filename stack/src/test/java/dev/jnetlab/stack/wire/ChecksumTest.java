package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumTest {

    /** The definition, one 16-bit word at a time with the carry added back at once (RFC 1071 section 1). */
    private static int referenceSum(byte[] buf, int off, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            int word = (buf[off + i] & 0xFF) << 8 | (i + 1 < len ? buf[off + i + 1] & 0xFF : 0);
            sum += word;
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum;
    }

    @Nested
    class Sum {
        @Test
        void matchesTheNumericalExampleOfRfc1071() {
            // RFC 1071 section 3: 0001 + f203 + f4f5 + f6f7 = 2ddf0, folded ddf2.
            byte[] octets = HexBytes.parse("0001 f203 f4f5 f6f7");
            assertEquals(0xDDF2, Checksum.sum(octets, 0, octets.length));
            assertEquals(0x220D, Checksum.finish(Checksum.sum(octets, 0, octets.length)));
        }

        @Test
        void padsAnOddLastOctetWithZero() {
            assertEquals(0xAB00, Checksum.sum(new byte[] {(byte) 0xAB}, 0, 1));
            assertEquals(0x0102 + 0x0300, Checksum.sum(new byte[] {1, 2, 3}, 0, 3));
        }

        @Test
        void ofNothingIsZero() {
            assertEquals(0, Checksum.sum(new byte[4], 2, 0));
        }

        @ParameterizedTest(name = "offset {0}")
        @ValueSource(ints = {0, 1, 2, 3, 5, 7})
        void agreesWithTheWordByWordDefinitionAtEveryLengthAndAlignment(int offset) {
            Random random = new Random(1071 + offset);
            byte[] buf = new byte[offset + 1600];
            for (int len = 0; len <= 1500; len += len < 80 ? 1 : 37) {
                random.nextBytes(buf);
                assertEquals(referenceSum(buf, offset, len), Checksum.sum(buf, offset, len), "length " + len);
            }
        }

        @Test
        void foldsTheDeferredCarriesOfTheLargestDatagram() {
            byte[] ones = new byte[65536];
            java.util.Arrays.fill(ones, (byte) 0xFF);
            assertEquals(0xFFFF, Checksum.sum(ones, 0, ones.length));
            ones[0] = 0x00;
            assertEquals(referenceSum(ones, 0, ones.length), Checksum.sum(ones, 0, ones.length));
        }

        @Test
        void ofAPartIsTheSumOfItsEvenLengthPieces() {
            byte[] buf = new byte[301];
            new Random(7).nextBytes(buf);
            assertEquals(Checksum.sum(buf, 0, 301), Checksum.add(Checksum.sum(buf, 0, 120), Checksum.sum(buf, 120, 181)));
        }

        @Test
        void overAHeaderWithAValidChecksumIsAllOnes() {
            byte[] frame = WireVectors.PING_REQUEST;
            assertEquals(0xFFFF, Checksum.sum(frame, EthernetFrame.HEADER_LEN, Ipv4Packet.HEADER_LEN));
        }
    }

    @Nested
    class PseudoHeader {
        @Test
        void isTheSumOfSourceDestinationZeroProtocolAndLength() {
            // RFC 768 / RFC 9293 section 3.1: the 12-octet pseudo-header, spelled out.
            byte[] header = HexBytes.parse("c0a8 4564 c0a8 4501 00 06 0028");
            assertEquals(Checksum.sum(header, 0, header.length),
                    Checksum.pseudoHeader(0xC0A84564, 0xC0A84501, 6, 40));
        }

        @Test
        void plusTheSegmentVerifiesARealTcpSegment() {
            byte[] frame = WireVectors.TCP_SYN;
            int tcpAt = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN;
            int tcpLen = frame.length - tcpAt;
            int sum = Checksum.add(Checksum.pseudoHeader(0xC0A84564, 0xC0A84501, 6, tcpLen), Checksum.sum(frame, tcpAt, tcpLen));
            assertEquals(0xFFFF, sum);
        }
    }

    @Nested
    class IncrementalUpdate {
        @Test
        void followsTheExampleOfRfc1624() {
            // RFC 1624 section 4: m = 0x5555 becomes 0x3285 under HC = 0xDD2F; equation 3 gives 0x0000.
            assertEquals(0x0000, Checksum.update(0xDD2F, 0x5555, 0x3285));
        }

        @Test
        void agreesWithRecomputingAfterAnyWordChanges() {
            Random random = new Random(1624);
            byte[] header = new byte[20];
            for (int trial = 0; trial < 10_000; trial++) {
                random.nextBytes(header);
                header[10] = 0;
                header[11] = 0;
                int before = Checksum.finish(Checksum.sum(header, 0, 20));
                int at = 2 * random.nextInt(10);
                if (at == 10) {
                    continue;
                }
                int oldWord = Bytes.u16(header, at);
                int newWord = random.nextInt(0x10000);
                Bytes.put16(header, at, newWord);
                int recomputed = Checksum.finish(Checksum.sum(header, 0, 20));
                int updated = Checksum.update(before, oldWord, newWord);
                // 0x0000 and 0xFFFF are the same number in one's complement; both verify.
                assertEquals(recomputed % 0xFFFF, updated % 0xFFFF, "trial " + trial);
            }
        }
    }

    @Test
    void finishIsTheComplement() {
        assertEquals(0x0000, Checksum.finish(0xFFFF));
        assertEquals(0xFFFF, Checksum.finish(0x0000));
        assertEquals(0x1234, Checksum.finish(0xEDCB));
    }
}
