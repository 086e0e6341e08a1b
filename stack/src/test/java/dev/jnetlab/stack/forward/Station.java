package dev.jnetlab.stack.forward;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scripted host on one end of a wire: it answers ARP requests for its address (and those of
 * the extra addresses it stands for), sends hand-made IPv4 datagrams, and keeps a copy of every
 * IPv4 datagram it receives, for tests to read.
 */
final class Station {
    final Device device;
    final MacAddress mac;
    final Ipv4Address ip;
    final List<Ipv4Address> alsoAnswersFor = new ArrayList<>();
    final List<byte[]> received = new ArrayList<>();
    /** The Ethernet source of each received datagram, in the same order. */
    final List<Long> receivedFrom = new ArrayList<>();
    int arpRequestsSeen;

    Station(Device device, String mac, String ip) {
        this.device = device;
        this.mac = MacAddress.parse(mac);
        this.ip = Ipv4Address.parse(ip);
    }

    /** Takes every frame waiting: ARP answered, IPv4 kept. */
    void poll(long now) {
        while (device.receive(now, (frame, offset, length) -> take(now, frame, offset, length))) {
            // all of them
        }
    }

    private void take(long now, byte[] frame, int offset, int length) {
        EthernetFrame eth = new EthernetFrame().wrap(frame, offset, length);
        if (eth.etherTypeValue() == EtherType.ARP.value()) {
            ArpPacket arp = new ArpPacket().wrap(frame, eth.payloadOffset(), eth.payloadLength());
            if (arp.operationValue() != 1) {
                return;
            }
            arpRequestsSeen++;
            int target = arp.targetProtocolAddr();
            if (target == ip.bits() || alsoAnswersFor.contains(Ipv4Address.of(target))) {
                byte[] reply = new byte[EthernetFrame.HEADER_LEN + ArpPacket.LEN];
                new EthernetFrame().wrap(reply, 0, reply.length).setDestination(arp.senderHardwareAddr())
                        .setSource(mac.bits()).setEtherTypeValue(EtherType.ARP.value());
                new ArpPacket().wrap(reply, EthernetFrame.HEADER_LEN, ArpPacket.LEN).setHardwareType(1)
                        .setProtocolType(EtherType.IPV4.value()).setHardwareLength(6).setProtocolLength(4)
                        .setOperationValue(2).setSenderHardwareAddr(mac.bits()).setSenderProtocolAddr(target)
                        .setTargetHardwareAddr(arp.senderHardwareAddr()).setTargetProtocolAddr(arp.senderProtocolAddr());
                device.transmit(now, reply.length, (buffer, at, n) -> System.arraycopy(reply, 0, buffer, at, n));
            }
        } else if (eth.etherTypeValue() == EtherType.IPV4.value()) {
            received.add(Arrays.copyOfRange(frame, eth.payloadOffset(), eth.payloadOffset() + eth.payloadLength()));
            receivedFrom.add(eth.source());
        }
    }

    /** Sends {@code datagram} in a frame to {@code to}. */
    void send(long now, MacAddress to, byte[] datagram) {
        byte[] frame = new byte[EthernetFrame.HEADER_LEN + datagram.length];
        new EthernetFrame().wrap(frame, 0, frame.length).setDestination(to.bits()).setSource(mac.bits())
                .setEtherTypeValue(EtherType.IPV4.value());
        System.arraycopy(datagram, 0, frame, EthernetFrame.HEADER_LEN, datagram.length);
        device.transmit(now, frame.length, (buffer, at, n) -> System.arraycopy(frame, 0, buffer, at, n));
    }

    /** A datagram with a zero-filled payload of {@code payload} octets and a correct header checksum. */
    static byte[] datagram(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int ttl, boolean dontFragment,
                           int payload) {
        byte[] bytes = new byte[Ipv4Packet.HEADER_LEN + payload];
        for (int i = Ipv4Packet.HEADER_LEN; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        new Ipv4Packet().wrap(bytes, 0, bytes.length).setVersion(4).setIhl(5).setTotalLength(bytes.length)
                .setIdentification(0x1234).setDontFragment(dontFragment).setTtl(ttl).setProtocolValue(protocol.value())
                .setSource(source.bits()).setDestination(destination.bits()).fillChecksum();
        return bytes;
    }

    /** An echo request datagram with {@code data} octets of data. */
    static byte[] echoRequest(Ipv4Address source, Ipv4Address destination, int ttl, int data) {
        byte[] bytes = datagram(source, destination, IpProtocol.ICMP, ttl, false, Icmpv4Packet.HEADER_LEN + data);
        new Icmpv4Packet().wrap(bytes, Ipv4Packet.HEADER_LEN, bytes.length - Ipv4Packet.HEADER_LEN)
                .setType(Icmpv4Packet.TYPE_ECHO_REQUEST).setCode(0).setEchoIdentifier(7).setEchoSequence(1).fillChecksum();
        return bytes;
    }

    static Ipv4Packet ip(byte[] datagram) {
        return new Ipv4Packet().wrap(datagram, 0, datagram.length);
    }

    static Icmpv4Packet icmp(byte[] datagram) {
        Ipv4Packet ip = ip(datagram);
        return new Icmpv4Packet().wrap(datagram, ip.payloadOffset(), ip.payloadLength());
    }
}
