package dev.jnetlab.stack.socket.tcp;

/** Why {@link TcpSocket#recv} has nothing and never will. */
public enum RecvError {
    /** The socket is not connected (CLOSED or LISTEN), or the connection was reset or aborted. */
    NOT_CONNECTED,
    /** The peer closed its half (FIN) and every octet before it has been read: end of stream. */
    FINISHED
}
