package dev.jnetlab.commands.ip;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FrameMonitor;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;

/**
 * The ICMPv6 errors that come back about the echo requests of one IPv6 ping (RFC 4443
 * sections 3.1 to 3.3: a router on the way that could not deliver one, or whose hop limit ran
 * out), caught where the host's frames pass, as traceroute catches its answers, and worded
 * as iputils' ping words them ({@code Time exceeded: Hop limit}). The interface keeps the
 * replies; this keeps the last error, which the ping takes when it waits for that request.
 * Runs on the stack's thread, as the await that reads it.
 */
final class EchoErrors6 implements FrameMonitor.Listener {
    /** An error about request {@code sequence}, from {@code from}, at {@code at}. */
    record EchoError(int sequence, Ipv6Address from, String text, long at) {
    }

    private final int identifier;
    private final EthernetFrame eth = new EthernetFrame();
    private final Ipv6Packet ip = new Ipv6Packet();
    private final Icmpv6Packet message = new Icmpv6Packet();
    private final Ipv6Packet quoted = new Ipv6Packet();
    private final Icmpv6Packet quotedEcho = new Icmpv6Packet();
    private EchoError last;

    EchoErrors6(int identifier) {
        this.identifier = identifier;
    }

    /** The error about request {@code sequence} if it came, once. */
    EchoError take(int sequence) {
        EchoError error = last;
        if (error == null || error.sequence() != sequence) {
            return null;
        }
        last = null;
        return error;
    }

    @Override
    public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
        if (direction != Direction.RX || eth.wrap(frame, offset, length).check() != null
                || eth.etherTypeValue() != EtherType.IPV6.value()
                || ip.wrap(frame, eth.payloadOffset(), eth.payloadLength()).check() != null
                || ip.nextHeader() != IpProtocol.ICMPV6.value()
                || message.wrap(frame, ip.payloadOffset(), ip.payloadLength()).check() != null) {
            return;
        }
        String text = text(message.type(), message.code(), message.mtu());
        if (text == null || message.dataLength() < Ipv6Packet.HEADER_LEN + Icmpv6Packet.HEADER_LEN
                || quoted.wrap(frame, message.dataOffset(), message.dataLength()).checkHeader() != null
                || quoted.nextHeader() != IpProtocol.ICMPV6.value()) {
            return;
        }
        quotedEcho.wrap(frame, quoted.offset() + Ipv6Packet.HEADER_LEN, Icmpv6Packet.HEADER_LEN);
        if (quotedEcho.type() == Icmpv6Packet.TYPE_ECHO_REQUEST && quotedEcho.echoIdentifier() == identifier) {
            last = new EchoError(quotedEcho.echoSequence(), ip.source(), text, now);
        }
    }

    /** iputils' words for an ICMPv6 error; null for a message that is not one of these. */
    static String text(int type, int code, long mtu) {
        return switch (type) {
            case Icmpv6Packet.TYPE_DST_UNREACHABLE -> "Destination unreachable: " + switch (code) {
                case 0 -> "No route";
                case 1 -> "Administratively prohibited";
                case 2 -> "Beyond scope";
                case 3 -> "Address unreachable";
                case 4 -> "Port unreachable";
                default -> "Unknown code " + code;
            };
            case Icmpv6Packet.TYPE_PACKET_TOO_BIG -> "Packet too big: mtu=" + mtu;
            case Icmpv6Packet.TYPE_TIME_EXCEEDED -> "Time exceeded: " + (code == 0 ? "Hop limit"
                    : code == 1 ? "Defragmentation failure" : "code " + code);
            default -> null;
        };
    }
}
