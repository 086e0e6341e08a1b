package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.EthernetRepr;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.Icmpv6Repr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.Ipv6Repr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.WireException;

/** IPv6 frames for interface tests, and reading back what the interface sent (every checksum checked). */
final class Frames6 {
    static final Ipv6Address STACK_LL = Ipv6Address.parse("fe80::ff:fe00:1");
    static final Ipv6Address PEER_LL = Ipv6Address.parse("fe80::ff:fe00:2");
    static final Ipv6Address STACK = Ipv6Address.parse("fd00::1");
    static final Ipv6Address PEER = Ipv6Address.parse("fd00::100");

    private Frames6() {
    }

    /** {@code message} in an IPv6 packet from {@code src} to {@code dst}, in a frame from the peer's MAC to {@code dstMac}. */
    static byte[] icmp(MacAddress dstMac, Ipv6Address src, Ipv6Address dst, int hopLimit, Icmpv6Repr message) {
        byte[] frame = new byte[EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + message.bufferLen()];
        new EthernetRepr(Frames.PEER_MAC, dstMac, EtherType.IPV6).emit(new EthernetFrame().wrap(frame, 0, frame.length));
        Ipv6Packet ip = new Ipv6Packet().wrap(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN);
        new Ipv6Repr(src, dst, 58, message.bufferLen(), hopLimit, 0, 0).emit(ip);
        message.emit(ip, new Icmpv6Packet().wrap(frame, ip.payloadOffset(), message.bufferLen()));
        return frame;
    }

    /** A frame the interface sent, as its Ethernet destination, IPv6 header and ICMPv6 message. */
    record Sent(MacAddress dstMac, Ipv6Repr ip, Icmpv6Repr message) {
        static Sent of(Frame frame) {
            byte[] bytes = frame.bytes();
            EthernetRepr eth = frame.eth();
            assertEquals(EtherType.IPV6, eth.etherType());
            assertEquals(Frames.STACK_MAC, eth.source());
            try {
                Ipv6Packet ip = new Ipv6Packet().wrap(bytes, EthernetFrame.HEADER_LEN, bytes.length - EthernetFrame.HEADER_LEN);
                Ipv6Repr header = Ipv6Repr.parse(ip);
                Icmpv6Packet icmp = new Icmpv6Packet().wrap(bytes, ip.payloadOffset(), ip.payloadLength());
                return new Sent(eth.destination(), header, Icmpv6Repr.parse(ip, icmp));
            } catch (WireException e) {
                throw new AssertionError("not an ICMPv6 frame: " + e.getMessage(), e);
            }
        }
    }
}
