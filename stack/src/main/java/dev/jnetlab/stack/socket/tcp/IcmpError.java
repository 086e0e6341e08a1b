package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.wire.Icmpv4DstUnreachable;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpAddress;
import dev.jnetlab.stack.wire.Ipv6Address;

/**
 * An ICMP or ICMPv6 error message about a segment a connection sent, as TCP hears it from the
 * interface (RFC 1122 §4.2.3.9, RFC 4443 §3): which message, who sent it, and what it quoted of
 * the segment. The family is the sender's: ICMPv6's types and codes for an {@link Ipv6Address}.
 *
 * @param type         the ICMP type: destination unreachable, time exceeded or parameter problem;
 *                     over IPv6, Packet Too Big
 * @param code         the ICMP code
 * @param from         the address of the host or router that sent the message
 * @param nextHopMtu   for "fragmentation needed" and Packet Too Big, the MTU the router named
 *                     (RFC 1191 §4, RFC 4443 §3.2); 0 if it named none, as IPv4 routers older
 *                     than RFC 1191 do
 * @param quotedLength the total length of the quoted datagram, the one that was too big
 * @param quotedSeq    the sequence number of the quoted segment
 */
public record IcmpError(int type, int code, IpAddress from, int nextHopMtu, int quotedLength, int quotedSeq) {

    /** Whether the message is ICMPv6's, about a segment sent over IPv6. */
    public boolean isIpv6() {
        return from instanceof Ipv6Address;
    }

    /**
     * The path cannot carry a datagram this big: "fragmentation needed and DF set" over IPv4
     * (RFC 1191), Packet Too Big over IPv6 (RFC 8201).
     */
    public boolean isPacketTooBig() {
        return isIpv6() ? type == Icmpv6Packet.TYPE_PACKET_TOO_BIG
                : type == Icmpv4Packet.TYPE_DST_UNREACHABLE && code == Icmpv4DstUnreachable.FRAGMENTATION_NEEDED.code();
    }

    /**
     * A hard error: the destination says nothing will ever reach this port. RFC 1122 §4.2.3.9
     * names protocol and port unreachable (code 4 is path MTU discovery's instead); RFC 1812
     * §5.2.7.1 adds the administratively prohibited codes a filter sends. The others (network
     * or host unreachable, time exceeded, parameter problem) are soft: they may pass. Over IPv6
     * TCP hears only Packet Too Big, which is neither.
     */
    public boolean isHard() {
        if (isIpv6() || type != Icmpv4Packet.TYPE_DST_UNREACHABLE) {
            return false;
        }
        return switch (Icmpv4DstUnreachable.ofCode(code).orElse(Icmpv4DstUnreachable.NET_UNREACHABLE)) {
            case PROTOCOL_UNREACHABLE, PORT_UNREACHABLE, NET_PROHIBITED, HOST_PROHIBITED, COMMUNICATION_PROHIBITED -> true;
            default -> false;
        };
    }

    /** {@code port unreachable from 192.168.69.100}, {@code packet too big (MTU 1280) from fd00:1::1}. */
    @Override
    public String toString() {
        if (isIpv6()) {
            return (isPacketTooBig() ? "packet too big (MTU " + nextHopMtu + ")" : "ICMPv6 type " + type + " code " + code)
                    + " from " + from;
        }
        String what = switch (type) {
            case Icmpv4Packet.TYPE_DST_UNREACHABLE -> Icmpv4DstUnreachable.ofCode(code).map(Object::toString)
                    .orElse("destination unreachable (code " + code + ")");
            case Icmpv4Packet.TYPE_TIME_EXCEEDED -> "time exceeded";
            case Icmpv4Packet.TYPE_PARAM_PROBLEM -> "parameter problem";
            default -> "ICMP type " + type + " code " + code;
        };
        return what + (isPacketTooBig() ? " (next-hop MTU " + nextHopMtu + ")" : "") + " from " + from;
    }
}
