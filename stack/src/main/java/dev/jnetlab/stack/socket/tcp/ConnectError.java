package dev.jnetlab.stack.socket.tcp;

/** Why {@link TcpSocket#connect} or {@link TcpSocket#listen} (or a socket set's or interface's connect) refused. */
public enum ConnectError {
    /** The socket is not CLOSED. */
    INVALID_STATE,
    /** An endpoint is missing its address or port (a connection needs all four numbers). */
    UNADDRESSABLE,
    /** No route leads to the remote address, so no local address can be chosen for it. */
    NO_ROUTE,
    /** Another connection in the socket set has the same four numbers, or a listener holds the port. */
    ADDRESS_IN_USE,
    /** Every ephemeral port (49152 to 65535) is taken. */
    EXHAUSTED
}
