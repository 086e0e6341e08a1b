package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.SeqNumber.ge;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.gt;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.le;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.lt;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.Socket;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.storage.Assembler;
import dev.jnetlab.stack.storage.BufferPool;
import dev.jnetlab.stack.storage.RingBuffer;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One TCP connection, client or server side: the state machine of RFC 9293 with the options,
 * reassembly, retransmission and congestion handling described below.
 *
 * <h2>Two faces</h2>
 *
 * <p>The <b>user</b> calls {@link #connect}, {@link #listen}, {@link #send}, {@link #recv},
 * {@link #peek}, {@link #close}, {@link #abort} and the setters and queries; these only move
 * data between the caller's arrays and the socket's queues and change flags. The
 * <b>interface</b> (the iface layer) moves segments, always passing its clock's {@code now}:
 *
 * <ol>
 *   <li>{@link #accepts} — does this received segment belong to this socket?</li>
 *   <li>{@link #process} — handles it, and may fill an immediate {@code reply} (an RST, a
 *       challenge ACK, the ACK owed to an unacceptable segment), which the interface sends.</li>
 *   <li>{@link #dispatch} — describes the next segment to send, if any, <em>without</em>
 *       committing it. The interface sizes the frame from it, asks its device for a buffer,
 *       writes the headers, calls {@link #copyPayload} to copy the payload straight from the
 *       send queue into the frame (no intermediate copy), and, once the device took the frame,
 *       calls {@link #sent}, which commits it (SND.NXT moves, timers are armed). If the device
 *       refused, the interface simply does not call {@code sent}: the next {@code dispatch}
 *       describes the same segment again. Repeat while {@code dispatch} returns true.</li>
 *   <li>{@link #pollAt} — when to call {@code dispatch} next (a timer, or now).</li>
 * </ol>
 *
 * <p>Timers fire inside {@code dispatch}: a retransmission timeout, a delayed ACK, a persist
 * probe, a keep-alive, the end of TIME-WAIT and the user timeout all happen when the interface
 * calls {@code dispatch} at or after the instant {@code pollAt} named.
 *
 * <h2>Sequence space</h2>
 *
 * <p>The field names follow RFC 9293 §3.3.1. One deviation, taken from BSD: {@code sndNxt} is
 * the next sequence number to <em>transmit</em> and goes back to SND.UNA when the
 * retransmission timer expires (go-back-N), while {@code sndMax} is the highest sequence number
 * sent plus one, which is what the RFC's SND.NXT means in the acceptability tests. The send
 * queue's head is the oldest unacknowledged data octet, whose sequence number is
 * {@code txBase}; a FIN, once {@link #close} is called, has the sequence number just after the
 * last queued octet. The receive queue's write position is RCV.NXT; out-of-order octets are
 * written past it at their offset and the {@link Assembler} records which ranges arrived.
 *
 * <h2>Behaviour in brief</h2>
 *
 * <ul>
 *   <li>Segment arrival follows RFC 9293 §3.10.7 in the RFC's order: sequence
 *       acceptability (the four cases), RST, SYN, ACK, text, FIN; with RFC 5961 (exact RST
 *       sequence or a challenge ACK, challenge ACK for a SYN in a synchronized state, the
 *       ACK acceptance range, a per-socket challenge ACK rate limit) and RFC 7323 PAWS.</li>
 *   <li>Options: MSS (advertises MTU − 40, uses 536 when the peer sends none), window scale
 *       (used only if both SYNs carry it; the shift is the smallest that lets the receive
 *       buffer be advertised), SACK-permitted and SACK blocks (RFC 2018), timestamps (RFC 7323:
 *       RTT samples, PAWS, TSval in milliseconds offset by the ISS).</li>
 *   <li>Receiving: in-order delivery through the assembler, with a bound on held ranges;
 *       an immediate ACK for out-of-order data and for data that fills a gap (RFC 5681 §4.2);
 *       delayed ACKs (default on, 40 ms, and at least every second full-sized segment);
 *       receiver silly-window avoidance (RFC 9293 §3.8.6.2.2).</li>
 *   <li>Sending: many segments in flight, Nagle (RFC 9293 §3.7.4, per socket), sender
 *       silly-window avoidance, zero-window probes with backoff, RFC 6298 timeouts with
 *       Karn's rule, fast retransmit and NewReno recovery (RFC 6582) or, with SACK,
 *       scoreboard-driven recovery (RFC 6675, simplified: see {@link #pipe()}), pluggable
 *       {@link CongestionControl}, keep-alives and a user timeout.</li>
 * </ul>
 *
 * <h2>Choices where the RFCs leave room (or where practice wins)</h2>
 *
 * <ul>
 *   <li><b>Liberal acceptance, Linux-style.</b> A segment without text whose SEG.SEQ is the
 *       right edge of the window (RCV.NXT + RCV.WND) is accepted, because a peer that filled
 *       the window sends its ACKs there; a bare FIN at RCV.NXT is accepted in a zero window,
 *       as it needs no buffer. The ACK owed to an unacceptable segment without text is sent
 *       at most every 500 ms, so that two ends cannot answer each other's ACKs forever.</li>
 *   <li><b>Pure duplicate ACKs.</b> Out-of-order text is answered at once by
 *       {@code process}'s reply, a segment without data, even if data is waiting to go:
 *       RFC 5681 §2 does not count an ACK carrying data as a duplicate, so a piggybacked one
 *       would leave the peer's fast retransmit blind in a two-way transfer.</li>
 *   <li><b>Strict where it protects.</b> Once timestamps are negotiated, a non-RST segment
 *       without them is dropped (RFC 7323 §3.2 SHOULD) and counted. Text and FIN in a SYN
 *       without ACK (in LISTEN, or in SYN-SENT for a simultaneous open) are not queued for
 *       later, as RFC 9293 §3.10.7.2 and §3.10.7.3 suggest: they are left unacknowledged and the
 *       peer sends them again. In a SYN,ACK they are taken (§3.10.7.3: "continue processing at
 *       the sixth step"). An RST at RCV.NXT ends TIME-WAIT (RFC 9293 §3.10.7.4,
 *       as Linux by default; RFC 1337's alternative is not taken).</li>
 *   <li><b>Timers.</b> Delayed ACKs wait 40 ms by default (Linux's minimum: short enough to be
 *       invisible to an interactive lab, long enough to halve the ACKs of a bulk transfer; RFC
 *       9293 allows up to 500 ms, smoltcp uses 10 ms). A connection that times out
 *       (retransmissions, keep-alives, the user timeout) sends one RST, as smoltcp does, so
 *       that a peer that is still there learns it. While the peer's window is zero, the
 *       connection survives as long as it answers the probes (RFC 9293 §3.8.6.1); the user
 *       timeout then counts from the first probe left unanswered, and unanswered probes are
 *       bounded by the retransmission limit. FIN-WAIT-2 has no timer of its own: a
 *       half-closed peer may send for as long as it likes.</li>
 *   <li><b>User calls and time.</b> {@link #send}, {@link #close} and the timer setters have no
 *       {@code now}; they arm timers at the latest instant the socket was given, which is when
 *       the event loop last ran it.</li>
 *   <li><b>CLOSE in SYN-RECEIVED</b> queues the FIN until the handshake completes (the RFC's
 *       "otherwise" branch), so a FIN never has to be sent while the SYN is unacknowledged.</li>
 * </ul>
 *
 * <p>Nothing is allocated per segment: the queues, the assembler, the SACK scoreboard and the
 * timer table are made with the socket; everything else is primitive fields (ARCHITECTURE.md §4).
 * Not thread-safe: the stack's event loop owns every socket (ARCHITECTURE.md §2).
 */
public final class TcpSocket implements TcpHandler, Socket {

    // ------------------------------------------------------------------ defaults

    /** The MTU assumed until {@link #setMtu} says otherwise: Ethernet's. */
    public static final int DEFAULT_MTU = 1500;
    /** IPv4 and TCP headers without options: what MSS does not count (RFC 9293 §3.7.1). */
    public static final int HEADERS_LENGTH = 40;
    /** IPv6 and TCP headers without options: the MSS over IPv6 is the MTU less 60 (RFC 8200 section 8.3). */
    public static final int HEADERS_LENGTH_IPV6 = 60;
    /** The MSS to assume when the peer's SYN has no MSS option (RFC 9293 §3.7.1, MUST-15). */
    public static final int DEFAULT_PEER_MSS = 536;
    /** The smallest peer MSS honoured; a smaller option is raised to it (an MSS of 0 would stall). */
    public static final int MIN_PEER_MSS = 64;
    /**
     * The smallest path MTU an ICMP "fragmentation needed" can set, Linux's {@code min_pmtu}:
     * RFC 5927 §7.2 warns that forged errors naming tiny MTUs are an attack on throughput.
     */
    public static final int MIN_PATH_MTU = 552;
    /** The smallest path MTU a Packet Too Big can set: every link that carries IPv6 carries 1280 (RFC 8200 §5, RFC 8201 §4). */
    public static final int MIN_PATH_MTU_IPV6 = 1280;
    /** The default delayed-ACK delay: Linux's minimum, well under RFC 9293's 0.5 s bound. */
    public static final long DEFAULT_ACK_DELAY = Micros.ofMillis(40);
    /** The default TIME-WAIT duration: 10 s, as smoltcp (2 MSL would be 4 minutes). */
    public static final long DEFAULT_TIME_WAIT = Micros.ofSeconds(10);
    /** The default limit on consecutive retransmission timeouts, as Linux's tcp_retries2. */
    public static final int DEFAULT_MAX_RETRANSMISSIONS = 15;
    /** Unanswered keep-alive probes after which the connection is dropped (Linux's default). */
    public static final int DEFAULT_KEEP_ALIVE_PROBES = 9;
    /** The time between unanswered keep-alive probes (Linux's tcp_keepalive_intvl; RFC 9293 names none). */
    public static final long DEFAULT_KEEP_ALIVE_INTERVAL = Micros.ofSeconds(75);
    /** The largest initial window {@link #setInitialWindow} takes, in segments. */
    public static final int MAX_INITIAL_WINDOW = 1000;
    /** Default bound on out-of-order ranges held by the assembler. */
    public static final int DEFAULT_MAX_OUT_OF_ORDER_RANGES = 16;
    /** Challenge ACKs a socket sends per second at most (RFC 5961 §7). */
    public static final int DEFAULT_CHALLENGE_ACK_LIMIT = 10;
    /** The largest window shift (RFC 7323 §2.3). */
    public static final int MAX_WINDOW_SHIFT = 14;
    /** Duplicate ACKs that trigger a fast retransmit (RFC 5681 §3.2). */
    public static final int DUP_THRESH = LossRecovery.DUP_THRESH;
    /** {@link #setMssClamp}'s "no clamp". */
    public static final int NO_MSS_CLAMP = Integer.MAX_VALUE;
    /** The largest buffer a window can describe (RFC 7323 §2.3: 2^30 octets). */
    public static final int MAX_BUFFER = 1 << 30;
    /** The longest the persist timer backs off to. */
    static final long MAX_PERSIST_INTERVAL = Micros.ofSeconds(60);

    // What dispatch prepared, so that sent() commits the same thing.
    private static final int KIND_NONE = 0;
    private static final int KIND_RST = 1;
    private static final int KIND_SYN = 2;
    private static final int KIND_DATA = 3;
    private static final int KIND_FAST_RETRANSMIT = 4;
    private static final int KIND_SACK_RETRANSMIT = 5;
    private static final int KIND_PROBE = 6;
    private static final int KIND_ACK = 7;
    private static final int KIND_KEEP_ALIVE = 8;
    private static final int KIND_LOSS_PROBE = 9;
    private static final int KIND_RESCUE = 10;

    // ------------------------------------------------------------------ configuration

    private final RingBuffer rx;
    private final RingBuffer tx;
    private final Assembler assembler;
    private final ReceiveWindow receiveWindow;
    /** Null until set: then the ISS is the clock alone (see {@link #chooseIss}). */
    private IsnSource isnSource;
    private TcpEventListener eventListener;
    private CongestionControl.Algorithm congestionAlgorithm = CongestionControl.Algorithm.CUBIC;
    /** A controller given for the next connection only ({@link #setCongestionControl}). */
    private CongestionControl nextCongestion;
    private CongestionControl congestion = new CubicCongestionControl();
    private final RttEstimator rtt = new RttEstimator();

    private int mtu = DEFAULT_MTU;
    /**
     * The path MTU an ICMP "fragmentation needed" (RFC 1191) or a Packet Too Big (RFC 8201)
     * taught this connection, or over IPv6 the one the interface knew for the destination when
     * the connection opened; 0 while none is below {@link #mtu}.
     */
    private int pathMtu;
    /** Where a connection over IPv6 looks up the path MTU it starts from; null: the link's MTU. */
    private Ipv6PathMtu ipv6PathMtu;
    /** The last ICMP error about this connection's segments, null if none came (RFC 1122 §4.2.3.9). */
    private IcmpError lastIcmpError;
    /** The largest datagram the device cuts into MSS-sized segments itself (TSO); 0 when it cuts none. */
    private int tsoMaxSize;
    private boolean nagle = true;
    /** Idleness before the first keep-alive probe; {@link Micros#NEVER}: no keep-alives. */
    private long keepAliveIdle = Micros.NEVER;
    private long keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;
    /** Segments, or {@link CongestionControls#STANDARD_INITIAL_WINDOW}. */
    private int initialWindowSegments = CongestionControls.STANDARD_INITIAL_WINDOW;
    private int keepAliveProbeLimit = DEFAULT_KEEP_ALIVE_PROBES;
    private long userTimeout = Micros.NEVER;
    private long timeWaitDuration = DEFAULT_TIME_WAIT;
    private int maxRetransmissions = DEFAULT_MAX_RETRANSMISSIONS;
    private boolean sackEnabled = true;
    private boolean rackEnabled = true;
    private boolean hyStartEnabled = true;
    private boolean timestampsEnabled = true;
    private boolean windowScaleEnabled = true;
    private final ReplyLimits replyLimits = new ReplyLimits();
    private int mssClamp = NO_MSS_CLAMP;

    // ------------------------------------------------------------------ connection

    private TcpState state = TcpState.CLOSED;
    private CloseReason closeReason = CloseReason.NONE;
    /** Whether the connection came from LISTEN (an RST in SYN-RECEIVED returns there). */
    private boolean passiveOpen;
    /** The address a passive open listens on ({@code 0}: any); restored on return to LISTEN. */
    private int listenAddress;
    private int localAddress;
    private int localPort;
    private int remoteAddress;
    private int remotePort;
    /**
     * Whether the connection is over IPv6: then {@link #localAddress} and {@link #remoteAddress}
     * are the folds the tables hash by ({@link Ipv6Address#fold}), and these are the addresses.
     */
    private boolean ipv6;
    private long localHigh;
    private long localLow;
    private long remoteHigh;
    private long remoteLow;

    // Send sequence space (RFC 9293 §3.3.1), with sndNxt/sndMax as in the class comment.
    private int iss;
    private int sndUna;
    private int sndNxt;
    private int sndMax;
    /** SND.WND in octets, already scaled. */
    private int sndWnd;
    private int sndWl1;
    private int sndWl2;
    /** The largest window the peer has offered (RFC 5961 §5.2 MAX.SND.WND; sender SWS). */
    private int maxSndWnd;
    /** Sequence number of the oldest octet in the send queue. */
    private int txBase;
    /** {@link #close} was called: a FIN follows the queued data. */
    private boolean finQueued;

    // Receive sequence space.
    private int irs;
    private int rcvNxt;
    /** The peer's FIN was processed (RCV.NXT counts it). */
    private boolean finReceived;
    /** A FIN arrived ahead of missing data; it is processed when RCV.NXT reaches it. */
    private boolean finPending;
    private int finPendingSeq;

    // Options.
    private boolean windowScaleNegotiated;
    private boolean sackNegotiated;
    /** Shift applied to windows we receive (the peer's option). */
    private int sndShift;
    /** The MSS the peer announced (or 536), raised to {@link #MIN_PEER_MSS}. */
    private int peerMss = DEFAULT_PEER_MSS;
    private final Timestamps timestamps = new Timestamps();
    private final SpuriousRetransmissions spurious = new SpuriousRetransmissions();
    private final RecoveryTime recoveryTime = new RecoveryTime();
    private final ForwardRto frto = new ForwardRto();

    // Round-trip timing (one segment at a time, RFC 6298 §3 / Karn).
    private boolean rttTiming;
    private boolean rttClean;
    private int rttSeq;
    private long rttSentAt;
    private boolean synRetransmitted;
    /** The next passive open is a SYN cookie's (RFC 4987 §3.6): its ISS is {@link #cookieIss} and its SYN,ACK went out already. */
    private boolean fromCookie;
    private int cookieIss;

    // Loss recovery: one of each made with the socket, the connection uses the one it negotiated.
    private final SackScoreboard scoreboard = new SackScoreboard();
    private final NewRenoRecovery newRenoRecovery = new NewRenoRecovery();
    private final Rack rack = new Rack();
    private final SackRecovery sackRecovery = new SackRecovery(scoreboard, rack);
    private final TailLossProbe lossProbe = new TailLossProbe();
    private LossRecovery recovery = newRenoRecovery;
    /** A duplicate the next ACK reports as its first SACK block, once (D-SACK, RFC 2883 §4). */
    private boolean dsackPending;
    private int dsackLeft;
    private int dsackRight;

    // Timers and the things they make due.
    private final TcpTimers timers = new TcpTimers();
    private int persistBackoff;
    /** Zero-window probes sent since the peer last answered one, and when the first of them went. */
    private int unansweredProbes;
    private long firstUnansweredProbeAt;
    private int keepAliveProbesSent;
    private final DelayedAck acks = new DelayedAck(timers);
    /**
     * Out-of-order data arrived: answer at once with a pure duplicate ACK (RFC 5681 §4.2), as
     * {@link #process}'s reply, never piggybacked, so the peer counts it as a duplicate.
     */
    private boolean duplicateAckNow;
    private boolean rstPending;
    private int rstSeq;
    private long lastReceivedAt;
    /** The latest {@code now} the socket was given: the time of events the user causes. */
    private long clockNow;
    private long lastDataSentAt;
    private boolean sentData;

    // dispatch() -> sent() hand-over.
    private int preparedKind;
    private int preparedSeq;
    private int preparedLength;
    /** Why the segment last described goes; kept after it is sent, for {@link #transmitReason}. */
    private TransmitReason preparedReason = TransmitReason.NONE;
    private final TcpRepr scratch = new TcpRepr();

    // The socket set's DeadlineHeap, intrusive: where this connection is in it and when it is due.
    DeadlineHeap deadlines;
    int deadlineSlot = -1;
    long deadlineAt = Micros.NEVER;
    long deadlineOrder;
    boolean deadlineStale;
    boolean deadlineParked;

    // Counters for tcp show and the labs.
    private int consecutiveTimeouts;
    private long retransmissions;
    private long timeouts;
    /** Duplicate ACKs received since the connection opened (RFC 5681 §2), in recovery or not. */
    private long duplicateAcks;
    private long segmentsIn;
    private long segmentsOut;
    private long octetsSent;
    private long octetsReceived;
    private long dropsOutOfOrder;

    // ------------------------------------------------------------------ construction

    /** A closed socket with receive and send queues of these capacities. */
    public TcpSocket(int rxCapacity, int txCapacity) {
        this(rxCapacity, txCapacity, DEFAULT_MAX_OUT_OF_ORDER_RANGES);
    }

    /**
     * A closed socket with receive and send queues of these capacities, holding at most
     * {@code maxOutOfOrderRanges} out-of-order ranges (holes) in its assembler.
     */
    public TcpSocket(int rxCapacity, int txCapacity, int maxOutOfOrderRanges) {
        if (rxCapacity < 1 || rxCapacity > MAX_BUFFER || txCapacity < 1 || txCapacity > MAX_BUFFER) {
            throw new IllegalArgumentException("buffer capacities must be in [1, 2^30]: rx "
                    + rxCapacity + ", tx " + txCapacity);
        }
        // On demand: a connection at rest holds no buffer (see useBufferPool).
        this.rx = RingBuffer.onDemand(rxCapacity);
        this.tx = RingBuffer.onDemand(txCapacity);
        this.assembler = new Assembler(maxOutOfOrderRanges);
        this.receiveWindow = new ReceiveWindow(rx);
    }

    // ------------------------------------------------------------------ options

    /**
     * Where the queues take their arrays when data comes and give them back when they empty
     * (the socket set's pool, so that a connection at rest holds no buffer and closed ones'
     * arrays serve the next); {@code null}: each queue makes its array once and keeps it.
     */
    public TcpSocket useBufferPool(BufferPool pool) {
        rx.usePool(pool);
        tx.usePool(pool);
        return this;
    }

    /**
     * Where initial sequence numbers come from (RFC 6528's generator, or a test's constant).
     * A socket given none uses the one of the {@link dev.jnetlab.stack.iface.SocketSet} it is
     * added to (the interface's, seeded by {@code --seed}); alone, it counts the clock in
     * 4-microsecond ticks, which is predictable and only fit for tests.
     */
    public TcpSocket setIsnSource(IsnSource source) {
        this.isnSource = Objects.requireNonNull(source);
        return this;
    }

    /** Whether an ISN source was given ({@link #setIsnSource}). */
    public boolean hasIsnSource() {
        return isnSource != null;
    }

    /**
     * Who hears about state changes; {@code null} for nobody. A socket that has no listener
     * when it is added to a {@link dev.jnetlab.stack.iface.SocketSet} gets the set's.
     */
    public TcpSocket setEventListener(TcpEventListener listener) {
        this.eventListener = listener;
        return this;
    }

    /** Who hears about state changes, or null. */
    public TcpEventListener eventListener() {
        return eventListener;
    }

    /**
     * The congestion control algorithm of every later connection ({@link CongestionControl.Algorithm#CUBIC}
     * by default, as Linux; {@code NONE}, smoltcp's default, and {@code RENO} stay selectable):
     * each connection gets a fresh controller when it opens ({@link #connect} or {@link #listen}).
     */
    public TcpSocket setCongestionAlgorithm(CongestionControl.Algorithm algorithm) {
        deadlineMayChange();
        this.congestionAlgorithm = Objects.requireNonNull(algorithm);
        return this;
    }

    public CongestionControl.Algorithm congestionAlgorithm() {
        return congestionAlgorithm;
    }

    /**
     * A controller instance for the next connection only (a custom algorithm, or a test's
     * double); later connections go back to a fresh one of {@link #setCongestionAlgorithm}.
     * Set it while the socket is closed; it is taken by the next {@link #connect} or
     * {@link #listen}.
     */
    public TcpSocket setCongestionControl(CongestionControl controller) {
        deadlineMayChange();
        this.nextCongestion = Objects.requireNonNull(controller);
        return this;
    }

    /** The controller of the current (or last) connection. */
    public CongestionControl congestionControl() {
        return congestion;
    }

    /** The IP MTU of the path's first hop: our MSS option is {@code mtu - 40}. */
    public TcpSocket setMtu(int mtu) {
        deadlineMayChange();
        if (mtu < HEADERS_LENGTH + MIN_PEER_MSS || mtu > 0xFFFF) {
            throw new IllegalArgumentException("MTU must be in [" + (HEADERS_LENGTH + MIN_PEER_MSS) + ", 65535]: " + mtu);
        }
        this.mtu = mtu;
        return this;
    }

    /**
     * The interface's IPv6 path MTUs (RFC 8201): a connection over IPv6 that opens, actively or
     * passively, starts from the one toward its peer, so that a Packet Too Big heard by an
     * earlier connection (or a ping) is not paid for again. {@code null}: the link's MTU.
     */
    public TcpSocket setIpv6PathMtu(Ipv6PathMtu pathMtu) {
        this.ipv6PathMtu = pathMtu;
        return this;
    }

    /**
     * TCP segmentation offload: the device (the interface says which, from its capabilities)
     * takes a segment of up to {@code maxDatagram} octets with its headers and cuts it into
     * segments of the MSS, so new data may go out in segments of many MSS, as the windows and
     * Nagle allow. 0 (the default) for a device that cuts nothing.
     */
    public TcpSocket setTsoMaxSize(int maxDatagram) {
        deadlineMayChange();
        checkTsoMaxSize(maxDatagram);
        this.tsoMaxSize = maxDatagram;
        return this;
    }

    static void checkTsoMaxSize(int maxDatagram) {
        if (maxDatagram != 0 && (maxDatagram <= HEADERS_LENGTH + MIN_PEER_MSS || maxDatagram > 0xFFFF)) {
            throw new IllegalArgumentException("a TSO limit is 0 or a datagram size in ["
                    + (HEADERS_LENGTH + MIN_PEER_MSS + 1) + ", 65535]: " + maxDatagram);
        }
    }

    /** Nagle's algorithm (RFC 9293 §3.7.4), on by default. */
    public TcpSocket setNagle(boolean enabled) {
        deadlineMayChange();
        this.nagle = enabled;
        return this;
    }

    /** Delayed ACKs, on by default with {@link #DEFAULT_ACK_DELAY}. */
    public TcpSocket setDelayedAck(boolean enabled) {
        deadlineMayChange();
        acks.setEnabled(enabled);
        return this;
    }

    /** How long an ACK may be held back; at most 500 ms (RFC 9293 §3.8.6.3, MUST-40). */
    public TcpSocket setAckDelay(long micros) {
        deadlineMayChange();
        if (micros <= 0 || micros >= Micros.ofMillis(500)) {
            throw new IllegalArgumentException("ACK delay must be in (0, 500 ms): " + micros + " us");
        }
        acks.setDelay(micros);
        return this;
    }

    /**
     * A keep-alive probe after this much idleness (RFC 9293 §3.8.4), then one every
     * {@link #setKeepAliveInterval interval} while none is answered; {@link Micros#NEVER}
     * turns them off (the default).
     */
    public TcpSocket setKeepAlive(long idleMicros) {
        deadlineMayChange();
        if (idleMicros <= 0) {
            throw new IllegalArgumentException("keep-alive idle time must be positive: " + idleMicros);
        }
        this.keepAliveIdle = idleMicros;
        timers.cancel(TcpTimer.KEEP_ALIVE);
        armTimers(clockNow);
        return this;
    }

    /** The time between unanswered keep-alive probes ({@link #DEFAULT_KEEP_ALIVE_INTERVAL}, as Linux). */
    public TcpSocket setKeepAliveInterval(long intervalMicros) {
        deadlineMayChange();
        if (intervalMicros <= 0 || intervalMicros == Micros.NEVER) {
            throw new IllegalArgumentException("keep-alive interval must be positive: " + intervalMicros);
        }
        this.keepAliveInterval = intervalMicros;
        return this;
    }

    /**
     * The congestion window a connection opens with, in segments of its SMSS (RFC 6928 §2
     * argues for 10); {@link CongestionControls#STANDARD_INITIAL_WINDOW} (the default) is RFC
     * 5681's equation 1, 2 to 4 segments by the SMSS. Taken when the connection is
     * established; no effect with {@link CongestionControl.Algorithm#NONE}, which has no window.
     */
    public TcpSocket setInitialWindow(int segments) {
        deadlineMayChange();
        if (segments < 0 || segments > MAX_INITIAL_WINDOW) {
            throw new IllegalArgumentException("initial window must be in [0, " + MAX_INITIAL_WINDOW + "] segments: "
                    + segments);
        }
        this.initialWindowSegments = segments;
        return this;
    }

    /** The initial window in segments, or {@link CongestionControls#STANDARD_INITIAL_WINDOW}. */
    public int initialWindow() {
        return initialWindowSegments;
    }

    /** Unanswered keep-alive probes after which the connection times out (default 9). */
    public TcpSocket setKeepAliveProbes(int probes) {
        deadlineMayChange();
        if (probes < 1) {
            throw new IllegalArgumentException("keep-alive probe limit must be positive: " + probes);
        }
        this.keepAliveProbeLimit = probes;
        return this;
    }

    /**
     * The user timeout (RFC 5482 semantics, RFC 9293 §3.8.3): the connection is aborted when
     * sent data (or a SYN or FIN) stays unacknowledged this long, counted from when it was sent
     * or from the last ACK that acknowledged something; with keep-alives on, also when the
     * peer has been silent this long while probes went unanswered. {@link Micros#NEVER} (the
     * default) turns it off.
     */
    public TcpSocket setUserTimeout(long micros) {
        deadlineMayChange();
        if (micros <= 0) {
            throw new IllegalArgumentException("user timeout must be positive: " + micros);
        }
        this.userTimeout = micros;
        timers.cancel(TcpTimer.USER_TIMEOUT);
        armTimers(clockNow);
        return this;
    }

    /** How long TIME-WAIT lasts (default 10 s). */
    public TcpSocket setTimeWaitDuration(long micros) {
        deadlineMayChange();
        if (micros < 0) {
            throw new IllegalArgumentException("TIME-WAIT duration must not be negative: " + micros);
        }
        this.timeWaitDuration = micros;
        return this;
    }

    /** Consecutive retransmission timeouts after which the connection is dropped (default 15). */
    public TcpSocket setMaxRetransmissions(int count) {
        deadlineMayChange();
        if (count < 1) {
            throw new IllegalArgumentException("retransmission limit must be positive: " + count);
        }
        this.maxRetransmissions = count;
        return this;
    }

    /** The lower bound of the RTO (default 1 s, RFC 6298 §2.4). */
    public TcpSocket setMinRto(long micros) {
        deadlineMayChange();
        rtt.setMinRto(micros);
        return this;
    }

    /** The upper bound of the RTO (default 60 s, RFC 6298 §2.5). */
    public TcpSocket setMaxRto(long micros) {
        deadlineMayChange();
        rtt.setMaxRto(micros);
        return this;
    }

    /**
     * The largest segment this connection announces and sends, as Linux's TCP_MAXSEG: the MSS
     * option is {@code min(MTU - 40, clamp)}. {@link #NO_MSS_CLAMP} (the default) clamps nothing.
     */
    public TcpSocket setMssClamp(int octets) {
        deadlineMayChange();
        if (octets != NO_MSS_CLAMP && (octets < MIN_PEER_MSS || octets > 0xFFFF - HEADERS_LENGTH)) {
            throw new IllegalArgumentException("an MSS clamp is " + MIN_PEER_MSS + " to " + (0xFFFF - HEADERS_LENGTH)
                    + " octets: " + octets);
        }
        this.mssClamp = octets;
        return this;
    }

    public int mssClamp() {
        return mssClamp;
    }

    public long minRto() {
        return rtt.minRto();
    }

    public long maxRto() {
        return rtt.maxRto();
    }

    public boolean sackEnabled() {
        return sackEnabled;
    }

    public boolean timestampsEnabled() {
        return timestampsEnabled;
    }

    /** The timestamps option's state, for the TIME-WAIT record that replaces this socket. */
    Timestamps timestampState() {
        return timestamps;
    }

    public boolean windowScaleEnabled() {
        return windowScaleEnabled;
    }

    public int keepAliveProbes() {
        return keepAliveProbeLimit;
    }

    /** Offer SACK (RFC 2018) in our SYN; on by default. */
    public TcpSocket setSackEnabled(boolean enabled) {
        deadlineMayChange();
        this.sackEnabled = enabled;
        return this;
    }

    /**
     * Detect loss with RACK and probe a lost tail with TLP (RFC 8985) on connections that
     * negotiate SACK; on by default, as in Linux. Off: RFC 6675's DupThresh rules alone.
     */
    public TcpSocket setRack(boolean enabled) {
        deadlineMayChange();
        this.rackEnabled = enabled;
        return this;
    }

    public boolean rackEnabled() {
        return rackEnabled;
    }

    /**
     * Leave the first slow start with HyStart++ (RFC 9406) on connections whose algorithm has
     * it (CUBIC); on by default, as in Linux. Off: RFC 5681's slow start until the first loss.
     */
    public TcpSocket setHyStart(boolean enabled) {
        this.hyStartEnabled = enabled;
        return this;
    }

    public boolean hyStartEnabled() {
        return hyStartEnabled;
    }

    /** Offer timestamps (RFC 7323) in our SYN; on by default. */
    public TcpSocket setTimestampsEnabled(boolean enabled) {
        deadlineMayChange();
        this.timestampsEnabled = enabled;
        return this;
    }

    /** Offer window scaling (RFC 7323) in our SYN; on by default. */
    public TcpSocket setWindowScaleEnabled(boolean enabled) {
        deadlineMayChange();
        this.windowScaleEnabled = enabled;
        return this;
    }

    /** Challenge ACKs this socket sends per second at most (RFC 5961 §7; default 10). */
    public TcpSocket setChallengeAckLimit(int perSecond) {
        deadlineMayChange();
        if (perSecond < 0) {
            throw new IllegalArgumentException("challenge ACK limit must not be negative: " + perSecond);
        }
        replyLimits.setChallengeLimit(perSecond);
        return this;
    }

    public boolean nagle() {
        return nagle;
    }

    public boolean delayedAck() {
        return acks.enabled();
    }

    public long ackDelay() {
        return acks.delay();
    }

    public long keepAliveInterval() {
        return keepAliveInterval;
    }

    /** Idleness before the first keep-alive probe; {@link Micros#NEVER} when keep-alives are off. */
    public long keepAliveIdle() {
        return keepAliveIdle;
    }

    public long userTimeout() {
        return userTimeout;
    }

    public long timeWaitDuration() {
        return timeWaitDuration;
    }

    public int mtu() {
        return mtu;
    }

    // ------------------------------------------------------------------ user API: open and close

    /**
     * Active OPEN (RFC 9293 §3.10.1): picks the ISS, enters SYN-SENT; the SYN goes out on the
     * next {@link #dispatch}. Both endpoints must be fully specified.
     */
    public void connect(long now, Endpoint local, Endpoint remote) throws TcpException.Connect {
        connect(now, IpEndpoint.of(local), IpEndpoint.of(remote));
    }

    /**
     * Active OPEN to {@code remote} from {@code local}, over the family they share (a connection
     * is one family end to end; see {@link #connect(long, Endpoint, Endpoint)}).
     */
    public void connect(long now, IpEndpoint local, IpEndpoint remote) throws TcpException.Connect {
        deadlineMayChange();
        if (state != TcpState.CLOSED || rstPending) {
            throw new TcpException.Connect(ConnectError.INVALID_STATE,
                    "cannot connect in state " + state);
        }
        if (!local.isSpecified() || !remote.isSpecified()) {
            throw new TcpException.Connect(ConnectError.UNADDRESSABLE,
                    "a connection needs both addresses and ports: " + local + " -> " + remote);
        }
        if (local.isIpv6() != remote.isIpv6()) {
            throw new TcpException.Connect(ConnectError.UNADDRESSABLE,
                    "both ends of a connection are of one family: " + local + " -> " + remote);
        }
        resetConnection();
        takeCongestionControl();
        clockNow = Math.max(clockNow, now);
        if (local.address() instanceof Ipv6Address from && remote.address() instanceof Ipv6Address to) {
            setIpv6(now, from.high(), from.low(), to.high(), to.low());
        } else {
            localAddress = ((Ipv4Address) local.address()).bits();
            remoteAddress = ((Ipv4Address) remote.address()).bits();
        }
        localPort = local.port();
        remotePort = remote.port();
        passiveOpen = false;
        chooseIss(now);
        receiveWindow.setShift(windowScaleEnabled ? shiftFor(rx.capacity()) : 0);
        lastReceivedAt = now;
        setState(now, TcpState.SYN_SENT);
    }

    /**
     * Passive OPEN (RFC 9293 §3.10.1): waits in LISTEN for a SYN to {@code local}; address
     * {@code 0} means any of the interface's addresses. One socket serves one connection; a
     * {@link TcpListener} serves many.
     */
    public void listen(Endpoint local) throws TcpException.Connect {
        deadlineMayChange();
        if (state != TcpState.CLOSED || rstPending) {
            throw new TcpException.Connect(ConnectError.INVALID_STATE,
                    "cannot listen in state " + state);
        }
        if (local.port() == 0) {
            throw new TcpException.Connect(ConnectError.UNADDRESSABLE,
                    "listening needs a port: " + local);
        }
        resetConnection();
        takeCongestionControl();
        listenAddress = local.address();
        localAddress = local.address();
        localPort = local.port();
        setState(clockNow, TcpState.LISTEN);
    }

    /**
     * Makes the SYN that comes next in LISTEN the one a SYN cookie stood for (RFC 4987 §3.6): the
     * connection takes {@code iss} as its ISS and counts its SYN,ACK as sent, so that the ACK
     * that brought the cookie back completes the handshake. For {@link TcpListener}.
     */
    void openFromCookie(int iss) {
        if (state != TcpState.LISTEN) {
            throw new IllegalStateException("a cookie opens a listening socket, not one in " + state);
        }
        fromCookie = true;
        cookieIss = iss;
    }

    /**
     * The SYN,ACK these settings answer {@code syn} with when nothing is kept of it: a SYN
     * cookie's (RFC 4987 §3.6), with ISS {@code cookie}. Window scaling and SACK are offered only
     * with timestamps, whose TSval's low bits remember them ({@link SynCookies#timestamp}); the
     * TSval clock starts at the ISS as for any connection. The socket itself is not touched.
     */
    void fillCookieSynAck(long now, int localAddr, int remoteAddr, TcpRepr syn, int cookie, TcpRepr out) {
        boolean ts = timestampsEnabled && syn.hasTimestamps();
        boolean ws = ts && windowScaleEnabled && syn.hasWindowScale();
        boolean sack = ts && sackEnabled && syn.sackPermitted();
        out.clear();
        out.addressedBackTo(syn, localAddr, remoteAddr).sourcePort(syn.destinationPort()).destinationPort(syn.sourcePort())
                .seq(cookie).flags(TcpFlags.SYN).ack(syn.seq() + 1);
        out.window(Math.min(rx.capacity(), 0xFFFF));
        // This template is of no family: the MSS is the one the SYN's family leaves.
        int headers = syn.isIpv6() ? HEADERS_LENGTH_IPV6 : HEADERS_LENGTH;
        out.mss(Math.min(Math.min(mtu - headers, mssClamp), 0xFFFF));
        if (ws) {
            out.windowScale(shiftFor(rx.capacity()));
        }
        if (sack) {
            out.sackPermitted(true);
        }
        if (ts) {
            int clock = (int) (now / Micros.PER_MILLI) + cookie;
            int peerShift = ws ? Math.min(syn.windowScale(), MAX_WINDOW_SHIFT) : -1;
            out.timestamps(SynCookies.timestamp(clock, peerShift, sack), syn.tsVal());
        }
    }

    /**
     * CLOSE (RFC 9293 §3.10.4): this end will send no more. In ESTABLISHED and CLOSE-WAIT a FIN
     * is queued after the data; in SYN-RECEIVED it waits for the handshake to complete; in
     * LISTEN and SYN-SENT the socket simply closes. Later calls do nothing.
     */
    public void close() {
        deadlineMayChange();
        switch (state) {
            case LISTEN, SYN_SENT -> {
                // "Delete the TCB": data queued while connecting goes with it (§3.10.4).
                closeReason = CloseReason.CLOSED;
                enterClosed(clockNow, true);
            }
            case SYN_RECEIVED -> finQueued = true;
            case ESTABLISHED -> {
                finQueued = true;
                setState(clockNow, TcpState.FIN_WAIT_1);
            }
            case CLOSE_WAIT -> {
                finQueued = true;
                setState(clockNow, TcpState.LAST_ACK);
            }
            default -> {
                // Already closing or closed.
            }
        }
        armTimers(clockNow);
    }

    /**
     * ABORT (RFC 9293 §3.10.5): drops both queues and closes at once; in SYN-RECEIVED,
     * ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 and CLOSE-WAIT an RST goes out on the next
     * {@link #dispatch}.
     */
    public void abort() {
        deadlineMayChange();
        switch (state) {
            case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> {
                rstPending = true;
                rstSeq = sndMax;
            }
            default -> {
            }
        }
        if (state != TcpState.CLOSED) {
            closeReason = CloseReason.ABORTED;
            rx.clear();
            assembler.clear();
            enterClosed(clockNow, true);
        }
    }

    /**
     * Forgets everything about the connection, without sending anything: the socket is CLOSED
     * and can connect or listen again. Options set on it stay.
     */
    public void reset() {
        deadlineMayChange();
        TcpState from = state;
        resetConnection();
        state = TcpState.CLOSED;
        if (from != TcpState.CLOSED && eventListener != null) {
            eventListener.onStateChange(clockNow, this, from, TcpState.CLOSED);
        }
    }

    // ------------------------------------------------------------------ ICMP errors

    /**
     * An ICMP error about a segment this connection sent (RFC 1122 §4.2.3.9). It is taken only
     * when the segment it quotes is one in flight, SND.UNA &lt;= SEG.SEQ &lt; SND.MAX (the ISS
     * while opening), as RFC 5927 §4.1 advises: a forged error has to guess the window.
     * <ul>
     *   <li>Fragmentation needed (RFC 1191 §6.3) or, over IPv6, Packet Too Big (RFC 8201
     *       §5.2): the connection's path MTU drops to the MTU the router named (or, when an
     *       IPv4 router named none, the plateau below the datagram that was too big, RFC 1191
     *       §5), but not below {@value #MIN_PATH_MTU} over IPv4 (RFC 5927 §7.2: a forged tiny
     *       MTU would cripple the connection) nor {@value #MIN_PATH_MTU_IPV6} over IPv6; what
     *       is in flight is sent again at the new size at once. That is no sign of congestion,
     *       so the window stays.</li>
     *   <li>A hard error while opening aborts the attempt (RFC 5461 §4.1): the connection
     *       closes as {@link CloseReason#UNREACHABLE}; a socket opened passively goes back to
     *       LISTEN.</li>
     *   <li>Anything else is soft, and only remembered ("SHOULD NOT abort"): a connection that
     *       then times out shows it in {@code tcp show}.</li>
     * </ul>
     *
     * @return whether the error was taken
     */
    public boolean icmpError(long now, IcmpError error) {
        if (!isInFlight(error.quotedSeq())) {
            return false;
        }
        lastIcmpError = error;
        if (error.isPacketTooBig()) {
            lowerPathMtu(error);
        } else if (error.isHard() && (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED)) {
            if (passiveOpen) {
                returnToListen(now);
            } else {
                closeReason = CloseReason.UNREACHABLE;
                rx.clear();
                assembler.clear();
                enterClosed(now, true);
            }
        }
        return true;
    }

    /**
     * Whether {@code seq} is a sequence number this connection has sent and not seen
     * acknowledged: what an ICMP error must quote to be taken. The interface asks first, so that
     * a flood of forged errors allocates nothing.
     */
    public boolean isInFlight(int seq) {
        return switch (state) {
            case CLOSED, LISTEN, TIME_WAIT -> false;
            case SYN_SENT -> seq == iss;
            default -> le(sndUna, seq) && lt(seq, sndMax);
        };
    }

    private void lowerPathMtu(IcmpError error) {
        int next = error.nextHopMtu();
        if (error.isIpv6()) {
            next = Math.max(next, MIN_PATH_MTU_IPV6); // a Packet Too Big always names the MTU
        } else {
            if (next == 0 || next >= error.quotedLength()) {
                next = MtuPlateaus.below(error.quotedLength());
            }
            next = Math.max(next, MIN_PATH_MTU);
        }
        if (next >= pathMtu()) {
            return;
        }
        pathMtu = next;
        if (state.isSynchronized() && sndMax != sndUna) {
            // Everything past SND.UNA went out too big and is lost at the router: send it
            // again, smaller, without the backoff and window cut of a timeout.
            rttTiming = false;
            goBackToUna();
        }
    }

    /** The last ICMP error taken about this connection, if one came. */
    public java.util.Optional<IcmpError> lastIcmpError() {
        return java.util.Optional.ofNullable(lastIcmpError);
    }

    // ------------------------------------------------------------------ user API: data

    /**
     * Queues up to {@code length} octets for sending and returns how many fit (possibly 0).
     * Allowed while connecting (the data follows the handshake), in ESTABLISHED and CLOSE-WAIT.
     */
    public int send(byte[] src, int offset, int length) throws TcpException.Send {
        Objects.checkFromIndexSize(offset, length, src.length);
        checkMaySend();
        int queued = tx.enqueue(src, offset, length);
        if (queued > 0) {
            deadlineMayChange();
        }
        // User calls happen between polls, at the loop's latest instant.
        armTimers(clockNow);
        return queued;
    }

    /**
     * Moves up to {@code length} received octets into {@code dst} and returns how many (0 when
     * none are there yet).
     *
     * @throws TcpException.Recv with {@link RecvError#FINISHED} at the end of the stream (the
     *     peer's FIN was received and everything before it read), with
     *     {@link RecvError#NOT_CONNECTED} when no data can ever come (never connected, reset,
     *     aborted)
     */
    public int recv(byte[] dst, int offset, int length) throws TcpException.Recv {
        Objects.checkFromIndexSize(offset, length, dst.length);
        if (rx.length() == 0) {
            checkMayRecv();
            return 0;
        }
        deadlineMayChange(); // the window opens: an update may be due
        return rx.dequeue(dst, offset, length);
    }

    /** Like {@link #recv} but leaves the octets queued. */
    public int peek(byte[] dst, int offset, int length) throws TcpException.Recv {
        Objects.checkFromIndexSize(offset, length, dst.length);
        if (rx.length() == 0) {
            checkMayRecv();
            return 0;
        }
        return rx.peek(0, dst, offset, length);
    }

    /**
     * Lends the free run of the send queue at its write position to {@code writer}, which
     * fills what it wants of it in place and returns how many octets it filled; those are
     * queued, as by {@link #send(byte[], int, int)} without the copy (smoltcp's
     * {@code send(|buffer| ...)}). One contiguous run a call (the free space may wrap: call
     * again for the rest); returns the octets queued, 0 when the queue is full.
     *
     * @throws IllegalStateException when {@code writer} claims more than it was lent
     */
    public int send(OctetsLent writer) throws TcpException.Send {
        checkMaySend();
        int run = tx.contiguousWritable();
        if (run == 0) {
            return 0;
        }
        deadlineMayChange();
        int filled = claimed(writer.use(tx.array(), tx.writeIndex(), run), run);
        tx.enqueueUnallocated(filled);
        armTimers(clockNow);
        return filled;
    }

    /**
     * Lends the oldest received octets, in place, to {@code reader}, which returns how many
     * of them it took; those leave the queue, as by {@link #recv(byte[], int, int)} without
     * the copy (smoltcp's {@code recv(|buffer| ...)}). One contiguous run a call; returns the
     * octets taken, 0 when none are there yet.
     *
     * @throws TcpException.Recv as {@link #recv(byte[], int, int)}
     * @throws IllegalStateException when {@code reader} claims more than it was lent
     */
    public int recv(OctetsLent reader) throws TcpException.Recv {
        if (rx.length() == 0) {
            checkMayRecv();
            return 0;
        }
        deadlineMayChange();
        int run = rx.contiguousReadable();
        return rx.discard(claimed(reader.use(rx.array(), rx.readIndex(), run), run));
    }

    private static int claimed(int used, int lent) {
        if (used < 0 || used > lent) {
            throw new IllegalStateException("used " + used + " of " + lent + " lent octets");
        }
        return used;
    }

    /**
     * Works on a run of a socket's queue lent in place: {@code array[offset .. offset + length)}
     * for the duration of the call, and returns how many octets of it it used (0 to length).
     */
    @FunctionalInterface
    public interface OctetsLent {
        int use(byte[] array, int offset, int length);
    }

    private void checkMaySend() throws TcpException.Send {
        switch (state) {
            case CLOSED, LISTEN -> throw new TcpException.Send(SendError.NOT_CONNECTED, state);
            case SYN_SENT, SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT -> {
                if (finQueued) {
                    throw new TcpException.Send(SendError.CLOSED_FOR_SENDING, state);
                }
            }
            default -> throw new TcpException.Send(SendError.CLOSED_FOR_SENDING, state);
        }
    }

    private void checkMayRecv() throws TcpException.Recv {
        if (finReceived) {
            throw new TcpException.Recv(RecvError.FINISHED, state);
        }
        if (state == TcpState.CLOSED || state == TcpState.LISTEN) {
            throw new TcpException.Recv(RecvError.NOT_CONNECTED, state);
        }
    }

    public TcpState state() {
        return state;
    }

    /** {@link SocketKind#TCP}. */
    @Override
    public SocketKind kind() {
        return SocketKind.TCP;
    }

    /** The RFC's name of the state: {@code ESTABLISHED}, {@code SYN-SENT}. */
    @Override
    public String stateName() {
        return state.toString();
    }

    /** Why the connection closed ({@link CloseReason#NONE} while it is open). */
    public CloseReason closeReason() {
        return closeReason;
    }

    /** Whether {@link #send} would accept at least one octet now. */
    public boolean canSend() {
        return maySend() && tx.window() > 0;
    }

    /** Whether {@link #send} is allowed in this state (it may still find the queue full). */
    public boolean maySend() {
        return !finQueued && switch (state) {
            case SYN_SENT, SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT -> true;
            default -> false;
        };
    }

    /** Whether {@link #recv} would return at least one octet now. */
    public boolean canRecv() {
        return rx.length() > 0;
    }

    /** Whether data may still be read: some is queued, or the peer may still send. */
    public boolean mayRecv() {
        return rx.length() > 0 || switch (state) {
            case SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2 -> true;
            default -> false;
        };
    }

    /** Whether a segment is still owed to the peer: an RST after {@link #abort()} in a CLOSED socket. */
    public boolean hasSomethingToSend() {
        return rstPending || prepare(clockNow, scratch) != KIND_NONE;
    }

    /** Whether the connection exists in any form (not CLOSED, not LISTEN). */
    public boolean isActive() {
        return state != TcpState.CLOSED && state != TcpState.LISTEN;
    }

    /** Octets waiting in the send queue: unsent plus sent but not acknowledged. */
    @Override
    public int sendQueue() {
        return tx.length();
    }

    /** Octets received in order and not yet read. */
    @Override
    public int recvQueue() {
        return rx.length();
    }

    public int sendCapacity() {
        return tx.capacity();
    }

    public int recvCapacity() {
        return rx.capacity();
    }

    /**
     * The local endpoint ({@code 0.0.0.0:port} while listening on every address), over IPv4; a
     * connection over IPv6 has its address's fold here, and its endpoint in {@link #local()}.
     */
    @Override
    public Endpoint localEndpoint() {
        return new Endpoint(localAddress, localPort);
    }

    /**
     * The remote endpoint; {@link Endpoint#UNSPECIFIED} while listening or closed from the start.
     * Over IPv6, as {@link #localEndpoint()}: {@link #remote()} has it.
     */
    @Override
    public Endpoint remoteEndpoint() {
        return new Endpoint(remoteAddress, remotePort);
    }

    /** The local endpoint in either family ({@code 0.0.0.0:port} while listening on every address). */
    @Override
    public IpEndpoint local() {
        return ipv6 ? new IpEndpoint(new Ipv6Address(localHigh, localLow), localPort)
                : new IpEndpoint(Ipv4Address.of(localAddress), localPort);
    }

    /** The remote endpoint in either family. */
    @Override
    public IpEndpoint remote() {
        return ipv6 ? new IpEndpoint(new Ipv6Address(remoteHigh, remoteLow), remotePort)
                : new IpEndpoint(Ipv4Address.of(remoteAddress), remotePort);
    }

    /** Whether the connection is over IPv6. */
    public boolean isIpv6() {
        return ipv6;
    }

    /** The local address, or over IPv6 its fold ({@link Ipv6Address#fold}). */
    public int localAddress() {
        return localAddress;
    }

    public int localPort() {
        return localPort;
    }

    /** The remote address, or over IPv6 its fold ({@link Ipv6Address#fold}). */
    public int remoteAddress() {
        return remoteAddress;
    }

    /** Writes the IPv6 addresses (local high, low, remote high, low; zeros over IPv4) to {@code into[at ..]}. */
    void copyIpv6Addresses(long[] into, int at) {
        into[at] = localHigh;
        into[at + 1] = localLow;
        into[at + 2] = remoteHigh;
        into[at + 3] = remoteLow;
    }

    /**
     * Makes the connection one over IPv6 between these addresses, filed under their folds,
     * starting from the path MTU the interface knows toward the remote one at {@code now}.
     */
    private void setIpv6(long now, long localH, long localL, long remoteH, long remoteL) {
        ipv6 = true;
        localHigh = localH;
        localLow = localL;
        remoteHigh = remoteH;
        remoteLow = remoteL;
        localAddress = Ipv6Address.fold(localH, localL);
        remoteAddress = Ipv6Address.fold(remoteH, remoteL);
        int known = ipv6PathMtu == null ? 0 : ipv6PathMtu.pathMtu(remoteH, remoteL, now);
        pathMtu = known < mtu ? known : 0;
    }

    /** Whether this is a connection over IPv6 between exactly these addresses (its folds may be another's). */
    public boolean isBetween(long localH, long localL, long remoteH, long remoteL) {
        return ipv6 && localHigh == localH && localLow == localL && remoteHigh == remoteH && remoteLow == remoteL;
    }

    /** Puts the connection's addresses, in its family, on {@code out}. */
    private TcpRepr addressed(TcpRepr out) {
        return ipv6 ? out.ipv6Addresses(localHigh, localLow, remoteHigh, remoteLow)
                : out.sourceAddress(localAddress).destinationAddress(remoteAddress);
    }

    public int remotePort() {
        return remotePort;
    }

    // ------------------------------------------------------------------ interface API

    /**
     * Whether a received segment belongs to this socket: an exact match of the four numbers
     * for a connection, the local port (and address, unless listening on any) for a socket in
     * LISTEN. The interface should prefer an exact match over a listening socket.
     */
    @Override
    public boolean accepts(int localAddr, int remoteAddr, TcpRepr segment) {
        return switch (state) {
            case CLOSED -> false;
            case LISTEN -> segment.destinationPort() == localPort
                    && (listenAddress == 0 || listenAddress == localAddr && !segment.isIpv6());
            default -> segment.destinationPort() == localPort && segment.sourcePort() == remotePort
                    && localAddr == localAddress && remoteAddr == remoteAddress && segment.isIpv6() == ipv6
                    && (!ipv6 || segment.destinationHigh() == localHigh && segment.destinationLow() == localLow
                            && segment.sourceHigh() == remoteHigh && segment.sourceLow() == remoteLow);
        };
    }

    /**
     * Processes one received segment that {@link #accepts} this socket (RFC 9293 §3.10.7).
     *
     * @param reply cleared, and filled when the RFC calls for an immediate answer that does not
     *     wait for {@link #dispatch}: an RST, a challenge ACK (RFC 5961), the ACK owed to an
     *     unacceptable segment. It never carries payload.
     * @return whether {@code reply} was filled and should be sent
     */
    @Override
    public boolean process(long now, int localAddr, int remoteAddr, TcpRepr segment, TcpRepr reply) {
        clockNow = Math.max(clockNow, now);
        reply.clear();
        segmentsIn++;
        // A segment described by dispatch() and not yet sent is stale now: describe it again.
        preparedKind = KIND_NONE;
        boolean replied = switch (state) {
            case CLOSED -> resetFor(localAddr, remoteAddr, segment, reply);
            case LISTEN -> processListen(now, localAddr, remoteAddr, segment, reply);
            case SYN_SENT -> processSynSent(now, segment, reply);
            default -> processSynchronized(now, segment, reply);
        };
        recoveryTime.observe(now, recovery.inRecovery());
        armTimers(now);
        return replied;
    }

    /**
     * Fills {@code reply} with the RST that answers a segment nobody accepts (RFC 9293
     * §3.10.7.1): {@code <SEQ=SEG.ACK><CTL=RST>} if it has an ACK, else
     * {@code <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>}. Returns false, filling nothing, for an
     * RST (which is never answered). For the interface, when no socket accepts a segment.
     */
    public static boolean resetFor(int localAddr, int remoteAddr, TcpRepr in, TcpRepr reply) {
        reply.clear();
        if (in.isRst()) {
            return false;
        }
        reply.addressedBackTo(in, localAddr, remoteAddr).sourcePort(in.destinationPort()).destinationPort(in.sourcePort());
        if (in.isAck()) {
            reply.seq(in.ackNumber()).flags(TcpFlags.RST);
        } else {
            reply.seq(0).flags(TcpFlags.RST).ack(in.seq() + in.segmentLength());
        }
        return true;
    }

    /**
     * The {@code reply} {@link #process} just filled went out: it counts as sent and, if it is
     * an ACK, the ACK it carries is no longer owed (the delayed ACK is cancelled, the window it
     * advertised is the one the peer knows). A reply the device refused is simply not reported:
     * then nothing changes, as for a segment lost on the way.
     */
    @Override
    public void replied(long now, TcpRepr reply) {
        clockNow = Math.max(clockNow, now);
        segmentsOut++;
        if (reply.isAck() && !reply.isRst()) {
            commitAckSent(reply);
        }
    }

    /**
     * Describes the next segment to send into {@code out}, after running any timer that is due
     * at {@code now}; returns false when there is nothing to send. The description is not
     * committed: call {@link #copyPayload} and then {@link #sent} once the frame is on its way.
     * Calling {@code dispatch} again without {@code sent} describes the same segment.
     */
    @Override
    public boolean dispatch(long now, TcpRepr out) {
        clockNow = Math.max(clockNow, now);
        runTimers(now);
        recoveryTime.observe(now, recovery.inRecovery());
        maybeIdleRestart(now);
        preparedKind = prepare(now, out);
        if (preparedKind == KIND_NONE) {
            out.clear();
            armTimers(now);
            return false;
        }
        preparedSeq = out.seq();
        preparedLength = out.payloadLength();
        preparedReason = reason(preparedKind);
        return true;
    }

    private TransmitReason reason(int kind) {
        return switch (kind) {
            case KIND_RST -> TransmitReason.RESET;
            case KIND_SYN -> TransmitReason.SYN;
            case KIND_DATA -> TransmitReason.DATA;
            case KIND_FAST_RETRANSMIT -> TransmitReason.FAST_RETRANSMIT;
            case KIND_SACK_RETRANSMIT -> sackRecovery.usesRack() ? TransmitReason.RACK_LOSS : TransmitReason.SACK_LOSS;
            case KIND_PROBE -> TransmitReason.WINDOW_PROBE;
            case KIND_ACK -> TransmitReason.ACK;
            case KIND_KEEP_ALIVE -> TransmitReason.KEEP_ALIVE;
            case KIND_LOSS_PROBE -> TransmitReason.LOSS_PROBE;
            case KIND_RESCUE -> TransmitReason.RESCUE;
            default -> TransmitReason.NONE;
        };
    }

    /**
     * Why this connection sent the segment of {@code length} payload octets at {@code seq}, if
     * it is the last one {@link #dispatch} described: a tool that sees the frame go out (a
     * {@code FrameMonitor} listener, the ladder's or the plots' samples, called while the device
     * takes it) reads it then. Any other segment, a reply of {@link #process} among them, is
     * {@link TransmitReason#NONE}. Allocates nothing.
     */
    public TransmitReason transmitReason(int seq, int length) {
        return seq == preparedSeq && length == preparedLength ? preparedReason : TransmitReason.NONE;
    }

    /**
     * Copies the payload of the segment {@link #dispatch} just described into
     * {@code dst[offset .. offset + out.payloadLength())}, straight from the send queue.
     */
    @Override
    public void copyPayload(TcpRepr out, byte[] dst, int offset) {
        checkPrepared(out);
        int length = out.payloadLength();
        if (length == 0) {
            return;
        }
        Objects.checkFromIndexSize(offset, length, dst.length);
        int copied = tx.peek(out.seq() - txBase, dst, offset, length);
        if (copied != length) {
            throw new IllegalStateException("send queue holds " + copied + " of " + length + " octets at " + out.seq());
        }
    }

    /**
     * The segment {@link #dispatch} described went out: commit it (move SND.NXT, start timing
     * and timers, clear the pending ACK). {@code out} must be that segment, unchanged. Returns
     * whether it was a retransmission: sequence space below the highest already sent.
     */
    @Override
    public boolean sent(long now, TcpRepr out) {
        clockNow = Math.max(clockNow, now);
        checkPrepared(out);
        int kind = preparedKind;
        preparedKind = KIND_NONE;
        segmentsOut++;
        if (kind == KIND_RST) {
            rstPending = false;
            return false;
        }
        int segLen = out.segmentLength();
        if (out.isSyn()) {
            receiveWindow.synSent(out.window());
        }
        boolean retransmission = segLen > 0 && lt(out.seq(), sndMax);
        if (segLen > 0) {
            commitSequenceSpace(now, kind, out, segLen);
        }
        if (out.isAck()) {
            commitAckSent(out);
        }
        switch (kind) {
            case KIND_PROBE -> {
                if (unansweredProbes++ == 0) {
                    firstUnansweredProbeAt = now;
                }
                persistBackoff++;
                timers.arm(TcpTimer.PERSIST, Micros.plus(now, persistInterval()));
            }
            case KIND_KEEP_ALIVE -> {
                keepAliveProbesSent++;
                timers.arm(TcpTimer.KEEP_ALIVE, Micros.plus(now, keepAliveInterval));
            }
            case KIND_LOSS_PROBE -> {
                // RFC 8985 §7.3: after the probe the retransmission timer watches the flight;
                // it keeps the deadline the episode's first probe gave it.
                timers.cancel(TcpTimer.LOSS_PROBE);
                if (lossProbe.sent(retransmission, sndMax, sndMax - sndUna, recovery.inRecovery())) {
                    timers.arm(TcpTimer.RETRANSMISSION, Micros.plus(now, rtt.rto()));
                }
                if (lossProbe.mayProbeAgain()) {
                    // One more probe, twice the PTO later, should no ACK come (TailLossProbe).
                    long pto = TailLossProbe.timeout(rtt, sndMax - sndUna <= sendMss(), Long.MAX_VALUE);
                    long at = Micros.plus(now, Math.max(2 * pto, TailLossProbe.MIN_REPROBE_INTERVAL));
                    if (at < timers.deadline(TcpTimer.RETRANSMISSION)) {
                        timers.arm(TcpTimer.LOSS_PROBE, at);
                    }
                }
            }
            case KIND_DATA -> armLossProbe(now);
            case KIND_RESCUE -> recovery.rescued();
            default -> {
            }
        }
        armTimers(now);
        return retransmission;
    }

    /**
     * The instant at which {@link #dispatch} should next be called: {@code now} if a segment
     * is ready (or a timer needs arming), else the earliest armed timer, else
     * {@link Micros#NEVER}.
     */
    @Override
    public long pollAt(long now) {
        if (prepare(now, scratch) != KIND_NONE || timersNeedArming()) {
            return now;
        }
        return timers.earliest();
    }

    /**
     * A call from the owner may move {@link #pollAt}: the set's {@link DeadlineHeap} asks again
     * before its next use, so that a poll need not ask every idle connection.
     */
    private void deadlineMayChange() {
        if (deadlines != null) {
            deadlines.changed(this);
        }
    }

    /** The deadline of one timer, or {@link Micros#NEVER} when it is not armed. */
    public long deadline(TcpTimer timer) {
        return timers.deadline(timer);
    }

    private void checkPrepared(TcpRepr out) {
        if (preparedKind == KIND_NONE || out.seq() != preparedSeq || out.payloadLength() != preparedLength) {
            throw new IllegalStateException("not the segment dispatch() described: " + out);
        }
    }

    // ------------------------------------------------------------------ arrival: LISTEN

    private boolean processListen(long now, int localAddr, int remoteAddr, TcpRepr in, TcpRepr reply) {
        if (in.isRst()) {
            return false;
        }
        if (in.isAck()) {
            return resetFor(localAddr, remoteAddr, in, reply);
        }
        if (!in.isSyn()) {
            return false;
        }
        localAddress = localAddr;
        remoteAddress = remoteAddr;
        if (in.isIpv6()) {
            setIpv6(now, in.destinationHigh(), in.destinationLow(), in.sourceHigh(), in.sourceLow());
        }
        remotePort = in.sourcePort();
        passiveOpen = true;
        chooseIss(now);
        irs = in.seq();
        rcvNxt = irs + 1;
        receiveWindow.open(rcvNxt, false);
        timestamps.acknowledged(rcvNxt);
        receiveWindow.setShift(windowScaleEnabled ? shiftFor(rx.capacity()) : 0);
        negotiateOptions(now, in, windowScaleEnabled, sackEnabled, timestampsEnabled);
        sndWnd = in.window();
        maxSndWnd = sndWnd;
        sndWl1 = in.seq();
        sndWl2 = iss;
        if (fromCookie) {
            // The listener's stateless SYN,ACK carried ISS and the window fillCookieSynAck gave
            // it: its ACK is the next thing to come.
            sndNxt = iss + 1;
            sndMax = iss + 1;
            receiveWindow.advertised(rcvNxt, Math.min(rx.capacity(), 0xFFFF), true);
        }
        lastReceivedAt = now;
        // Data and FIN in a SYN are not accepted (RCV.NXT stays after the SYN): the peer
        // sends them again once the connection is open.
        setState(now, TcpState.SYN_RECEIVED);
        return false;
    }

    // ------------------------------------------------------------------ arrival: SYN-SENT

    private boolean processSynSent(long now, TcpRepr in, TcpRepr reply) {
        if (in.isAck() && (le(in.ackNumber(), iss) || gt(in.ackNumber(), sndMax))) {
            return !in.isRst() && resetFor(localAddress, remoteAddress, in, reply);
        }
        if (in.isRst()) {
            if (in.isAck()) {
                closeReason = CloseReason.REFUSED;
                enterClosed(now, true);
            }
            return false;
        }
        if (!in.isSyn()) {
            return false;
        }
        irs = in.seq();
        rcvNxt = irs + 1;
        receiveWindow.open(rcvNxt, true);
        timestamps.acknowledged(rcvNxt);
        negotiateOptions(now, in, windowScaleEnabled, sackEnabled, timestampsEnabled);
        lastReceivedAt = now;
        if (in.isAck()) {
            // The window of a SYN is never scaled (RFC 7323 §2.2).
            acknowledgeSyn(now, in, in.window());
            establish(now);
            acks.now();
            // RFC 9293 §3.10.7.3: "continue processing at the sixth step": text and FIN are taken.
            receiveText(now, in.seq() + 1, in);
            return false;
        }
        // Simultaneous open (RFC 9293 §3.5, figure 8): answer with SYN,ACK from ISS again.
        sndWnd = in.window();
        maxSndWnd = sndWnd;
        sndWl1 = in.seq();
        sndWl2 = iss;
        sndNxt = iss;
        setState(now, TcpState.SYN_RECEIVED);
        return false;
    }

    /** Options of a SYN, given which ones we offer (or offered). */
    private void negotiateOptions(long now, TcpRepr syn, boolean offerWs, boolean offerSack, boolean offerTs) {
        peerMss = syn.hasMss() ? Math.max(syn.mss(), MIN_PEER_MSS) : DEFAULT_PEER_MSS;
        windowScaleNegotiated = offerWs && syn.hasWindowScale();
        if (windowScaleNegotiated) {
            sndShift = Math.min(syn.windowScale(), MAX_WINDOW_SHIFT);
        } else {
            sndShift = 0;
            receiveWindow.setShift(0);
        }
        sackNegotiated = offerSack && syn.sackPermitted();
        recovery = sackNegotiated ? sackRecovery : newRenoRecovery;
        sackRecovery.useRack(sackNegotiated && rackEnabled);
        timestamps.negotiate(now, syn, offerTs);
    }

    /** Our SYN is acknowledged by {@code in}: SND.UNA moves past it, the window is taken as given. */
    private void acknowledgeSyn(long now, TcpRepr in, int window) {
        if (!fromCookie) {
            // A cookie's TSval had its low bits replaced by the options, and no send time was
            // kept: its echo measures nothing.
            sampleRtt(now, in.ackNumber(), in, -1);
        }
        sndUna = in.ackNumber();
        if (lt(sndNxt, sndUna)) {
            sndNxt = sndUna;
        }
        sndWnd = window;
        maxSndWnd = Math.max(maxSndWnd, window);
        sndWl1 = in.seq();
        sndWl2 = in.ackNumber();
        consecutiveTimeouts = 0;
        if (synRetransmitted) {
            rtt.synWasRetransmitted();
        }
        timers.cancel(TcpTimer.RETRANSMISSION);
        timers.cancel(TcpTimer.USER_TIMEOUT);
    }

    private void establish(long now) {
        congestion.start(now, sendMss(), CongestionControls.initialWindow(sendMss(), initialWindowSegments));
        recovery.start(sndUna);
        setState(now, TcpState.ESTABLISHED);
        if (finQueued) {
            setState(now, TcpState.FIN_WAIT_1);
        }
    }

    // ------------------------------------------------------------------ arrival: synchronized

    private boolean processSynchronized(long now, TcpRepr in, TcpRepr reply) {
        duplicateAckNow = false;
        // RFC 7323 §3.2 (no timestamps once negotiated: drop) and §5.3 R1 (PAWS), before the
        // sequence check.
        switch (timestamps.arrive(now, in)) {
            case MISSING -> {
                return false;
            }
            case OLD -> {
                return in.segmentLength() == 0 ? fillRateLimitedAck(now, reply) : fillAckReply(now, reply);
            }
            case TAKEN -> {
            }
        }

        // A SYN in SYN-RECEIVED carrying the IRS: the peer's SYN again (its SYN,ACK from us was
        // lost), or its SYN,ACK in a simultaneous open.
        if (state == TcpState.SYN_RECEIVED && in.isSyn() && !in.isRst() && in.seq() == irs) {
            if (!in.isAck()) {
                sndNxt = iss;
                return false;
            }
            if (lt(sndUna, in.ackNumber()) && le(in.ackNumber(), sndMax)) {
                lastReceivedAt = now;
                acknowledgeSyn(now, in, in.window());
                establish(now);
                acks.now();
                return false;
            }
            return resetFor(localAddress, remoteAddress, in, reply);
        }

        // First: is the segment acceptable (RFC 9293 §3.10.7.4, the four cases)?
        int segLen = in.segmentLength();
        int rcvWnd = receiveWindow.window(rcvNxt);
        boolean acceptable;
        if (segLen == 0) {
            // RCV.NXT =< SEG.SEQ =< RCV.NXT+RCV.WND: the right edge itself is allowed, as BSD and
            // Linux allow it, because a peer that filled our window sends its ACKs with SEG.SEQ =
            // SND.NXT = that edge; the strict "<" would answer every one of them with an ACK.
            // An RST gets no such allowance (RFC 5961 §3.2: outside the window, drop it).
            acceptable = SeqNumber.inWindow(in.seq(), rcvNxt, in.isRst() ? Math.max(rcvWnd, 1) : rcvWnd + 1)
                    && (rcvWnd != 0 || in.seq() == rcvNxt);
        } else {
            acceptable = rcvWnd != 0 && (SeqNumber.inWindow(in.seq(), rcvNxt, rcvWnd)
                    || SeqNumber.inWindow(in.seq() + segLen - 1, rcvNxt, rcvWnd))
                    // A bare FIN takes no buffer space: taken even in a zero window, as Linux
                    // does, so that a full receiver does not make the peer retransmit it.
                    || rcvWnd == 0 && in.seq() == rcvNxt && in.payloadLength() == 0 && in.isFin() && !in.isSyn();
        }
        if (!acceptable) {
            if (in.isRst()) {
                return false;
            }
            if (state == TcpState.TIME_WAIT && in.isFin() && !in.isSyn()) {
                // The peer's FIN again: our ACK of it was lost. Restart the wait (§3.10.7.4 eighth).
                timers.arm(TcpTimer.TIME_WAIT, Micros.plus(now, timeWaitDuration));
            }
            if (rcvWnd == 0 && in.seq() == rcvNxt && segLen > 0 && in.isAck() && !in.isSyn()
                    && state != TcpState.SYN_RECEIVED) {
                // A zero window: the text cannot be taken, but the ACK and window still count
                // (§3.10.7.4: "special allowance should be made to accept valid ACKs").
                lastReceivedAt = now;
                if (isImplausibleAck(in.ackNumber())) {
                    return fillChallengeAck(now, reply);
                }
                processAck(now, in);
                if (state == TcpState.CLOSED || state == TcpState.TIME_WAIT) {
                    return false;
                }
            }
            if (in.payloadLength() > 0 && le(in.seq() + in.payloadLength(), rcvNxt)) {
                reportDuplicate(in.seq(), in.seq() + in.payloadLength());
            }
            return segLen == 0 ? fillRateLimitedAck(now, reply) : fillAckReply(now, reply);
        }
        lastReceivedAt = now;
        if (keepAliveProbesSent > 0) {
            // The peer answered: the next probe waits the idle time again, not the interval.
            keepAliveProbesSent = 0;
            if (keepAliveIdle != Micros.NEVER) {
                timers.arm(TcpTimer.KEEP_ALIVE, Micros.plus(now, keepAliveIdle));
            }
        }

        // Second: RST (RFC 5961 §3.2: exactly RCV.NXT resets, anything else in the window is challenged).
        if (in.isRst()) {
            if (in.seq() != rcvNxt) {
                return fillChallengeAck(now, reply);
            }
            if (state == TcpState.SYN_RECEIVED && passiveOpen) {
                returnToListen(now);
                return false;
            }
            closeReason = switch (state) {
                case SYN_RECEIVED -> CloseReason.REFUSED;
                case TIME_WAIT -> CloseReason.CLOSED;
                default -> CloseReason.RESET;
            };
            if (state != TcpState.TIME_WAIT) {
                // "All segment queues should be flushed" (§3.10.7.4 second); after TIME-WAIT
                // the connection had finished, and what was received stays readable.
                rx.clear();
                assembler.clear();
            }
            enterClosed(now, true);
            return false;
        }

        // Third (security and precedence) does not apply. Fourth: SYN.
        if (in.isSyn()) {
            if (state == TcpState.SYN_RECEIVED && passiveOpen) {
                returnToListen(now);
                return false;
            }
            return fillChallengeAck(now, reply);
        }

        timestamps.update(now, in);

        // Fifth: ACK.
        if (!in.isAck()) {
            return false;
        }
        if (state == TcpState.SYN_RECEIVED) {
            if (!(lt(sndUna, in.ackNumber()) && le(in.ackNumber(), sndMax))) {
                return resetFor(localAddress, remoteAddress, in, reply);
            }
            acknowledgeSyn(now, in, in.window() << sndShift);
            establish(now);
        } else if (isImplausibleAck(in.ackNumber())) {
            // RFC 5961 §5.2: discard it and answer with an ACK, rate-limited with the challenge
            // ACKs (§7), so that a blind injector gets no unlimited stream of answers.
            return fillChallengeAck(now, reply);
        } else {
            processAck(now, in);
        }
        if (state == TcpState.CLOSED) {
            return false;
        }

        // Sixth (URG): urgent data is delivered in line like any other (RFC 6093); nothing to do.
        // Seventh and eighth: text and FIN.
        receiveText(now, in.seq(), in);
        if (duplicateAckNow) {
            duplicateAckNow = false;
            return fillAckReply(now, reply);
        }
        return false;
    }

    /**
     * RFC 5961 §5.2: an ACK of something never sent, or older than the largest window the peer
     * ever offered allows (SND.UNA - MAX.SND.WND).
     */
    private boolean isImplausibleAck(int ack) {
        return gt(ack, sndMax) || lt(ack, sndUna - maxSndWnd);
    }

    /**
     * The ACK field of an acceptable segment in a synchronized state whose ACK number is
     * plausible (RFC 9293 §3.10.7.4 fifth).
     */
    private void processAck(long now, TcpRepr in) {
        int ack = in.ackNumber();
        int previousWindow = sndWnd;
        int unaBefore = sndUna;
        int sackedBefore = scoreboard.sackedOctets();
        int newlySacked = sackNegotiated ? scoreboard.update(in, sndUna, sndMax) : 0;
        if (ge(ack, sndUna) && (lt(sndWl1, in.seq()) || sndWl1 == in.seq() && le(sndWl2, ack))) {
            sndWnd = scaledWindow(in.window());
            maxSndWnd = Math.max(maxSndWnd, sndWnd);
            sndWl1 = in.seq();
            sndWl2 = ack;
        }
        if (sndWnd > 0 && previousWindow == 0) {
            timers.cancel(TcpTimer.PERSIST);
            persistBackoff = 0;
            unansweredProbes = 0;
        }
        if (gt(ack, sndUna)) {
            newAck(now, in, ack, sackRecovery.usesRack() ? rack.roundTrip(sndUna, ack, now) : -1);
        } else if (sndWnd == 0) {
            // The answer to a zero-window probe, not a sign of loss. The peer is alive: as long
            // as it answers, the connection stays (RFC 9293 §3.8.6.1, MUST-36).
            unansweredProbes = 0;
        } else if (ack == sndUna && sndMax != sndUna && in.payloadLength() == 0 && !in.isSyn() && !in.isFin()
                && (sndWnd == previousWindow || newlySacked > 0)) {
            duplicateAck(now);
        }
        if (sackNegotiated && Rack.isDsack(in)
                && spurious.duplicateReported(in.sackLeft(0), in.sackRight(0)) != SpuriousRetransmissions.Detection.NONE) {
            undoReduction(now, spurious.afterTimeout());
        }
        // RFC 6937 DeliveredData: SND.UNA's advance plus the change in SACKed octets.
        int deliveredData = sndUna - unaBefore + scoreboard.sackedOctets() - sackedBefore;
        if (deliveredData > 0) {
            lossProbe.delivered();
        }
        if (sackRecovery.usesRack()) {
            rackAcknowledged(now, in);
        }
        recovery.delivered(deliveredData, sndUna, sndMax, congestion, sendMss());
        if (sndWnd == 0) {
            // Persisting: probes, not retransmissions; the user timeout counts from the first
            // probe the peer left unanswered (as Linux does), so a live peer is never dropped.
            timers.cancel(TcpTimer.RETRANSMISSION);
            timers.cancel(TcpTimer.USER_TIMEOUT);
        } else if (previousWindow == 0 && lt(sndUna, sndNxt)) {
            // The window reopened: what was sent into it (probes) was not taken, send it again.
            sndNxt = sndUna;
        }
    }

    /** An ACK that advances SND.UNA. */
    private void newAck(long now, TcpRepr in, int ack, long segmentRtt) {
        int acked = ack - sndUna;
        int flightBefore = sndMax - sndUna;
        sampleRtt(now, ack, in, segmentRtt);
        int dataAcked = Math.min(Math.max(ack - txBase, 0), tx.length());
        tx.discard(dataAcked);
        txBase += dataAcked;
        sndUna = ack;
        if (lt(sndNxt, sndUna)) {
            sndNxt = sndUna;
        }
        consecutiveTimeouts = 0;
        switch (recovery.onNewAck(ack, sndUna, acked, sendMss())) {
            case NOT_IN_RECOVERY -> congestion.onAck(now, acked, flightBefore);
            case RECOVERY_ENDED -> congestion.onRecoveryEnd(now);
            case FIRST_PARTIAL_ACK -> timers.arm(TcpTimer.RETRANSMISSION, Micros.plus(now, rtt.rto()));
            case PARTIAL_ACK -> {
            }
        }
        if (spurious.acknowledged(ack, sndMax, in) != SpuriousRetransmissions.Detection.NONE) {
            undoReduction(now, spurious.afterTimeout());
        }
        switch (frto.newAck(ack, sendMss())) {
            case SEND_NEW_DATA -> {
                if (hasUnsent() && lt(sndMax, sndUna + sndWnd)) {
                    sndNxt = sndMax;
                } else {
                    frto.abandon();
                }
            }
            case SPURIOUS -> {
                spurious.abandon();
                undoReduction(now, true);
            }
            default -> {
            }
        }
        if (sndUna == sndMax) {
            timers.cancel(TcpTimer.RETRANSMISSION);
            timers.cancel(TcpTimer.USER_TIMEOUT);
        } else {
            if (!recovery.inRecovery() || recovery.restartsTimerOnPartialAck()
                    || !timers.isArmed(TcpTimer.RETRANSMISSION)) {
                timers.arm(TcpTimer.RETRANSMISSION, Micros.plus(now, rtt.rto()));
            }
            if (userTimeout != Micros.NEVER && sndWnd != 0) {
                timers.arm(TcpTimer.USER_TIMEOUT, Micros.plus(now, userTimeout));
            }
        }
        if (finQueued && gt(sndUna, dataEnd())) {
            switch (state) {
                case FIN_WAIT_1 -> setState(now, TcpState.FIN_WAIT_2);
                case CLOSING -> enterTimeWait(now);
                case LAST_ACK -> {
                    closeReason = CloseReason.CLOSED;
                    enterClosed(now, false);
                }
                default -> {
                }
            }
        }
    }

    /** RFC 8985 §6.2 and §7.4 after an ACK: what it delivered, the TLP episode, losses, the next probe. */
    private void rackAcknowledged(long now, TcpRepr in) {
        boolean dsack = Rack.isDsack(in);
        rack.acknowledged(sndUna, sndMax, scoreboard, dsack, now);
        if (lossProbe.acknowledged(sndUna, dsack)) {
            // The probe repaired a loss that no recovery saw: respond to it as to one (RFC 8985 §7.4.2).
            // A probe sent during a recovery is covered by that recovery's reduction.
            congestion.onFastRetransmit(now, lossProbe.flight());
            congestion.onRecoveryEnd(now);
            spurious.abandon();
        }
        rackDetectLoss(now);
        armLossProbe(now);
    }

    /**
     * RFC 8985 §6.2 step 5 (and §6.3 when the reordering timer fires). A repair starts on new
     * marks, and also on marks left from before while no recovery is on (RFC 6675 §5: a loss
     * detected begins one; Linux's "the loss is proven"): segments marked during a recovery
     * that ended, or one undone as spurious, before they could go again. RACK does not mark a
     * segment twice, so without this nothing but the retransmission timer repaired them.
     */
    private void rackDetectLoss(long now) {
        int sackedSegments = scoreboard.sackedOctets() / sendMss();
        int marked = rack.detectLoss(now, recovery.inRecovery(), sackedSegments, rtt.srtt());
        if (marked > 0 || !recovery.inRecovery() && rack.anyLost()) {
            switch (recovery.onRackLoss(sndUna, sndMax, sendMss())) {
                case RECOVERY -> {
                    lossProbe.abandon();
                    congestion.onFastRetransmit(now, sndMax - sndUna);
                    spurious.reduced(false, sndUna, sndMax);
                }
                case REPAIR -> {
                    // A retransmission of the timeout's flight was lost: a real loss, so F-RTO
                    // has nothing left to decide (RFC 5682 §2.1 step 3a would go back anyway).
                    lossProbe.abandon();
                    frto.abandon();
                }
                case NONE -> {
                }
            }
        }
        long at = rack.reorderDeadline();
        if (at == Micros.NEVER) {
            timers.cancel(TcpTimer.RACK_REORDER);
        } else {
            timers.arm(TcpTimer.RACK_REORDER, at);
        }
    }

    /**
     * RFC 8985 §7.2: after new data goes or an ACK comes, a probe is scheduled unless RACK's
     * timer or a probe of this episode is already out, or, outside a recovery, something is
     * SACKed (RACK's timer watches that). During a recovery too (RFC 8985 §7.2 keeps TLP out of
     * it, expecting RACK to find a lost retransmission from what is delivered after it): when
     * the last retransmissions or their ACKs are lost nothing is delivered after them, and at
     * a window of a few segments that is common, so only the retransmission timer, 200 ms and
     * a window of one segment, was left. One probe per recovery, with no reduction of its own
     * ({@link TailLossProbe#sent}), makes the ACK that RACK and PRR need to go on.
     */
    private void armLossProbe(long now) {
        boolean may = sackRecovery.usesRack() && sendingState() && sndMax != sndUna && sndWnd != 0
                && (recovery.inRecovery() || scoreboard.sackedOctets() == 0)
                && !timers.isArmed(TcpTimer.RACK_REORDER) && lossProbe.mayArm();
        if (!may) {
            timers.cancel(TcpTimer.LOSS_PROBE);
            return;
        }
        long untilRto = timers.isArmed(TcpTimer.RETRANSMISSION)
                ? Math.max(timers.deadline(TcpTimer.RETRANSMISSION) - now, 0) : rtt.rto();
        boolean oneSegment = sndMax - sndUna <= sendMss();
        timers.arm(TcpTimer.LOSS_PROBE, Micros.plus(now, TailLossProbe.timeout(rtt, oneSegment, untilRto)));
    }

    private void duplicateAck(long now) {
        duplicateAcks++;
        if (frto.duplicateAck() == ForwardRto.Verdict.GO_BACK) {
            // RFC 5682 §2.1 step 3a: a real loss after all; the old segments go again.
            sndNxt = sndUna;
        }
        if (recovery.onDuplicateAck(sndUna, sndMax, sendMss())) {
            congestion.onFastRetransmit(now, sndMax - sndUna);
            spurious.reduced(false, sndUna, sndMax);
        }
    }

    /**
     * With RACK, every ACK of data sent once is timed from the send times RACK keeps
     * ({@link Rack#roundTrip}, {@code segmentRtt}). Otherwise one RTT sample per flight (the
     * weights of RFC 6298 assume about one per round trip). With timestamps the echo times the segment that this ACK answers, retransmitted or not
     * (RFC 7323 §4), so the first ACK that advances SND.UNA past the previous sample's flight
     * is sampled, including the ACK of a retransmission, which ends the backoff. Without them,
     * one segment at a time is timed and a retransmission spoils the measurement (Karn).
     */
    private void sampleRtt(long now, int ack, TcpRepr in, long segmentRtt) {
        if (segmentRtt >= 0) {
            // RACK's send times: a sample on each ACK of never-retransmitted data, in
            // microseconds (RFC 7323 §4.2 allows more than one per round trip; Linux takes one
            // per ACK). The timestamp echo stays the fallback, for the ACK of a retransmission.
            rttTiming = false;
            rtt.sample(segmentRtt);
            rack.roundTripSampled(segmentRtt);
            congestion.onRttSample(now, segmentRtt);
            return;
        }
        if (timestamps.negotiated() && in.hasTimestamps()) {
            long sample = timestamps.sample(now, ack, in, sndMax, 2 * rtt.maxRto());
            if (sample < 0) {
                return;
            }
            rttTiming = false;
            rtt.sample(sample);
            // Not for RACK.min_RTT: whole milliseconds, so 0 on a LAN, which would leave RACK
            // no reordering window and no way to tell a needless retransmission.
            congestion.onRttSample(now, sample);
            return;
        }
        if (!rttTiming || lt(ack, rttSeq)) {
            return;
        }
        rttTiming = false;
        long sample;
        if (rttClean) {
            sample = now - rttSentAt;
        } else {
            return;
        }
        rtt.sample(sample);
        rack.roundTripSampled(sample);
        congestion.onRttSample(now, sample);
    }

    // ------------------------------------------------------------------ arrival: text and FIN

    /**
     * RFC 9293 §3.10.7.4 seventh and eighth: stores the payload of {@code in}, whose first octet
     * has sequence number {@code dataSeq}, and processes its FIN once everything before it is in.
     */
    private void receiveText(long now, int dataSeq, TcpRepr in) {
        int length = in.payloadLength();
        boolean stored = true;
        if (length > 0) {
            if (state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT_1 || state == TcpState.FIN_WAIT_2) {
                stored = storeText(now, dataSeq, in.payload(), in.payloadOffset(), length);
            } else {
                stored = false;
            }
        }
        if (in.isFin() && !finReceived) {
            int finSeq = dataSeq + length;
            if (finSeq == rcvNxt) {
                receiveFin(now);
            } else if (gt(finSeq, rcvNxt) && stored) {
                finPending = true;
                finPendingSeq = finSeq;
                duplicateAckNow = true;
            }
        }
    }

    /**
     * Text received again, below RCV.NXT: the next ACK says which in a D-SACK block (RFC 2883
     * §4), so that the sender can tell a needless retransmission (its ACK was lost, or the
     * network duplicated the segment) from a loss.
     */
    private void reportDuplicate(int left, int right) {
        dsackPending = sackNegotiated;
        // At once, as for any duplicate (RFC 9293 §3.10.7.4): the sender learns of it before
        // it retransmits again.
        acks.now();
        dsackLeft = left;
        dsackRight = right;
    }

    /** Returns whether all of the text was stored. */
    private boolean storeText(long now, int seq, byte[] data, int offset, int length) {
        int skip = rcvNxt - seq;
        if (skip > 0) {
            reportDuplicate(seq, seq + Math.min(skip, length));
            if (skip >= length) {
                acks.now();
                return true;
            }
            seq += skip;
            offset += skip;
            length -= skip;
        }
        int at = seq - rcvNxt;
        int limit = Math.min(receiveWindow.window(rcvNxt), rx.window());
        boolean whole = true;
        if (at + length > limit) {
            whole = false;
            length = limit - at;
            if (length <= 0) {
                acks.now();
                return false;
            }
        }
        boolean hadHoles = !assembler.isEmpty();
        acks.segmentArrived(length, receiveMss());
        if (!assembler.add(at, length)) {
            dropsOutOfOrder++;
            acks.now();
            return false;
        }
        rx.writeUnallocated(at, data, offset, length);
        int inOrder = assembler.removeFront();
        if (inOrder > 0) {
            rx.enqueueUnallocated(inOrder);
            rcvNxt += inOrder;
            octetsReceived += inOrder;
        }
        if (at > 0) {
            duplicateAckNow = true;
        } else if (hadHoles) {
            // It fills (part of) a gap: ACK at once (RFC 5681 §4.2).
            acks.now();
        } else {
            acks.taken(now, inOrder);
        }
        if (finPending && rcvNxt == finPendingSeq) {
            receiveFin(now);
        }
        return whole;
    }

    private void receiveFin(long now) {
        finPending = false;
        finReceived = true;
        rcvNxt += 1;
        acks.now();
        switch (state) {
            case SYN_RECEIVED, ESTABLISHED -> setState(now, TcpState.CLOSE_WAIT);
            case FIN_WAIT_1 -> {
                if (finQueued && gt(sndUna, dataEnd())) {
                    enterTimeWait(now);
                } else {
                    setState(now, TcpState.CLOSING);
                }
            }
            case FIN_WAIT_2 -> enterTimeWait(now);
            default -> {
            }
        }
    }

    // ------------------------------------------------------------------ replies

    /**
     * {@code <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>}, with the usual options; committed by
     * {@link #replied} once the device took it.
     */
    private boolean fillAckReply(long now, TcpRepr reply) {
        fillHeader(now, reply, true);
        reply.seq(ackSeq());
        return true;
    }

    /**
     * The ACK owed to an unacceptable segment without text, at most once per
     * {@link ReplyLimits#OUT_OF_WINDOW_ACK_INTERVAL}: two ends that disagree about a window would otherwise
     * answer each other's ACKs forever (an "ACK war"; Linux limits these the same way). Segments
     * with text are always answered: their ACK is what the sender's recovery waits for.
     */
    private boolean fillRateLimitedAck(long now, TcpRepr reply) {
        return replyLimits.takeOutOfWindowAck(now) && fillAckReply(now, reply);
    }

    /** A challenge ACK (RFC 5961 §3.2, §4.2), unless the rate limit holds it back (§7). */
    private boolean fillChallengeAck(long now, TcpRepr reply) {
        return replyLimits.takeChallenge(now) && fillAckReply(now, reply);
    }

    // ------------------------------------------------------------------ departure

    private int prepare(long now, TcpRepr out) {
        out.clear();
        if (rstPending) {
            addressed(out).sourcePort(localPort).destinationPort(remotePort)
                    .seq(rstSeq).flags(TcpFlags.RST);
            return KIND_RST;
        }
        switch (state) {
            case CLOSED, LISTEN -> {
                return KIND_NONE;
            }
            case SYN_SENT, SYN_RECEIVED -> {
                if (sndNxt == iss) {
                    fillSyn(now, out);
                    return KIND_SYN;
                }
                return KIND_NONE;
            }
            case TIME_WAIT -> {
                if (acks.isDue()) {
                    fillHeader(now, out, true);
                    out.seq(ackSeq());
                    return KIND_ACK;
                }
                return KIND_NONE;
            }
            default -> {
            }
        }
        fillHeader(now, out, true);
        if (timers.isFired(TcpTimer.LOSS_PROBE) && prepareLossProbe(out)) {
            return KIND_LOSS_PROBE;
        }
        int kind = prepareData(out);
        if (kind != KIND_NONE) {
            return kind;
        }
        if (timers.isFired(TcpTimer.PERSIST) && prepareProbe(out)) {
            return KIND_PROBE;
        }
        out.payloadLength(0);
        out.seq(ackSeq());
        if (acks.isDue() || receiveWindow.updateDue(rcvNxt, finReceived, receiveMss())) {
            return KIND_ACK;
        }
        if (timers.isFired(TcpTimer.KEEP_ALIVE)) {
            // RFC 9293 §3.8.4: an old sequence number makes the peer answer with an ACK.
            out.seq(sndUna - 1);
            return KIND_KEEP_ALIVE;
        }
        return KIND_NONE;
    }

    /**
     * RFC 8985 §7.3: the tail loss probe is new data, one segment, if the peer's window takes
     * it (whatever cwnd says); else the last segment sent, again, or rather the highest one not
     * SACKed (as RFC 6675's rescue retransmission, §4 NextSeg rule 4): during a recovery the
     * last segment may be SACKed already, and a second copy of it would bring RACK no delivery
     * to time the retransmissions by, nor repair anything.
     */
    private boolean prepareLossProbe(TcpRepr out) {
        int dataEnd = dataEnd();
        int budget = Math.max(sendMss() - (out.optionsLength() - timestampLength()), 1);
        int peerUsable = sndUna + sndWnd - sndNxt;
        if (sndNxt == sndMax && lt(sndNxt, dataEnd) && peerUsable > 0) {
            int length = Math.min(Math.min(budget, dataEnd - sndNxt), peerUsable);
            fillData(out, sndNxt, length, finQueued && sndNxt + length == dataEnd, dataEnd);
            return true;
        }
        int unsackedEnd = scoreboard.highestUnsackedEnd(sndUna, sndMax);
        int top = SeqNumber.min(unsackedEnd, dataEnd);
        int seq = SeqNumber.max(SeqNumber.max(sndUna, top - budget), scoreboard.sackedEndBelow(top, sndUna));
        int length = Math.max(top - seq, 0);
        boolean fin = finQueued && gt(sndMax, dataEnd) && unsackedEnd == sndMax;
        if (length == 0 && !fin || sndMax == sndUna) {
            return false;
        }
        fillData(out, seq, length, fin, dataEnd);
        return true;
    }

    /** Chooses data (or a FIN) to send, filling seq, length and FIN into {@code out}. */
    private int prepareData(TcpRepr out) {
        int dataEnd = dataEnd();
        int budget = Math.max(sendMss() - (out.optionsLength() - timestampLength()), 1);

        if (recovery.retransmitUnaDue()) {
            int length = Math.max(Math.min(budget, dataEnd - sndUna), 0);
            boolean fin = finQueued && sndUna + length == dataEnd;
            if (length > 0 || fin) {
                fillData(out, sndUna, length, fin, dataEnd);
                return KIND_FAST_RETRANSMIT;
            }
        }

        long cwnd = recovery.sendWindow(congestion, budget, sndNxt == sndMax, sndUna, sndMax);
        long inUse = recovery.inFlight(sndUna, sndNxt, sndMax);
        int hole = recovery.nextHole(sndUna, sndMax);
        if (hole != sndMax) {
            // A hole to repair first (RFC 6675 NextSeg rule 1), when the pipe leaves room for it.
            int length = Math.min(budget, recovery.holeEnd(hole, sndMax) - hole);
            if (cwnd - inUse >= length) {
                int dataLength = Math.max(Math.min(length, dataEnd - hole), 0);
                boolean fin = finQueued && hole + dataLength == dataEnd && length > dataLength;
                fillData(out, hole, dataLength, fin, dataEnd);
                return KIND_SACK_RETRANSMIT;
            }
            return KIND_NONE;
        }

        int seq = sndNxt;
        boolean finUnsent = finQueued && le(seq, dataEnd);
        int available = dataEnd - seq;
        if (available <= 0 && !finUnsent) {
            return prepareRescue(out, cwnd - inUse, budget, dataEnd);
        }
        available = Math.max(available, 0);
        int peerUsable = sndUna + sndWnd - seq;
        // F-RTO's step 2b sends two new segments whatever the window after the timeout (RFC 5682 §2.1).
        long usable = Math.min(peerUsable, Math.max(cwnd - inUse, frto.allowance()));
        int length = (int) Math.max(0, Math.min(Math.min(available, offloadBudget(out, budget)), usable));
        if (length > budget && length % budget != 0 && (length < available || nagle && sndMax != sndUna)) {
            // A segment the device cuts ends in a short one: keep that back, as the rules
            // below would keep it back on its own (silly-window avoidance when more data waits,
            // Nagle when data is in flight), and send the whole segments now.
            length -= length % budget;
        }
        boolean retransmission = lt(seq, sndMax);
        boolean fin = finUnsent && seq + length == dataEnd && (length > 0 || peerUsable > 0);
        if (length == 0 && !fin) {
            return KIND_NONE;
        }
        if (!retransmission && !fin && length < budget && sndMax != sndUna) {
            if (length < available) {
                // Sender silly-window avoidance (RFC 9293 §3.8.6.2.1): wait for a bigger window.
                if (length < maxSndWnd / 2) {
                    return KIND_NONE;
                }
            } else if (nagle) {
                return KIND_NONE;
            }
        }
        fillData(out, seq, length, fin, dataEnd);
        if (length > budget) {
            out.segmentSize(budget);
        }
        return KIND_DATA;
    }

    /** RFC 6675 §4 NextSeg() rule 4: the rescue retransmission, when the pipe leaves room for it. */
    private int prepareRescue(TcpRepr out, long room, int budget, int dataEnd) {
        int seq = recovery.rescueSeq(sndUna, sndMax, budget);
        if (seq == sndMax) {
            return KIND_NONE;
        }
        int end = SeqNumber.min(SeqNumber.min(seq + budget, sndMax), dataEnd);
        int length = Math.max(end - seq, 0);
        boolean fin = finQueued && gt(sndMax, dataEnd) && seq + length == dataEnd;
        if (room < Math.max(length, 1) || length == 0 && !fin) {
            return KIND_NONE;
        }
        fillData(out, seq, length, fin, dataEnd);
        return KIND_RESCUE;
    }

    /**
     * The most payload one segment may carry, given the MSS {@code budget}: with TCP
     * segmentation offload, as many whole MSS as the device's largest datagram holds beside the
     * headers, so that it cuts only full segments; otherwise the MSS. Only new data, and what
     * goes again after a timeout (as cwnd allows), goes in such segments: fast and SACK
     * retransmissions repair one lost wire segment each, so they stay one MSS.
     */
    private int offloadBudget(TcpRepr out, int budget) {
        // Over IPv6 the interface writes each segment whole, one MTU at most: the tap cuts TCP over IPv4 only (TSO4).
        if (tsoMaxSize == 0 || ipv6) {
            return budget;
        }
        int room = tsoMaxSize - headersLength() - out.optionsLength();
        return Math.max(room / budget, 1) * budget;
    }

    /** A zero-window probe: one octet (or the FIN) at SND.UNA, beyond the closed window. */
    private boolean prepareProbe(TcpRepr out) {
        int dataEnd = dataEnd();
        int length = Math.min(1, dataEnd - sndUna);
        boolean fin = finQueued && length <= 0 && sndUna == dataEnd;
        if (length <= 0 && !fin) {
            return false;
        }
        fillData(out, sndUna, Math.max(length, 0), fin, dataEnd);
        return true;
    }

    private void fillData(TcpRepr out, int seq, int length, boolean fin, int dataEnd) {
        out.seq(seq).payloadLength(length);
        if (fin) {
            out.set(TcpFlags.FIN);
        }
        if (length > 0 && seq + length == dataEnd) {
            out.set(TcpFlags.PSH);
        }
    }

    private void fillSyn(long now, TcpRepr out) {
        boolean active = state == TcpState.SYN_SENT;
        addressed(out).sourcePort(localPort).destinationPort(remotePort)
                .seq(iss).flags(TcpFlags.SYN);
        if (!active) {
            out.ack(rcvNxt);
        }
        out.window(Math.min(rx.window(), 0xFFFF));
        out.mss(Math.min(receiveMss(), 0xFFFF));
        if (active ? windowScaleEnabled : windowScaleNegotiated) {
            out.windowScale(receiveWindow.shift());
        }
        if (active ? sackEnabled : sackNegotiated) {
            out.sackPermitted(true);
        }
        if (active ? timestampsEnabled : timestamps.negotiated()) {
            out.timestamps(timestamps.clock(now), active ? 0 : timestamps.recent());
        }
    }

    /** Ports, addresses, ACK, window, timestamps and SACK blocks of a synchronized segment. */
    private void fillHeader(long now, TcpRepr out, boolean withAck) {
        out.clear();
        addressed(out).sourcePort(localPort).destinationPort(remotePort);
        if (withAck) {
            out.ack(rcvNxt);
        }
        out.window(receiveWindow.field(rcvNxt, finReceived, receiveMss()));
        if (timestamps.negotiated()) {
            timestamps.fill(now, out);
        }
        int room = timestamps.negotiated() ? 3 : 4;
        if (sackNegotiated && dsackPending) {
            // Cleared when an ACK carrying it is sent (commitAckSent), not here: a segment
            // described by dispatch may never be sent.
            out.addSackBlock(dsackLeft, dsackRight);
            room--;
        }
        if (sackNegotiated && !assembler.isEmpty()) {
            int blocks = Math.min(assembler.rangeCount(), room);
            for (int rank = 0; rank < blocks; rank++) {
                int index = assembler.rangeByRecency(rank);
                out.addSackBlock(rcvNxt + assembler.rangeStart(index), rcvNxt + assembler.rangeEnd(index));
            }
        }
    }

    /** The sequence number of a segment without text: SND.NXT, kept inside the peer's window. */
    private int ackSeq() {
        int windowEnd = sndUna + sndWnd;
        return le(sndMax, windowEnd) ? sndMax : windowEnd;
    }

    private void commitSequenceSpace(long now, int kind, TcpRepr out, int segLen) {
        int seq = out.seq();
        int end = seq + segLen;
        boolean nothingOutstanding = sndMax == sndUna;
        boolean retransmission = lt(seq, sndMax);
        // Text beyond SND.MAX is sent for the first time even in a retransmission: a path MTU
        // that shrank cuts the flight anew, and the last piece can run on into new text.
        int textEnd = end - (out.isFin() ? 1 : 0);
        int textStart = seq + (out.isSyn() ? 1 : 0);
        int freshText = gt(textEnd, sndMax) ? textEnd - (gt(textStart, sndMax) ? textStart : sndMax) : 0;
        if (retransmission) {
            retransmissions++;
            rttClean = false;
            timestamps.retransmitted(out);
            spurious.retransmitted(seq, segLen, out);
            if (out.isSyn()) {
                synRetransmitted = true;
            }
        } else if (!rttTiming) {
            rttTiming = true;
            rttClean = true;
            rttSeq = end;
            rttSentAt = now;
        }
        switch (kind) {
            case KIND_FAST_RETRANSMIT -> recovery.retransmitted(end, true);
            case KIND_SACK_RETRANSMIT -> recovery.retransmitted(end, false);
            default -> {
                if (gt(end, sndNxt)) {
                    sndNxt = end;
                }
            }
        }
        if (gt(end, sndMax)) {
            sndMax = end;
        }
        if (sackRecovery.usesRack() && !out.isSyn()) {
            // Not the SYN: the handshake's ACK never reaches RACK, so its entry would stay
            // until the first ACK of data and be "delivered" then, with a round trip as long as
            // the wait, which as RACK.min_RTT makes every later retransmission look needless.
            rack.sent(seq, end, now);
        }
        recovery.sent(segLen);
        if (out.payloadLength() > 0) {
            octetsSent += freshText;
            if (!retransmission) {
                frto.sentNew(out.payloadLength());
            }
            lastDataSentAt = now;
            sentData = true;
        }
        boolean persisting = kind == KIND_PROBE || sndWnd == 0 && !out.isSyn();
        if (!persisting && !timers.isArmed(TcpTimer.RETRANSMISSION)) {
            timers.arm(TcpTimer.RETRANSMISSION, Micros.plus(now, rtt.rto()));
        }
        if (nothingOutstanding && userTimeout != Micros.NEVER && !persisting) {
            timers.arm(TcpTimer.USER_TIMEOUT, Micros.plus(now, userTimeout));
        }
    }

    private void commitAckSent(TcpRepr out) {
        timestamps.acknowledged(out.ackNumber());
        acks.sent();
        dsackPending = false;
        receiveWindow.advertised(rcvNxt, out.window(), out.isSyn());
    }

    // ------------------------------------------------------------------ timers

    private void runTimers(long now) {
        if (timers.expire(TcpTimer.TIME_WAIT, now)) {
            closeReason = CloseReason.CLOSED;
            enterClosed(now, false);
            return;
        }
        if (timers.expire(TcpTimer.USER_TIMEOUT, now)) {
            timeOut(now, CloseReason.USER_TIMEOUT);
            return;
        }
        if (timers.expire(TcpTimer.RETRANSMISSION, now)) {
            if (consecutiveTimeouts >= maxRetransmissions) {
                timeOut(now, CloseReason.TIMED_OUT);
                return;
            }
            retransmissionTimeout(now);
        }
        if (timers.expire(TcpTimer.RACK_REORDER, now)) {
            rackDetectLoss(now);
            // RFC 8985 §7.2 arms the PTO on an ACK; the reordering timer stood in its way
            // then, so when it has done its work the probe is armed, or nothing would watch
            // the retransmissions it starts but the retransmission timer.
            armLossProbe(now);
        }
        if (timers.expire(TcpTimer.LOSS_PROBE, now) && sndMax != sndUna) {
            timers.fire(TcpTimer.LOSS_PROBE);
        }
        if (timers.expire(TcpTimer.PERSIST, now)) {
            if (userTimeout != Micros.NEVER && unansweredProbes > 0 && now - firstUnansweredProbeAt >= userTimeout) {
                timeOut(now, CloseReason.USER_TIMEOUT);
                return;
            }
            if (unansweredProbes >= maxRetransmissions) {
                timeOut(now, CloseReason.TIMED_OUT);
                return;
            }
            timers.fire(TcpTimer.PERSIST);
        }
        if (timers.expire(TcpTimer.DELAYED_ACK, now)) {
            acks.expired();
        }
        if (timers.expire(TcpTimer.KEEP_ALIVE, now)) {
            boolean silentTooLong = userTimeout != Micros.NEVER && keepAliveProbesSent > 0
                    && now - lastReceivedAt >= userTimeout;
            if (keepAliveProbesSent >= keepAliveProbeLimit || silentTooLong) {
                timeOut(now, silentTooLong ? CloseReason.USER_TIMEOUT : CloseReason.TIMED_OUT);
                return;
            }
            if (keepAliveProbesSent == 0 && lastReceivedAt + keepAliveIdle > now) {
                // Something arrived since the timer was set: wait the idle time from it.
                timers.arm(TcpTimer.KEEP_ALIVE, Micros.plus(lastReceivedAt, keepAliveIdle));
            } else if (sndMax == sndUna && !hasUnsent()) {
                timers.fire(TcpTimer.KEEP_ALIVE);
            } else {
                // Data is outstanding: the retransmission timer watches the peer.
                timers.arm(TcpTimer.KEEP_ALIVE, Micros.plus(now, keepAliveIdle));
            }
        }
    }

    /** RFC 6298 §5.4-5.6 and RFC 5681 §3.1: back off, go back to SND.UNA, shrink the window. */
    private void retransmissionTimeout(long now) {
        consecutiveTimeouts++;
        timeouts++;
        rtt.backoff();
        rttTiming = false;
        timestamps.backedOff();
        if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) {
            sndNxt = iss;
            return;
        }
        congestion.onRetransmitTimeout(now, sndMax - sndUna);
        spurious.reduced(true, sndUna, sndMax);
        frto.timedOut(sndUna, sndMax);
        goBackToUna();
    }

    /**
     * The last reduction was spurious ({@link SpuriousRetransmissions}, {@link ForwardRto}): the
     * controller puts its window back, recovery ends and, after a timeout, what was sent before
     * it is not sent again but new data follows (RFC 4015 §3.2, RFC 5682 §3: SND.NXT = SND.MAX).
     */
    private void undoReduction(long now, boolean afterTimeout) {
        congestion.onSpuriousCongestionEvent(now);
        recovery.undo();
        frto.abandon();
        if (afterTimeout) {
            sndNxt = sndMax;
        }
    }

    /**
     * Sends everything past SND.UNA again, from SND.UNA on: any recovery ends, recover becomes
     * the highest sequence number sent (RFC 6582 §3.2, so the duplicate ACKs of the old flight
     * start no fast retransmit) and the SACK scoreboard is dropped, as after a timeout, when it
     * is not trusted (RFC 2018 §8).
     */
    private void goBackToUna() {
        recovery.goBack(sndUna, sndMax);
        timers.cancel(TcpTimer.RACK_REORDER);
        timers.cancel(TcpTimer.LOSS_PROBE);
        lossProbe.abandon();
        sndNxt = sndUna;
    }

    private void timeOut(long now, CloseReason reason) {
        boolean peerKnows = state != TcpState.SYN_SENT && state != TcpState.SYN_RECEIVED;
        if (state == TcpState.SYN_RECEIVED && passiveOpen) {
            returnToListen(now);
            return;
        }
        if (peerKnows && state != TcpState.TIME_WAIT) {
            rstPending = true;
            rstSeq = sndMax;
        }
        closeReason = reason;
        rx.clear();
        assembler.clear();
        enterClosed(now, true);
    }

    /** Arms the timers whose need follows from the state (persist, keep-alive, user timeout). */
    private void armTimers(long now) {
        if (retransmissionNeeded()) {
            timers.arm(TcpTimer.RETRANSMISSION, Micros.plus(now, rtt.rto()));
        }
        if (persistNeeded()) {
            timers.arm(TcpTimer.PERSIST, Micros.plus(now, persistInterval()));
        }
        if (keepAliveNeeded()) {
            timers.arm(TcpTimer.KEEP_ALIVE, Math.max(now, Micros.plus(lastReceivedAt, keepAliveIdle)));
        }
        if (userTimeoutNeeded()) {
            timers.arm(TcpTimer.USER_TIMEOUT, Micros.plus(now, userTimeout));
        }
    }

    private boolean timersNeedArming() {
        return retransmissionNeeded() || persistNeeded() || keepAliveNeeded() || userTimeoutNeeded();
    }

    /** Data outstanding in an open window with no timer watching it (the window just reopened). */
    private boolean retransmissionNeeded() {
        return sndMax != sndUna && sndWnd != 0 && sendingState()
                && !timers.isArmed(TcpTimer.RETRANSMISSION);
    }

    /** Whether data or a FIN waits to be sent for the first time. */
    private boolean hasUnsent() {
        int dataEnd = dataEnd();
        return lt(sndMax, dataEnd) || finQueued && le(sndMax, dataEnd);
    }

    private boolean persistNeeded() {
        return sndWnd == 0 && timers.isIdle(TcpTimer.PERSIST)
                && sendingState() && (gt(dataEnd(), sndUna) || finQueued && le(sndUna, dataEnd()));
    }

    private boolean keepAliveNeeded() {
        return keepAliveIdle != Micros.NEVER && timers.isIdle(TcpTimer.KEEP_ALIVE)
                && (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT || state == TcpState.FIN_WAIT_2);
    }

    private boolean userTimeoutNeeded() {
        return userTimeout != Micros.NEVER && sndMax != sndUna && (sndWnd != 0 || !state.isSynchronized())
                && state != TcpState.CLOSED
                && state != TcpState.LISTEN && state != TcpState.TIME_WAIT
                && !timers.isArmed(TcpTimer.USER_TIMEOUT);
    }

    private boolean sendingState() {
        return switch (state) {
            case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK -> true;
            default -> false;
        };
    }

    private long persistInterval() {
        long interval = rtt.rto();
        for (int i = 0; i < persistBackoff && interval < MAX_PERSIST_INTERVAL; i++) {
            interval <<= 1;
        }
        return Math.min(interval, MAX_PERSIST_INTERVAL);
    }

    /** RFC 5681 §4.1: restart from the restart window after an idle period longer than the RTO. */
    private void maybeIdleRestart(long now) {
        if (sentData && sndMax == sndUna && gt(dataEnd(), sndNxt) && state.isSynchronized()
                && now - lastDataSentAt > rtt.rto()) {
            congestion.onIdleRestart(now);
            lastDataSentAt = now;
        }
    }

    // ------------------------------------------------------------------ windows and sizes

    /** The IP and TCP headers without options of this connection's family: what the MSS does not count. */
    private int headersLength() {
        return ipv6 ? HEADERS_LENGTH_IPV6 : HEADERS_LENGTH;
    }

    /** The MSS we announce: the MTU minus the IP and TCP headers. */
    private int receiveMss() {
        return Math.min(mtu - headersLength(), mssClamp);
    }

    /** The largest payload plus timestamps we may send: the peer's MSS within the path MTU, less the timestamps option. */
    private int sendMss() {
        return Math.max(Math.min(Math.min(peerMss, mssClamp), pathMtu() - headersLength()) - timestampLength(), 1);
    }

    /** The largest datagram we send: the link's MTU, or less when ICMP said the path carries less. */
    private int pathMtu() {
        return pathMtu == 0 ? mtu : Math.min(mtu, pathMtu);
    }

    private int timestampLength() {
        return timestamps.optionLength();
    }

    private int scaledWindow(int field) {
        return field << sndShift;
    }

    /** The smallest shift that lets a window field describe {@code capacity} octets (at most 14). */
    static int shiftFor(int capacity) {
        int shift = 0;
        while (shift < MAX_WINDOW_SHIFT && (0xFFFFL << shift) < capacity) {
            shift++;
        }
        return shift;
    }

    /** One past the last octet queued: where the data ends, and the FIN's sequence number once one is queued. */
    private int dataEnd() {
        return txBase + tx.length();
    }

    /** RFC 6675 SetPipe() of the SACK scoreboard ({@link SackScoreboard#pipe}). */
    int pipe() {
        return sackRecovery.pipe(sndUna, sndMax);
    }

    // ------------------------------------------------------------------ state changes

    /** A fresh controller for the connection being opened. */
    private void takeCongestionControl() {
        congestion = nextCongestion != null ? nextCongestion : CongestionControls.create(congestionAlgorithm, hyStartEnabled);
        nextCongestion = null;
    }

    private void chooseIss(long now) {
        iss = fromCookie ? cookieIss
                : isnSource == null ? (int) (now >>> 2)
                : ipv6 ? isnSource.isn(now, localHigh, localLow, localPort, remoteHigh, remoteLow, remotePort)
                : isnSource.isn(now, localAddress, localPort, remoteAddress, remotePort);
        sndUna = iss;
        sndNxt = iss;
        sndMax = iss;
        txBase = iss + 1;
        newRenoRecovery.reset(iss);
        sackRecovery.reset(iss);
        lossProbe.reset();
        timestamps.start(iss);
    }

    private void setState(long now, TcpState to) {
        TcpState from = state;
        if (from == to) {
            return;
        }
        state = to;
        if (eventListener != null) {
            eventListener.onStateChange(now, this, from, to);
        }
    }

    private void enterTimeWait(long now) {
        timers.reset();
        timers.arm(TcpTimer.TIME_WAIT, Micros.plus(now, timeWaitDuration));
        setState(now, TcpState.TIME_WAIT);
    }

    /** To CLOSED, keeping the endpoints (for tcp show and a pending RST). */
    private void enterClosed(long now, boolean flushSendQueue) {
        timers.reset();
        if (flushSendQueue) {
            tx.clear();
        }
        finQueued = flushSendQueue ? false : finQueued;
        acks.forget();
        setState(now, TcpState.CLOSED);
    }

    private void returnToListen(long now) {
        int address = listenAddress;
        int port = localPort;
        resetConnection();
        listenAddress = address;
        localAddress = address;
        localPort = port;
        setState(now, TcpState.LISTEN);
    }

    private void resetConnection() {
        closeReason = CloseReason.NONE;
        pathMtu = 0;
        lastIcmpError = null;
        passiveOpen = false;
        listenAddress = 0;
        localAddress = 0;
        localPort = 0;
        remoteAddress = 0;
        remotePort = 0;
        ipv6 = false;
        localHigh = 0;
        localLow = 0;
        remoteHigh = 0;
        remoteLow = 0;
        iss = 0;
        sndUna = 0;
        sndNxt = 0;
        sndMax = 0;
        sndWnd = 0;
        sndWl1 = 0;
        sndWl2 = 0;
        maxSndWnd = 0;
        txBase = 0;
        finQueued = false;
        irs = 0;
        rcvNxt = 0;
        receiveWindow.reset();
        finReceived = false;
        finPending = false;
        finPendingSeq = 0;
        windowScaleNegotiated = false;
        sackNegotiated = false;
        dsackPending = false;
        sndShift = 0;
        peerMss = DEFAULT_PEER_MSS;
        timestamps.reset();
        spurious.reset();
        frto.reset();
        recoveryTime.reset();
        rttTiming = false;
        rttClean = false;
        rttSeq = 0;
        rttSentAt = 0;
        synRetransmitted = false;
        fromCookie = false;
        cookieIss = 0;
        rtt.reset();
        scoreboard.reset();
        newRenoRecovery.reset(0);
        sackRecovery.reset(0);
        lossProbe.reset();
        recovery = newRenoRecovery;
        timers.reset();
        persistBackoff = 0;
        unansweredProbes = 0;
        keepAliveProbesSent = 0;
        acks.reset();
        duplicateAckNow = false;
        rstPending = false;
        rstSeq = 0;
        lastReceivedAt = 0;
        lastDataSentAt = 0;
        sentData = false;
        replyLimits.reset();
        preparedKind = KIND_NONE;
        consecutiveTimeouts = 0;
        retransmissions = 0;
        timeouts = 0;
        duplicateAcks = 0;
        segmentsIn = 0;
        segmentsOut = 0;
        octetsSent = 0;
        octetsReceived = 0;
        dropsOutOfOrder = 0;
        rx.clear();
        tx.clear();
        assembler.clear();
    }

    // ------------------------------------------------------------------ inspection

    /** Octets sent and not yet acknowledged (SND.MAX - SND.UNA); 0 before the connection opens. */
    public int bytesInFlight() {
        return state == TcpState.CLOSED || state == TcpState.LISTEN ? 0 : sndMax - sndUna;
    }

    /** The smoothed round-trip time (RFC 6298 §2), microseconds; 0 before the first measurement. */
    public long srtt() {
        return rtt.srtt();
    }

    /** The retransmission timeout now (RFC 6298 §2), microseconds. */
    public long rto() {
        return rtt.rto();
    }

    /** A snapshot of the control block at {@code now}, for {@code tcp show} (allocates). */
    public TcpControlBlock controlBlock(long now) {
        List<TcpControlBlock.ArmedTimer> armed = new ArrayList<>(TcpTimer.COUNT);
        timers.appendArmed(armed, now);
        boolean synchronizedOrSynRcvd = state.isSynchronized() || state == TcpState.SYN_RECEIVED;
        int inFlight = state == TcpState.CLOSED || state == TcpState.LISTEN ? 0 : sndMax - sndUna;
        return new TcpControlBlock(
                state, closeReason,
                local(), remote(),
                iss, irs,
                sndUna, sndNxt, sndMax, sndWnd, sndWl1, sndWl2,
                rcvNxt, synchronizedOrSynRcvd ? receiveWindow.window(rcvNxt) : 0,
                sndShift, receiveWindow.shift(), windowScaleNegotiated,
                sendMss(), receiveMss(), peerMss,
                rtt.srtt(), rtt.rttvar(), rtt.rto(),
                congestion.window(), congestion.slowStartThreshold(), congestion.algorithm(),
                recovery.inRecovery(), recovery.inflation(),
                tx.length(), inFlight, octetsReceived, rx.length(),
                assembler.rangeCount(),
                octetsSent, segmentsIn, segmentsOut,
                retransmissions, recovery.fastRetransmits(), timeouts, duplicateAcks, recovery.duplicateAcks(),
                sackNegotiated, timestamps.negotiated(), scoreboard.rangeCount(),
                List.copyOf(armed),
                nagle, acks.enabled(), acks.delay(),
                keepAliveIdle, keepAliveInterval, keepAliveProbeLimit, userTimeout, timeWaitDuration,
                replyLimits.challengeAcks(), dropsOutOfOrder, timestamps.pawsRejected(), timestamps.missingDrops(),
                pathMtu(), lastIcmpError == null ? null : lastIcmpError.toString(),
                (sackNegotiated ? sackRecovery.state(timers.isArmed(TcpTimer.RACK_REORDER),
                        timers.isArmed(TcpTimer.LOSS_PROBE) || timers.isFired(TcpTimer.LOSS_PROBE), lossProbe)
                        : LossRecoveryState.NONE).withSocketCounters(spurious.eifelUndos(), spurious.dsackUndos(), frto.undos(),
                        recoveryTime.total(now)),
                congestion.hyStart());
    }

    @Override
    public String toString() {
        return "tcp " + local() + " -> " + remote() + " " + state;
    }
}
