package dev.jnetlab.host.ladder;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.wire.IpAddress;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv6Address;

/**
 * A connection's two ends as numbers, to tell which way a {@link TcpFrame}'s segment goes on it
 * without making endpoints: each address as 128 bits, an IPv4 one in its IPv4-mapped form (RFC
 * 4291 section 2.5.5.2), as {@link TcpFrame} reads them. Immutable.
 */
public final class ConnectionTuple {
    /** The high 32 bits of an IPv4-mapped address's low half: {@code ::ffff:0:0/96}. */
    private static final long MAPPED = 0xFFFF_0000_0000L;

    private final IpEndpoint local;
    private final IpEndpoint remote;
    private final long localHigh;
    private final long localLow;
    private final int localPort;
    private final long remoteHigh;
    private final long remoteLow;
    private final int remotePort;

    public ConnectionTuple(IpEndpoint local, IpEndpoint remote) {
        this.local = local;
        this.remote = remote;
        this.localHigh = high(local.address());
        this.localLow = low(local.address());
        this.localPort = local.port();
        this.remoteHigh = high(remote.address());
        this.remoteLow = low(remote.address());
        this.remotePort = remote.port();
    }

    /** The ends of the segment {@code frame} holds, seen from its sender ({@code sent}) or its receiver. */
    public static ConnectionTuple of(TcpFrame frame, boolean sent) {
        IpEndpoint source = endpoint(frame.isIpv6(), frame.sourceHigh(), frame.sourceLow(), frame.tcp().srcPort());
        IpEndpoint destination = endpoint(frame.isIpv6(), frame.destinationHigh(), frame.destinationLow(),
                frame.tcp().dstPort());
        return sent ? new ConnectionTuple(source, destination) : new ConnectionTuple(destination, source);
    }

    /** The low half of an IPv4 address's mapped form. */
    static long low(int ipv4) {
        return MAPPED | ipv4 & 0xFFFF_FFFFL;
    }

    /** The high half of {@code address} as {@link TcpFrame} reads it (0 for IPv4). */
    public static long high(IpAddress address) {
        return address instanceof Ipv6Address v6 ? v6.high() : 0;
    }

    /** The low half of {@code address} as {@link TcpFrame} reads it. */
    public static long low(IpAddress address) {
        return address instanceof Ipv6Address v6 ? v6.low() : low(((Ipv4Address) address).bits());
    }

    private static IpEndpoint endpoint(boolean ipv6, long high, long low, int port) {
        return new IpEndpoint(ipv6 ? new Ipv6Address(high, low) : Ipv4Address.of((int) low), port);
    }

    public IpEndpoint local() {
        return local;
    }

    public IpEndpoint remote() {
        return remote;
    }

    /** Which way {@code frame}'s segment goes on this connection: TX from the local end, RX to it, null if not of it. */
    public Direction way(TcpFrame frame) {
        int srcPort = frame.tcp().srcPort();
        int dstPort = frame.tcp().dstPort();
        if (srcPort == localPort && dstPort == remotePort
                && frame.sourceLow() == localLow && frame.sourceHigh() == localHigh
                && frame.destinationLow() == remoteLow && frame.destinationHigh() == remoteHigh) {
            return Direction.TX;
        }
        if (srcPort == remotePort && dstPort == localPort
                && frame.sourceLow() == remoteLow && frame.sourceHigh() == remoteHigh
                && frame.destinationLow() == localLow && frame.destinationHigh() == localHigh) {
            return Direction.RX;
        }
        return null;
    }
}
