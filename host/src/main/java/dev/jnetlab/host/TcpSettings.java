package dev.jnetlab.host;

import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Settings for the TCP sockets the console's commands make from now on ({@code tcp connect},
 * {@code tcp listen}, the connections of {@code serve}); what is empty keeps the maker's own
 * default. A running lab sets them ({@code flow-control}'s 64-octet buffers, {@code congestion}'s
 * algorithm) through {@link Network#tcpSettings(TcpSettings)}; {@link #DEFAULT} is the console's own.
 *
 * <p>Whoever makes a TCP socket for a command makes it with {@link #newSocket}:
 * <pre>{@code
 * TcpSocket socket = network.tcpSettings().newSocket(RX_BUFFER, TX_BUFFER);
 * }</pre>
 *
 * @param receiveBuffer the receive buffer of each new socket, in octets
 * @param sendBuffer    the send buffer of each new socket, in octets
 * @param congestion    the congestion control algorithm of each new socket
 * @param timestamps    whether new sockets offer TCP timestamps (RFC 7323); a lab that shows
 *                      Karn's rule turns them off, since with them every ACK is a clean sample
 * @param minRto        the RTO floor of new sockets, in microseconds (RFC 6298 rule 2.4's one
 *                      second, for a lab that teaches it)
 */
public record TcpSettings(OptionalInt receiveBuffer, OptionalInt sendBuffer,
                          Optional<CongestionControl.Algorithm> congestion, Optional<Boolean> timestamps,
                          OptionalLong minRto) {
    /** Nothing changed: every maker's own defaults. */
    public static final TcpSettings DEFAULT = new TcpSettings(OptionalInt.empty(), OptionalInt.empty(), Optional.empty());

    public TcpSettings {
        Objects.requireNonNull(receiveBuffer, "receiveBuffer");
        Objects.requireNonNull(sendBuffer, "sendBuffer");
        Objects.requireNonNull(congestion, "congestion");
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(minRto, "minRto");
        receiveBuffer.ifPresent(TcpSettings::requireBuffer);
        sendBuffer.ifPresent(TcpSettings::requireBuffer);
    }

    /** Buffers and algorithm; timestamps and the RTO floor the socket's own. */
    public TcpSettings(OptionalInt receiveBuffer, OptionalInt sendBuffer, Optional<CongestionControl.Algorithm> congestion) {
        this(receiveBuffer, sendBuffer, congestion, Optional.empty(), OptionalLong.empty());
    }

    private static void requireBuffer(int octets) {
        if (octets < 1 || octets > TcpSocket.MAX_BUFFER) {
            throw new IllegalArgumentException("a TCP buffer of " + octets + " octets (1 to " + TcpSocket.MAX_BUFFER + ")");
        }
    }

    /**
     * A closed TCP socket with these settings; {@code defaultReceive}, {@code defaultSend} and
     * the socket's own congestion algorithm where these leave a setting empty.
     */
    public TcpSocket newSocket(int defaultReceive, int defaultSend) {
        TcpSocket socket = new TcpSocket(receiveBuffer.orElse(defaultReceive), sendBuffer.orElse(defaultSend));
        congestion.ifPresent(socket::setCongestionAlgorithm);
        timestamps.ifPresent(socket::setTimestampsEnabled);
        minRto.ifPresent(socket::setMinRto);
        return socket;
    }

    public boolean isDefault() {
        return receiveBuffer.isEmpty() && sendBuffer.isEmpty() && congestion.isEmpty() && timestamps.isEmpty()
                && minRto.isEmpty();
    }
}
