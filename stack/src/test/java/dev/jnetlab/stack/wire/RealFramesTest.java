package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every captured frame parses into representations layer by layer, and emitting those
 * representations into a blank buffer writes the frame again octet for octet, checksums
 * included. Only what no representation holds is copied: UDP and TCP payloads, the payload of
 * an unknown protocol, and fragments, whose transport header and checksum span frames.
 */
class RealFramesTest {

    static Stream<Arguments> vectors() {
        return WireVectors.ALL.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void parseAndEmitWriteTheSameOctets(String name, byte[] frame) throws WireException {
        byte[] rebuilt = new byte[frame.length];
        List<Object> reprs = new ArrayList<>();
        EthernetRepr ethernet = EthernetRepr.parse(new EthernetFrame().wrap(frame, 0, frame.length));
        reprs.add(ethernet);
        ethernet.emit(new EthernetFrame().wrap(rebuilt, 0, frame.length));
        int at = EthernetFrame.HEADER_LEN;
        if (ethernet.etherType() == EtherType.ARP) {
            ArpRepr arp = ArpRepr.parse(new ArpPacket().wrap(frame, at, frame.length - at));
            reprs.add(arp);
            arp.emit(new ArpPacket().wrap(rebuilt, at, arp.bufferLen()));
        } else {
            Ipv4Repr ip = Ipv4Repr.parse(new Ipv4Packet().wrap(frame, at, frame.length - at));
            reprs.add(ip);
            ip.emit(new Ipv4Packet().wrap(rebuilt, at, ip.bufferLen()));
            reprs.add(transport(ip, frame, rebuilt, at + ip.headerLen()));
        }
        assertArrayEquals(frame, rebuilt, () -> name + " from " + reprs);
    }

    private static Object transport(Ipv4Repr ip, byte[] frame, byte[] rebuilt, int at) throws WireException {
        int length = ip.payloadLength();
        if (ip.moreFragments() || ip.fragmentOffset() != 0) {
            System.arraycopy(frame, at, rebuilt, at, length);
            return "fragment of " + length + " octets";
        }
        if (ip.protocol() == IpProtocol.ICMP) {
            Icmpv4Repr icmp = Icmpv4Repr.parse(new Icmpv4Packet().wrap(frame, at, length));
            icmp.emit(new Icmpv4Packet().wrap(rebuilt, at, icmp.bufferLen()));
            return icmp;
        }
        if (ip.protocol() == IpProtocol.UDP) {
            UdpRepr udp = UdpRepr.parse(new UdpPacket().wrap(frame, at, length), ip.source(), ip.destination());
            int payloadAt = at + UdpPacket.HEADER_LEN;
            System.arraycopy(frame, payloadAt, rebuilt, payloadAt, udp.payloadLength());
            udp.emit(new UdpPacket().wrap(rebuilt, at, udp.bufferLen()), ip.source(), ip.destination());
            return udp;
        }
        if (ip.protocol() == IpProtocol.TCP) {
            TcpPacket received = new TcpPacket().wrap(frame, at, length);
            received.validate();
            TcpRepr tcp = new TcpRepr().parse(received, ip.source().bits(), ip.destination().bits());
            TcpPacket out = new TcpPacket().wrap(rebuilt, at, length);
            int payloadAt = at + tcp.emit(out);
            System.arraycopy(frame, payloadAt, rebuilt, payloadAt, tcp.payloadLength());
            out.fillChecksum(tcp.sourceAddress(), tcp.destinationAddress());
            return tcp;
        }
        System.arraycopy(frame, at, rebuilt, at, length);
        return ip.protocol() + " payload of " + length + " octets";
    }

    @Test
    void coverEveryKindOfFrameTheIssueAsksFor() {
        // ARP request/reply, ping, a TCP handshake with all options, data, FIN, RST, UDP,
        // ICMP port unreachable, IPv4 fragments.
        Map<String, byte[]> all = WireVectors.ALL;
        for (String name : List.of("ARP_REQUEST", "ARP_REPLY", "PING_REQUEST", "PING_REPLY", "TCP_SYN", "TCP_SYN_ACK",
                "TCP_ACK", "TCP_DATA", "TCP_FIN", "TCP_RST", "UDP_DATAGRAM", "ICMP_PORT_UNREACHABLE",
                "FRAGMENTED_PING_REQUEST_FIRST", "FRAGMENTED_PING_REQUEST_LAST")) {
            assertTrue(all.containsKey(name), name);
        }
    }
}
