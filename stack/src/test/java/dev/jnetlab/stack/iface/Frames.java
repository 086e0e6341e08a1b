package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.wire.ArpOperation;
import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.ArpRepr;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.EthernetRepr;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.Icmpv4Repr;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.Octets;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpOption;
import dev.jnetlab.stack.wire.TcpRepr;
import dev.jnetlab.stack.wire.TcpSegments;
import dev.jnetlab.stack.wire.UdpPacket;
import dev.jnetlab.stack.wire.UdpRepr;
import java.util.ArrayList;
import java.util.List;

/** Frames for the interface tests, written through the wire layer's reprs so a test reads as what it sends. */
final class Frames {
    static final MacAddress STACK_MAC = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:02");
    static final MacAddress OTHER_MAC = MacAddress.parse("02:00:00:00:00:03");
    static final MacAddress GATEWAY_MAC = MacAddress.parse("02:00:00:00:00:fe");
    static final Ipv4Address STACK_IP = Ipv4Address.parse("192.168.69.1");
    static final Ipv4Address PEER_IP = Ipv4Address.parse("192.168.69.100");
    static final Ipv4Address OTHER_IP = Ipv4Address.parse("192.168.69.101");
    static final Ipv4Address GATEWAY_IP = Ipv4Address.parse("192.168.69.254");
    static final Ipv4Address REMOTE_IP = Ipv4Address.parse("10.0.0.7");
    static final Ipv4Address DIRECTED_BROADCAST = Ipv4Address.parse("192.168.69.255");

    private Frames() {
    }

    static byte[] ethernet(MacAddress src, MacAddress dst, EtherType type, byte[] payload) {
        byte[] frame = new byte[EthernetFrame.HEADER_LEN + payload.length];
        new EthernetRepr(src, dst, type).emit(new EthernetFrame().wrap(frame, 0, frame.length));
        System.arraycopy(payload, 0, frame, EthernetFrame.HEADER_LEN, payload.length);
        return frame;
    }

    static byte[] arp(ArpOperation operation, MacAddress ethernetDst, MacAddress senderMac, Ipv4Address senderIp,
                      MacAddress targetMac, Ipv4Address targetIp) {
        byte[] packet = new byte[ArpPacket.LEN];
        new ArpRepr(operation, senderMac, senderIp, targetMac, targetIp).emit(new ArpPacket().wrap(packet, 0, packet.length));
        return ethernet(senderMac, ethernetDst, EtherType.ARP, packet);
    }

    /** A broadcast request from {@code senderMac}/{@code senderIp} asking for {@code targetIp}. */
    static byte[] arpRequest(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address targetIp) {
        return arp(ArpOperation.REQUEST, MacAddress.BROADCAST, senderMac, senderIp, MacAddress.UNSPECIFIED, targetIp);
    }

    /** A reply from {@code senderMac}/{@code senderIp} to the stack. */
    static byte[] arpReply(MacAddress senderMac, Ipv4Address senderIp) {
        return arp(ArpOperation.REPLY, STACK_MAC, senderMac, senderIp, STACK_MAC, STACK_IP);
    }

    static byte[] datagram(Ipv4Repr header, byte[] payload) {
        byte[] datagram = new byte[header.headerLen() + payload.length];
        header.emit(new Ipv4Packet().wrap(datagram, 0, datagram.length));
        System.arraycopy(payload, 0, datagram, header.headerLen(), payload.length);
        return datagram;
    }

    static byte[] ipv4(MacAddress src, MacAddress dst, Ipv4Repr header, byte[] payload) {
        return ethernet(src, dst, EtherType.IPV4, datagram(header, payload));
    }

    /** A datagram from the peer to the stack. */
    static byte[] fromPeer(IpProtocol protocol, byte[] payload) {
        return ipv4(PEER_MAC, STACK_MAC, Ipv4Repr.of(PEER_IP, STACK_IP, protocol, payload.length), payload);
    }

    static byte[] udp(Ipv4Address src, int srcPort, Ipv4Address dst, int dstPort, byte[] payload) {
        UdpRepr repr = new UdpRepr(srcPort, dstPort, payload.length);
        byte[] datagram = new byte[repr.bufferLen()];
        System.arraycopy(payload, 0, datagram, UdpPacket.HEADER_LEN, payload.length);
        repr.emit(new UdpPacket().wrap(datagram, 0, datagram.length), src, dst);
        return datagram;
    }

    static byte[] icmp(Icmpv4Repr message) {
        byte[] bytes = new byte[message.bufferLen()];
        message.emit(new Icmpv4Packet().wrap(bytes, 0, bytes.length));
        return bytes;
    }

    static byte[] echoRequest(int id, int seq, byte[] data) {
        return icmp(new Icmpv4Repr.EchoRequest(id, seq, Octets.of(data)));
    }

    static byte[] echoReply(int id, int seq, byte[] data) {
        return icmp(new Icmpv4Repr.EchoReply(id, seq, Octets.of(data)));
    }

    static byte[] tcp(Ipv4Address src, Ipv4Address dst, int srcPort, int dstPort, int seq, int ack, int flags, byte[] payload) {
        return tcp(src, dst, srcPort, dstPort, seq, ack, flags, 64240, List.of(), payload);
    }

    static byte[] tcp(Ipv4Address src, Ipv4Address dst, int srcPort, int dstPort, int seq, int ack, int flags, int window,
                      List<TcpOption> options, byte[] payload) {
        TcpRepr fields = new TcpRepr().sourceAddress(src.bits()).destinationAddress(dst.bits()).sourcePort(srcPort)
                .destinationPort(dstPort).seq(seq).flags(flags).window(window);
        if ((flags & TcpFlags.ACK) != 0) {
            fields.ack(ack);
        }
        return TcpSegments.segment(fields, options, payload);
    }

    /** A header for a fragment of a datagram. */
    static Ipv4Repr fragmentHeader(Ipv4Address src, Ipv4Address dst, IpProtocol protocol, int id, int offset,
                                   boolean more, int length) {
        return new Ipv4Repr(src, dst, protocol, length, 64, 0, 0, id, false, more, offset, Octets.EMPTY);
    }

    /**
     * The frames of {@code payload} (a whole transport message) cut into fragments of at most
     * {@code size} octets (a multiple of 8), from the peer to the stack.
     */
    static List<byte[]> fragments(IpProtocol protocol, int id, byte[] payload, int size) {
        List<byte[]> frames = new ArrayList<>();
        for (int offset = 0; offset < payload.length; offset += size) {
            int length = Math.min(size, payload.length - offset);
            byte[] piece = java.util.Arrays.copyOfRange(payload, offset, offset + length);
            frames.add(ipv4(PEER_MAC, STACK_MAC,
                    fragmentHeader(PEER_IP, STACK_IP, protocol, id, offset, offset + length < payload.length, length), piece));
        }
        return frames;
    }

    /** {@code length} octets counting up from {@code seed}. */
    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + i * 7 + (i >>> 8));
        }
        return bytes;
    }
}
