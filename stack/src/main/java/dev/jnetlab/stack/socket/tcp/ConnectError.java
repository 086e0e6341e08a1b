package dev.jnetlab.stack.socket.tcp;

/** Why {@link TcpSocket#connect} or {@link TcpSocket#listen} refused. */
public enum ConnectError {
    /** The socket is not CLOSED. */
    INVALID_STATE,
    /** An endpoint is missing its address or port (a connection needs all four numbers). */
    UNADDRESSABLE
}
