package dev.jnetlab.stack.socket.tcp;

/** Why {@link TcpSocket#send} refused data. */
public enum SendError {
    /** The socket is not connected, nor connecting: CLOSED or LISTEN. */
    NOT_CONNECTED,
    /** This end already closed its half of the connection: no data may follow the FIN. */
    CLOSED_FOR_SENDING
}
