package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsReprTest {
    /** dnsmasq's answer for www.lab (a CNAME to peer.lab and its A record, an OPT), from a capture on this machine: the UDP payload. */
    static final byte[] CNAME_ANSWER = payload("0200000000016eeeaeb21f58080045000066871940004011a77cc0a84564c0a8453c00359ca100520c5591818580000100020000000103777777036c61620000010001c00c0005000100000000000a0470656572036c616200c02500010001000000000004c0a8456400002904d0000000000000");

    static byte[] payload(String frameHex) {
        byte[] frame = HexBytes.parse(frameHex);
        int at = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN + UdpPacket.HEADER_LEN;
        return Arrays.copyOfRange(frame, at, frame.length);
    }

    @Nested
    class Deconstruct {
        @Test
        void readsEverySectionOfARealAnswer() throws MessageException {
            DnsRepr answer = DnsRepr.parse(CNAME_ANSWER, 0, CNAME_ANSWER.length);
            assertEquals(37249, answer.id());
            assertTrue(answer.isResponse());
            assertTrue(answer.authoritative());
            assertEquals(0, answer.rcode());
            assertEquals(List.of(new DnsRepr.Question("www.lab.", 1)), answer.questions());
            assertEquals(List.of(
                    new DnsRepr.Record("www.lab.", 5, 0, new DnsRepr.Target("peer.lab.")),
                    new DnsRepr.Record("peer.lab.", 1, 0, new DnsRepr.Address(Ipv4Address.parse("192.168.69.100")))),
                    answer.answers());
            assertEquals(1, answer.additionals().size());
            assertEquals(DnsType.OPT.value(), answer.additionals().get(0).type());
        }

        @Test
        void theOptOfARealAnswerKeepsThePayloadSizeFromItsClassField() throws MessageException {
            DnsRepr.Record opt = DnsRepr.parse(CNAME_ANSWER, 0, CNAME_ANSWER.length).opt();
            assertEquals(new DnsRepr.Record(".", DnsType.OPT.value(), DnsRepr.optTtl(0, 0, false),
                    new DnsRepr.Opt(1232, new byte[0])), opt, "dnsmasq offers 1232 octets (04d0), EDNS version 0");
        }

        @Test
        void everyShorterMessageIsRefusedAsTruncatedAndNothingThrowsOtherwise() {
            for (int length = 0; length < CNAME_ANSWER.length; length++) {
                int n = length;
                MessageException e = assertThrows(MessageException.class, () -> DnsRepr.parse(CNAME_ANSWER, 0, n));
                assertEquals(MessageError.TRUNCATED, e.reason(), e.getMessage());
            }
        }
    }

    @Nested
    class Construct {
        @Test
        void emitThenParseGivesTheSameMessageWithNamesCompressed() throws MessageException {
            DnsRepr message = new DnsRepr(7, DnsPacket.FLAG_QR | DnsPacket.FLAG_AA,
                    List.of(new DnsRepr.Question("www.lab.", 1)),
                    List.of(new DnsRepr.Record("www.lab.", 5, 300, new DnsRepr.Target("peer.lab.")),
                            new DnsRepr.Record("peer.lab.", 1, 300, new DnsRepr.Address(Ipv4Address.parse("192.168.69.100")))),
                    List.of(new DnsRepr.Record("lab.", 6, 60, new DnsRepr.Soa("ns.lab.", "admin.lab.", 1, 2, 3, 4, 5))),
                    List.of());
            byte[] wire = message.emit();
            assertEquals(message, DnsRepr.parse(wire, 0, wire.length));
            // "lab." is written once: every later name ends in a pointer to it.
            int labs = 0;
            for (int i = 0; i + 3 < wire.length; i++) {
                if (wire[i] == 3 && wire[i + 1] == 'l' && wire[i + 2] == 'a' && wire[i + 3] == 'b') {
                    labs++;
                }
            }
            assertEquals(1, labs);
        }

        @Test
        void anOptIsWrittenWithItsPayloadSizeAsTheClassAndItsOptionsAsData() throws MessageException {
            DnsRepr.Record opt = new DnsRepr.Record(".", DnsType.OPT.value(), DnsRepr.optTtl(1, 0, true),
                    new DnsRepr.Opt(4096, new byte[] {0, 10, 0, 2, 7, 7}));
            DnsRepr message = new DnsRepr(3, 0, List.of(new DnsRepr.Question("peer.lab.", 1)), List.of(), List.of(),
                    List.of(opt));
            byte[] wire = message.emit();
            int at = wire.length - 6 - 10;
            assertEquals(0, wire[at - 1], "owned by the root");
            assertEquals(41, Bytes.u16(wire, at));
            assertEquals(4096, Bytes.u16(wire, at + 2));
            assertEquals(0x0100_8000, Bytes.i32(wire, at + 4), "extended RCODE 1, version 0, DO");
            assertEquals(6, Bytes.u16(wire, at + 8));
            assertEquals(message, DnsRepr.parse(wire, 0, wire.length));
            assertEquals(opt, DnsRepr.parse(wire, 0, wire.length).opt());
        }

        @Test
        void aQueryIsWhatDigSendsWithoutEdns() {
            byte[] dig = payload("6eeeaeb21f5802000000000108004500003627df0000401146e7c0a8453cc0a84564cef2003500220c25020d012000010000000000000470656572036c61620000010001");
            byte[] ours = DnsRepr.query(525, "peer.lab.", 1).emit();
            dig[3] = 0; // dig also sets AD (RFC 6840 section 5.7), which a stub resolver need not
            assertArrayEquals(dig, ours);
        }
    }

    @Nested
    class HostileNames {
        private byte[] query(int... name) {
            byte[] buf = new byte[12 + name.length + 4];
            buf[5] = 1;
            for (int i = 0; i < name.length; i++) {
                buf[12 + i] = (byte) name[i];
            }
            buf[12 + name.length + 1] = 1;
            buf[12 + name.length + 3] = 1;
            return buf;
        }

        private MessageError refusal(byte[] message) {
            return assertThrows(MessageException.class, () -> DnsRepr.parse(message, 0, message.length)).reason();
        }

        @Test
        void aPointerToItselfIsALoop() {
            assertEquals(MessageError.NAME_POINTER_LOOP, refusal(query(0xC0, 12)));
        }

        @Test
        void twoPointersToEachOtherAreALoop() {
            // 12: "a" then a pointer to 17; 17: a pointer back to 12.
            assertEquals(MessageError.NAME_POINTER_LOOP, refusal(query(1, 'a', 0xC0, 17, 0, 0xC0, 12)));
        }

        @Test
        void aPointerBackIntoTheSameNameIsALoop() {
            // 12: "a" "b" then a pointer to 14, the label "b" of this very name.
            assertEquals(MessageError.NAME_POINTER_LOOP, refusal(query(1, 'a', 1, 'b', 0xC0, 14)));
        }

        @Test
        void aPointerBeyondTheMessageIsOutOfRange() {
            assertEquals(MessageError.NAME_POINTER_OUT_OF_RANGE, refusal(query(0xFF, 0xFF)));
        }

        @Test
        void aLabelPastTheEndIsTruncated() {
            byte[] message = query(1, 'a', 0);
            message[12] = 60;
            assertEquals(MessageError.TRUNCATED, refusal(message));
        }

        @ParameterizedTest
        @ValueSource(ints = {0x40, 0x80})
        void aReservedLabelTypeIsABadName(int type) {
            assertEquals(MessageError.BAD_NAME, refusal(query(type | 1, 'a', 0)));
        }

        @Test
        void aNameOver255OctetsIsABadName() {
            int[] name = new int[5 * 64 + 1];
            for (int label = 0; label < 5; label++) {
                name[label * 64] = 63;
                for (int i = 1; i < 64; i++) {
                    name[label * 64 + i] = 'x';
                }
            }
            assertEquals(MessageError.BAD_NAME, refusal(query(name)));
        }

        @Test
        void thePrinterSaysWhyInsteadOfLooping() {
            byte[] message = query(0xC0, 12);
            StringBuilder out = new DnsPrinter().append(new StringBuilder(), message, 0, message.length);
            assertEquals("0 [DNS: compression pointer loop]", out.toString());
        }
    }

    @Nested
    class Names {
        @Test
        void normalizingMakesANameAbsoluteAndLowerCase() {
            assertEquals("peer.lab.", DnsName.normalize("Peer.LAB"));
            assertEquals("peer.lab.", DnsName.normalize("peer.lab."));
        }

        @ParameterizedTest
        @ValueSource(strings = {"a..b", ".a", "x.$LONG"})
        void notANameIsRefused(String text) {
            String name = text.replace("$LONG", "y".repeat(64));
            assertThrows(IllegalArgumentException.class, () -> DnsName.normalize(name));
        }

        @Test
        void anIpv4AddressPointsBackFromInAddrArpaWithItsNumbersReversed() {
            assertEquals("100.69.168.192.in-addr.arpa.", DnsName.reverse(Ipv4Address.parse("192.168.69.100")));
            assertEquals("0.0.0.10.in-addr.arpa.", DnsName.reverse(Ipv4Address.parse("10.0.0.0")));
        }

        @Test
        void anIpv6AddressPointsBackFromIp6ArpaNibbleByNibbleLowestFirst() {
            byte[] address = new byte[16];
            address[0] = (byte) 0xfd;
            address[15] = 0x6b;
            assertEquals("b.6." + "0.".repeat(28) + "d.f.ip6.arpa.", DnsName.reverse6(address));
            assertThrows(IllegalArgumentException.class, () -> DnsName.reverse6(new byte[4]));
        }
    }
}
