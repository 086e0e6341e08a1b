package dev.jnetlab.stack.wire;

/**
 * Prints a frame as nested layers, one line per header with every field, each layer indented
 * under the one that carries it:
 *
 * <pre>
 * Ethernet II 02:00:00:00:00:02 &gt; 02:00:00:00:00:01, type IPv4 (0x0800), 74 octets
 *   IPv4 192.168.69.100 &gt; 192.168.69.1, version 4, header 20, ..., checksum 0xc891 (correct)
 *     TCP 51234 &gt; 6969, seq 1234, ack 0, data offset 10, ..., checksum 0x1d3a (correct), urgent pointer 0, payload 0 octets
 *       options mss 1460, sackOK, TS val 1 ecr 0, nop, wscale 7
 * </pre>
 *
 * <p>A layer that is wrong says what is wrong in brackets, and nothing below it is printed.
 * Works on any byte range and never throws; it holds its views, so one printer serves one
 * thread.
 */
public final class NestedPrinter {
    private static final String INDENT = "  ";

    private final EthernetFrame ethernet = new EthernetFrame();
    private final ArpPacket arp = new ArpPacket();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final Icmpv4Packet icmp = new Icmpv4Packet();
    private final Ipv4Packet quoted = new Ipv4Packet();
    private final UdpPacket udp = new UdpPacket();
    private final TcpPacket tcp = new TcpPacket();
    private final TcpOptionReader options = new TcpOptionReader();

    /** The whole array as one frame. */
    public String format(byte[] frame) {
        return appendTo(new StringBuilder(512), frame, 0, frame.length).toString();
    }

    /** Appends the {@code length} octets from {@code offset}, every line ending in a line break. */
    public StringBuilder appendTo(StringBuilder out, byte[] frame, int offset, int length) {
        ethernet.wrap(frame, offset, length).appendTo(out).append('\n');
        if (ethernet.check() != null) {
            return out;
        }
        int type = ethernet.payloadEtherTypeValue();
        int at = ethernet.payloadOffset();
        int payloadLength = ethernet.payloadLength();
        if (type == EtherType.ARP.value()) {
            return arp.wrap(frame, at, payloadLength).appendTo(out.append(INDENT)).append('\n');
        }
        if (type == EtherType.IPV4.value()) {
            return ipv4(out, ip.wrap(frame, at, payloadLength));
        }
        return line(out, 1).append("payload ").append(payloadLength).append(" octets\n");
    }

    private StringBuilder ipv4(StringBuilder out, Ipv4Packet packet) {
        packet.appendTo(line(out, 1)).append('\n');
        if (packet.checkHeader() != null) {
            return out;
        }
        WireError reason = packet.check();
        if (reason != null) {
            return line(out, 2).append('[').append(packet.explain(reason)).append("]\n");
        }
        byte[] buf = packet.buffer();
        int at = packet.payloadOffset();
        int length = packet.payloadLength();
        if (packet.fragmentOffset() != 0) {
            return line(out, 2).append("fragment at offset ").append(packet.fragmentOffset()).append(": ")
                    .append(length).append(" octets of the payload, whose header is in the first fragment\n");
        }
        boolean first = packet.moreFragments();
        int protocol = packet.protocolValue();
        if (protocol == IpProtocol.TCP.value()) {
            tcp.wrap(buf, at, length);
            if (first) {
                tcp.appendTo(line(out, 2));
            } else {
                tcp.appendTo(line(out, 2), packet.source(), packet.destination());
            }
            out.append('\n');
            if (tcp.check() == null && tcp.optionsLength() > 0) {
                options.wrap(tcp).appendTo(line(out, 3).append("options "), ", ").append('\n');
            }
        } else if (protocol == IpProtocol.UDP.value()) {
            udp.wrap(buf, at, length);
            if (first && length >= UdpPacket.HEADER_LEN) {
                line(out, 2).append("UDP ").append(udp.srcPort()).append(" > ").append(udp.dstPort()).append(", length ")
                        .append(udp.datagramLength()).append(", checksum 0x");
                Hex.append(out, udp.checksum(), 4).append('\n');
            } else {
                udp.appendTo(line(out, 2), packet.source(), packet.destination()).append('\n');
            }
        } else if (protocol == IpProtocol.ICMP.value()) {
            icmp(out, icmp.wrap(buf, at, length));
        } else {
            line(out, 2).append("payload ").append(length).append(" octets\n");
        }
        if (first) {
            line(out, 2).append("first fragment: the datagram continues in later fragments\n");
        }
        return out;
    }

    private void icmp(StringBuilder out, Icmpv4Packet message) {
        message.appendTo(line(out, 2)).append('\n');
        if (message.check() != null || !message.isError()) {
            return;
        }
        quoted.wrap(message.buffer(), message.dataOffset(), message.dataLength());
        quoted.appendTo(line(out, 3).append("quoted ")).append('\n');
        if (quoted.checkHeader() != null) {
            return;
        }
        int protocol = quoted.protocolValue();
        int length = quoted.payloadLength();
        line(out, 4).append("quoted ");
        if ((protocol == IpProtocol.UDP.value() || protocol == IpProtocol.TCP.value()) && length >= 4) {
            int at = quoted.payloadOffset();
            out.append(protocol == IpProtocol.UDP.value() ? "UDP " : "TCP ").append(Bytes.u16(quoted.buffer(), at))
                    .append(" > ").append(Bytes.u16(quoted.buffer(), at + 2)).append(", ");
        }
        out.append(length).append(" octets of payload\n");
    }

    private static StringBuilder line(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) {
            out.append(INDENT);
        }
        return out;
    }
}
