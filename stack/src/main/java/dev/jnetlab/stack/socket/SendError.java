package dev.jnetlab.stack.socket;

/** Why a UDP or ICMP socket refused a datagram to send. */
public enum SendError {
    /** The socket has no port (UDP) or echo identifier (ICMP) yet: bind it first. */
    UNBOUND,
    /** The remote address is 0.0.0.0, or the remote port is 0. */
    UNADDRESSABLE,
    /** Larger than any IPv4 datagram can carry, or than the socket's send buffer holds. */
    TOO_LARGE,
    /** The datagram needs fragmenting to fit the link's MTU, and the socket set Don't Fragment. */
    FRAGMENTATION_NEEDED,
    /** The send buffer is full for now (too many datagrams or octets queued); try after a poll. */
    BUFFER_FULL
}
