package dev.jnetlab.labs;

import dev.jnetlab.stack.socket.tcp.CongestionControl;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A lab's settings for the TCP sockets made while it runs; what is empty keeps the console's
 * default.
 *
 * @param receiveBuffer the receive buffer of each new socket, in octets (its largest window)
 * @param sendBuffer    the send buffer of each new socket, in octets
 * @param congestion    the congestion control algorithm of each new connection
 * @param timestamps    whether new connections offer TCP timestamps ({@code timestamps: off}
 *                      makes Karn's rule visible)
 * @param minRtoMillis  the RTO floor of new connections, in milliseconds ({@code rto-min})
 */
public record TcpOptions(OptionalInt receiveBuffer, OptionalInt sendBuffer,
                         Optional<CongestionControl.Algorithm> congestion, Optional<Boolean> timestamps,
                         OptionalLong minRtoMillis) {
    /** The console's own defaults. */
    public static final TcpOptions DEFAULT = new TcpOptions(OptionalInt.empty(), OptionalInt.empty(), Optional.empty());

    public TcpOptions {
        Objects.requireNonNull(receiveBuffer, "receiveBuffer");
        Objects.requireNonNull(sendBuffer, "sendBuffer");
        Objects.requireNonNull(congestion, "congestion");
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(minRtoMillis, "minRtoMillis");
        receiveBuffer.ifPresent(TcpOptions::requireBuffer);
        sendBuffer.ifPresent(TcpOptions::requireBuffer);
    }

    public TcpOptions(OptionalInt receiveBuffer, OptionalInt sendBuffer, Optional<CongestionControl.Algorithm> congestion) {
        this(receiveBuffer, sendBuffer, congestion, Optional.empty(), OptionalLong.empty());
    }

    /** These settings, with those {@code over} gives in their place. */
    public TcpOptions overriddenBy(TcpOptions over) {
        return new TcpOptions(over.receiveBuffer.isPresent() ? over.receiveBuffer : receiveBuffer,
                over.sendBuffer.isPresent() ? over.sendBuffer : sendBuffer,
                over.congestion.isPresent() ? over.congestion : congestion,
                over.timestamps.isPresent() ? over.timestamps : timestamps,
                over.minRtoMillis.isPresent() ? over.minRtoMillis : minRtoMillis);
    }

    public boolean isDefault() {
        return receiveBuffer.isEmpty() && sendBuffer.isEmpty() && congestion.isEmpty() && timestamps.isEmpty()
                && minRtoMillis.isEmpty();
    }

    /** The largest buffer a lab may ask for: a window without scaling. */
    public static final int MAX_BUFFER = 1 << 30;

    private static void requireBuffer(int octets) {
        if (octets < 1 || octets > MAX_BUFFER) {
            throw new IllegalArgumentException("a buffer of " + octets + " octets (1 to " + MAX_BUFFER + ")");
        }
    }
}
