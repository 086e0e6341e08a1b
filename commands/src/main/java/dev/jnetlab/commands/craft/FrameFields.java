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
import dev.jnetlab.stack.wire.SackRange;
import dev.jnetlab.stack.wire.TcpOption;
import dev.jnetlab.stack.wire.TcpOptionReader;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.stack.wire.UdpPacket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a frame's fields back through the wire layer's views, under the names and in the
 * types of a {@link Draft} ({@code seq} as a {@code Long}, {@code to} as an
 * {@code Ipv4Address}), whatever the frame's values: for {@code craft}'s JSON form, for the
 * answers {@code sr} prints, and to show that every field crafted is the field sent. A layer
 * too short to read is left out.
 */
public final class FrameFields {
    private FrameFields() {
    }

    /** The layer a frame is, by its EtherType and IPv4 protocol; {@link CraftLayer#RAW} for any other. */
    public static CraftLayer layerOf(byte[] frame) {
        EthernetFrame ethernet = new EthernetFrame().wrap(frame, 0, frame.length);
        if (ethernet.check() != null) {
            return CraftLayer.RAW;
        }
        if (ethernet.etherTypeValue() == EtherType.ARP.value()) {
            return CraftLayer.ARP;
        }
        if (ethernet.etherTypeValue() != EtherType.IPV4.value() || frame.length < EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN) {
            return CraftLayer.RAW;
        }
        int protocol = new Ipv4Packet().wrap(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN)
                .protocolValue();
        if (protocol == IpProtocol.TCP.value()) {
            return CraftLayer.TCP;
        }
        return protocol == IpProtocol.UDP.value() ? CraftLayer.UDP
                : protocol == IpProtocol.ICMP.value() ? CraftLayer.ICMP : CraftLayer.RAW;
    }

    /** Every field of {@code frame} read as {@code layer}. */
    public static Map<String, Object> read(CraftLayer layer, byte[] frame) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (layer == CraftLayer.RAW || frame.length < EthernetFrame.HEADER_LEN) {
            fields.put("raw", Octets.of(frame));
            return fields;
        }
        EthernetFrame ethernet = new EthernetFrame().wrap(frame, 0, frame.length);
        fields.put("src-mac", MacAddress.of(ethernet.source()));
        fields.put("dst-mac", MacAddress.of(ethernet.destination()));
        fields.put("ethertype", (long) ethernet.etherTypeValue());
        int at = EthernetFrame.HEADER_LEN;
        int rest = frame.length - at;
        if (layer == CraftLayer.ARP) {
            if (rest >= ArpPacket.LEN) {
                arp(fields, new ArpPacket().wrap(frame, at, rest));
            }
            return fields;
        }
        if (rest < Ipv4Packet.HEADER_LEN) {
            return fields;
        }
        Ipv4Packet ip = new Ipv4Packet().wrap(frame, at, rest);
        fields.put("from", Ipv4Address.of(ip.source()));
        fields.put("to", Ipv4Address.of(ip.destination()));
        fields.put("ttl", (long) ip.ttl());
        fields.put("ip-id", (long) ip.identification());
        fields.put("tos", (long) (ip.dscp() << 2 | ip.ecn()));
        fields.put("df", ip.dontFragment());
        fields.put("mf", ip.moreFragments());
        fields.put("frag", (long) ip.fragmentOffset());
        fields.put("proto", (long) ip.protocolValue());
        fields.put("ip-len", (long) ip.totalLength());
        fields.put("ip-csum", (long) ip.checksum());
        int headerLength = Math.max(Ipv4Packet.HEADER_LEN, Math.min(ip.headerLength(), rest));
        int transport = at + headerLength;
        int length = frame.length - transport;
        switch (layer) {
            case TCP -> tcp(fields, new TcpPacket().wrap(frame, transport, length));
            case UDP -> udp(fields, new UdpPacket().wrap(frame, transport, length));
            case ICMP -> icmp(fields, new Icmpv4Packet().wrap(frame, transport, length));
            default -> throw new AssertionError(layer);
        }
        return fields;
    }

    private static void tcp(Map<String, Object> fields, TcpPacket tcp) {
        if (tcp.length() < TcpPacket.HEADER_LEN) {
            return;
        }
        fields.put("sport", (long) tcp.srcPort());
        fields.put("dport", (long) tcp.dstPort());
        fields.put("flags", (long) tcp.flags());
        fields.put("seq", tcp.seqNumber() & 0xFFFF_FFFFL);
        fields.put("ack", tcp.ackNumber() & 0xFFFF_FFFFL);
        fields.put("win", (long) tcp.window());
        fields.put("urg", (long) tcp.urgentPointer());
        fields.put("off", (long) tcp.dataOffset());
        fields.put("csum", (long) tcp.checksum());
        if (tcp.headerLength() >= TcpPacket.HEADER_LEN && tcp.headerLength() <= tcp.length()) {
            fields.put("opt", options(tcp));
            fields.put("data", Octets.copyOf(tcp.buffer(), tcp.payloadOffset(), tcp.payloadLength()));
        }
    }

    /** The options up to the first EOL or malformed one, NOPs included. */
    private static List<TcpOption> options(TcpPacket tcp) {
        List<TcpOption> options = new ArrayList<>();
        TcpOptionReader reader = new TcpOptionReader().wrap(tcp);
        while (reader.next()) {
            switch (reader.kind()) {
                case TcpOptionReader.KIND_EOL -> {
                    return options;
                }
                case TcpOptionReader.KIND_NOP -> options.add(TcpOption.NOP);
                case TcpOptionReader.KIND_MSS -> options.add(new TcpOption.MaxSegmentSize(reader.mss()));
                case TcpOptionReader.KIND_WINDOW_SCALE -> options.add(new TcpOption.WindowScale(reader.windowScale()));
                case TcpOptionReader.KIND_SACK_PERMITTED -> options.add(TcpOption.SACK_PERMITTED);
                case TcpOptionReader.KIND_SACK -> {
                    List<SackRange> blocks = new ArrayList<>();
                    for (int i = 0; i < reader.sackCount(); i++) {
                        blocks.add(new SackRange(reader.sackLeft(i), reader.sackRight(i)));
                    }
                    options.add(new TcpOption.Sack(blocks));
                }
                case TcpOptionReader.KIND_TIMESTAMPS -> options.add(new TcpOption.Timestamps(reader.tsVal(), reader.tsEcr()));
                default -> options.add(new TcpOption.Unknown(reader.kind(),
                        Octets.copyOf(tcp.buffer(), reader.dataOffset(), reader.dataLength())));
            }
        }
        return options;
    }

    private static void udp(Map<String, Object> fields, UdpPacket udp) {
        if (udp.length() < UdpPacket.HEADER_LEN) {
            return;
        }
        fields.put("sport", (long) udp.srcPort());
        fields.put("dport", (long) udp.dstPort());
        fields.put("len", (long) udp.datagramLength());
        fields.put("csum", (long) udp.checksum());
        fields.put("data", Octets.copyOf(udp.buffer(), udp.payloadOffset(), udp.length() - UdpPacket.HEADER_LEN));
    }

    private static void icmp(Map<String, Object> fields, Icmpv4Packet icmp) {
        if (icmp.length() < Icmpv4Packet.HEADER_LEN) {
            return;
        }
        fields.put("type", (long) icmp.type());
        fields.put("code", (long) icmp.code());
        fields.put("id", (long) icmp.echoIdentifier());
        fields.put("seq", (long) icmp.echoSequence());
        fields.put("csum", (long) icmp.checksum());
        fields.put("data", Octets.copyOf(icmp.buffer(), icmp.dataOffset(), icmp.dataLength()));
    }

    private static void arp(Map<String, Object> fields, ArpPacket arp) {
        fields.put("op", (long) arp.operationValue());
        fields.put("from", Ipv4Address.of(arp.senderProtocolAddr()));
        fields.put("from-mac", MacAddress.of(arp.senderHardwareAddr()));
        fields.put("to", Ipv4Address.of(arp.targetProtocolAddr()));
        fields.put("to-mac", MacAddress.of(arp.targetHardwareAddr()));
    }

    /** TCP options in {@code craft}'s words: {@code mss=536,sack-ok}. */
    static String optionWords(List<?> options) {
        StringBuilder out = new StringBuilder();
        for (Object each : options) {
            if (out.length() > 0) {
                out.append(',');
            }
            TcpOption option = (TcpOption) each;
            if (option instanceof TcpOption.MaxSegmentSize mss) {
                out.append("mss=").append(mss.value());
            } else if (option instanceof TcpOption.WindowScale scale) {
                out.append("wscale=").append(scale.shift());
            } else if (option instanceof TcpOption.Timestamps ts) {
                out.append("ts=").append(ts.tsVal() & 0xFFFF_FFFFL).append(':').append(ts.tsEcr() & 0xFFFF_FFFFL);
            } else if (option instanceof TcpOption.Sack sack) {
                out.append("sack=");
                for (int i = 0; i < sack.blocks().size(); i++) {
                    SackRange block = sack.blocks().get(i);
                    out.append(i > 0 ? "/" : "").append(block.left() & 0xFFFF_FFFFL).append('-')
                            .append(block.right() & 0xFFFF_FFFFL);
                }
            } else if (option instanceof TcpOption.Unknown unknown) {
                out.append("kind-").append(unknown.kind());
            } else {
                out.append(option == TcpOption.NOP ? "nop" : "sack-ok");
            }
        }
        return out.toString();
    }

    /** The fields as text, for the JSON form: numbers as numbers, booleans as booleans, the rest as they print. */
    public static Map<String, Object> forJson(Map<String, Object> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        fields.forEach((name, value) -> json.put(name,
                value instanceof Long || value instanceof Boolean ? value
                        : value instanceof List<?> options ? optionWords(options)
                        : value instanceof Octets octets ? Hex.compact(octets.toByteArray()) : String.valueOf(value)));
        return json;
    }
}
