package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.wire.Ipv6Address;

/**
 * Where a connection's initial sequence number comes from. The stack's generator
 * ({@link IsnGenerator}) is RFC 6528's keyed hash of the four-tuple plus a clock; tests pass a
 * constant. Addresses are IPv4 {@code int}s, or IPv6 ones as two {@code long}s each; ports
 * {@code int}s, {@code now} stack microseconds.
 */
@FunctionalInterface
public interface IsnSource {
    int isn(long now, int localAddress, int localPort, int remoteAddress, int remotePort);

    /**
     * The ISN for a connection over IPv6. A source that does not look at the addresses (a
     * test's constant) need not say; one that hashes them must override this and take all 128
     * bits of each, as {@link IsnGenerator} does: this default passes their 32-bit
     * {@linkplain Ipv6Address#fold folds}, which two addresses may share.
     */
    default int isn(long now, long localHigh, long localLow, int localPort,
                    long remoteHigh, long remoteLow, int remotePort) {
        return isn(now, Ipv6Address.fold(localHigh, localLow), localPort,
                Ipv6Address.fold(remoteHigh, remoteLow), remotePort);
    }
}
