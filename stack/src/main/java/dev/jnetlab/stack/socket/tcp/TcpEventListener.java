package dev.jnetlab.stack.socket.tcp;

/**
 * Told about every state change of a connection, for the tracer and the labs. Called on the
 * stack's event loop, in the middle of processing a segment or a timer: it must be quick and
 * must not call back into the socket.
 */
@FunctionalInterface
public interface TcpEventListener {
    void onStateChange(long now, TcpSocket socket, TcpState from, TcpState to);
}
