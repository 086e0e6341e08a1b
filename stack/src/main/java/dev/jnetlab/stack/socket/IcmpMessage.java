package dev.jnetlab.stack.socket;

import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpAddress;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Octets;
import java.util.Objects;

/**
 * A message {@link IcmpSocket#recv()} handed over: an echo reply to one of the socket's
 * requests, or an ICMP error about one of them; over IPv6 (its addresses are IPv6 ones) an
 * ICMPv6 one, whose types and codes are RFC 4443's.
 *
 * @param from          who sent it: the echoing host, or the host or router reporting the error
 * @param to            which of the interface's addresses it arrived on
 * @param ttl           the time to live it arrived with (what {@code ping} prints)
 * @param type          the ICMP type: 0 echo reply, 3 unreachable, 5 redirect, 11 time exceeded, 12 parameter problem;
 *                      over IPv6 129 echo reply, 1 unreachable, 2 Packet Too Big, 3 time exceeded, 4 parameter problem
 * @param code          the ICMP code
 * @param restOfHeader  the four octets after the checksum (for "fragmentation needed", the next-hop MTU in the low 16
 *                      bits; for Packet Too Big, the MTU)
 * @param identifier    the echo identifier: the reply's, or the quoted request's for an error
 * @param sequence      the echo sequence number: the reply's, or the quoted request's for an error
 * @param data          an echo reply's data, or the datagram an error quotes (IP header first)
 */
public record IcmpMessage(IpAddress from, IpAddress to, int ttl, int type, int code, int restOfHeader,
                          int identifier, int sequence, Octets data) {

    public IcmpMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(data, "data");
    }

    /** Whether it came over IPv6, as ICMPv6. */
    public boolean isIpv6() {
        return from instanceof Ipv6Address;
    }

    public boolean isEchoReply() {
        return type == (isIpv6() ? Icmpv6Packet.TYPE_ECHO_REPLY : Icmpv4Packet.TYPE_ECHO_REPLY);
    }

    public boolean isError() {
        return !isEchoReply();
    }

    /**
     * What happened, in the words of Linux's {@code ping} (iputils), so the console's
     * {@code ping} reads the same: {@code Destination Host Unreachable},
     * {@code Time to live exceeded}, {@code Frag needed and DF set (mtu = 1400)}; over IPv6
     * {@code Packet too big: mtu=1280}, {@code Time exceeded: Hop limit}.
     */
    public String describe() {
        if (isIpv6()) {
            return describe6();
        }
        switch (type) {
            case Icmpv4Packet.TYPE_ECHO_REPLY:
                return "Echo Reply";
            case Icmpv4Packet.TYPE_DST_UNREACHABLE:
                return unreachable();
            case Icmpv4Packet.TYPE_TIME_EXCEEDED:
                return code == 0 ? "Time to live exceeded"
                        : code == 1 ? "Frag reassembly time exceeded" : "Time exceeded, Bad Code: " + code;
            case Icmpv4Packet.TYPE_PARAM_PROBLEM:
                return "Parameter problem: pointer = " + (restOfHeader >>> 24);
            case Icmpv4Packet.TYPE_REDIRECT:
                String what = code == 0 ? "Redirect Network" : code == 1 ? "Redirect Host"
                        : code == 2 ? "Redirect Type of Service and Network" : code == 3 ? "Redirect Type of Service and Host"
                        : "Redirect, Bad Code: " + code;
                return what + "(New nexthop: " + Ipv4Address.of(restOfHeader) + ")";
            default:
                return "Bad ICMP type: " + type;
        }
    }

    /** ICMPv6's messages, as iputils' ping prints them. */
    private String describe6() {
        return switch (type) {
            case Icmpv6Packet.TYPE_ECHO_REPLY -> "Echo reply";
            case Icmpv6Packet.TYPE_DST_UNREACHABLE -> "Destination unreachable: " + switch (code) {
                case 0 -> "No route";
                case 1 -> "Administratively prohibited";
                case 2 -> "Beyond scope of source address";
                case 3 -> "Address unreachable";
                case 4 -> "Port unreachable";
                default -> "Unknown code " + code;
            };
            case Icmpv6Packet.TYPE_PACKET_TOO_BIG -> "Packet too big: mtu=" + Integer.toUnsignedString(restOfHeader);
            case Icmpv6Packet.TYPE_TIME_EXCEEDED -> "Time exceeded: " + (code == 0 ? "Hop limit"
                    : code == 1 ? "Defragmentation failure" : "unknown code " + code);
            case Icmpv6Packet.TYPE_PARAM_PROBLEM -> "Parameter problem: " + (code == 0 ? "Wrong header field "
                    : code == 1 ? "Unknown header " : code == 2 ? "Unknown option " : "code " + code + " ") + "at "
                    + Integer.toUnsignedString(restOfHeader);
            default -> "Unknown ICMP type: " + type;
        };
    }

    private String unreachable() {
        switch (code) {
            case 0:
                return "Destination Net Unreachable";
            case 1:
                return "Destination Host Unreachable";
            case 2:
                return "Destination Protocol Unreachable";
            case 3:
                return "Destination Port Unreachable";
            case 4:
                return "Frag needed and DF set (mtu = " + (restOfHeader & 0xFFFF) + ")";
            case 5:
                return "Source Route Failed";
            case 6:
                return "Destination Net Unknown";
            case 7:
                return "Destination Host Unknown";
            case 8:
                return "Source Host Isolated";
            case 9:
                return "Destination Net Prohibited";
            case 10:
                return "Destination Host Prohibited";
            case 11:
                return "Destination Net Unreachable for Type of Service";
            case 12:
                return "Destination Host Unreachable for Type of Service";
            case 13:
                return "Packet filtered";
            case 14:
                return "Precedence Violation";
            case 15:
                return "Precedence Cutoff";
            default:
                return "Dest Unreachable, Bad Code: " + code;
        }
    }

    @Override
    public String toString() {
        return "IcmpMessage[from " + from + " to " + to + ", ttl " + ttl + ", " + describe() + ", id " + identifier
                + ", seq " + sequence + ", " + data.length() + " octets]";
    }
}
