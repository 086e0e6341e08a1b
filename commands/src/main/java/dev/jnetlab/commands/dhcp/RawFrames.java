package dev.jnetlab.commands.dhcp;

import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.wire.ArpOperation;
import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.ArpRepr;
import dev.jnetlab.stack.wire.DhcpPacket;
import dev.jnetlab.stack.wire.DhcpRepr;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.EthernetRepr;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.UdpPacket;
import dev.jnetlab.stack.wire.UdpRepr;

/**
 * Frames a DHCP client writes itself, as a Linux client does through a packet socket: what the
 * IP layer cannot send, a datagram from 0.0.0.0 (RFC 2131 section 4.1) or a broadcast from an
 * address the interface is about to lose, and the ARP probe of RFC 5227 (sender 0.0.0.0). They
 * go straight to the host's device, through the tracer and the capture like every frame, and
 * the interface counts them as its own ({@link Interface#transmitFrame}), as Linux counts a
 * packet socket's frames in the device's statistics.
 */
final class RawFrames {
    private RawFrames() {
    }

    /** A DHCP message from port 68 to 67, to {@code linkDestination}. False if the device refused it. */
    static boolean sendDhcp(Interface iface, Device device, long now, MacAddress mac, MacAddress linkDestination, Ipv4Address source,
                            Ipv4Address destination, DhcpRepr message) {
        int dhcpLen = message.bufferLen();
        UdpRepr udp = new UdpRepr(68, 67, dhcpLen);
        Ipv4Repr ip = Ipv4Repr.of(source, destination, IpProtocol.UDP, udp.bufferLen());
        EthernetRepr eth = new EthernetRepr(mac, linkDestination, EtherType.IPV4);
        byte[] frame = new byte[eth.bufferLen(ip.bufferLen())];
        EthernetFrame ethView = new EthernetFrame().wrap(frame, 0, frame.length);
        eth.emit(ethView);
        int ipAt = EthernetFrame.HEADER_LEN;
        int udpAt = ipAt + Ipv4Packet.HEADER_LEN;
        int dhcpAt = udpAt + UdpPacket.HEADER_LEN;
        message.emit(new DhcpPacket().wrap(frame, dhcpAt, dhcpLen));
        udp.emit(new UdpPacket().wrap(frame, udpAt, udp.bufferLen()), source, destination);
        ip.emit(new Ipv4Packet().wrap(frame, ipAt, ip.bufferLen()));
        return iface.transmitFrame(now, device, frame, frame.length);
    }

    /** An ARP probe for {@code target} (RFC 5227 section 2.1.1): broadcast, sender address 0.0.0.0. */
    static boolean sendProbe(Interface iface, Device device, long now, MacAddress mac, Ipv4Address target) {
        ArpRepr arp = new ArpRepr(ArpOperation.REQUEST, mac, Ipv4Address.UNSPECIFIED, MacAddress.UNSPECIFIED, target);
        EthernetRepr eth = new EthernetRepr(mac, MacAddress.BROADCAST, EtherType.ARP);
        byte[] frame = new byte[eth.bufferLen(arp.bufferLen())];
        eth.emit(new EthernetFrame().wrap(frame, 0, frame.length));
        arp.emit(new ArpPacket().wrap(frame, EthernetFrame.HEADER_LEN, arp.bufferLen()));
        return iface.transmitFrame(now, device, frame, frame.length);
    }
}
