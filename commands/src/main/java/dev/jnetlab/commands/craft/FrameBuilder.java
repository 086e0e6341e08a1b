package dev.jnetlab.commands.craft;

import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.Octets;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpOption;
import dev.jnetlab.stack.wire.TcpOptionReader;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.stack.wire.UdpPacket;
import java.util.List;

/**
 * Writes a {@link Draft} as an Ethernet frame through the wire layer's views, filling in what
 * was not given: this host's addresses, lengths and checksums as they should be, and the
 * defaults scapy uses (TCP from port 20 with SYN and window 8192, UDP from port 53, IPv4 TTL
 * 64 and identification 1). A field that was given is written as given, after everything that
 * depends on it, so a checksum or length given on purpose stays wrong.
 */
final class FrameBuilder {
    static final int TCP_SOURCE_PORT = 20;
    static final int UDP_SOURCE_PORT = 53;
    static final int TCP_WINDOW = 8192;
    static final int TTL = 64;
    static final int IP_ID = 1;

    private FrameBuilder() {
    }

    /**
     * This host's side of the frame, and where it goes on the link.
     *
     * @param source  this host's address toward the destination
     * @param mac     this host's MAC address
     * @param nextHop the MAC address of the next hop (or the ARP target's), for a draft without {@code dst-mac}
     */
    record Defaults(Ipv4Address source, MacAddress mac, MacAddress nextHop) {
    }

    static byte[] build(Draft draft, Defaults defaults) {
        if (draft.layer() == CraftLayer.RAW) {
            return draft.get("raw", Octets.class).orElseThrow().toByteArray();
        }
        Octets data = draft.get("data", Octets.class).orElse(Octets.EMPTY);
        int ipPayload = switch (draft.layer()) {
            case TCP -> TcpPacket.HEADER_LEN + optionsLength(draft) + data.length();
            case UDP -> UdpPacket.HEADER_LEN + data.length();
            case ICMP -> Icmpv4Packet.HEADER_LEN + data.length();
            case ARP -> ArpPacket.LEN;
            case RAW -> throw new AssertionError();
        };
        int networkLength = draft.layer() == CraftLayer.ARP ? ipPayload : Ipv4Packet.HEADER_LEN + ipPayload;
        byte[] frame = new byte[EthernetFrame.HEADER_LEN + networkLength];
        EthernetFrame ethernet = new EthernetFrame().wrap(frame, 0, frame.length);
        boolean arp = draft.layer() == CraftLayer.ARP;
        boolean request = arp && draft.number("op", 1) == 1;
        MacAddress destination = draft.get("dst-mac", MacAddress.class)
                .orElse(request ? MacAddress.BROADCAST : defaults.nextHop());
        ethernet.setDestination(destination.bits())
                .setSource(draft.get("src-mac", MacAddress.class).orElse(defaults.mac()).bits())
                .setEtherTypeValue((int) draft.number("ethertype", (arp ? EtherType.ARP : EtherType.IPV4).value()));
        int at = EthernetFrame.HEADER_LEN;
        if (arp) {
            arp(draft, defaults, new ArpPacket().wrap(frame, at, ArpPacket.LEN));
            return frame;
        }
        Ipv4Packet ip = new Ipv4Packet().wrap(frame, at, networkLength);
        int source = draft.get("from", Ipv4Address.class).orElse(defaults.source()).bits();
        int target = draft.get("to", Ipv4Address.class).orElseThrow().bits();
        IpProtocol protocol = switch (draft.layer()) {
            case TCP -> IpProtocol.TCP;
            case UDP -> IpProtocol.UDP;
            default -> IpProtocol.ICMP;
        };
        ip.setVersion(4).setIhl(5).setDscp((int) draft.number("tos", 0) >>> 2).setEcn((int) draft.number("tos", 0) & 3)
                .setTotalLength(networkLength).setIdentification((int) draft.number("ip-id", IP_ID))
                .setDontFragment(draft.has("df")).setMoreFragments(draft.has("mf"))
                .setFragmentOffset((int) draft.number("frag", 0)).setTtl((int) draft.number("ttl", TTL))
                .setProtocolValue((int) draft.number("proto", protocol.value())).setSource(source).setDestination(target);
        int transport = ip.payloadOffset();
        switch (draft.layer()) {
            case TCP -> tcp(draft, new TcpPacket().wrap(frame, transport, ipPayload), data, source, target);
            case UDP -> udp(draft, new UdpPacket().wrap(frame, transport, ipPayload), data, source, target);
            default -> icmp(draft, new Icmpv4Packet().wrap(frame, transport, ipPayload), data);
        }
        // The IP fields that lie are written last, after the transport checksum used the true ones.
        ip.setTotalLength((int) draft.number("ip-len", networkLength)).fillChecksum();
        draft.get("ip-csum", Long.class).ifPresent(sum -> ip.setChecksum(sum.intValue()));
        return frame;
    }

    private static int optionsLength(Draft draft) {
        int length = 0;
        for (TcpOption option : options(draft)) {
            length += option.length();
        }
        return (length + 3) & ~3;
    }

    @SuppressWarnings("unchecked")
    private static List<TcpOption> options(Draft draft) {
        return draft.get("opt", List.class).orElse(List.of());
    }

    private static void tcp(Draft draft, TcpPacket tcp, Octets data, int source, int target) {
        int headerLength = TcpPacket.HEADER_LEN + optionsLength(draft);
        tcp.setSrcPort((int) draft.number("sport", TCP_SOURCE_PORT)).setDstPort((int) draft.number("dport", 0))
                .setSeqNumber((int) draft.number("seq", 0)).setAckNumber((int) draft.number("ack", 0))
                .setDataOffset(headerLength / 4).setReservedBits(0)
                .setFlags((int) draft.number("flags", TcpFlags.SYN)).setWindow((int) draft.number("win", TCP_WINDOW))
                .setUrgentPointer((int) draft.number("urg", 0));
        byte[] buffer = tcp.buffer();
        int at = tcp.optionsOffset();
        for (TcpOption option : options(draft)) {
            at += option.writeTo(buffer, at);
        }
        for (int end = tcp.optionsOffset() + headerLength - TcpPacket.HEADER_LEN; at < end; at++) {
            buffer[at] = TcpOptionReader.KIND_EOL;
        }
        data.copyTo(buffer, tcp.optionsOffset() + headerLength - TcpPacket.HEADER_LEN);
        tcp.fillChecksum(source, target);
        draft.get("off", Long.class).ifPresent(words -> tcp.setDataOffset(words.intValue()));
        draft.get("csum", Long.class).ifPresent(sum -> tcp.setChecksum(sum.intValue()));
    }

    private static void udp(Draft draft, UdpPacket udp, Octets data, int source, int target) {
        udp.setSrcPort((int) draft.number("sport", UDP_SOURCE_PORT)).setDstPort((int) draft.number("dport", 0))
                .setDatagramLength(udp.length());
        data.copyTo(udp.buffer(), udp.payloadOffset());
        udp.fillChecksum(source, target);
        draft.get("len", Long.class).ifPresent(length -> udp.setDatagramLength(length.intValue()));
        draft.get("csum", Long.class).ifPresent(sum -> udp.setChecksum(sum.intValue()));
    }

    private static void icmp(Draft draft, Icmpv4Packet icmp, Octets data) {
        icmp.setType((int) draft.number("type", Icmpv4Packet.TYPE_ECHO_REQUEST)).setCode((int) draft.number("code", 0))
                .setEchoIdentifier((int) draft.number("id", 0)).setEchoSequence((int) draft.number("seq", 0));
        data.copyTo(icmp.buffer(), icmp.dataOffset());
        icmp.fillChecksum();
        draft.get("csum", Long.class).ifPresent(sum -> icmp.setChecksum(sum.intValue()));
    }

    private static void arp(Draft draft, Defaults defaults, ArpPacket arp) {
        boolean request = draft.number("op", 1) == 1;
        MacAddress targetMac = draft.get("to-mac", MacAddress.class)
                .orElse(request ? MacAddress.UNSPECIFIED : defaults.nextHop());
        arp.setHardwareType(ArpPacket.HARDWARE_ETHERNET).setProtocolType(EtherType.IPV4.value())
                .setHardwareLength(6).setProtocolLength(4).setOperationValue((int) draft.number("op", 1))
                .setSenderHardwareAddr(draft.get("from-mac", MacAddress.class).orElse(defaults.mac()).bits())
                .setSenderProtocolAddr(draft.get("from", Ipv4Address.class).orElse(defaults.source()).bits())
                .setTargetHardwareAddr(targetMac.bits())
                .setTargetProtocolAddr(draft.get("to", Ipv4Address.class).orElseThrow().bits());
    }
}
