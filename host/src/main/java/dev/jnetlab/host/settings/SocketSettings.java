package dev.jnetlab.host.settings;

import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A value for every {@link SocketOption}: what sockets are made with. Immutable;
 * {@link #with} gives a changed copy. The console's defaults are one ({@link ConsoleSettings});
 * a listener keeps its own, for the connections it accepts.
 */
public final class SocketSettings {
    /** Every option at its default. */
    public static final SocketSettings DEFAULT = new SocketSettings(defaults());

    private final long[] values;

    private SocketSettings(long[] values) {
        this.values = values;
    }

    private static long[] defaults() {
        SocketOption[] options = SocketOption.values();
        long[] values = new long[options.length];
        for (SocketOption option : options) {
            values[option.ordinal()] = option.defaultValue();
        }
        return values;
    }

    /** The settings {@code socket} has now: its TCP options read from it, the others at their defaults. */
    public static SocketSettings of(TcpSocket socket) {
        long[] values = defaults();
        for (SocketOption option : SocketOption.values()) {
            if (option.kind() == SocketKind.TCP) {
                values[option.ordinal()] = option.readFrom(socket);
            }
        }
        return new SocketSettings(values);
    }

    /** The options of {@code kind} by name, as typed: {@code nagle -> off}, {@code sndbuf -> 64K}. */
    public Map<String, String> describe(SocketKind kind) {
        Map<String, String> described = new LinkedHashMap<>();
        for (SocketOption option : SocketOption.values()) {
            if (option.kind() == kind) {
                described.put(option.word(), option.format(value(option)));
            }
        }
        return described;
    }

    public long value(SocketOption option) {
        return values[option.ordinal()];
    }

    /** These settings with {@code option} at {@code value} (already checked by {@link SocketOption#parse}). */
    public SocketSettings with(SocketOption option, long value) {
        long[] copy = values.clone();
        copy[option.ordinal()] = value;
        return new SocketSettings(copy);
    }

    /** A closed TCP socket with these settings. */
    public TcpSocket newTcpSocket() {
        TcpSocket socket = new TcpSocket((int) value(SocketOption.RCVBUF), (int) value(SocketOption.SNDBUF));
        // The ceiling before the floor: a floor above the default ceiling is refused otherwise.
        SocketOption.RTO_MAX.applyTo(socket, Math.max(value(SocketOption.RTO_MAX), value(SocketOption.RTO_MIN)));
        for (SocketOption option : SocketOption.values()) {
            if (option.kind() == SocketKind.TCP && option.timing() != SocketOption.Timing.AT_CREATION
                    && option != SocketOption.RTO_MAX) {
                option.applyTo(socket, value(option));
            }
        }
        return socket;
    }

    /** An unbound UDP socket with these settings. */
    public UdpSocket newUdpSocket() {
        int octets = (int) value(SocketOption.UDP_BUFFER);
        UdpSocket socket = new UdpSocket(UdpSocket.DEFAULT_PACKETS, octets, UdpSocket.DEFAULT_PACKETS, octets);
        SocketOption.UDP_TTL.applyTo(socket, value(SocketOption.UDP_TTL));
        SocketOption.UDP_DF.applyTo(socket, value(SocketOption.UDP_DF));
        return socket;
    }

    /** An unbound ICMP socket with these settings. */
    public IcmpSocket newIcmpSocket() {
        int octets = (int) value(SocketOption.ICMP_BUFFER);
        IcmpSocket socket = new IcmpSocket(IcmpSocket.DEFAULT_PACKETS, octets, IcmpSocket.DEFAULT_PACKETS, octets);
        SocketOption.ICMP_TTL.applyTo(socket, value(SocketOption.ICMP_TTL));
        SocketOption.ICMP_DF.applyTo(socket, value(SocketOption.ICMP_DF));
        return socket;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SocketSettings s && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("SocketSettings[");
        for (SocketOption option : SocketOption.values()) {
            out.append(option.ordinal() == 0 ? "" : ", ").append(option.qualifiedName()).append(' ')
                    .append(option.format(value(option)));
        }
        return out.append(']').toString();
    }
}
