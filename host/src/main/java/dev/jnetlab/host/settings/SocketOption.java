package dev.jnetlab.host.settings;

import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.CongestionControls;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.RttEstimator;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Packet;

/**
 * Every option a socket made at the prompt takes: its name as {@code set tcp.NAME VALUE},
 * {@code tcp set H NAME VALUE} and a lab file's {@code tcp:} map write it, how its value is
 * written, its default, and when a socket still takes it. {@code buffer} is not one of them:
 * it is a name for {@link #SNDBUF} and {@link #RCVBUF} together ({@link SettingWords}).
 * {@link #BACKLOG}, {@link #HALF_OPEN} and {@link #SYNCOOKIES} are a listener's, of kind
 * {@link SocketKind#TCP_LISTENER}, and named {@code tcp.} like TCP's: what {@code tcp listen}
 * and {@code serve} size their queues with, and when they send cookies, unless an option says otherwise.
 */
public enum SocketOption {
    CC(SocketKind.TCP, "cc", "congestion control algorithm (RFC 5681 reno, RFC 9438 cubic, none)",
            ValueType.ALGORITHM, CongestionControl.Algorithm.CUBIC.ordinal(), 0,
            CongestionControl.Algorithm.values().length - 1, Timing.BEFORE_OPEN),
    SNDBUF(SocketKind.TCP, "sndbuf", "send buffer", ValueType.SIZE, 65536, 1, BufferCeiling.OCTETS, Timing.AT_CREATION),
    RCVBUF(SocketKind.TCP, "rcvbuf", "receive buffer: the largest window offered", ValueType.SIZE, 65536, 1,
            BufferCeiling.OCTETS, Timing.AT_CREATION),
    NAGLE(SocketKind.TCP, "nagle", "Nagle's algorithm (RFC 9293 §3.7.4)", ValueType.SWITCH, 1, 0, 1, Timing.ANY_TIME),
    DELACK(SocketKind.TCP, "delack", "delayed ACKs (RFC 9293 §3.8.6.3)", ValueType.SWITCH, 1, 0, 1, Timing.ANY_TIME),
    DELACK_TIMEOUT(SocketKind.TCP, "delack-timeout", "how long an ACK may wait (under 500ms)", ValueType.DURATION,
            TcpSocket.DEFAULT_ACK_DELAY, 1, Micros.ofMillis(499), Timing.ANY_TIME),
    SACK(SocketKind.TCP, "sack", "offer SACK in the SYN (RFC 2018)", ValueType.SWITCH, 1, 0, 1, Timing.BEFORE_OPEN),
    TIMESTAMPS(SocketKind.TCP, "timestamps", "offer timestamps in the SYN (RFC 7323)", ValueType.SWITCH, 1, 0, 1,
            Timing.BEFORE_OPEN),
    RACK(SocketKind.TCP, "rack", "RACK loss detection and tail loss probes (RFC 8985), with SACK", ValueType.SWITCH,
            1, 0, 1, Timing.BEFORE_OPEN),
    HYSTART(SocketKind.TCP, "hystart", "HyStart++ leaves the first slow start as the RTT rises (RFC 9406), with cc cubic",
            ValueType.SWITCH, 1, 0, 1, Timing.BEFORE_OPEN),
    WSCALE(SocketKind.TCP, "wscale", "offer window scaling in the SYN (RFC 7323)", ValueType.SWITCH, 1, 0, 1,
            Timing.BEFORE_OPEN),
    MSS(SocketKind.TCP, "mss", "MSS clamp: the largest segment announced and sent", ValueType.SIZE_OR_OFF,
            ValueType.SIZE_OFF, TcpSocket.MIN_PEER_MSS, 0xFFFF - TcpSocket.HEADERS_LENGTH, Timing.BEFORE_OPEN),
    RTO_MIN(SocketKind.TCP, "rto-min", "the RTO's floor (200ms as Linux, RFC 8961; RFC 6298 §2.4 says 1s)", ValueType.DURATION,
            RttEstimator.DEFAULT_MIN_RTO, RttEstimator.GRANULARITY, Micros.ofSeconds(600), Timing.ANY_TIME),
    RTO_MAX(SocketKind.TCP, "rto-max", "the RTO's ceiling (RFC 6298 §2.5)", ValueType.DURATION,
            RttEstimator.DEFAULT_MAX_RTO, RttEstimator.GRANULARITY, Micros.ofSeconds(600), Timing.ANY_TIME),
    INITIAL_WINDOW(SocketKind.TCP, "initial-window", "the first flight in segments (auto: RFC 5681's 2 to 4 by "
            + "the MSS; RFC 6928 says 10), with cc reno or cubic", ValueType.COUNT_OR_AUTO,
            CongestionControls.STANDARD_INITIAL_WINDOW, 1, TcpSocket.MAX_INITIAL_WINDOW, Timing.BEFORE_OPEN),
    KEEPALIVE(SocketKind.TCP, "keepalive", "keep-alive: off, or the idleness before the first probe (keepalive-idle)",
            ValueType.DURATION_OR_OFF, Micros.NEVER, Micros.ofMillis(1), Micros.ofSeconds(86_400), Timing.ANY_TIME),
    KEEPALIVE_INTERVAL(SocketKind.TCP, "keepalive-interval", "the time between unanswered keep-alive probes",
            ValueType.DURATION, TcpSocket.DEFAULT_KEEP_ALIVE_INTERVAL, Micros.ofMillis(1), Micros.ofSeconds(86_400),
            Timing.ANY_TIME),
    KEEPALIVE_COUNT(SocketKind.TCP, "keepalive-count", "unanswered keep-alive probes that end the connection",
            ValueType.COUNT, TcpSocket.DEFAULT_KEEP_ALIVE_PROBES, 1, 255, Timing.ANY_TIME),
    USER_TIMEOUT(SocketKind.TCP, "user-timeout", "how long sent data may stay unacknowledged (RFC 5482)",
            ValueType.DURATION_OR_OFF, Micros.NEVER, Micros.ofMillis(1), Micros.ofSeconds(86_400), Timing.ANY_TIME),
    TIME_WAIT(SocketKind.TCP, "time-wait", "how long TIME-WAIT lasts", ValueType.DURATION, TcpSocket.DEFAULT_TIME_WAIT,
            0, Micros.ofSeconds(600), Timing.ANY_TIME),
    BACKLOG(SocketKind.TCP_LISTENER, "backlog", "a listener's accept queue: connections that may wait for accept",
            ValueType.COUNT, TcpListener.DEFAULT_BACKLOG, 1, 65535, Timing.AT_CREATION),
    HALF_OPEN(SocketKind.TCP_LISTENER, "half-open", "a listener's half-open connections before SYN cookies (RFC 4987)",
            ValueType.COUNT, TcpListener.DEFAULT_MAX_HALF_OPEN, 1, 65535, Timing.AT_CREATION),
    SYNCOOKIES(SocketKind.TCP_LISTENER, "syncookies", "a listener's SYN cookies, as Linux's tcp_syncookies: 0 never "
            + "(a SYN that finds the half-open queue full is dropped), 1 when it is full, 2 always",
            ValueType.COUNT, 1, 0, 2, Timing.AT_CREATION),
    UDP_TTL(SocketKind.UDP, "ttl", "the TTL of the datagrams sent", ValueType.COUNT, Ipv4Packet.DEFAULT_TTL, 1, 255,
            Timing.ANY_TIME),
    UDP_DF(SocketKind.UDP, "df", "Don't Fragment on the datagrams sent", ValueType.SWITCH, 0, 0, 1, Timing.ANY_TIME),
    UDP_BUFFER(SocketKind.UDP, "buffer", "the octets each queue holds (an open socket's queues are resized)",
            ValueType.SIZE, UdpSocket.DEFAULT_OCTETS, 1, BufferCeiling.OCTETS, Timing.ANY_TIME),
    ICMP_TTL(SocketKind.ICMP, "ttl", "the TTL of the echo requests sent (ping)", ValueType.COUNT, Ipv4Packet.DEFAULT_TTL,
            1, 255, Timing.ANY_TIME),
    ICMP_DF(SocketKind.ICMP, "df", "Don't Fragment on the echo requests sent", ValueType.SWITCH, 0, 0, 1,
            Timing.ANY_TIME),
    ICMP_BUFFER(SocketKind.ICMP, "buffer", "the octets each queue holds", ValueType.SIZE, IcmpSocket.DEFAULT_OCTETS, 1,
            BufferCeiling.OCTETS, Timing.AT_CREATION);

    /** When a socket takes an option. */
    public enum Timing {
        /** Whenever: it changes what the socket does next. */
        ANY_TIME,
        /** Until the connection opens: it is offered in the SYN, or chosen when the connection opens. */
        BEFORE_OPEN,
        /** Only when the socket is made: the buffers are made with it. */
        AT_CREATION
    }

    private final SocketKind kind;
    private final String word;
    private final String description;
    private final ValueType type;
    private final long defaultValue;
    private final long min;
    private final long max;
    private final Timing timing;

    SocketOption(SocketKind kind, String word, String description, ValueType type, long defaultValue, long min, long max,
                 Timing timing) {
        this.kind = kind;
        this.word = word;
        this.description = description;
        this.type = type;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.timing = timing;
    }

    /** The kind of socket that takes it: TCP, a TCP listener, UDP or ICMP. */
    public SocketKind kind() {
        return kind;
    }

    /** The name after the kind: {@code sack} in {@code tcp.sack}. */
    public String word() {
        return word;
    }

    /** The name {@code set} takes: {@code tcp.sack}. */
    public String qualifiedName() {
        return kind.label() + "." + word;
    }

    public String description() {
        return description;
    }

    public ValueType type() {
        return type;
    }

    /** The console's default, before any {@code set} or lab. */
    public long defaultValue() {
        return defaultValue;
    }

    public Timing timing() {
        return timing;
    }

    /**
     * Why a connection that has opened no longer takes the option, or empty when it does:
     * {@code sack is offered in the SYN}.
     */
    public String whyNotAfterOpen() {
        return switch (this) {
            case CC -> word + ": the algorithm is chosen when the connection opens";
            case SACK, TIMESTAMPS, WSCALE -> word + ": the option is offered in the SYN";
            case MSS -> word + ": the MSS is announced in the SYN";
            case RACK -> word + ": loss detection is chosen when the connection opens";
            case HYSTART -> word + ": slow start is chosen when the connection opens";
            case INITIAL_WINDOW -> word + ": it is the window the connection opened with";
            case SNDBUF, RCVBUF, ICMP_BUFFER -> word + ": the buffers are made with the socket";
            case BACKLOG, HALF_OPEN -> word + ": a listener's queues are sized when it is made";
            case SYNCOOKIES -> word + ": a listener's cookies are chosen when it is made";
            default -> "";
        };
    }

    /**
     * The value {@code text} stands for.
     *
     * @throws SettingException when it is not one, or out of range
     */
    public long parse(String text) throws SettingException {
        return parse(text, word);
    }

    /** As {@link #parse(String)}, the error naming the option as {@code name} ({@code tcp.buffer}, which sets two). */
    public long parse(String text, String name) throws SettingException {
        return type.parse(name, text, min, max);
    }

    /** The value as {@code set} shows it: {@code on}, {@code 200ms}, {@code 64K}. */
    public String format(long value) {
        return type.format(value);
    }

    /**
     * Changes the option on a socket that exists ({@code tcp set H OPTION VALUE}).
     *
     * @throws SettingException when the socket no longer takes it (a SYN option once the
     *     connection has opened, a buffer), or refuses the value, with the reason
     */
    public void set(TcpSocket socket, long value) throws SettingException {
        if (kind == SocketKind.TCP_LISTENER) {
            throw new SettingException(whyNotAfterOpen() + ", not a connection's: set " + qualifiedName() + " "
                    + format(value) + " before tcp listen, or tcp listen PORT --" + word + " " + format(value));
        }
        if (timing == Timing.AT_CREATION
                || (timing == Timing.BEFORE_OPEN && socket.state() != dev.jnetlab.stack.socket.tcp.TcpState.CLOSED)) {
            throw new SettingException(whyNotAfterOpen() + ", and this connection is " + socket.stateName()
                    + " already: set " + qualifiedName() + " " + format(value) + " before tcp connect, "
                    + "or tcp set it on a listener for the connections it accepts");
        }
        if (this == RTO_MIN && value > socket.maxRto()) {
            throw new SettingException(word + " " + format(value) + " is above this socket's rto-max, "
                    + RTO_MAX.format(socket.maxRto()) + ": raise rto-max first");
        }
        if (this == RTO_MAX && value < socket.minRto()) {
            throw new SettingException(word + " " + format(value) + " is below this socket's rto-min, "
                    + RTO_MIN.format(socket.minRto()) + ": lower rto-min first");
        }
        try {
            applyTo(socket, value);
        } catch (IllegalArgumentException e) {
            throw new SettingException(word + ": " + e.getMessage());
        }
    }

    /** {@link #set(TcpSocket, long)} for a UDP socket. */
    public void set(UdpSocket socket, long value) throws SettingException {
        if (timing == Timing.AT_CREATION) {
            throw new SettingException(whyNotAfterOpen() + ": set " + qualifiedName() + " " + format(value)
                    + " before udp bind");
        }
        try {
            applyTo(socket, value);
        } catch (IllegalArgumentException e) {
            throw new SettingException(word + " " + format(value) + ": " + e.getMessage());
        }
    }

    /**
     * Applies {@code value} to {@code socket} (a closed one just made, or one the person names).
     *
     * @throws IllegalArgumentException when the socket refuses it (an RTO floor above its ceiling)
     */
    void applyTo(TcpSocket socket, long value) {
        switch (this) {
            case CC -> socket.setCongestionAlgorithm(CongestionControl.Algorithm.values()[(int) value]);
            case NAGLE -> socket.setNagle(value != 0);
            case DELACK -> socket.setDelayedAck(value != 0);
            case DELACK_TIMEOUT -> socket.setAckDelay(value);
            case SACK -> socket.setSackEnabled(value != 0);
            case RACK -> socket.setRack(value != 0);
            case HYSTART -> socket.setHyStart(value != 0);
            case TIMESTAMPS -> socket.setTimestampsEnabled(value != 0);
            case WSCALE -> socket.setWindowScaleEnabled(value != 0);
            case MSS -> socket.setMssClamp(value == ValueType.SIZE_OFF ? TcpSocket.NO_MSS_CLAMP : (int) value);
            case RTO_MIN -> socket.setMinRto(value);
            case RTO_MAX -> socket.setMaxRto(value);
            case INITIAL_WINDOW -> socket.setInitialWindow((int) value);
            case KEEPALIVE -> socket.setKeepAlive(value);
            case KEEPALIVE_INTERVAL -> socket.setKeepAliveInterval(value);
            case KEEPALIVE_COUNT -> socket.setKeepAliveProbes((int) value);
            case USER_TIMEOUT -> socket.setUserTimeout(value);
            case TIME_WAIT -> socket.setTimeWaitDuration(value);
            default -> throw new IllegalStateException(this + " is not applied to a TCP socket after it is made");
        }
    }

    /** The option's value on {@code socket}. */
    long readFrom(TcpSocket socket) {
        return switch (this) {
            case CC -> socket.congestionAlgorithm().ordinal();
            case SNDBUF -> socket.sendCapacity();
            case RCVBUF -> socket.recvCapacity();
            case NAGLE -> socket.nagle() ? 1 : 0;
            case DELACK -> socket.delayedAck() ? 1 : 0;
            case DELACK_TIMEOUT -> socket.ackDelay();
            case SACK -> socket.sackEnabled() ? 1 : 0;
            case RACK -> socket.rackEnabled() ? 1 : 0;
            case HYSTART -> socket.hyStartEnabled() ? 1 : 0;
            case TIMESTAMPS -> socket.timestampsEnabled() ? 1 : 0;
            case WSCALE -> socket.windowScaleEnabled() ? 1 : 0;
            case MSS -> socket.mssClamp() == TcpSocket.NO_MSS_CLAMP ? ValueType.SIZE_OFF : socket.mssClamp();
            case RTO_MIN -> socket.minRto();
            case RTO_MAX -> socket.maxRto();
            case INITIAL_WINDOW -> socket.initialWindow();
            case KEEPALIVE -> socket.keepAliveIdle();
            case KEEPALIVE_INTERVAL -> socket.keepAliveInterval();
            case KEEPALIVE_COUNT -> socket.keepAliveProbes();
            case USER_TIMEOUT -> socket.userTimeout();
            case TIME_WAIT -> socket.timeWaitDuration();
            default -> throw new IllegalStateException(this + " is not a TCP option");
        };
    }

    void applyTo(UdpSocket socket, long value) {
        switch (this) {
            case UDP_TTL -> socket.setTtl((int) value);
            case UDP_DF -> socket.setDontFragment(value != 0);
            case UDP_BUFFER -> socket.setBufferOctets((int) value);
            default -> throw new IllegalStateException(this + " is not applied to a UDP socket after it is made");
        }
    }

    void applyTo(IcmpSocket socket, long value) {
        switch (this) {
            case ICMP_TTL -> socket.setTtl((int) value);
            case ICMP_DF -> socket.setDontFragment(value != 0);
            default -> throw new IllegalStateException(this + " is not applied to an ICMP socket after it is made");
        }
    }
}
