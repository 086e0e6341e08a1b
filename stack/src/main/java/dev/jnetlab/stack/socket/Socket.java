package dev.jnetlab.stack.socket;

/**
 * What every socket in a {@link SocketSet} tells the set and the console. UDP, ICMP and (from
 * its own package) TCP sockets and listeners implement it; the interface moves their data
 * through kind-specific methods of their own.
 */
public interface Socket {

    SocketKind kind();

    /** The local address and port; {@link Endpoint#UNSPECIFIED} parts where there are none yet. */
    Endpoint localEndpoint();

    /** The remote address and port of a connection; {@link Endpoint#UNSPECIFIED} for a datagram socket. */
    Endpoint remoteEndpoint();

    /** The local endpoint in either family; IPv4's unless the socket is over IPv6. */
    default IpEndpoint local() {
        return IpEndpoint.of(localEndpoint());
    }

    /** The remote endpoint in either family. */
    default IpEndpoint remote() {
        return IpEndpoint.of(remoteEndpoint());
    }

    /** The state in a word or two, as {@code sockets} prints it: {@code bound}, {@code ESTABLISHED}. */
    String stateName();

    /** Octets received and not yet read. */
    int recvQueue();

    /** Octets queued to send and not yet sent. */
    int sendQueue();

    /**
     * When the interface should next look at this socket even if no frame arrives: {@code now}
     * (or earlier) when it has something to send, {@link dev.jnetlab.stack.time.Micros#NEVER}
     * when it waits for nothing.
     */
    long pollAt(long now);
}
