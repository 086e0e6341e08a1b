package dev.jnetlab.stack.socket.tcp;

/**
 * Where a connection's initial sequence number comes from. The stack's generator is RFC 6528's
 * keyed hash of the four-tuple plus a clock; tests pass a constant. Addresses are IPv4
 * {@code int}s, ports {@code int}s, {@code now} stack microseconds.
 */
@FunctionalInterface
public interface IsnSource {
    int isn(long now, int localAddress, int localPort, int remoteAddress, int remotePort);
}
