package dev.jnetlab.stack.socket;

/**
 * What a UDP or ICMP socket asks of the set it belongs to: the local names (ports, echo
 * identifiers) the other sockets of the set hold, and the link it will send on.
 *
 * <p>The set ({@link dev.jnetlab.stack.iface.SocketSet}) lives with the interface, as in
 * smoltcp, and implements this, so that the socket layer does not depend on the interface
 * layer that drives it.
 */
public interface LocalBindings {

    /**
     * A free port from the dynamic range 49152 to 65535 (RFC 6335 §6) for a socket of
     * {@code kind}, or -1 if every one is taken.
     */
    int ephemeralPort(SocketKind kind);

    /** A free ICMP echo identifier (0 to 65535), or -1 if every one is taken. */
    int ephemeralIdentifier();

    /**
     * The UDP socket other than {@code self} whose binding collides with {@code local}'s (the
     * same port, on the same address or either on every address), or null.
     */
    UdpSocket findUdpConflict(IpEndpoint local, UdpSocket self);

    /** The ICMP socket bound to echo identifier {@code identifier}, or null. */
    IcmpSocket findIcmp(int identifier);

    /** The link MTU (IPv4 datagram size, headers included) the set's interface last reported. */
    int linkMtu();
}
