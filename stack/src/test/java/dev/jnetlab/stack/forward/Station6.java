package dev.jnetlab.stack.forward;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.NdpOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scripted IPv6 host on one end of a wire: it answers Neighbor Solicitations for its address
 * (when {@link #answers}), sends hand-made packets, and keeps a copy of every other IPv6 packet
 * it receives, with the Ethernet destination it came to.
 */
final class Station6 {
    final Device device;
    final MacAddress mac;
    final Ipv6Address ip;
    boolean answers = true;
    final List<byte[]> received = new ArrayList<>();
    final List<Long> receivedTo = new ArrayList<>();
    int solicitationsSeen;

    Station6(Device device, String mac, String ip) {
        this.device = device;
        this.mac = MacAddress.parse(mac);
        this.ip = Ipv6Address.parse(ip);
    }

    void poll(long now) {
        while (device.receive(now, (frame, offset, length) -> take(now, frame, offset, length))) {
            // all of them
        }
    }

    private void take(long now, byte[] frame, int offset, int length) {
        EthernetFrame eth = new EthernetFrame().wrap(frame, offset, length);
        if (eth.etherTypeValue() != EtherType.IPV6.value()) {
            return;
        }
        byte[] packet = Arrays.copyOfRange(frame, eth.payloadOffset(), eth.payloadOffset() + eth.payloadLength());
        Icmpv6Packet icmp = icmp(packet);
        if (ip(packet).nextHeader() == 58 && icmp.type() == Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT) {
            solicitationsSeen++;
            if (answers && new Ipv6Address(icmp.targetHigh(), icmp.targetLow()).equals(ip)) {
                byte[] advert = ndp(Icmpv6Packet.TYPE_NEIGHBOR_ADVERT, ip, ip(packet).source(), ip, NdpOptions.TARGET_LINK_LAYER, mac);
                icmp(advert).setAdvertFlags(false, true, true);
                fillChecksum(advert);
                send(now, MacAddress.of(eth.source()), advert);
            }
            return;
        }
        received.add(packet);
        receivedTo.add(eth.destination());
    }

    void send(long now, MacAddress to, byte[] packet) {
        byte[] frame = new byte[EthernetFrame.HEADER_LEN + packet.length];
        new EthernetFrame().wrap(frame, 0, frame.length).setDestination(to.bits()).setSource(mac.bits())
                .setEtherTypeValue(EtherType.IPV6.value());
        System.arraycopy(packet, 0, frame, EthernetFrame.HEADER_LEN, packet.length);
        device.transmit(now, frame.length, (buffer, at, n) -> System.arraycopy(frame, 0, buffer, at, n));
    }

    /** A packet of {@code next} with a patterned payload of {@code payload} octets. */
    static byte[] packet(Ipv6Address source, Ipv6Address destination, int next, int hopLimit, int payload) {
        byte[] bytes = new byte[Ipv6Packet.HEADER_LEN + payload];
        for (int i = Ipv6Packet.HEADER_LEN; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        new Ipv6Packet().wrap(bytes, 0, bytes.length).setVersion(6).setPayloadLength(payload).setNextHeader(next)
                .setHopLimit(hopLimit).setSource(source.high(), source.low())
                .setDestination(destination.high(), destination.low());
        return bytes;
    }

    static byte[] udp(Ipv6Address source, Ipv6Address destination, int hopLimit, int payload) {
        return packet(source, destination, IpProtocol.UDP.value(), hopLimit, payload);
    }

    static byte[] echoRequest(Ipv6Address source, Ipv6Address destination, int hopLimit, int data) {
        byte[] bytes = packet(source, destination, 58, hopLimit, Icmpv6Packet.HEADER_LEN + data);
        icmp(bytes).setType(Icmpv6Packet.TYPE_ECHO_REQUEST).setCode(0).setEchoIdentifier(7).setEchoSequence(1);
        return fillChecksum(bytes);
    }

    /** A Neighbor Solicitation or Advertisement with one link-layer option; the checksum is the caller's to fill. */
    static byte[] ndp(int type, Ipv6Address source, Ipv6Address destination, Ipv6Address target, int option, MacAddress mac) {
        byte[] bytes = packet(source, destination, 58, 255, 24 + NdpOptions.LINK_LAYER_LEN);
        icmp(bytes).setType(type).setCode(0).setRestOfHeader(0).setTarget(target.high(), target.low());
        NdpOptions.writeLinkLayer(bytes, Ipv6Packet.HEADER_LEN + 24, option, mac.bits());
        return bytes;
    }

    static byte[] fillChecksum(byte[] packet) {
        icmp(packet).fillChecksum(ip(packet).pseudoHeaderSum(58, packet.length - Ipv6Packet.HEADER_LEN));
        return packet;
    }

    static Ipv6Packet ip(byte[] packet) {
        return new Ipv6Packet().wrap(packet, 0, packet.length);
    }

    static Icmpv6Packet icmp(byte[] packet) {
        return new Icmpv6Packet().wrap(packet, Ipv6Packet.HEADER_LEN, packet.length - Ipv6Packet.HEADER_LEN);
    }

    static boolean checksumOk(byte[] packet) {
        return icmp(packet).verifyChecksum(ip(packet).pseudoHeaderSum(58, packet.length - Ipv6Packet.HEADER_LEN));
    }
}
