package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the one-line printer adds to tcpdump's style (which {@link TcpdumpParityTest} checks):
 * a frame that is wrong prints what could be read, then exactly what is wrong, in brackets.
 */
class OneLinePrinterTest {
    private static final int IP_AT = EthernetFrame.HEADER_LEN;
    private static final int L4_AT = IP_AT + Ipv4Packet.HEADER_LEN;
    private static final int PEER = Ipv4Address.parse("192.168.69.100").bits();
    private static final int HOST = Ipv4Address.parse("192.168.69.1").bits();

    private final OneLinePrinter printer = new OneLinePrinter();

    private static Arguments wrong(String expected, byte[] vector, UnaryOperator<byte[]> breakIt) {
        return Arguments.of(expected, breakIt.apply(Arrays.copyOf(vector, vector.length)));
    }

    private static byte[] cut(byte[] frame, int length) {
        return Arrays.copyOf(frame, length);
    }

    private static TcpPacket tcp(byte[] frame) {
        return new TcpPacket().wrap(frame, L4_AT, frame.length - L4_AT);
    }

    static Stream<Arguments> malformedFrames() {
        return Stream.of(
                wrong(" [|ether]", WireVectors.ARP_REQUEST, f -> cut(f, 13)),
                wrong("ARP, [ARP: 27 octets, shorter than the 28-octet packet]", WireVectors.ARP_REQUEST, f -> cut(f, 41)),
                wrong("IP  [|ip]", WireVectors.PING_REQUEST, f -> cut(f, 33)),
                wrong("IP [IPv4: version 6, not 4]", WireVectors.PING_REQUEST, f -> {
                    f[IP_AT] = 0x65;
                    return f;
                }),
                wrong("IP truncated-ip - 24 bytes missing! 192.168.69.100 > 192.168.69.1: ICMP echo request, id 9011, seq 1, length 64",
                        WireVectors.PING_REQUEST, f -> cut(f, 74)),
                wrong("IP 192.168.69.100 > 192.168.69.1: [ICMP: 4 octets, shorter than the 8-octet header]",
                        WireVectors.PING_REQUEST, f -> {
                            new Ipv4Packet().wrap(f, IP_AT, 24).setTotalLength(24).fillChecksum();
                            return cut(f, 38);
                        }),
                wrong("IP 192.168.69.100.51234 > 192.168.69.1.6969: Flags [S], seq 708541127, win 64240 [TCP: data offset 4 < 5]",
                        WireVectors.TCP_SYN, f -> {
                            tcp(f).setDataOffset(4);
                            return f;
                        }),
                wrong("IP 192.168.69.100.51234 > 192.168.69.1.6969: Flags [SR], seq 708541127, win 64240, options [mss 1460,"
                        + "sackOK,TS val 165058916 ecr 0,nop,wscale 10], length 0 [TCP: SYN with RST]", WireVectors.TCP_SYN, f -> {
                            tcp(f).setRst(true).fillChecksum(PEER, HOST);
                            return f;
                        }),
                wrong("IP 192.168.69.100.51234 > 192.168.69.1.6969: Flags [S], seq 708541127, win 64240, options [mss 1460,"
                        + "sackOK,[TCP: option TS at octet 26: length 1 < 2]], length 0", WireVectors.TCP_SYN, f -> {
                            f[L4_AT + 27] = 1;
                            tcp(f).fillChecksum(PEER, HOST);
                            return f;
                        }),
                wrong("IP 192.168.69.1 > 192.168.69.100:  [|tcp]",
                        WireVectors.TCP_RST, f -> shortTransport(f, 3)),
                wrong("IP 192.168.69.1.7 > 192.168.69.100.51235:  [|tcp]",
                        WireVectors.TCP_RST, f -> shortTransport(f, 12)),
                wrong("IP 192.168.69.100.40000 > 192.168.69.1.6969: [UDP: length 16 > 15 octets available]",
                        WireVectors.UDP_DATAGRAM, f -> {
                            Bytes.put16(f, L4_AT + 4, 16);
                            return f;
                        }),
                wrong("IP 192.168.69.1 > 192.168.69.100: ICMP type 3 code 3 [ICMP: quoted datagram: IPv4: version 5, not 4], "
                        + "length 41", WireVectors.ICMP_PORT_UNREACHABLE, f -> {
                            f[L4_AT + 8] = 0x55;
                            new Icmpv4Packet().wrap(f, L4_AT, 41).fillChecksum();
                            return f;
                        }));
    }

    /** The frame's IPv4 payload cut to {@code length} octets, the header fixed to say so. */
    private static byte[] shortTransport(byte[] frame, int length) {
        new Ipv4Packet().wrap(frame, IP_AT, 20 + length).setTotalLength(20 + length).fillChecksum();
        return cut(frame, L4_AT + length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFrames")
    void printsWhatCouldBeReadThenWhatIsWrong(String expected, byte[] frame) {
        assertEquals(expected, printer.format(frame));
    }

    @Test
    void reportsABadChecksumAtTheEndOfTheLine() {
        byte[] frame = Arrays.copyOf(WireVectors.TCP_DATA, WireVectors.TCP_DATA.length);
        frame[frame.length - 1] ^= 0x01;
        assertEquals("IP 192.168.69.100.51234 > 192.168.69.1.6969: Flags [P.], seq 708541128:708541134, ack 3802825046, "
                + "win 63, options [nop,nop,TS val 165058916 ecr 2434747395], length 6 [TCP: bad checksum 0xba1f, should be 0xba1e]",
                printer.format(frame));
        byte[] udp = Arrays.copyOf(WireVectors.UDP_DATAGRAM, WireVectors.UDP_DATAGRAM.length);
        Bytes.put16(udp, IP_AT + 10, 0);
        assertEquals("IP 192.168.69.100.40000 > 192.168.69.1.6969: UDP, length 7 [IPv4: bad checksum 0x0000, should be 0x318e]",
                printer.format(udp));
    }

    @Test
    void saysAChecksumLeftToTheDeviceIsOffloadedNotBad() {
        byte[] frame = Arrays.copyOf(WireVectors.TCP_DATA, WireVectors.TCP_DATA.length);
        Ipv4Packet ip = new Ipv4Packet().wrap(frame, IP_AT, frame.length - IP_AT);
        new TcpPacket().wrap(frame, L4_AT, ip.totalLength() - ip.headerLength()).setPartialChecksum(ip.source(), ip.destination());
        assertEquals("IP 192.168.69.100.51234 > 192.168.69.1.6969: Flags [P.], seq 708541128:708541134, ack 3802825046, "
                + "win 63, options [nop,nop,TS val 165058916 ecr 2434747395], length 6 [TCP: checksum offloaded]",
                printer.format(frame));
    }

    @Test
    void showsNoVlanTagAsTcpdumpDoesWithoutE() {
        byte[] untagged = WireVectors.ARP_REPLY;
        byte[] tagged = new byte[untagged.length + 4];
        System.arraycopy(untagged, 0, tagged, 0, 12);
        System.arraycopy(HexBytes.parse("8100 a00a"), 0, tagged, 12, 4);
        System.arraycopy(untagged, 12, tagged, 16, untagged.length - 12);
        assertEquals("ARP, Reply 192.168.69.1 is-at 02:00:00:00:00:01, length 28", printer.format(tagged));
    }

    @Test
    void printsTheAddressesAndTypeOfAnythingButIpv4AndArp() {
        byte[] frame = Arrays.copyOf(WireVectors.PING_REQUEST, 60);
        // 0x88b5: IEEE 802's local experimental EtherType, which tcpdump 4.99 does not decode (as written by it).
        Bytes.put16(frame, 12, 0x88B5);
        assertEquals("02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype Unknown (0x88b5), length 60: ", printer.format(frame));
        assertEquals("02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype Unknown (0x88b5), length 60: \n"
                        + "\t0x0000:  4500 0054 6343 4000 4001 cbaf c0a8 4564  E..TcC@.@.....Ed\n"
                        + "\t0x0010:  c0a8 4501 0800 daa1 2333 0001 13d7 006b  ..E.....#3.....k\n"
                        + "\t0x0020:  0000 0000 a5ad 0200 0000 0000 6574       ............et",
                printer.appendWithPayloadTo(new StringBuilder(), frame, 0, frame.length).toString(),
                "tcpdump without -X dumps the payload it could not decode");
        Bytes.put16(frame, 12, 46);
        assertEquals("02:00:00:00:00:02 > 02:00:00:00:00:01, 802.3, length 60", printer.format(frame));
    }

    @Test
    void printsAFrameInTheMiddleOfABuffer() {
        byte[] buffer = new byte[200];
        System.arraycopy(WireVectors.UDP_DATAGRAM, 0, buffer, 50, WireVectors.UDP_DATAGRAM.length);
        StringBuilder out = new StringBuilder("> ");
        printer.appendTo(out, buffer, 50, WireVectors.UDP_DATAGRAM.length);
        assertEquals("> IP 192.168.69.100.40000 > 192.168.69.1.6969: UDP, length 7", out.toString());
    }
}
