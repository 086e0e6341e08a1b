package dev.jnetlab.stack.wire;

import dev.jnetlab.stack.phy.PcapFile;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.testing.ExternalTool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-line printer and the hex dump print what tcpdump prints for the same frame: every
 * captured vector, and frames made from them for the cases Linux did not send (every
 * unreachable code, redirects, every TCP flag, several SACK blocks, unknown options). All go
 * into one pcap, read once with {@code tcpdump -nn -S -t -XX -r}: {@code -S} because this
 * printer, like any per-frame printer, gives absolute sequence numbers, where tcpdump would
 * count from the first frame it saw of each connection (and it does so even for the SACK
 * blocks of that first frame).
 *
 * <p>Frames cut short at each layer, unknown EtherTypes (whose payload tcpdump dumps in hex
 * when it is not dumping the whole frame), unknown IP protocols and 802.1Q-tagged frames are
 * listed too. Where the two differ on purpose no frame is listed here: tcpdump decodes
 * application protocols by port and 802.2 LLC; this printer stops at the transport layer and
 * reports malformed frames and bad checksums its own way.
 *
 * <p>Without tcpdump the test is skipped, unless the environment says {@code CI=true}: then it fails.
 */
class TcpdumpParityTest {
    private static final int IP_AT = EthernetFrame.HEADER_LEN;
    private static final int L4_AT = IP_AT + Ipv4Packet.HEADER_LEN;
    private static final Ipv4Address PEER = Ipv4Address.parse("192.168.69.100");
    private static final Ipv4Address HOST = Ipv4Address.parse("192.168.69.1");

    private static final Map<String, byte[]> FRAMES = frames();
    private static final Map<String, List<String>> TCPDUMP = new LinkedHashMap<>();
    /** What tcpdump prints without -XX: the line, and after it the payload it could not decode. */
    private static final Map<String, List<String>> TCPDUMP_PLAIN = new LinkedHashMap<>();

    @BeforeAll
    static void runTcpdumpOnceOverEveryFrame(@TempDir Path dir) throws IOException, InterruptedException {
        ExternalTool tcpdump = ExternalTool.require("tcpdump", "tcpdump");
        Path pcap = dir.resolve("frames.pcap");
        try (PcapFile file = PcapFile.create(pcap, 0)) {
            long second = 0;
            for (byte[] frame : FRAMES.values()) {
                file.write(second, frame, 0, frame.length);
                second += Micros.PER_SECOND;
            }
        }
        read(tcpdump.run(dir, "-nn", "-S", "-t", "-XX", "-r", pcap.toString()), TCPDUMP);
        read(tcpdump.run(dir, "-nn", "-S", "-t", "-r", pcap.toString()), TCPDUMP_PLAIN);
    }

    /** Splits tcpdump's output into each frame's lines: its summary line and the tab-indented ones after it. */
    private static void read(ExternalTool.Output run, Map<String, List<String>> into) {
        assertEquals(0, run.exitStatus(), () -> "tcpdump failed: " + run.err());
        List<List<String>> perFrame = new ArrayList<>();
        for (String line : run.out()) {
            if (!line.startsWith("\t")) {
                perFrame.add(new ArrayList<>());
            }
            perFrame.get(perFrame.size() - 1).add(line);
        }
        assertEquals(FRAMES.size(), perFrame.size(), "one summary line per frame");
        int i = 0;
        for (String name : FRAMES.keySet()) {
            into.put(name, perFrame.get(i++));
        }
    }

    static Stream<Arguments> names() {
        return FRAMES.keySet().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void theOneLineFormIsTcpdumps(String name) {
        assertEquals(TCPDUMP.get(name).get(0), new OneLinePrinter().format(FRAMES.get(name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void withoutHexTheLinesAreTcpdumpsWithThePayloadItCouldNotDecode(String name) {
        byte[] frame = FRAMES.get(name);
        assertEquals(String.join("\n", TCPDUMP_PLAIN.get(name)),
                new OneLinePrinter().appendWithPayloadTo(new StringBuilder(), frame, 0, frame.length).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void theHexDumpIsTcpdumps(String name) {
        List<String> lines = TCPDUMP.get(name);
        assertEquals(String.join("\n", lines.subList(1, lines.size())) + "\n", HexDump.format(FRAMES.get(name)));
    }

    private static Map<String, byte[]> frames() {
        Map<String, byte[]> frames = new LinkedHashMap<>(WireVectors.ALL);
        for (int code = 0; code <= 16; code++) {
            frames.put("ICMP unreachable code " + code, icmp(WireVectors.ICMP_PORT_UNREACHABLE, 3, code, code == 4 ? 1500 : 0));
        }
        frames.put("ICMP fragmentation needed without an MTU", icmp(WireVectors.ICMP_PORT_UNREACHABLE, 3, 4, 0));
        frames.put("ICMP unreachable for a TCP port", tcpPortUnreachable());
        for (int code = 0; code <= 3; code++) {
            frames.put("ICMP redirect code " + code, icmp(WireVectors.ICMP_PORT_UNREACHABLE, 5, code, 0x0A000009));
        }
        frames.put("ICMP reassembly time exceeded", icmp(WireVectors.ICMP_TIME_EXCEEDED, 11, 1, 0));
        frames.put("ICMP parameter problem code 1", icmp(WireVectors.ICMP_PARAMETER_PROBLEM, 12, 1, 0));
        frames.put("ICMP parameter problem code 2", icmp(WireVectors.ICMP_PARAMETER_PROBLEM, 12, 2, 0));
        frames.put("ICMP unknown type", icmp(WireVectors.PING_REQUEST, 99, 0, 0));
        int[] flagSets = {0, TcpFlags.FIN, TcpFlags.PSH, TcpFlags.URG | TcpFlags.ACK, TcpFlags.ECE | TcpFlags.CWR | TcpFlags.SYN,
            TcpFlags.FIN | TcpFlags.RST | TcpFlags.PSH | TcpFlags.ACK | TcpFlags.URG | TcpFlags.ECE | TcpFlags.CWR};
        for (int flags : flagSets) {
            frames.put("TCP flags [" + TcpFlags.of(flags) + "]", tcpFlags(flags));
        }
        frames.put("TCP with four SACK blocks", tcp(List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Sack(List.of(
                new SackRange(1, 2), new SackRange(-3, -2), new SackRange(100, 200), new SackRange(0x7FFF_FFFF, 0x8000_0000))))));
        frames.put("TCP with unknown options and the end of the list", tcp(List.of(new TcpOption.Unknown(99, Octets.of(
                new byte[] {(byte) 0xAB, (byte) 0xCD})), new TcpOption.Unknown(77, Octets.EMPTY), TcpOption.NOP)));
        frames.put("TCP with window scale 14 padded by EOL", tcp(List.of(new TcpOption.WindowScale(14))));
        frames.put("ARP request that knows the target", arpRequestWithTarget());
        frames.put("unknown EtherType", HexBytes.parse("020000000001 020000000002 88b5"
                + " 0102030405060708090a0b0c0d0e0f10 1112131415161718191a1b1c1d1e1f20 2122232425262728292a2b2c2d2e"));
        frames.put("unknown EtherType, four octets of payload", HexBytes.parse("020000000001 020000000002 88b5 01020304"));
        frames.put("unknown IP protocol", ipWithProtocol(253));
        frames.put("802.1Q: ICMP", tagged(WireVectors.PING_REQUEST, 0x2005));
        frames.put("802.1Q: ARP", tagged(WireVectors.ARP_REQUEST, 0x0007));
        frames.put("802.1Q: unknown EtherType", HexBytes.parse("020000000001 020000000002 8100 0007 88b5 61626364"));
        frames.put("truncated: the IP datagram", Arrays.copyOf(WireVectors.PING_REQUEST, WireVectors.PING_REQUEST.length - 6));
        frames.put("truncated: the TCP header", Arrays.copyOf(WireVectors.TCP_DATA, L4_AT + 12));
        frames.put("truncated: the UDP header", Arrays.copyOf(WireVectors.UDP_DATAGRAM, L4_AT + 3));
        frames.put("truncated: the IP header", Arrays.copyOf(WireVectors.PING_REQUEST, IP_AT + 2));
        frames.put("truncated: ARP", Arrays.copyOf(WireVectors.ARP_REQUEST, IP_AT + 4));
        frames.put("truncated: the Ethernet header", Arrays.copyOf(WireVectors.ARP_REQUEST, 12));
        ipv6Frames(frames);
        return frames;
    }

    /** The IPv6 vectors, and ICMPv6 messages and extension headers made for the cases the kernel did not send. */
    private static void ipv6Frames(Map<String, byte[]> frames) {
        Ipv6Vectors.ALL.forEach((name, frame) -> frames.put("IPv6 " + name, frame));
        Ipv6Address router = Ipv6Address.parse("fe80::ff:fe00:2");
        Ipv6Address host = Ipv6Address.parse("fd00::1");
        Ipv6Address peer = Ipv6Address.parse("fd00::100");
        Octets quoted = Octets.copyOf(Ipv6Vectors.UDP, IP_AT, Ipv6Vectors.UDP.length - IP_AT);
        frames.put("IPv6 router advertisement", Icmpv6ReprTest.frame(new Icmpv6Repr.RouterAdvert(64, false, false, 1800, 0, 0,
                Optional.of(MacAddress.parse("02:00:00:00:00:02")), OptionalLong.of(1500), List.of(new Icmpv6Repr.PrefixInformation(
                        Ipv6Address.parse("fd00::"), 64, true, true, 86400, 14400))), router, Ipv6Address.ALL_NODES, 255));
        frames.put("IPv6 redirect", Icmpv6ReprTest.frame(new Icmpv6Repr.Redirect(Ipv6Address.parse("fe80::3"),
                Ipv6Address.parse("fd00:9::1"), Optional.empty()), router, host, 255));
        for (int code = 0; code <= 4; code++) {
            frames.put("IPv6 unreachable code " + code, Icmpv6ReprTest.frame(new Icmpv6Repr.Error(
                    Icmpv6Packet.TYPE_DST_UNREACHABLE, code, 0, quoted), host, peer, 64));
        }
        frames.put("IPv6 packet too big", Icmpv6ReprTest.frame(new Icmpv6Repr.Error(Icmpv6Packet.TYPE_PACKET_TOO_BIG, 0, 1280, quoted),
                router, peer, 64));
        for (int code = 0; code <= 2; code++) {
            frames.put("IPv6 time exceeded code " + code, Icmpv6ReprTest.frame(new Icmpv6Repr.Error(
                    Icmpv6Packet.TYPE_TIME_EXCEEDED, code, 0, quoted), router, peer, 64));
        }
        for (int code = 0; code <= 4; code++) {
            frames.put("IPv6 parameter problem code " + code, Icmpv6ReprTest.frame(new Icmpv6Repr.Error(
                    Icmpv6Packet.TYPE_PARAM_PROBLEM, code, 42, quoted), host, peer, 64));
        }
        long querierMac = 0x0200_0000_0009L;
        Ipv6Address querier = Ipv6Address.parse("fe80::1");
        Ipv6Address group = Ipv6Address.parse("ff02::1:ff00:1");
        frames.put("MLDv2 general query", MldFrames.query(querierMac, querier, Ipv6Address.ALL_NODES, 1, true, 10000,
                Ipv6Address.UNSPECIFIED, 0));
        frames.put("MLDv2 group-specific query", MldFrames.query(querierMac, querier, group, 1, true, 1000, group, 0));
        frames.put("MLDv2 group-and-source-specific query", MldFrames.query(querierMac, querier, group, 1, true, 1000, group, 2));
        frames.put("MLDv1 query", MldFrames.queryV1(querierMac, querier, 10000));
        frames.put("IPv6 destination options before UDP", withExtension(Ipv6Vectors.UDP, 60, "0000 01 04 00000000"));
        frames.put("IPv6 routing header without segments left", withExtension(Ipv6Vectors.UDP, 43, "0002 00 00 00000000"
                + "00000000000000000000000000000000"));
        frames.put("IPv6 atomic fragment", withExtension(Ipv6Vectors.UDP, 44, "0000 0000 00001234"));
        frames.put("truncated: the IPv6 header", Arrays.copyOf(Ipv6Vectors.ECHO_REQUEST, IP_AT + 30));
        frames.put("truncated: the IPv6 payload", Arrays.copyOf(Ipv6Vectors.ECHO_REQUEST, Ipv6Vectors.ECHO_REQUEST.length - 6));
    }

    /**
     * {@code vector}'s packet with one extension header of type {@code type} put before its
     * upper layer: the header's own next header (its first octet) is set to the packet's.
     */
    private static byte[] withExtension(byte[] vector, int type, String headerHex) {
        byte[] header = HexBytes.parse(headerHex);
        byte[] frame = new byte[vector.length + header.length];
        int at = IP_AT + Ipv6Packet.HEADER_LEN;
        System.arraycopy(vector, 0, frame, 0, at);
        System.arraycopy(header, 0, frame, at, header.length);
        System.arraycopy(vector, at, frame, at + header.length, vector.length - at);
        Ipv6Packet ip = new Ipv6Packet().wrap(frame, IP_AT, frame.length - IP_AT);
        frame[at] = (byte) ip.nextHeader();
        ip.setNextHeader(type).setPayloadLength(ip.payloadLength() + header.length);
        return frame;
    }

    private static byte[] copy(byte[] frame) {
        return Arrays.copyOf(frame, frame.length);
    }

    private static byte[] icmp(byte[] vector, int type, int code, int restOfHeader) {
        byte[] frame = copy(vector);
        new Icmpv4Packet().wrap(frame, L4_AT, frame.length - L4_AT).setType(type).setCode(code).setRestOfHeader(restOfHeader)
                .fillChecksum();
        return frame;
    }

    private static byte[] tcpPortUnreachable() {
        byte[] frame = copy(WireVectors.ICMP_PORT_UNREACHABLE);
        new Ipv4Packet().wrap(frame, L4_AT + 8, frame.length - L4_AT - 8).setProtocolValue(6).fillChecksum();
        new Icmpv4Packet().wrap(frame, L4_AT, frame.length - L4_AT).fillChecksum();
        return frame;
    }

    private static byte[] tcpFlags(int flags) {
        byte[] frame = copy(WireVectors.TCP_DATA);
        new TcpPacket().wrap(frame, L4_AT, frame.length - L4_AT).setFlags(flags).setUrgentPointer(7)
                .fillChecksum(PEER.bits(), HOST.bits());
        return frame;
    }

    private static byte[] tcp(List<TcpOption> options) {
        TcpRepr fields = new TcpRepr().sourceAddress(PEER.bits()).destinationAddress(HOST.bits()).sourcePort(51234)
                .destinationPort(6969).seq(1000).ack(2000).window(512);
        int tcpLength = TcpSegments.headerLength(options);
        Ipv4Repr ip = Ipv4Repr.of(PEER, HOST, IpProtocol.TCP, tcpLength);
        EthernetRepr ethernet = new EthernetRepr(MacAddress.parse("02:00:00:00:00:02"), MacAddress.parse("02:00:00:00:00:01"),
                EtherType.IPV4);
        byte[] frame = new byte[ethernet.bufferLen(ip.bufferLen())];
        ethernet.emit(new EthernetFrame().wrap(frame, 0, frame.length));
        ip.emit(new Ipv4Packet().wrap(frame, IP_AT, ip.bufferLen()));
        TcpSegments.write(fields, options, new byte[0], new TcpPacket().wrap(frame, L4_AT, tcpLength));
        return frame;
    }

    /** A datagram whose header says {@code protocol}, its payload some text. */
    private static byte[] ipWithProtocol(int protocol) {
        byte[] frame = copy(WireVectors.PING_REQUEST);
        new Ipv4Packet().wrap(frame, IP_AT, frame.length - IP_AT).setProtocolValue(protocol).fillChecksum();
        return frame;
    }

    /** {@code frame} with an 802.1Q tag (TCI {@code tci}) after its addresses. */
    private static byte[] tagged(byte[] frame, int tci) {
        byte[] out = new byte[frame.length + 4];
        System.arraycopy(frame, 0, out, 0, 12);
        out[12] = (byte) 0x81;
        out[14] = (byte) (tci >> 8);
        out[15] = (byte) tci;
        System.arraycopy(frame, 12, out, 16, frame.length - 12);
        return out;
    }

    private static byte[] arpRequestWithTarget() {
        byte[] frame = copy(WireVectors.ARP_REQUEST);
        new ArpPacket().wrap(frame, IP_AT, frame.length - IP_AT).setTargetHardwareAddr(0x0200_0000_0001L);
        return frame;
    }
}
