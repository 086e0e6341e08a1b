package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.phy.PcapFile;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The printer's {@code -v} and {@code -e} levels ({@code trace on -v}, {@code trace on -e}) print
 * what tcpdump prints with the same flags for the same frame: the captured vectors, and frames
 * made here for the header fields Linux did not vary (more fragments with don't fragment, the
 * reserved bit, a TOS with ECN, wrong header and ICMP checksums, an unknown protocol). tcpdump
 * runs once per level over one pcap: {@code -nn -S -t} and {@code -v}, {@code -e}, or both.
 *
 * <p>Left out of {@code -e} alone: wrong checksums, which this printer reports without {@code -v}
 * and tcpdump does not. Left out of {@code -v} on purpose: IPv4 options (tcpdump decodes them, this printer does
 * not) and ICMP errors (tcpdump then prints the quoted datagram on lines of its own).
 *
 * <p>Without tcpdump the test is skipped, unless the environment says {@code CI=true}: then it fails.
 */
class TcpdumpLevelsParityTest {
    private static final int IP_AT = EthernetFrame.HEADER_LEN;
    private static final Map<String, byte[]> FRAMES = frames();
    private static final Map<String, Map<String, String>> TCPDUMP = new LinkedHashMap<>();

    @BeforeAll
    static void runTcpdumpOncePerLevel(@TempDir Path dir) throws IOException, InterruptedException {
        ExternalTool tcpdump = ExternalTool.require("tcpdump", "tcpdump");
        Path pcap = dir.resolve("frames.pcap");
        try (PcapFile file = PcapFile.create(pcap, 0)) {
            long second = 0;
            for (byte[] frame : FRAMES.values()) {
                file.write(second, frame, 0, frame.length);
                second += Micros.PER_SECOND;
            }
        }
        for (String level : List.of("-v", "-e", "-ev")) {
            ExternalTool.Output run = tcpdump.run(dir, "-nn", "-S", "-t", level, "-r", pcap.toString());
            assertEquals(0, run.exitStatus(), () -> "tcpdump failed: " + run.err());
            List<String> perFrame = new ArrayList<>();
            for (String line : run.out()) {
                // A frame's lines after its first are indented (tcpdump -v's addresses, quoted datagrams).
                if (line.startsWith(" ") || line.startsWith("\t")) {
                    perFrame.set(perFrame.size() - 1, perFrame.get(perFrame.size() - 1) + "\n" + line);
                } else {
                    perFrame.add(line);
                }
            }
            assertEquals(FRAMES.size(), perFrame.size(), "one entry per frame for " + level);
            Map<String, String> byName = new LinkedHashMap<>();
            int i = 0;
            for (String name : FRAMES.keySet()) {
                byName.put(name, perFrame.get(i++));
            }
            TCPDUMP.put(level, byName);
        }
    }

    static Stream<Arguments> verboseFrames() {
        return FRAMES.keySet().stream()
                .filter(name -> !name.startsWith("ICMP_") && !name.contains("RECORD_ROUTE") && !name.equals("IP_BAD_OPTION"))
                .map(Arguments::of);
    }

    /** Every frame but those with a wrong checksum, which tcpdump shows only with -v and this printer always. */
    static Stream<Arguments> linkFrames() {
        return FRAMES.keySet().stream().filter(name -> !name.startsWith("a wrong")).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verboseFrames")
    void minusVIsTcpdumps(String name) {
        assertEquals(TCPDUMP.get("-v").get(name), new OneLinePrinter().setVerbose(true).format(FRAMES.get(name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linkFrames")
    void minusEIsTcpdumps(String name) {
        assertEquals(TCPDUMP.get("-e").get(name), new OneLinePrinter().setLinkLevel(true).format(FRAMES.get(name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verboseFrames")
    void bothTogetherAreTcpdumps(String name) {
        assertEquals(TCPDUMP.get("-ev").get(name),
                new OneLinePrinter().setVerbose(true).setLinkLevel(true).format(FRAMES.get(name)));
    }

    private static Map<String, byte[]> frames() {
        Map<String, byte[]> frames = new LinkedHashMap<>(WireVectors.ALL);
        frames.put("more fragments and don't fragment", ip(WireVectors.PING_REQUEST, p -> p.setMoreFragments(true)
                .setDontFragment(true)));
        frames.put("the reserved bit", ip(WireVectors.PING_REQUEST, p -> p.setReservedFlag(true).setDontFragment(true)));
        frames.put("TOS 0xb8, ECT(0), TTL 1", ip(WireVectors.PING_REQUEST, p -> p.setDscp(46).setEcn(2).setTtl(1)));
        frames.put("CE", ip(WireVectors.PING_REQUEST, p -> p.setEcn(3)));
        frames.put("a wrong header checksum", ip(WireVectors.PING_REQUEST, p -> p.setIdentification(7)));
        frames.put("an unknown protocol", ip(WireVectors.UDP_DATAGRAM, p -> p.setProtocolValue(99)));
        byte[] icmp = WireVectors.PING_REQUEST.clone();
        Ipv4Packet header = new Ipv4Packet().wrap(icmp, IP_AT, icmp.length - IP_AT);
        new Icmpv4Packet().wrap(icmp, header.payloadOffset(), header.payloadLength()).setChecksum(0x2222);
        frames.put("a wrong ICMP checksum", icmp);
        byte[] tcp = WireVectors.TCP_DATA.clone();
        header.wrap(tcp, IP_AT, tcp.length - IP_AT);
        new TcpPacket().wrap(tcp, header.payloadOffset(), header.payloadLength()).setChecksum(0x1443);
        frames.put("a wrong TCP checksum", tcp);
        return frames;
    }

    /** A copy of {@code vector} with its IPv4 header changed, its checksum then filled in (unless the change is to it). */
    private static byte[] ip(byte[] vector, java.util.function.Consumer<Ipv4Packet> change) {
        byte[] frame = vector.clone();
        Ipv4Packet packet = new Ipv4Packet().wrap(frame, IP_AT, frame.length - IP_AT);
        int checksum = packet.checksum();
        change.accept(packet);
        if (packet.identification() == 7) {
            packet.setChecksum(checksum); // the identification changed, the checksum did not
        } else {
            packet.fillChecksum();
        }
        return frame;
    }
}
