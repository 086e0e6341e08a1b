package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.ArpRepr;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.EthernetRepr;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.Icmpv4Repr;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.OneLinePrinter;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.stack.wire.TcpRepr;
import dev.jnetlab.stack.wire.UdpPacket;
import dev.jnetlab.stack.wire.UdpRepr;
import dev.jnetlab.stack.wire.WireException;
import java.util.Arrays;

/** A frame the interface sent, read back through the wire layer's reprs (which check every checksum). */
record Frame(byte[] bytes) {

    EthernetRepr eth() {
        try {
            return EthernetRepr.parse(new EthernetFrame().wrap(bytes, 0, bytes.length));
        } catch (WireException e) {
            throw new AssertionError("not an Ethernet frame: " + this, e);
        }
    }

    boolean isArp() {
        return eth().etherType() == EtherType.ARP;
    }

    boolean isIpv4() {
        return eth().etherType() == EtherType.IPV4;
    }

    ArpRepr arp() {
        assertEquals(EtherType.ARP, eth().etherType(), this::toString);
        assertEquals(EthernetFrame.HEADER_LEN + ArpPacket.LEN, bytes.length, "an ARP frame has no padding or trailer");
        try {
            return ArpRepr.parse(new ArpPacket().wrap(bytes, EthernetFrame.HEADER_LEN, bytes.length - EthernetFrame.HEADER_LEN));
        } catch (WireException e) {
            throw new AssertionError("not an ARP packet: " + this, e);
        }
    }

    private Ipv4Packet ipView() {
        assertEquals(EtherType.IPV4, eth().etherType(), this::toString);
        return new Ipv4Packet().wrap(bytes, EthernetFrame.HEADER_LEN, bytes.length - EthernetFrame.HEADER_LEN);
    }

    Ipv4Repr ip() {
        try {
            Ipv4Packet view = ipView();
            assertEquals(view.length(), view.totalLength(), "the frame ends where the datagram does");
            return Ipv4Repr.parse(view);
        } catch (WireException e) {
            throw new AssertionError("not an IPv4 datagram: " + this, e);
        }
    }

    /** The IP payload, header excluded. */
    byte[] ipPayload() {
        Ipv4Packet view = ipView();
        return Arrays.copyOfRange(bytes, view.payloadOffset(), view.payloadOffset() + view.payloadLength());
    }

    /** The whole IP datagram. */
    byte[] ipDatagram() {
        return Arrays.copyOfRange(bytes, EthernetFrame.HEADER_LEN, bytes.length);
    }

    Icmpv4Repr icmp() {
        Ipv4Packet view = ipView();
        try {
            Ipv4Repr.parse(view);
            return Icmpv4Repr.parse(new Icmpv4Packet().wrap(bytes, view.payloadOffset(), view.payloadLength()));
        } catch (WireException e) {
            throw new AssertionError("not an ICMP message: " + this, e);
        }
    }

    UdpRepr udp() {
        Ipv4Packet view = ipView();
        try {
            Ipv4Repr header = Ipv4Repr.parse(view);
            return UdpRepr.parse(new UdpPacket().wrap(bytes, view.payloadOffset(), view.payloadLength()),
                    header.source(), header.destination());
        } catch (WireException e) {
            throw new AssertionError("not a UDP datagram: " + this, e);
        }
    }

    byte[] udpPayload() {
        udp();
        Ipv4Packet view = ipView();
        UdpPacket datagram = new UdpPacket().wrap(bytes, view.payloadOffset(), view.payloadLength());
        return Arrays.copyOfRange(bytes, datagram.payloadOffset(), datagram.payloadOffset() + datagram.payloadLength());
    }

    /** The TCP segment, which must be sound, its checksum whole, its payload lent from this frame. */
    TcpRepr tcp() {
        Ipv4Packet view = ipView();
        try {
            Ipv4Repr header = Ipv4Repr.parse(view);
            TcpPacket segment = new TcpPacket().wrap(bytes, view.payloadOffset(), view.payloadLength()).validate();
            if (!segment.verifyChecksum(header.source().bits(), header.destination().bits())) {
                throw new AssertionError("a bad TCP checksum: " + this);
            }
            return new TcpRepr().parse(segment, header.source().bits(), header.destination().bits());
        } catch (WireException e) {
            throw new AssertionError("not a TCP segment: " + this, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && Arrays.equals(bytes, f.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return new OneLinePrinter().format(bytes);
    }
}
