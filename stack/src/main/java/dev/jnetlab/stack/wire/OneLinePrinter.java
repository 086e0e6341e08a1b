package dev.jnetlab.stack.wire;

/**
 * Prints a frame as one line in tcpdump's own style: what {@code tcpdump -nn -S -t} prints for
 * it, for every field both print.
 *
 * <pre>
 * ARP, Request who-has 192.168.69.1 tell 192.168.69.100, length 28
 * IP 192.168.69.100 &gt; 192.168.69.1: ICMP echo request, id 7746, seq 1, length 64
 * IP 192.168.69.100.51234 &gt; 192.168.69.1.6969: Flags [S], seq 1234, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
 * </pre>
 *
 * <p>Sequence numbers are absolute, as with tcpdump's {@code -S}: a line describes one frame,
 * never the frames before it. Where tcpdump would decode an application protocol from a
 * well-known port, this printer stops at the transport layer, except for DNS (port 53, over UDP
 * and over TCP after its two-octet length) and
 * BOOTP/DHCP (67, 68), which it decodes as tcpdump does ({@code 4660+ A? peer.lab. (26)},
 * {@code BOOTP/DHCP, Request from 02:00:00:00:00:01, length 300}). A frame that is wrong prints
 * what could be read and then exactly what is wrong, in brackets:
 * {@code IP 192.168.69.100.51234 > 192.168.69.1.6969: Flags [S], seq 1234, win 64240 [TCP: data offset 4 < 5]};
 * so does a bad checksum, which tcpdump shows only with {@code -v}. A TCP checksum left to a
 * device (checksum offload: the field holds the pseudo-header sum) is
 * {@code [TCP: checksum offloaded]}. A frame cut short is printed as tcpdump prints it: as far
 * as it goes, then tcpdump's mark of the layer that ran out ({@code [|tcp]}), after
 * {@code truncated-ip - N bytes missing!} when the datagram is shorter than its header says.
 * Like tcpdump, it shows no 802.1Q tag (tcpdump does only with {@code -e}), and a frame of an
 * EtherType it does not know ends in {@code ": "}: {@link #appendWithPayloadTo} adds the hex
 * dump of its payload that tcpdump prints there.
 *
 * <p>Works on any byte range and never throws. It holds its views, so one printer serves one
 * thread.
 */
public final class OneLinePrinter {
    private final EthernetFrame ethernet = new EthernetFrame();
    private final ArpPacket arp = new ArpPacket();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final Icmpv4Packet icmp = new Icmpv4Packet();
    private final Ipv4Packet quoted = new Ipv4Packet();
    private final UdpPacket udp = new UdpPacket();
    private final TcpPacket tcp = new TcpPacket();
    private final TcpOptionReader options = new TcpOptionReader();
    private final DnsPrinter dns = new DnsPrinter();
    private final DhcpPrinter dhcp = new DhcpPrinter();
    private final Ipv6LinePrinter ipv6 = new Ipv6LinePrinter();
    /** The payload the last frame printed left undecoded (an unknown EtherType's), for {@link #appendWithPayloadTo}. */
    private int undecodedOffset;
    private int undecodedLength;
    /** Whether the datagram being printed is shorter than its total length says. */
    private boolean truncated;
    private boolean verbose;
    private boolean linkLevel;

    /**
     * tcpdump's {@code -v}: the IPv4 header's fields in parentheses before the addresses, which
     * then start a second line indented by four spaces, an ARP packet's address kinds, and the
     * TCP checksum beside the flags ({@code cksum 0x1443 (correct)}), a DNS answer's owner
     * names ({@code www.lab. CNAME peer.lab.}); header and ICMP checksums
     * that are wrong are said in tcpdump's words.
     */
    public OneLinePrinter setVerbose(boolean on) {
        verbose = on;
        dns.setVerbose(on);
        return this;
    }

    /** tcpdump's {@code -e}: every line starts with the MAC addresses, the EtherType and the frame's length. */
    public OneLinePrinter setLinkLevel(boolean on) {
        linkLevel = on;
        return this;
    }

    /** The whole array as one frame. */
    public String format(byte[] frame) {
        return appendTo(new StringBuilder(128), frame, 0, frame.length).toString();
    }

    /** Appends the {@code length} octets from {@code offset} as one line, without a line break. */
    public StringBuilder appendTo(StringBuilder out, byte[] frame, int offset, int length) {
        undecodedLength = 0;
        truncated = false;
        ethernet.wrap(frame, offset, length);
        if (length < EthernetFrame.HEADER_LEN) {
            return out.append(" [|ether]");
        }
        if (ethernet.check() != null) {
            return problem(out, ethernet);
        }
        int type = ethernet.payloadEtherTypeValue();
        boolean known = type == EtherType.IPV4.value() || type == EtherType.ARP.value() || type == EtherType.IPV6.value();
        if (linkLevel && known) {
            // tcpdump -e names the protocol in the EtherType, so the line then goes without "IP " or "ARP, ".
            linkHeader(out, ethernet.etherTypeValue(), length);
            if (ethernet.hasVlanTag()) {
                // Only -e shows the 802.1Q tag; without it tcpdump prints the inner packet alone.
                out.append("vlan ").append(ethernet.vlanId()).append(", p ").append(ethernet.vlanPriority()).append(", ");
                Hex.append(out.append("ethertype ").append(EtherType.of(type)).append(" (0x"), type, 4).append("), ");
            }
        }
        if (type == EtherType.IPV4.value()) {
            return ipv4(linkLevel ? out : out.append("IP "), ip.wrap(frame, ethernet.payloadOffset(), ethernet.payloadLength()));
        }
        if (type == EtherType.IPV6.value()) {
            return ipv6.append(linkLevel ? out : out.append("IP6 "), frame, ethernet.payloadOffset(), ethernet.payloadLength());
        }
        if (type == EtherType.ARP.value()) {
            return arp(linkLevel ? out : out.append("ARP, "), arp.wrap(frame, ethernet.payloadOffset(), ethernet.payloadLength()));
        }
        MacAddress.appendTo(out, ethernet.source()).append(" > ");
        MacAddress.appendTo(out, ethernet.destination()).append(", ");
        if (type < 0x0600) {
            return out.append("802.3, length ").append(length);
        }
        EtherType etherType = EtherType.of(type);
        if (etherType instanceof EtherType.Known) {
            return Hex.append(out.append("ethertype ").append(etherType).append(" (0x"), type, 4).append("), length ").append(length);
        }
        undecodedOffset = ethernet.payloadOffset();
        undecodedLength = ethernet.payloadLength();
        return Hex.append(out.append("ethertype Unknown (0x"), type, 4).append("), length ").append(length).append(": ");
    }

    /**
     * What {@code tcpdump -nn} prints for the frame without {@code -X}: the line of
     * {@link #appendTo} and, for a frame whose payload neither decodes (an unknown EtherType),
     * that payload in hex and ASCII on the lines after it, each starting with a tab. No line
     * break at the end.
     */
    public StringBuilder appendWithPayloadTo(StringBuilder out, byte[] frame, int offset, int length) {
        appendTo(out, frame, offset, length);
        if (undecodedLength > 0) {
            HexDump.appendTo(out.append('\n'), frame, undecodedOffset, undecodedLength);
            out.setLength(out.length() - 1);
        }
        return out;
    }

    /** {@code 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 98: }, as tcpdump -e starts a line. */
    private StringBuilder linkHeader(StringBuilder out, int type, int length) {
        MacAddress.appendTo(out, ethernet.source()).append(" > ");
        MacAddress.appendTo(out, ethernet.destination()).append(", ethertype ").append(EtherType.of(type));
        return Hex.append(out.append(" (0x"), type, 4).append("), length ").append(length).append(": ");
    }

    private StringBuilder arp(StringBuilder out, ArpPacket packet) {
        if (packet.length() < ARP_FIXED_HEADER) {
            // tcpdump prints the mark alone, without the "ARP, " it writes once the header is there.
            if (!linkLevel) {
                out.setLength(out.length() - "ARP, ".length());
            }
            return out.append(" [|arp]");
        }
        if (packet.check() != null) {
            return problem(out, packet);
        }
        if (verbose) {
            out.append("Ethernet (len 6), IPv4 (len 4), ");
        }
        switch (packet.operationValue()) {
            case 1:
                Ipv4Address.appendTo(out.append("Request who-has "), packet.targetProtocolAddr());
                if (packet.targetHardwareAddr() != 0) {
                    MacAddress.appendTo(out.append(" ("), packet.targetHardwareAddr()).append(')');
                }
                Ipv4Address.appendTo(out.append(" tell "), packet.senderProtocolAddr());
                break;
            case 2:
                Ipv4Address.appendTo(out.append("Reply "), packet.senderProtocolAddr());
                MacAddress.appendTo(out.append(" is-at "), packet.senderHardwareAddr());
                break;
            case 3:
                MacAddress.appendTo(out.append("Reverse Request who-is "), packet.targetHardwareAddr());
                MacAddress.appendTo(out.append(" tell "), packet.senderHardwareAddr());
                break;
            case 4:
                MacAddress.appendTo(out.append("Reverse Reply "), packet.targetHardwareAddr());
                Ipv4Address.appendTo(out.append(" at "), packet.targetProtocolAddr());
                break;
            default:
                out.append("op ").append(packet.operationValue());
        }
        return out.append(", length ").append(packet.length());
    }

    private StringBuilder ipv4(StringBuilder out, Ipv4Packet packet) {
        if (packet.length() < Ipv4Packet.HEADER_LEN) {
            return out.append(" [|ip]");
        }
        WireError header = packet.checkHeader();
        if (header != null) {
            return problem(out, packet);
        }
        if (verbose) {
            verboseHeader(out, packet);
        }
        WireError reason = packet.check();
        if (reason == WireError.BAD_TOTAL_LENGTH && packet.totalLength() > packet.length()) {
            truncated = true;
            out.append("truncated-ip - ").append(packet.totalLength() - packet.length()).append(" bytes missing! ");
        } else if (reason != null) {
            return problem(addresses(out, packet).append(": "), packet);
        }
        if (packet.fragmentOffset() != 0) {
            // Not the first fragment: the transport header is in another frame.
            return checksumNote(addresses(out, packet).append(": ip-proto-").append(packet.protocolValue()), packet);
        }
        int protocol = packet.protocolValue();
        int at = packet.payloadOffset();
        int payloadLength = packet.payloadLength();
        if (protocol == IpProtocol.TCP.value()) {
            tcp(out, tcp.wrap(packet.buffer(), at, payloadLength), packet);
        } else if (protocol == IpProtocol.UDP.value()) {
            udp(out, udp.wrap(packet.buffer(), at, payloadLength), packet);
        } else if (protocol == IpProtocol.ICMP.value()) {
            icmp(addresses(out, packet).append(": "), icmp.wrap(packet.buffer(), at, payloadLength), packet);
        } else {
            addresses(out, packet).append(":  ip-proto-").append(protocol).append(' ').append(payloadLength);
        }
        return truncated ? out : checksumNote(out, packet);
    }

    /**
     * tcpdump -v's {@code (tos 0x0, ttl 64, id 6820, offset 0, flags [DF], proto ICMP (1), length 84)},
     * with {@code , bad cksum 1111 (->5495)!} inside when the header checksum is wrong, then the
     * line break and indent before the addresses.
     */
    private static void verboseHeader(StringBuilder out, Ipv4Packet packet) {
        int tos = packet.dscp() << 2 | packet.ecn();
        shortHex(out.append("(tos 0x"), tos);
        if (packet.ecn() != 0) {
            out.append(packet.ecn() == 1 ? ",ECT(1)" : packet.ecn() == 2 ? ",ECT(0)" : ",CE");
        }
        out.append(", ttl ").append(packet.ttl()).append(", id ").append(packet.identification())
                .append(", offset ").append(packet.fragmentOffset()).append(", flags [");
        int mark = out.length();
        if (packet.moreFragments()) {
            out.append('+');
        }
        if (packet.dontFragment()) {
            out.append(out.length() > mark ? ", " : "").append("DF");
        }
        if (packet.reservedFlag()) {
            out.append(out.length() > mark ? ", " : "").append("rsvd");
        }
        if (out.length() == mark) {
            out.append("none");
        }
        int protocol = packet.protocolValue();
        String name = protocol == IpProtocol.TCP.value() ? "TCP" : protocol == IpProtocol.UDP.value() ? "UDP"
                : protocol == IpProtocol.ICMP.value() ? "ICMP" : "unknown";
        out.append("], proto ").append(name).append(" (").append(protocol).append("), length ").append(packet.totalLength());
        if (!packet.verifyChecksum()) {
            shortHex(shortHex(out.append(", bad cksum "), packet.checksum()).append(" (->"), packet.expectedChecksum())
                    .append(")!");
        }
        out.append(")\n    ");
    }

    /** A 16-bit value in as few hex digits as it needs, as C's {@code %x}. */
    private static StringBuilder shortHex(StringBuilder out, int value) {
        int digits = Math.max(1, (32 - Integer.numberOfLeadingZeros(value) + 3) / 4);
        return Hex.append(out, value, digits);
    }

    private static StringBuilder addresses(StringBuilder out, Ipv4Packet packet) {
        Ipv4Address.appendTo(out, packet.source()).append(" > ");
        return Ipv4Address.appendTo(out, packet.destination());
    }

    private static StringBuilder endpoints(StringBuilder out, Ipv4Packet packet, int srcPort, int dstPort) {
        Ipv4Address.appendTo(out, packet.source()).append('.').append(srcPort).append(" > ");
        return Ipv4Address.appendTo(out, packet.destination()).append('.').append(dstPort);
    }

    private StringBuilder checksumNote(StringBuilder out, Ipv4Packet packet) {
        if (verbose || packet.verifyChecksum()) {
            return out;
        }
        return badChecksum(out, "IPv4", packet.checksum(), packet.expectedChecksum());
    }

    private static StringBuilder badChecksum(StringBuilder out, String layer, int actual, int expected) {
        out.append(" [").append(layer).append(": bad checksum 0x");
        return Hex.append(Hex.append(out, actual, 4).append(", should be 0x"), expected, 4).append(']');
    }

    private StringBuilder tcp(StringBuilder out, TcpPacket segment, Ipv4Packet packet) {
        if (segment.length() < TcpPacket.HEADER_LEN) {
            return portsIfPresent(out, packet, segment.length()).append(":  [|tcp]");
        }
        endpoints(out, packet, segment.srcPort(), segment.dstPort()).append(": Flags [");
        int flags = segment.flags();
        TcpFlags.appendTcpdump(out, flags).append(']');
        WireError reason = segment.check();
        if (verbose && reason == null && !packet.isFragment()) {
            Hex.append(out.append(", cksum 0x"), segment.checksum(), 4);
            if (segment.verifyChecksum(packet.source(), packet.destination())) {
                out.append(" (correct)");
            } else if (segment.hasPartialChecksum(packet.source(), packet.destination())) {
                out.append(" (offloaded)");
            } else {
                Hex.append(out.append(" (incorrect -> 0x"), segment.expectedChecksum(packet.source(), packet.destination()), 4)
                        .append(')');
            }
        }
        int payloadLength = reason == WireError.BAD_DATA_OFFSET ? 0 : segment.payloadLength();
        if (payloadLength > 0 || (flags & (TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST)) != 0) {
            out.append(", seq ").append(segment.seqNumber() & 0xFFFF_FFFFL);
            if (payloadLength > 0) {
                out.append(':').append((segment.seqNumber() + payloadLength) & 0xFFFF_FFFFL);
            }
        }
        if ((flags & TcpFlags.ACK) != 0) {
            out.append(", ack ").append(segment.ackNumber() & 0xFFFF_FFFFL);
        }
        out.append(", win ").append(segment.window());
        if ((flags & TcpFlags.URG) != 0) {
            out.append(", urg ").append(segment.urgentPointer());
        }
        if (reason == WireError.BAD_DATA_OFFSET) {
            return problem(out.append(' '), segment);
        }
        if (segment.optionsLength() > 0) {
            // A malformed option is reported inside the list, where tcpdump says [bad opt].
            options.wrap(segment).appendTo(out.append(", options ["), ",").append(']');
        }
        out.append(", length ").append(payloadLength);
        if (reason == WireError.BAD_FLAGS) {
            return problem(out.append(' '), segment);
        }
        if (reason == null && payloadLength > 0 && !packet.isFragment() && !truncated
                && (segment.srcPort() == DnsPacket.PORT || segment.dstPort() == DnsPacket.PORT)) {
            dns.appendOverTcp(out, segment.buffer(), segment.payloadOffset(), payloadLength);
        }
        if (verbose) {
            return out; // the checksum is beside the flags
        }
        if (reason == null && !packet.isFragment() && segment.hasPartialChecksum(packet.source(), packet.destination())) {
            // Checksum offload: the field holds the pseudo-header sum for the device (or, on a
            // frame from a tap, the kernel) to finish, as tcpdump sees it on a host with offloads.
            return out.append(" [TCP: checksum offloaded]");
        }
        if (reason == null && !packet.isFragment() && !segment.verifyChecksum(packet.source(), packet.destination())) {
            badChecksum(out, "TCP", segment.checksum(), segment.expectedChecksum(packet.source(), packet.destination()));
        }
        return out;
    }

    private StringBuilder udp(StringBuilder out, UdpPacket datagram, Ipv4Packet packet) {
        if (truncated && datagram.length() < UdpPacket.HEADER_LEN) {
            return portsIfPresent(out, packet, datagram.length()).append(":  [|udp]");
        }
        if (datagram.length() < UdpPacket.HEADER_LEN) {
            return problem(portsIfPresent(out, packet, datagram.length()).append(": "), datagram);
        }
        endpoints(out, packet, datagram.srcPort(), datagram.dstPort()).append(": ");
        if (packet.isFragment()) {
            // The first fragment: the UDP length counts the fragments still to come.
            return out.append("UDP, length ").append(Math.max(0, datagram.datagramLength() - UdpPacket.HEADER_LEN));
        }
        if (datagram.check() != null) {
            return problem(out, datagram);
        }
        int src = datagram.srcPort();
        int dst = datagram.dstPort();
        if (src == DnsPacket.PORT || dst == DnsPacket.PORT) {
            dns.append(out, datagram.buffer(), datagram.payloadOffset(), datagram.payloadLength());
        } else if (src == 67 || dst == 67 || src == 68 || dst == 68) {
            dhcp.append(out, datagram.buffer(), datagram.payloadOffset(), datagram.payloadLength());
        } else {
            out.append("UDP, length ").append(datagram.payloadLength());
        }
        if (!datagram.verifyChecksum(packet.source(), packet.destination())) {
            badChecksum(out, "UDP", datagram.checksum(), datagram.expectedChecksum(packet.source(), packet.destination()));
        }
        return out;
    }

    /** {@code src.port > dst.port} when the ports arrived, else just the addresses. */
    private static StringBuilder portsIfPresent(StringBuilder out, Ipv4Packet packet, int transportLength) {
        if (transportLength < 4) {
            return addresses(out, packet);
        }
        byte[] buf = packet.buffer();
        int at = packet.payloadOffset();
        return endpoints(out, packet, Bytes.u16(buf, at), Bytes.u16(buf, at + 2));
    }

    private StringBuilder icmp(StringBuilder out, Icmpv4Packet message, Ipv4Packet packet) {
        if (message.check() != null) {
            return problem(out, message);
        }
        out.append("ICMP ");
        int code = message.code();
        switch (message.type()) {
            case Icmpv4Packet.TYPE_ECHO_REQUEST:
            case Icmpv4Packet.TYPE_ECHO_REPLY:
                out.append(message.type() == Icmpv4Packet.TYPE_ECHO_REQUEST ? "echo request" : "echo reply")
                        .append(", id ").append(message.echoIdentifier()).append(", seq ").append(message.echoSequence());
                break;
            case Icmpv4Packet.TYPE_DST_UNREACHABLE:
                if (quote(out, message)) {
                    unreachable(out, message, code);
                }
                break;
            case Icmpv4Packet.TYPE_REDIRECT:
                if (quote(out, message)) {
                    out.append(code == 2 || code == 3 ? "redirect-tos " : code < 2 ? "redirect " : "redirect-#" + code + " ");
                    Ipv4Address.appendTo(out, quoted.destination()).append(code == 0 || code == 2 ? " to net " : " to host ");
                    Ipv4Address.appendTo(out, message.gateway());
                }
                break;
            case Icmpv4Packet.TYPE_TIME_EXCEEDED:
                out.append(code == 0 ? "time exceeded in-transit" : code == 1 ? "ip reassembly time exceeded" : "time exceeded-#" + code);
                break;
            case Icmpv4Packet.TYPE_PARAM_PROBLEM:
                out.append("parameter problem - ");
                if (code == 0) {
                    out.append("octet ").append(message.pointer());
                } else {
                    out.append("code ").append(code);
                }
                break;
            default:
                out.append("type-#").append(message.type());
        }
        // tcpdump's length is the datagram's, as its header says, also when the frame was cut short.
        out.append(", length ").append(packet.totalLength() - packet.headerLength());
        if (!truncated && !packet.isFragment() && !message.verifyChecksum()) {
            if (verbose) {
                shortHex(shortHex(out.append(" (wrong icmp cksum "), message.checksum()).append(" (->"),
                        message.expectedChecksum()).append(")!)");
            } else {
                badChecksum(out, "ICMP", message.checksum(), message.expectedChecksum());
            }
        }
        return out;
    }

    /** Wraps the quoted datagram; if its header is unreadable, says so and returns false. */
    private boolean quote(StringBuilder out, Icmpv4Packet message) {
        quoted.wrap(message.buffer(), message.dataOffset(), message.dataLength());
        WireError reason = quoted.checkHeader();
        if (reason != null) {
            out.append("type ").append(message.type()).append(" code ").append(message.code())
                    .append(" [ICMP: quoted datagram: ").append(quoted.explain(reason)).append(']');
            return false;
        }
        return true;
    }

    private void unreachable(StringBuilder out, Icmpv4Packet message, int code) {
        int dst = quoted.destination();
        switch (code) {
            case 0:
            case 6:
            case 9:
            case 11:
                Ipv4Address.appendTo(out.append("net "), dst).append(" unreachable");
                break;
            case 1:
            case 7:
            case 10:
            case 12:
            case 13:
            case 14:
            case 15:
                Ipv4Address.appendTo(out.append("host "), dst).append(" unreachable");
                break;
            case 2:
                Ipv4Address.appendTo(out, dst).append(" protocol ").append(quoted.protocolValue()).append(" unreachable");
                break;
            case 3:
                portUnreachable(out, dst);
                break;
            default:
                Ipv4Address.appendTo(out, dst).append(" unreachable");
        }
        switch (code) {
            case 4:
                out.append(" - need to frag");
                if (message.nextHopMtu() != 0) {
                    out.append(" (mtu ").append(message.nextHopMtu()).append(')');
                }
                break;
            case 5:
                out.append(" - source route failed");
                break;
            case 6:
            case 7:
                out.append(" - unknown");
                break;
            case 8:
                out.append(" - source host isolated");
                break;
            case 9:
            case 10:
                out.append(" - admin prohibited");
                break;
            case 11:
            case 12:
                out.append(" - tos prohibited");
                break;
            case 13:
                out.append(" - admin prohibited filter");
                break;
            case 14:
                out.append(" - host precedence violation");
                break;
            case 15:
                out.append(" - precedence cutoff");
                break;
            default:
                if (code > 15) {
                    out.append(" - #").append(code);
                }
        }
    }

    private void portUnreachable(StringBuilder out, int dst) {
        Ipv4Address.appendTo(out, dst);
        int protocol = quoted.protocolValue();
        if (quoted.payloadLength() < 4) {
            out.append(" port unreachable");
            return;
        }
        int dstPort = Bytes.u16(quoted.buffer(), quoted.payloadOffset() + 2);
        if (protocol == IpProtocol.UDP.value()) {
            out.append(" udp port ");
        } else if (protocol == IpProtocol.TCP.value()) {
            out.append(" tcp port ");
        } else {
            out.append(" protocol ").append(protocol).append(" port ");
        }
        out.append(dstPort).append(" unreachable");
    }

    /** An ARP packet's fixed part, before the addresses: hardware and protocol types and lengths, operation. */
    private static final int ARP_FIXED_HEADER = 8;

    private static StringBuilder problem(StringBuilder out, PacketView view) {
        return out.append('[').append(view.explain(view.check())).append(']');
    }
}
