package dev.jnetlab.stack.wire;

/**
 * The IPv6 half of {@link OneLinePrinter}: what {@code tcpdump -nn -t} prints after the
 * EtherType for an IPv6 packet, kept apart so the IPv4 printer stays as it was.
 *
 * <pre>
 * IP6 fd00::100 &gt; fd00::1: ICMP6, echo request, id 11735, seq 1, length 64
 * IP6 fe80::ff:fe00:2 &gt; ff02::1:ff00:1: ICMP6, neighbor solicitation, who has fd00::1, length 32
 * IP6 :: &gt; ff02::16: HBH ICMP6, multicast listener report v2, 2 group record(s), length 56
 * IP6 fe80::1 &gt; ff02::1: HBH ICMP6, multicast listener query v2 [gaddr ::], length 28
 * IP6 fd00::100 &gt; fd00::1: frag (0|1448) ICMP6, echo request, id 11735, seq 1, length 1448
 * IP6 fd00::100.43762 &gt; fd00::1.7: UDP, length 2
 * </pre>
 *
 * Extension headers are named as tcpdump names them ({@code HBH}, {@code DSTOPT},
 * {@code RT6}, {@code frag}); after a non-first fragment the line ends, as tcpdump's does.
 * What is wrong is said in brackets, as the IPv4 printer says it: a chain that runs past the
 * packet, a bad checksum, NDP options of length zero. TCP over IPv6 prints its addresses and
 * {@code tcp} with its length: this stack does not speak it yet.
 *
 * <p>Never throws; holds its views, so one serves one thread.
 */
final class Ipv6LinePrinter {
    private final Ipv6Packet ip = new Ipv6Packet();
    private final Ipv6Packet quoted = new Ipv6Packet();
    private final Ipv6HeaderChain chain = new Ipv6HeaderChain();
    private final Ipv6HeaderChain quotedChain = new Ipv6HeaderChain();
    private final Icmpv6Packet icmp = new Icmpv6Packet();
    private final UdpPacket udp = new UdpPacket();
    private final NdpOptions options = new NdpOptions();
    private final MldLinePrinter mld = new MldLinePrinter();

    /** Appends the packet of {@code length} octets from {@code offset}, after "IP6 ". */
    StringBuilder append(StringBuilder out, byte[] buf, int offset, int length) {
        ip.wrap(buf, offset, length);
        if (length < Ipv6Packet.HEADER_LEN) {
            // tcpdump prints its mark alone, without the "IP6 " it writes once the header is there.
            if (out.length() >= 4 && out.lastIndexOf("IP6 ") == out.length() - 4) {
                out.setLength(out.length() - 4);
            }
            return out.append(" [|ip6]");
        }
        if (ip.version() != 6) {
            return out.append("version error: ").append(ip.version()).append(" != 6");
        }
        int available = Math.min(ip.payloadLength(), length - Ipv6Packet.HEADER_LEN);
        boolean truncated = ip.payloadLength() > length - Ipv6Packet.HEADER_LEN;
        if (truncated) {
            out.append("truncated-ip6 - ").append(ip.payloadLength() - (length - Ipv6Packet.HEADER_LEN)).append(" bytes missing!");
        }
        WireError reason = chain.walk(buf, offset, ip.nextHeader(), available);
        int upper = chain.upperLayer();
        boolean transport = reason == null && (upper == IpProtocol.UDP.value() || upper == IpProtocol.TCP.value())
                && chain.headerCount() == 0;
        if (!transport) {
            addresses(out).append(": ");
        }
        for (int i = 0; i < chain.headerCount(); i++) {
            int at = chain.headerOffset(i);
            switch (chain.headerType(i)) {
                case Ipv6HeaderChain.HOP_BY_HOP:
                    out.append("HBH ");
                    break;
                case Ipv6HeaderChain.DESTINATION_OPTIONS:
                    out.append("DSTOPT ");
                    break;
                case Ipv6HeaderChain.ROUTING:
                    routing(out, buf, at);
                    break;
                default:
                    int fragmentOffset = Bytes.u16(buf, at + 2) & 0xFFF8;
                    out.append("frag (").append(fragmentOffset).append('|')
                            .append(offset + Ipv6Packet.HEADER_LEN + ip.payloadLength() - at - 8).append(')');
                    if (fragmentOffset != 0) {
                        return out;
                    }
                    out.append(' ');
            }
        }
        if (reason != null) {
            if (chain.problem() == Ipv6HeaderChain.Problem.SEGMENTS_LEFT && chain.headerCount() > 0) {
                return out;
            }
            return out.append('[').append(chain.explain()).append(']');
        }
        int at = chain.upperOffset();
        int upperLength = chain.upperLength();
        boolean fragmented = chain.hasFragmentHeader();
        if (upper == IpProtocol.ICMPV6.value()) {
            // The length tcpdump gives is what the header says, also when the frame was cut short.
            int claimed = upperLength + ip.payloadLength() - available;
            return icmp(out, icmp.wrap(buf, at, upperLength), claimed, truncated || fragmented);
        }
        if (upper == IpProtocol.UDP.value()) {
            return udp(out, udp.wrap(buf, at, upperLength), transport, truncated || fragmented);
        }
        if (upper == IpProtocol.TCP.value()) {
            if (transport) {
                addresses(out).append(": ");
            }
            return out.append("tcp ").append(upperLength);
        }
        if (upper == Ipv6HeaderChain.NO_NEXT_HEADER) {
            return out.append("no next header");
        }
        return out.append("ip-proto-").append(upper).append(' ').append(upperLength);
    }

    /**
     * tcpdump's {@code RT6 (len=2, type=0 [Deprecated], segleft=0, [0]::) }: for the address
     * lists of type 0 (deprecated by RFC 5095) each address with its index.
     */
    private static void routing(StringBuilder out, byte[] buf, int at) {
        int length = Bytes.u8(buf, at + 1);
        int type = Bytes.u8(buf, at + 2);
        out.append("RT6 (len=").append(length).append(", type=").append(type);
        if (type == 0) {
            out.append(" [Deprecated]");
        }
        out.append(", segleft=").append(Bytes.u8(buf, at + 3));
        if (type == 0) {
            for (int i = 0; i < length / 2; i++) {
                Ipv6Address.appendTo(out.append(", [").append(i).append(']'), buf, at + 8 + 16 * i);
            }
        }
        out.append(") ");
    }

    private StringBuilder addresses(StringBuilder out) {
        Ipv6Address.appendTo(out, ip.buffer(), ip.offset() + Ipv6Packet.SOURCE).append(" > ");
        return Ipv6Address.appendTo(out, ip.buffer(), ip.offset() + Ipv6Packet.DESTINATION);
    }

    private StringBuilder udp(StringBuilder out, UdpPacket datagram, boolean bare, boolean partial) {
        if (datagram.length() < UdpPacket.HEADER_LEN) {
            if (bare) {
                addresses(out).append(": ");
            }
            return out.append(" [|udp]");
        }
        byte[] buf = ip.buffer();
        if (bare) {
            Ipv6Address.appendTo(out, buf, ip.offset() + Ipv6Packet.SOURCE).append('.').append(datagram.srcPort()).append(" > ");
            Ipv6Address.appendTo(out, buf, ip.offset() + Ipv6Packet.DESTINATION).append('.').append(datagram.dstPort()).append(": ");
        } else {
            // After extension headers tcpdump has printed the addresses already, and gives the ports alone.
            out.append(datagram.srcPort()).append(" > ").append(datagram.dstPort()).append(": ");
        }
        if (datagram.check() != null) {
            return out.append('[').append(datagram.explain(datagram.check())).append(']');
        }
        out.append("UDP, length ").append(datagram.payloadLength());
        if (!partial) {
            int pseudo = ip.pseudoHeaderSum(IpProtocol.UDP.value(), datagram.datagramLength());
            int sum = Checksum.add(pseudo, Checksum.sum(buf, datagram.offset(), datagram.datagramLength()));
            if (sum != 0xFFFF) {
                badChecksum(out, "UDP", datagram.checksum(), Checksum.expected(sum, datagram.checksum()));
            }
        }
        return out;
    }

    private StringBuilder icmp(StringBuilder out, Icmpv6Packet message, int length, boolean partial) {
        if (length == 0) {
            return out.append("ICMP6, length 0 (invalid)");
        }
        if (message.check() != null) {
            return out.append('[').append(message.explain(message.check())).append(']');
        }
        int type = message.type();
        out.append("ICMP6, ").append(Icmpv6Names.type(type));
        byte[] buf = message.buffer();
        switch (type) {
            case Icmpv6Packet.TYPE_ECHO_REQUEST:
            case Icmpv6Packet.TYPE_ECHO_REPLY:
                out.append(", id ").append(message.echoIdentifier()).append(", seq ").append(message.echoSequence());
                break;
            case Icmpv6Packet.TYPE_DST_UNREACHABLE:
                unreachable(out, message);
                break;
            case Icmpv6Packet.TYPE_PACKET_TOO_BIG:
                out.append(", mtu ").append(message.mtu());
                break;
            case Icmpv6Packet.TYPE_TIME_EXCEEDED:
                if (message.code() == 0) {
                    if (quote(message)) {
                        Ipv6Address.appendTo(out.append(" for "), buf, quoted.offset() + Ipv6Packet.DESTINATION);
                    }
                } else if (message.code() == 1) {
                    out.append(" (reassembly)");
                } else {
                    out.append(", unknown code (").append(message.code()).append(')');
                }
                break;
            case Icmpv6Packet.TYPE_PARAM_PROBLEM:
                switch (message.code()) {
                    case 0:
                        out.append(", erroneous - octet ");
                        break;
                    case 1:
                        out.append(", next header - octet ");
                        break;
                    case 2:
                        out.append(", option - octet ");
                        break;
                    case 3:
                        out.append(", incomplete header chain - octet ");
                        break;
                    default:
                        out.append(", code-#").append(message.code());
                }
                if (message.code() <= 3) {
                    out.append(message.pointer());
                }
                break;
            case Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT:
                Ipv6Address.appendTo(out.append(", who has "), buf, message.targetOffset());
                break;
            case Icmpv6Packet.TYPE_NEIGHBOR_ADVERT:
                Ipv6Address.appendTo(out.append(", tgt is "), buf, message.targetOffset());
                break;
            case Icmpv6Packet.TYPE_REDIRECT:
                Ipv6Address.appendTo(out.append(", "), buf, message.redirectDestinationOffset());
                Ipv6Address.appendTo(out.append(" to "), buf, message.targetOffset());
                break;
            case MldMessage.TYPE_QUERY:
            case 131:
            case 132:
            case Icmpv6Packet.TYPE_MLDV2_REPORT:
                mld.append(out, message, length);
                break;
            default:
                break;
        }
        out.append(", length ").append(length);
        if (message.isNdp() && options.wrap(message).check() != null) {
            out.append(" [").append(options.explain()).append(']');
        }
        if (!partial) {
            int pseudo = ip.pseudoHeaderSum(IpProtocol.ICMPV6.value(), message.length());
            if (!message.verifyChecksum(pseudo)) {
                badChecksum(out, "ICMPv6", message.checksum(), message.expectedChecksum(pseudo));
            }
        }
        return out;
    }

    private void unreachable(StringBuilder out, Icmpv6Packet message) {
        int code = message.code();
        switch (code) {
            case 0:
                out.append(", unreachable route");
                break;
            case 1:
                out.append(",  unreachable prohibited");
                break;
            case 2:
                out.append(", beyond scope");
                break;
            case 3:
                out.append(", unreachable address");
                break;
            case 4:
                out.append(", unreachable port");
                break;
            default:
                out.append(", unknown unreach code (").append(code).append(')');
                return;
        }
        if (!quote(message)) {
            return;
        }
        byte[] buf = quoted.buffer();
        int dst = quoted.offset() + Ipv6Packet.DESTINATION;
        if (code == 2) {
            Ipv6Address.appendTo(out.append(' '), buf, dst);
            Ipv6Address.appendTo(out.append(", source address "), buf, quoted.offset() + Ipv6Packet.SOURCE);
        } else if (code != 4) {
            Ipv6Address.appendTo(out.append(' '), buf, dst);
        } else {
            int available = quoted.length() - Ipv6Packet.HEADER_LEN;
            if (quotedChain.walk(buf, quoted.offset(), quoted.nextHeader(), available) != null
                    || quotedChain.upperLength() < 4) {
                return;
            }
            int protocol = quotedChain.upperLayer();
            int port = Bytes.u16(buf, quotedChain.upperOffset() + 2);
            Ipv6Address.appendTo(out.append(", "), buf, dst);
            if (protocol == IpProtocol.TCP.value()) {
                out.append(" tcp port ").append(port);
            } else if (protocol == IpProtocol.UDP.value()) {
                out.append(" udp port ").append(port);
            } else {
                out.append(" protocol ").append(protocol).append(" port ").append(port).append(" unreachable");
            }
        }
    }

    /** Wraps the packet an error quotes; false if its fixed header is not all there. */
    private boolean quote(Icmpv6Packet message) {
        quoted.wrap(message.buffer(), message.dataOffset(), message.dataLength());
        return quoted.checkHeader() == null;
    }

    private static void badChecksum(StringBuilder out, String layer, int actual, int expected) {
        out.append(" [").append(layer).append(": bad checksum 0x");
        Hex.append(Hex.append(out, actual, 4).append(", should be 0x"), expected, 4).append(']');
    }
}
