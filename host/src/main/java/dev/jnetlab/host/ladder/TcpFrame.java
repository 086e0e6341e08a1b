package dev.jnetlab.host.ladder;

import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv6HeaderChain;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.TcpPacket;

/**
 * Reads a TCP segment out of an Ethernet frame through the wire layer's views, for whoever
 * follows connections on the link (a {@link LadderRecorder}, the console's connection log):
 * {@link #read} says whether the frame is one, over IPv4 or IPv6, then {@link #tcp()} and the
 * addresses stand on it. Both families' addresses are read as 128 bits, an IPv4 one in its
 * IPv4-mapped form {@code ::ffff:a.b.c.d} (RFC 4291 section 2.5.5.2; {@link ConnectionTuple}
 * makes the same form of an endpoint), so that a follower compares one way for both. Reused
 * from frame to frame; allocates nothing.
 */
public final class TcpFrame {
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int PROTOCOL_TCP = 6;

    private final EthernetFrame ethernet = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final Ipv6Packet ip6 = new Ipv6Packet();
    private final Ipv6HeaderChain chain = new Ipv6HeaderChain();
    private final TcpPacket tcp = new TcpPacket();
    private boolean ipv6;
    private long sourceHigh;
    private long sourceLow;
    private long destinationHigh;
    private long destinationLow;

    /**
     * Whether the frame carries a well-formed, unfragmented TCP segment in IPv4 or in IPv6 (after
     * any extension headers; an atomic fragment, RFC 6946, is whole); its header is then
     * {@link #tcp()} and its addresses those below, until the next call.
     */
    public boolean read(byte[] frame, int offset, int length) {
        if (ethernet.wrap(frame, offset, length).check() != null) {
            return false;
        }
        int type = ethernet.payloadEtherTypeValue();
        if (type == ETHERTYPE_IPV4) {
            if (ip.wrap(frame, ethernet.payloadOffset(), ethernet.payloadLength()).check() != null
                    || ip.protocolValue() != PROTOCOL_TCP || ip.isFragment()
                    || tcp.wrap(frame, ip.payloadOffset(), ip.payloadLength()).check() != null) {
                return false;
            }
            ipv6 = false;
            sourceHigh = 0;
            sourceLow = ConnectionTuple.low(ip.source());
            destinationHigh = 0;
            destinationLow = ConnectionTuple.low(ip.destination());
            return true;
        }
        if (type != ETHERTYPE_IPV6
                || ip6.wrap(frame, ethernet.payloadOffset(), ethernet.payloadLength()).check() != null
                || chain.walk(ip6) != null || chain.upperLayer() != PROTOCOL_TCP
                || chain.hasFragmentHeader() && !chain.isAtomicFragment()
                || tcp.wrap(frame, chain.upperOffset(), chain.upperLength()).check() != null) {
            return false;
        }
        ipv6 = true;
        sourceHigh = ip6.sourceHigh();
        sourceLow = ip6.sourceLow();
        destinationHigh = ip6.destinationHigh();
        destinationLow = ip6.destinationLow();
        return true;
    }

    public TcpPacket tcp() {
        return tcp;
    }

    /** Whether the segment came over IPv6. */
    public boolean isIpv6() {
        return ipv6;
    }

    public long sourceHigh() {
        return sourceHigh;
    }

    public long sourceLow() {
        return sourceLow;
    }

    public long destinationHigh() {
        return destinationHigh;
    }

    public long destinationLow() {
        return destinationLow;
    }
}
