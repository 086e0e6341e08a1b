package dev.jnetlab.labs.check;

import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.UdpPacket;

/**
 * Reads a UDP datagram out of an Ethernet frame through the wire layer's views, for the checks
 * that look into DHCP and DNS messages: {@link #read} says whether the frame is one, then
 * {@link #udp()} stands on it. Reused from frame to frame; allocates nothing.
 */
public final class UdpFrame {
    private final EthernetFrame ethernet = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final UdpPacket udp = new UdpPacket();

    /** Whether the frame carries a well-formed, unfragmented UDP datagram in IPv4. */
    public boolean read(byte[] frame, int offset, int length) {
        return ethernet.wrap(frame, offset, length).check() == null
                && ethernet.payloadEtherTypeValue() == EtherType.IPV4.value()
                && ip.wrap(frame, ethernet.payloadOffset(), ethernet.payloadLength()).check() == null
                && ip.protocolValue() == IpProtocol.UDP.value() && !ip.isFragment()
                && udp.wrap(frame, ip.payloadOffset(), ip.payloadLength()).check() == null;
    }

    public UdpPacket udp() {
        return udp;
    }
}
