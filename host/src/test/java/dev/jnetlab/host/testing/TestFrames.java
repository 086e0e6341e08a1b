package dev.jnetlab.host.testing;

import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.EthernetRepr;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.stack.wire.TcpRepr;
import dev.jnetlab.stack.wire.UdpPacket;
import dev.jnetlab.stack.wire.UdpRepr;

/** Frames built with the wire layer's representations, as the virtual network carries them. */
public final class TestFrames {
    public static final Ipv4Address STACK = Ipv4Address.parse("192.168.69.1");
    public static final Ipv4Address PEER = Ipv4Address.parse("192.168.69.100");
    public static final Ipv6Address STACK6 = Ipv6Address.parse("fd00::1");
    public static final Ipv6Address PEER6 = Ipv6Address.parse("fd00::100");
    public static final MacAddress STACK_MAC = MacAddress.parse("02:00:00:00:00:01");
    public static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:02");

    private TestFrames() {
    }

    /** A TCP segment from {@code src}:{@code srcPort} to {@code dst}:{@code dstPort}, with {@code payload} octets of 'x'. */
    public static byte[] tcp(Ipv4Address src, int srcPort, Ipv4Address dst, int dstPort, int flags, long seq, long ack,
                             int window, int payload) {
        TcpRepr tcp = new TcpRepr().sourcePort(srcPort).destinationPort(dstPort).seq((int) seq).flags(flags).window(window);
        if ((flags & TcpFlags.ACK) != 0) {
            tcp.ack((int) ack);
        }
        Ipv4Repr ip = Ipv4Repr.of(src, dst, IpProtocol.TCP, tcp.headerLength() + payload);
        boolean fromStack = src.equals(STACK);
        EthernetRepr ethernet = new EthernetRepr(fromStack ? STACK_MAC : PEER_MAC, fromStack ? PEER_MAC : STACK_MAC,
                EtherType.IPV4);
        byte[] frame = new byte[ethernet.bufferLen(ip.bufferLen())];
        EthernetFrame eth = new EthernetFrame().wrap(frame, 0, frame.length);
        ethernet.emit(eth);
        Ipv4Packet packet = new Ipv4Packet().wrap(frame, eth.payloadOffset(), ip.bufferLen());
        ip.emit(packet);
        TcpPacket segment = new TcpPacket().wrap(frame, packet.payloadOffset(), packet.payloadLength());
        int headerLength = tcp.emit(segment);
        for (int i = 0; i < payload; i++) {
            frame[packet.payloadOffset() + headerLength + i] = 'x';
        }
        segment.fillChecksum(src.bits(), dst.bits());
        return frame;
    }

    /**
     * A TCP segment over IPv6 from {@code src}:{@code srcPort} to {@code dst}:{@code dstPort},
     * with {@code payload} octets of 'x' and its checksum over RFC 8200 §8.1's pseudo-header.
     */
    public static byte[] tcp6(Ipv6Address src, int srcPort, Ipv6Address dst, int dstPort, int flags, long seq, long ack,
                              int window, int payload) {
        TcpRepr tcp = new TcpRepr().sourcePort(srcPort).destinationPort(dstPort).seq((int) seq).flags(flags).window(window);
        if ((flags & TcpFlags.ACK) != 0) {
            tcp.ack((int) ack);
        }
        int upperLength = tcp.headerLength() + payload;
        boolean fromStack = src.equals(STACK6);
        EthernetRepr ethernet = new EthernetRepr(fromStack ? STACK_MAC : PEER_MAC, fromStack ? PEER_MAC : STACK_MAC,
                EtherType.IPV6);
        byte[] frame = new byte[ethernet.bufferLen(Ipv6Packet.HEADER_LEN + upperLength)];
        EthernetFrame eth = new EthernetFrame().wrap(frame, 0, frame.length);
        ethernet.emit(eth);
        Ipv6Packet packet = new Ipv6Packet().wrap(frame, eth.payloadOffset(), Ipv6Packet.HEADER_LEN + upperLength)
                .setVersion(6).setPayloadLength(upperLength).setNextHeader(IpProtocol.TCP.value())
                .setHopLimit(Ipv6Packet.DEFAULT_HOP_LIMIT).setSource(src.high(), src.low())
                .setDestination(dst.high(), dst.low());
        TcpPacket segment = new TcpPacket().wrap(frame, packet.payloadOffset(), upperLength);
        int headerLength = tcp.emit(segment);
        for (int i = 0; i < payload; i++) {
            frame[packet.payloadOffset() + headerLength + i] = 'x';
        }
        segment.fillChecksumIpv6(packet.pseudoHeaderSum(IpProtocol.TCP.value(), upperLength));
        return frame;
    }

    /** A UDP datagram. */
    public static byte[] udp(Ipv4Address src, int srcPort, Ipv4Address dst, int dstPort, int payload) {
        UdpRepr udp = new UdpRepr(srcPort, dstPort, payload);
        Ipv4Repr ip = Ipv4Repr.of(src, dst, IpProtocol.UDP, udp.bufferLen());
        boolean fromStack = src.equals(STACK);
        EthernetRepr ethernet = new EthernetRepr(fromStack ? STACK_MAC : PEER_MAC, fromStack ? PEER_MAC : STACK_MAC,
                EtherType.IPV4);
        byte[] frame = new byte[ethernet.bufferLen(ip.bufferLen())];
        EthernetFrame eth = new EthernetFrame().wrap(frame, 0, frame.length);
        ethernet.emit(eth);
        Ipv4Packet packet = new Ipv4Packet().wrap(frame, eth.payloadOffset(), ip.bufferLen());
        ip.emit(packet);
        udp.emit(new UdpPacket().wrap(frame, packet.payloadOffset(), udp.bufferLen()), src, dst);
        return frame;
    }
}
