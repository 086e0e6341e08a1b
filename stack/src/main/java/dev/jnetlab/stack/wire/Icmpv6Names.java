package dev.jnetlab.stack.wire;

/** ICMPv6 types in words, as tcpdump names them (its {@code icmp6_type_values}), for the printers. */
final class Icmpv6Names {
    private Icmpv6Names() {
    }

    /** The type's name, or {@code unknown icmp6 type (N)}; allocates only for an unknown type. */
    static String type(int type) {
        switch (type) {
            case Icmpv6Packet.TYPE_DST_UNREACHABLE:
                return "destination unreachable";
            case Icmpv6Packet.TYPE_PACKET_TOO_BIG:
                return "packet too big";
            case Icmpv6Packet.TYPE_TIME_EXCEEDED:
                return "time exceeded in-transit";
            case Icmpv6Packet.TYPE_PARAM_PROBLEM:
                return "parameter problem";
            case Icmpv6Packet.TYPE_ECHO_REQUEST:
                return "echo request";
            case Icmpv6Packet.TYPE_ECHO_REPLY:
                return "echo reply";
            case 130:
                return "multicast listener query";
            case 131:
                return "multicast listener report";
            case 132:
                return "multicast listener done";
            case Icmpv6Packet.TYPE_ROUTER_SOLICIT:
                return "router solicitation";
            case Icmpv6Packet.TYPE_ROUTER_ADVERT:
                return "router advertisement";
            case Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT:
                return "neighbor solicitation";
            case Icmpv6Packet.TYPE_NEIGHBOR_ADVERT:
                return "neighbor advertisement";
            case Icmpv6Packet.TYPE_REDIRECT:
                return "redirect";
            case Icmpv6Packet.TYPE_MLDV2_REPORT:
                return "multicast listener report v2";
            default:
                return "unknown icmp6 type (" + type + ")";
        }
    }
}
