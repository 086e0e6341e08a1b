package dev.jnetlab.stack.socket;

/**
 * What a socket in a {@link SocketSet} is. The console prints a handle as the kind's
 * {@link #label()} and the handle's number: {@code udp#3}, {@code tcp#4}.
 */
public enum SocketKind {
    /** A {@link UdpSocket}. */
    UDP("udp"),
    /** An {@link IcmpSocket}: echo requests out, replies and errors for its identifier in. */
    ICMP("icmp"),
    /** A TCP connection: a {@link dev.jnetlab.stack.socket.tcp.TcpSocket}. */
    TCP("tcp"),
    /** A TCP port that accepts connections, a {@link dev.jnetlab.stack.socket.tcp.TcpListener}; printed as {@code tcp}, like a connection. */
    TCP_LISTENER("tcp");

    private final String label;

    SocketKind(String label) {
        this.label = label;
    }

    /** The word before the {@code #} of a handle: {@code udp}, {@code icmp}, {@code tcp}. */
    public String label() {
        return label;
    }
}
