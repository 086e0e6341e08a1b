package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.wire.Icmpv4DstUnreachable;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.Ipv4Address;

/**
 * An ICMP error message about a segment a connection sent, as TCP hears it from the interface
 * (RFC 1122 §4.2.3.9): which message, who sent it, and what it quoted of the segment.
 *
 * @param type         the ICMP type: destination unreachable, time exceeded or parameter problem
 * @param code         the ICMP code
 * @param from         the address of the host or router that sent the message
 * @param nextHopMtu   for "fragmentation needed", the MTU the router named (RFC 1191 §4); 0 if it
 *                     named none, as routers older than RFC 1191 do
 * @param quotedLength the total length of the quoted datagram, the one that was too big
 * @param quotedSeq    the sequence number of the quoted segment
 */
public record IcmpError(int type, int code, int from, int nextHopMtu, int quotedLength, int quotedSeq) {

    /** "Fragmentation needed and DF set": the path cannot carry a datagram this big (RFC 1191). */
    public boolean isFragmentationNeeded() {
        return type == Icmpv4Packet.TYPE_DST_UNREACHABLE && code == Icmpv4DstUnreachable.FRAGMENTATION_NEEDED.code();
    }

    /**
     * A hard error: the destination says nothing will ever reach this port. RFC 1122 §4.2.3.9
     * names protocol and port unreachable (code 4 is path MTU discovery's instead); RFC 1812
     * §5.2.7.1 adds the administratively prohibited codes a filter sends. The others (network
     * or host unreachable, time exceeded, parameter problem) are soft: they may pass.
     */
    public boolean isHard() {
        if (type != Icmpv4Packet.TYPE_DST_UNREACHABLE) {
            return false;
        }
        return switch (Icmpv4DstUnreachable.ofCode(code).orElse(Icmpv4DstUnreachable.NET_UNREACHABLE)) {
            case PROTOCOL_UNREACHABLE, PORT_UNREACHABLE, NET_PROHIBITED, HOST_PROHIBITED, COMMUNICATION_PROHIBITED -> true;
            default -> false;
        };
    }

    /** {@code port unreachable from 192.168.69.100}, {@code time exceeded from 10.0.0.1}. */
    @Override
    public String toString() {
        String what = switch (type) {
            case Icmpv4Packet.TYPE_DST_UNREACHABLE -> Icmpv4DstUnreachable.ofCode(code).map(Object::toString)
                    .orElse("destination unreachable (code " + code + ")");
            case Icmpv4Packet.TYPE_TIME_EXCEEDED -> "time exceeded";
            case Icmpv4Packet.TYPE_PARAM_PROBLEM -> "parameter problem";
            default -> "ICMP type " + type + " code " + code;
        };
        return what + (isFragmentationNeeded() ? " (next-hop MTU " + nextHopMtu + ")" : "") + " from "
                + Ipv4Address.of(from);
    }
}
