package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md §4: the packet path allocates nothing per frame. Checking, verifying and reading a
 * valid frame through the views, and writing one through them, and parsing and emitting a TCP
 * segment through its one reused {@link TcpRepr}, must not allocate: measured
 * with the JVM's per-thread allocation counter over many frames after a warm-up.
 */
class ZeroAllocationTest {
    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 200_000;
    /** Room for the counter's own bookkeeping; one allocation per frame would be megabytes. */
    private static final long SLACK_BYTES = 4096;

    private final EthernetFrame ethernet = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final TcpPacket tcp = new TcpPacket();
    private final UdpPacket udp = new UdpPacket();
    private final TcpOptionReader options = new TcpOptionReader();
    private final TcpRepr repr = new TcpRepr();
    private final byte[] out = new byte[WireVectors.TCP_DATA.length];
    private long sink;

    @Test
    void receivingAValidTcpSegmentAllocatesNothing() {
        assertAllocatesNothing(() -> receive(WireVectors.TCP_DATA));
    }

    @Test
    void receivingAValidUdpDatagramAllocatesNothing() {
        assertAllocatesNothing(() -> receive(WireVectors.UDP_DATAGRAM));
    }

    @Test
    void receivingIpv6ThroughItsExtensionHeadersToNdpOptionsAllocatesNothing() {
        assertAllocatesNothing(() -> {
            receive6(Ipv6Vectors.MLD_REPORT);
            receive6(Ipv6Vectors.NEIGHBOR_SOLICIT);
            receive6(Ipv6Vectors.FRAGMENT_FIRST);
        });
    }

    private final Ipv6Packet ip6 = new Ipv6Packet();
    private final Ipv6HeaderChain chain = new Ipv6HeaderChain();
    private final Icmpv6Packet icmp6 = new Icmpv6Packet();
    private final NdpOptions ndp = new NdpOptions();

    private void receive6(byte[] frame) {
        ethernet.wrap(frame, 0, frame.length);
        ip6.wrap(frame, ethernet.payloadOffset(), ethernet.payloadLength());
        if (ip6.check() != null || chain.walk(ip6) != null || chain.upperLayer() != 58) {
            throw new AssertionError("a valid ICMPv6 packet");
        }
        icmp6.wrap(frame, chain.upperOffset(), chain.upperLength());
        if (icmp6.check() != null || !chain.hasFragmentHeader()
                && !icmp6.verifyChecksum(ip6.pseudoHeaderSum(58, chain.upperLength()))) {
            throw new AssertionError("a valid message");
        }
        sink += ip6.sourceLow() + ip6.destinationLow() + icmp6.type();
        if (icmp6.isNdp() && ndp.wrap(icmp6).check() == null) {
            sink += icmp6.targetLow();
            int option = ndp.find(NdpOptions.SOURCE_LINK_LAYER);
            if (option >= 0) {
                sink += NdpOptions.linkLayerAddress(frame, option);
            }
        }
    }

    @Test
    void sendingATcpSegmentAllocatesNothing() {
        assertAllocatesNothing(this::send);
    }

    @Test
    void parsingAndEmittingATcpSegmentThroughItsRepresentationAllocatesNothing() {
        assertAllocatesNothing(this::parseAndEmitTcp);
    }

    private void parseAndEmitTcp() {
        byte[] frame = WireVectors.TCP_DATA;
        int at = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN;
        if (tcp.wrap(frame, at, frame.length - at).check() != null) {
            throw new AssertionError("a valid segment");
        }
        repr.parse(tcp, 0xC0A84564, 0xC0A84501).seq(repr.seq() + (int) sink);
        tcp.wrap(out, at, out.length - at);
        sink += repr.emit(tcp) + repr.tsVal() + repr.payloadLength();
        tcp.fillChecksum(repr.destinationAddress(), repr.sourceAddress());
    }

    private void receive(byte[] frame) {
        if (ethernet.wrap(frame, 0, frame.length).check() != null) {
            throw new AssertionError("a valid frame");
        }
        ip.wrap(frame, ethernet.payloadOffset(), ethernet.payloadLength());
        if (ip.check() != null || !ip.verifyChecksum()) {
            throw new AssertionError("a valid datagram");
        }
        int src = ip.source();
        int dst = ip.destination();
        if (ip.protocolValue() == IpProtocol.TCP.value()) {
            tcp.wrap(frame, ip.payloadOffset(), ip.payloadLength());
            if (tcp.check() != null || !tcp.verifyChecksum(src, dst)) {
                throw new AssertionError("a valid segment");
            }
            sink += tcp.srcPort() + tcp.dstPort() + tcp.seqNumber() + tcp.ackNumber() + tcp.flags() + tcp.window()
                    + tcp.payloadLength();
            for (options.wrap(tcp); options.next(); ) {
                if (options.kind() == TcpOptionReader.KIND_TIMESTAMPS) {
                    sink += options.tsVal() + options.tsEcr();
                }
            }
        } else {
            udp.wrap(frame, ip.payloadOffset(), ip.payloadLength());
            if (udp.check() != null || !udp.verifyChecksum(src, dst)) {
                throw new AssertionError("a valid datagram");
            }
            sink += udp.srcPort() + udp.dstPort() + udp.payloadLength();
        }
    }

    private void send() {
        ethernet.wrap(out, 0, out.length).setDestination(0x0200_0000_0001L).setSource(0x0200_0000_0002L)
                .setEtherTypeValue(EtherType.IPV4.value());
        ip.wrap(out, EthernetFrame.HEADER_LEN, out.length - EthernetFrame.HEADER_LEN).setVersion(4).setIhl(5).setDscp(0)
                .setEcn(0).setTotalLength(ip.length()).setIdentification((int) sink).setDontFragment(true).setTtl(64)
                .setProtocolValue(6).setSource(0xC0A84564).setDestination(0xC0A84501).fillChecksum();
        tcp.wrap(out, ip.payloadOffset(), ip.length() - 20).setSrcPort(51234).setDstPort(6969).setSeqNumber((int) sink)
                .setAckNumber(1).setDataOffset(5).setFlags(TcpFlags.ACK | TcpFlags.PSH).setWindow(502).setUrgentPointer(0)
                .fillChecksum(0xC0A84564, 0xC0A84501);
        sink += tcp.checksum();
    }

    private static void assertAllocatesNothing(Runnable perFrame) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "this JVM cannot count allocated bytes");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count allocated bytes");
        for (int i = 0; i < WARM_UP; i++) {
            perFrame.run();
        }
        long before = counter.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED; i++) {
            perFrame.run();
        }
        long allocated = counter.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < SLACK_BYTES, allocated + " bytes allocated over " + MEASURED + " frames");
    }
}
