package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.DeviceCapabilities;
import dev.jnetlab.stack.phy.FrameReceiver;
import dev.jnetlab.stack.rand.SplitMix64;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.ConnectError;
import dev.jnetlab.stack.socket.tcp.Ipv6PathMtu;
import dev.jnetlab.stack.socket.tcp.IsnGenerator;
import dev.jnetlab.stack.socket.tcp.IsnSource;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpHandler;
import dev.jnetlab.stack.wire.TcpRepr;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.ArpOperation;
import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.WireError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An Ethernet interface with IPv4: the layer between a {@link Device} and the sockets of a
 * {@link SocketSet}, after smoltcp's {@code Interface}.
 *
 * <h2>Polling</h2>
 * Nothing happens between calls. The event loop calls {@link #poll(long, Device, SocketSet)},
 * which runs the timers that are due (ARP retries, reassembly timeouts), receives frames until
 * the device has none or {@value #RECEIVE_BURST} have been taken, answers what needs an answer
 * (ARP, echo, errors, resets) from inside the receive, then sends what the sockets have
 * queued; it returns whether anything happened. {@link #pollAt(long, SocketSet)} says when the
 * next poll is needed even if no frame arrives, {@link #pollDelay(long, SocketSet)} how long
 * that is from now.
 *
 * <h2>What it does</h2>
 * One package-private class per protocol does the work, and this class says what they do
 * together: {@link Arp}, {@link Ipv4} (with fragments), {@link Icmpv4}, {@link Udp} and
 * {@link Tcp} take what is received, each from the checked view of the layer below, and
 * return (or, for TCP, send) their reply; the way out is the {@link Transmitter}'s, which
 * takes a {@link TransmitRequest} and answers a {@link TransmitResult}. This class keeps the
 * public API, the polling, the timers and the Ethernet demultiplexing by EtherType.
 * <ul>
 *   <li><b>ARP</b> (RFC 826): answers requests for any of its addresses; keeps a
 *       {@linkplain NeighborCache neighbor cache} with 60-second expiry and LRU eviction;
 *       sends at most one request a second per address, three in all; learns from requests
 *       addressed to it and from gratuitous ARP (RFC 5227), merges what any ARP packet says
 *       about an address it already has (RFC 826), and ignores replies about addresses it
 *       never asked for. Frames waiting for resolution are held ({@link PendingFrames}) and
 *       sent when the reply comes.</li>
 *   <li><b>IPv4</b> (RFC 791, RFC 1122): several addresses; connected, static and default
 *       routes by longest prefix ({@link Routes}); limited and directed broadcast delivered
 *       to UDP; everything not for this host dropped (it does not forward); reassembly
 *       ({@link FragmentReassembler}); fragmentation of what it sends, honouring Don't
 *       Fragment; options ignored; datagrams to its own addresses looped back.</li>
 *   <li><b>ICMP</b> (RFC 792, RFC 1122 section 3.2.2): echo replies with the request's data
 *       (switchable; broadcast requests ignored by default); port unreachable, protocol
 *       unreachable and reassembly time exceeded, rate-limited ({@link IcmpRateLimiter}) and
 *       never about an ICMP error, a broadcast or multicast, a non-first fragment or a source
 *       that is not one host; echo replies and errors about echo requests delivered to the
 *       {@link IcmpSocket} of their identifier.</li>
 *   <li><b>UDP</b>: datagrams to and from {@link UdpSocket}s, straight between the socket's
 *       buffer and the frame.</li>
 *   <li><b>Over IPv6</b> ({@link Ipv6}): the same UDP and TCP sockets, through
 *       {@link Udp#receive6} and {@link Tcp#receive6} and the neighbor cache of NDP, which holds
 *       the first packet for a neighbor being resolved; a connection is of one family end to
 *       end, a listener or UDP socket on every address takes both.</li>
 *   <li><b>TCP</b>: segments to and from the {@link TcpSocket}s and
 *       {@link dev.jnetlab.stack.socket.tcp.TcpListener}s of the set (see below); a segment
 *       no socket takes gets the reset of RFC 9293 section 3.10.7.1 (never a reset for a
 *       reset, none for a broadcast).</li>
 * </ul>
 * Every frame dropped is counted by its reason ({@link InterfaceCounter}); nothing a peer sends
 * makes it throw.
 *
 * <h2>TCP</h2>
 * <b>Receiving.</b> A segment whose checksum verifies (when the device's capabilities ask
 * for it and the device did not vouch for the frame, as a tap with checksum offload does for
 * what the kernel sends; a bad one is counted as {@code drop_bad_checksum}) is parsed into one reused
 * {@link TcpRepr}, its payload lent in place, and given to the handler
 * {@link SocketSet#findTcp} names: the connection with its four numbers, else a listener of
 * its port. What the handler answers at once (an RST, a challenge ACK, the ACK owed to an
 * unacceptable segment) goes out from inside the receive. No handler: the reset of
 * {@link TcpSocket#resetFor}, counted in {@code tcp_resets_out}.
 *
 * <p><b>Sending.</b> After the receive burst, each {@link TcpHandler} (connections first, then
 * listeners) is asked for segments while it has one: the interface sizes the frame from the
 * segment it described, writes Ethernet, IPv4 (TTL 64, Don't Fragment set, as Linux sets it for path MTU
 * discovery: TCP sizes its segments to the MSS and never needs fragments) and TCP headers
 * straight into the device's buffer, has the socket copy the payload from its send queue, and
 * commits the segment ({@link TcpHandler#sent}) only once the device took the frame. When
 * things go wrong:
 * <ul>
 *   <li>The device refuses (full, down): nothing is committed, the segment is described again
 *       on a later poll (after {@link #DEVICE_RETRY}); nothing is lost.</li>
 *   <li>The next hop is not resolved: nothing is committed and nothing is parked in the ARP
 *       queue; ARP asks, and the handler is left out of {@code pollAt} until the reply comes
 *       (the reply is a frame, so the loop polls, and the socket describes the segment again,
 *       up to date) or the neighbor cache's next deadline. If ARP gives up, the segment is
 *       committed as lost ({@code drop_arp_timeout}) and the socket's retransmission timer
 *       takes over, so a connection to an absent host times out as TCP says rather than
 *       waiting forever. See {@link ArpWaiters}.</li>
 *   <li>No route, a source address no longer ours, or a datagram over the MTU: committed as
 *       lost and counted ({@code drop_no_route}, {@code drop_too_big_dont_fragment}), so the
 *       socket backs off and eventually gives up instead of spinning.</li>
 * </ul>
 * Every socket is told the device's MTU on each poll, so it advertises an MSS of
 * {@code MTU - 40} ({@code MTU - 60} over IPv6), and its TSO limit ({@link DeviceCapabilities#tsoMaxSize()}): a device that
 * cuts segments itself gets new data in segments of many MSS, one frame each, and a segment
 * from one (a GSO super-frame) is taken whole, however far it exceeds the MTU. ISNs come from one {@link IsnGenerator} per interface, keyed from the
 * configuration's seed ({@link #newSocketSet()} hands it to the set), so {@code --seed}
 * reproduces them. State changes reach the listener the owner sets with
 * {@link SocketSet#setTcpEventListener}. Counted: {@code tcp_in}, {@code tcp_out},
 * {@code tcp_retransmissions}, {@code tcp_resets_out}.
 *
 * <h2>Allocation</h2>
 * The packet path allocates nothing (ARCHITECTURE.md §4): one set of views is reused for every frame,
 * one {@link FrameReceiver} and one {@link dev.jnetlab.stack.phy.FrameFiller} live as long as
 * the interface, every table is a preallocated array, counters are {@code long}s. The
 * inspection methods for the console ({@link #stats()}, {@link #neighbors(long)},
 * {@link #routes()}) make snapshots and may allocate.
 *
 * <p>Not thread-safe: the stack's event loop owns it (ARCHITECTURE.md §2).
 */
public final class Interface {
    /** Most frames received in one poll before the sockets get their turn. */
    public static final int RECEIVE_BURST = 64;
    /** How long to wait before trying a device that refused a frame. */
    public static final long DEVICE_RETRY = Micros.ofMillis(1);
    /**
     * The largest ICMP error this interface sends: it quotes as much of the offending
     * datagram as fits in 576 octets, as RFC 1812 section 4.3.2.3 has routers do and as Linux
     * does, rather than RFC 792's header and 8 octets: more of the datagram helps whoever
     * reads the error (a person in tcpdump, or a stack matching it to a connection).
     */
    public static final int MAX_ICMP_ERROR = 576;
    /** Frames that can wait in the loopback queue. */
    static final int LOOPBACK_FRAMES = 64;

    private final InterfaceConfig config;
    private final long mac;
    private final InterfaceCounters counters = new InterfaceCounters();
    private final Routes routes = new Routes();
    private final NeighborCache neighbors;
    private final PendingFrames pending;
    private final FrameQueue loopback = new FrameQueue(LOOPBACK_FRAMES);
    private final FragmentReassembler reassembler;
    private final IcmpRateLimiter rateLimiter;
    private final Transmitter tx;
    private final Receiver receiver = new Receiver();
    private final Arp arp;
    private final Tcp tcp;
    private final Icmpv4 icmpv4;
    private final Udp udp;
    private final Ipv4 ipv4;
    private final Ipv6 ipv6;

    private final EthernetFrame eth = new EthernetFrame();
    /** Views over a frame written whole by the caller ({@link #transmitFrame}), to count it by what it is. */
    private final EthernetFrame writtenFrame = new EthernetFrame();
    private final ArpPacket writtenArp = new ArpPacket();
    private final Ipv4Packet writtenIp = new Ipv4Packet();
    private final IsnGenerator isnGenerator;
    private final IsnSource isnSource;

    private SocketSet sockets;
    private long now;
    private Device lastDevice;
    private long lastPoll;
    private boolean lastRefused;
    /** Between an {@link #ingress} and its {@link #egress}. */
    private boolean inPoll;

    /**
     * An interface as {@code config} says.
     *
     * @throws IllegalArgumentException if an address is not a host address, or the default
     *     gateway is on none of the address's networks
     */
    public Interface(InterfaceConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.mac = config.mac().bits();
        this.neighbors = new NeighborCache(config.neighborCacheSize());
        this.pending = new PendingFrames(config.pendingFrames(), config.pendingFramesPerNeighbor());
        this.reassembler = new FragmentReassembler(config.reassembly());
        this.rateLimiter = new IcmpRateLimiter(config.icmpErrorRate());
        int firstIdentification = (int) (mix(config.seed()) >>> 48);
        this.tx = new Transmitter(mac, counters, neighbors, pending, routes, loopback, firstIdentification);
        this.arp = new Arp(mac, counters, routes, neighbors, tx);
        // The one datagram being described for the transmitter at a time: a reply, or what a socket sends.
        TransmitRequest request = new TransmitRequest();
        this.ipv6 = new Ipv6(mac, counters, rateLimiter, (int) mix(config.seed() ^ 0x6666_6666_6666_6666L),
                mix(config.seed() ^ 0x7217_7217_7217_7217L), mix(config.seed() ^ 0x5eed_7217_5eed_7217L),
                mix(config.seed() ^ 0x3810_3810_3810_3810L));
        this.tcp = new Tcp(counters, neighbors, tx, request, ipv6);
        this.icmpv4 = new Icmpv4(counters, routes, tx, request, rateLimiter, tcp, ipv6, config);
        this.udp = new Udp(counters, tx, request, icmpv4, ipv6);
        this.ipv4 = new Ipv4(counters, routes, tx, reassembler, icmpv4, udp, tcp);
        ipv6.attach(tcp, udp);
        this.isnGenerator = IsnGenerator.fromSeed(mix(config.seed() ^ 0x1557_1557_1557_1557L));
        this.isnSource = isnGenerator::isn;
        for (Ipv4Cidr cidr : config.addresses()) {
            if (!addAddress(cidr)) {
                throw new IllegalArgumentException("the address " + cidr.address() + " is given twice");
            }
        }
        config.defaultGateway().ifPresent(this::setDefaultGateway);
    }

    /** The first number of SplitMix64 from {@code seed}: a well-spread value from the seed. */
    private static long mix(long seed) {
        return new SplitMix64(seed).nextLong();
    }

    // =====================================================================================
    // Polling
    // =====================================================================================

    /**
     * Moves frames in and out at {@code now}: {@link #ingress} then {@link #egress}. Returns
     * whether anything happened (a frame moved, a timer fired).
     */
    public boolean poll(long now, Device device, SocketSet sockets) {
        boolean did = ingress(now, device, sockets);
        return egress(now, device, sockets) | did;
    }

    /**
     * The first half of a poll at {@code now}: runs due timers, receives up to
     * {@value #RECEIVE_BURST} frames and answers what the interface answers itself (ARP, ping,
     * resets). The application may work on its sockets before {@link #egress} at the same
     * {@code now}: what it reads then has freed window before the ACK is written, and what it
     * queues goes out in the same poll. Returns whether anything happened.
     */
    public boolean ingress(long now, Device device, SocketSet sockets) {
        enter(now, device, sockets);
        boolean did = runTimers();
        if (tx.hasReleasable()) {
            tx.releaseResolved();
            did = true;
        }
        for (int i = 0; i < RECEIVE_BURST && device.receive(now, receiver); i++) {
            did = true;
        }
        for (int i = 0; i < LOOPBACK_FRAMES && !loopback.isEmpty(); i++) {
            try {
                // A looped-back frame never left memory: like Linux's loopback, its checksum needs
                // no check (and, with checksum offload, holds only the pseudo-header sum).
                receiveFrame(loopback.head(), 0, loopback.headLength(), false, true);
            } finally {
                loopback.pop();
            }
            did = true;
        }
        inPoll = true;
        return did;
    }

    /**
     * The second half of a poll: sends the sockets' queued segments and datagrams. After an
     * {@link #ingress} at the same {@code now} on the same device it continues that poll (the
     * device's burst allowance is shared); alone, it is a poll that receives nothing. Returns
     * whether anything happened.
     */
    public boolean egress(long now, Device device, SocketSet sockets) {
        if (!inPoll || now != this.now || device != lastDevice || sockets != this.sockets) {
            enter(now, device, sockets);
        }
        inPoll = false;
        boolean did = tcp.dispatch(now, sockets);
        did |= udp.dispatch(sockets);
        did |= icmpv4.dispatch(sockets);

        lastPoll = now;
        lastRefused = tx.refused();
        return did;
    }

    private void enter(long now, Device device, SocketSet sockets) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sockets, "sockets");
        this.now = now;
        this.sockets = sockets;
        this.lastDevice = device;
        DeviceCapabilities capabilities = device.capabilities();
        pending.ensureFrameSize(capabilities.maxFrameSize());
        // A TCP segment to one of our own addresses is sized for the device too (TSO included).
        loopback.ensureFrameSize(capabilities.maxTransmitSize());
        sockets.setLinkMtu(capabilities.mtu());
        sockets.setLinkTsoMaxSize(capabilities.tsoMaxSize());
        sockets.setIpv6PathMtu(ipv6);
        tx.begin(device, now);
        ipv6.begin(device, now);
    }

    /**
     * When the next poll is needed if no frame arrives, for the device of the last poll:
     * the earliest of that device's deadline, ARP requests and give-ups, frames waiting for
     * ARP, reassembly timeouts and the sockets' own; {@code now} (or earlier) if something is
     * ready already; {@link Micros#NEVER} if nothing waits.
     */
    public long pollAt(long now, SocketSet sockets) {
        return lastDevice == null ? pollAtWithout(now, sockets) : pollAt(now, lastDevice, sockets);
    }

    /** As {@link #pollAt(long, SocketSet)}, with the deadline of {@code device}. */
    public long pollAt(long now, Device device, SocketSet sockets) {
        return Math.min(device.nextDeadline(now), pollAtWithout(now, sockets));
    }

    private long pollAtWithout(long now, SocketSet sockets) {
        long at = Math.min(neighbors.nextDeadline(), pending.nextDeadline());
        at = Math.min(at, reassembler.nextDeadline());
        at = Math.min(at, ipv6.nextDeadline());
        if (!loopback.isEmpty()) {
            at = Math.min(at, now);
        }
        if (tx.hasDevice() && tx.hasReleasable()) {
            at = Math.min(at, now);
        }
        at = Math.min(at, sockets.datagramPollAt(now));
        at = Math.min(at, tcp.pollAt(now, sockets));
        // After a refusal, everything that would transmit waits a moment rather than spin on
        // a device that is full or down.
        return lastRefused && at != Micros.NEVER ? Math.max(at, Micros.plus(lastPoll, DEVICE_RETRY)) : at;
    }

    /** How long from {@code now} until {@link #pollAt(long, SocketSet)}: 0 if due, {@link Micros#NEVER} if never. */
    public long pollDelay(long now, SocketSet sockets) {
        long at = pollAt(now, sockets);
        return at == Micros.NEVER ? Micros.NEVER : Math.max(0, at - now);
    }

    private boolean runTimers() {
        boolean did = ipv4.expireReassembly(now);
        neighbors.collectGarbage(now);
        // TIME-WAIT records whose time is over go at the next poll, not only when a segment comes:
        // a host gone quiet after a burst of closes would keep them otherwise (expiry is oldest
        // first, so this is one comparison when none is due).
        sockets.expireTimeWaits(now);
        did |= ipv6.runTimers(now);
        for (int i = 0; neighbors.resolving() > 0 && i < neighbors.capacity(); i++) {
            if (neighbors.isFree(i)) {
                continue;
            }
            if (neighbors.resolutionFailed(i, now)) {
                int address = neighbors.address(i);
                neighbors.removeAt(i);
                dropPendingFor(address);
                tcp.resolutionFailed(address);
                did = true;
            } else if (neighbors.requestDue(i, now)) {
                tx.requestIfDue(neighbors.address(i));
                did = true;
            }
        }
        for (int slot = pending.expired(now); slot >= 0; slot = pending.expired(now)) {
            dropPending(slot);
            did = true;
        }
        return did;
    }

    private void dropPendingFor(int nextHop) {
        for (int slot = pending.oldestFor(nextHop); slot >= 0; slot = pending.oldestFor(nextHop)) {
            dropPending(slot);
        }
    }

    /** A frame that waited for ARP in vain: counted, and the socket that sent it told ({@link Ipv4#resolutionFailed}). */
    private void dropPending(int slot) {
        counters.add(InterfaceCounter.DROP_ARP_TIMEOUT);
        byte[] frame = pending.frame(slot);
        int length = pending.length(slot);
        pending.free(slot);
        if (sockets != null) {
            ipv4.resolutionFailed(sockets, frame, length);
        }
    }

    // =====================================================================================
    // Receiving
    // =====================================================================================

    /** The interface's one frame receiver. */
    private final class Receiver implements FrameReceiver {
        @Override
        public void receive(byte[] frame, int offset, int length) {
            receive(frame, offset, length, false);
        }

        @Override
        public void receive(byte[] frame, int offset, int length, boolean vouched) {
            receiveFrame(frame, offset, length, true, vouched);
        }
    }

    /**
     * Takes an Ethernet frame for this interface's MAC address or a group address to its
     * protocol by EtherType. {@code vouched}: the device vouched for its TCP or UDP checksum
     * ({@link FrameReceiver#receive(byte[], int, int, boolean)}), which is then not verified.
     */
    private void receiveFrame(byte[] frame, int offset, int length, boolean fromDevice, boolean vouched) {
        if (fromDevice) {
            counters.add(InterfaceCounter.FRAMES_IN);
            counters.add(InterfaceCounter.OCTETS_IN, length);
        }
        WireError reason = eth.wrap(frame, offset, length).check();
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        long destination = eth.destination();
        boolean linkBroadcast = (destination & 0x0100_0000_0000L) != 0;
        if (destination != mac && !linkBroadcast) {
            counters.add(InterfaceCounter.DROP_NOT_FOR_US);
            return;
        }
        int etherType = eth.etherTypeValue();
        if (etherType == EtherType.ARP.value()) {
            arp.receive(now, frame, eth.payloadOffset(), eth.payloadLength());
        } else if (etherType == EtherType.IPV4.value()) {
            ipv4.receive(now, sockets, frame, eth.payloadOffset(), eth.payloadLength(), linkBroadcast, fromDevice, vouched);
        } else if (etherType == EtherType.IPV6.value()) {
            ipv6.receive(now, sockets, frame, eth.payloadOffset(), eth.payloadLength(), eth.source(), linkBroadcast, vouched);
        } else {
            counters.drop(WireError.UNSUPPORTED);
        }
    }

    // =====================================================================================
    // Configuration at run time, and inspection
    // =====================================================================================

    /**
     * A new, empty socket set whose ephemeral ports and echo identifiers are drawn from this
     * interface's seed ({@link InterfaceConfig#seed()}), so one {@code --seed} fixes every
     * random choice of the stack.
     */
    public SocketSet newSocketSet() {
        return new SocketSet(mix(config.seed() ^ 0x5EED_5EED_5EED_5EEDL), isnSource);
    }

    /**
     * The interface's initial sequence numbers: RFC 6528's keyed hash, keyed from the seed of
     * the configuration, for a set made elsewhere ({@code new SocketSet(seed, iface.isnSource())}).
     */
    public IsnSource isnSource() {
        return isnSource;
    }

    /**
     * The source address this interface would use for a datagram to {@code destination}
     * (RFC 1122 section 3.3.4.3: our address on the network of the route's next hop); empty
     * if no route leads there.
     */
    public Optional<Ipv4Address> sourceAddressFor(Ipv4Address destination) {
        int source = tx.sourceFor(destination.bits());
        return source == 0 ? Optional.empty() : Optional.of(Ipv4Address.of(source));
    }

    /**
     * The next hop a datagram to {@code destination} goes to by the longest matching route:
     * the destination itself on a connected network, else a usable gateway; empty without a
     * route. For people asking why something went unanswered, not for the packet path.
     */
    public Optional<Ipv4Address> nextHopFor(Ipv4Address destination) {
        int hop = routes.nextHop(destination.bits());
        return hop == 0 ? Optional.empty() : Optional.of(Ipv4Address.of(hop));
    }

    /**
     * Opens the TCP connection behind {@code handle} to {@code remote} from the address the
     * route to it gives ({@link #sourceAddressFor}) and {@code localPort} (0: an ephemeral
     * port from the set). The SYN goes out on the next poll.
     *
     * @throws TcpException.Connect with {@link ConnectError#NO_ROUTE} if no route leads to
     *     the remote address, {@link ConnectError#UNADDRESSABLE} if it is not one host, or as
     *     {@link SocketSet#connect} says
     */
    public void connect(long now, SocketSet sockets, SocketHandle<TcpSocket> handle, Endpoint remote, int localPort)
            throws TcpException.Connect {
        int destination = remote.address();
        if (!routes.isUnicastHost(destination, false) || remote.port() == 0) {
            throw new TcpException.Connect(ConnectError.UNADDRESSABLE, remote + " is not one host's address and port");
        }
        int source = tx.sourceFor(destination);
        if (source == 0) {
            throw new TcpException.Connect(ConnectError.NO_ROUTE, "no route to " + remote.ipv4Address());
        }
        sockets.connect(now, handle, new Endpoint(source, localPort), remote);
    }

    /**
     * Opens the TCP connection behind {@code handle} to {@code remote} in either family: over
     * IPv4 as {@link #connect(long, SocketSet, SocketHandle, Endpoint, int)}; over IPv6 from the
     * source address RFC 6724 picks for it ({@link #sourceAddressFor(Ipv6Address)}, past DAD).
     *
     * @throws TcpException.Connect with {@link ConnectError#NO_ROUTE} if there is no usable
     *     source address or no route, {@link ConnectError#UNADDRESSABLE} if it is not one host
     */
    public void connect(long now, SocketSet sockets, SocketHandle<TcpSocket> handle, IpEndpoint remote, int localPort)
            throws TcpException.Connect {
        if (!(remote.address() instanceof Ipv6Address to)) {
            connect(now, sockets, handle, remote.toIpv4(), localPort);
            return;
        }
        if (!Ipv6Address.isUnicast(to.high(), to.low()) || remote.port() == 0) {
            throw new TcpException.Connect(ConnectError.UNADDRESSABLE, remote + " is not one host's address and port");
        }
        int slot = ipv6.addresses.sourceFor(to.high(), to.low());
        if (slot < 0 || !ipv6.hasRoute(to.high(), to.low())) {
            throw new TcpException.Connect(ConnectError.NO_ROUTE, "no route to " + to
                    + (ipv6.enabled() ? "" : " (IPv6 is off: give the interface an address, ip add fd00::1/64)"));
        }
        Ipv6Address source = new Ipv6Address(ipv6.addresses.high(slot), ipv6.addresses.low(slot));
        sockets.connect(now, handle, new IpEndpoint(source, localPort), remote);
    }

    /** The configuration the interface started with (addresses and routes may have changed since). */
    public InterfaceConfig config() {
        return config;
    }

    public MacAddress mac() {
        return MacAddress.of(mac);
    }

    /** The IP MTU of the device of the last poll (1500 before the first). */
    public int mtu() {
        return tx.mtu();
    }

    /** The IPv4 addresses, in the order they were added. */
    public List<Ipv4Cidr> addresses() {
        return routes.addresses();
    }

    /**
     * Adds an address with its prefix ({@code ip add}); its network becomes a connected
     * route. Returns false if the interface has that address already.
     *
     * @throws IllegalArgumentException if it is not a host address: 0.0.0.0, broadcast,
     *     multicast, class E, loopback, or the network or broadcast address of its own prefix
     */
    public boolean addAddress(Ipv4Cidr cidr) {
        int address = cidr.address().bits();
        int first = address >>> 24;
        int hostMask = ~Routes.mask(cidr.prefixLen());
        if (!Ipv4Address.isUnicast(address)) {
            throw new IllegalArgumentException(cidr.address() + " cannot be an interface address: it is "
                    + (address == 0 ? "unspecified" : first == 127 ? "a loopback address" : first >= 240 ? "reserved (class E) or broadcast" : "multicast"));
        }
        if (cidr.prefixLen() <= 30 && ((address & hostMask) == 0 || (address & hostMask) == hostMask)) {
            throw new IllegalArgumentException(cidr + " is the " + ((address & hostMask) == 0 ? "network" : "broadcast")
                    + " address of its network, not a host's");
        }
        return routes.addAddress(cidr);
    }

    /** Removes an address ({@code ip del}); false if the interface does not have it. */
    public boolean removeAddress(Ipv4Address address) {
        return routes.removeAddress(address.bits());
    }

    /** Every route: connected ones first, then static ones, longest prefix first. */
    public List<Route> routes() {
        return routes.routes();
    }

    /**
     * Adds a route to {@code destination} through {@code gateway} ({@code route add}), or
     * changes the gateway of the route to that network; {@code 0.0.0.0/0} is the default route.
     *
     * @throws IllegalArgumentException if the gateway is not on a connected network, or is
     *     one of this interface's own addresses
     */
    public void addRoute(Ipv4Cidr destination, Ipv4Address gateway) {
        int hop = gateway.bits();
        if (routes.isOurAddress(hop)) {
            throw new IllegalArgumentException("the gateway " + gateway + " is this interface's own address");
        }
        if (!routes.isConnected(hop)) {
            throw new IllegalArgumentException("the gateway " + gateway + " is on none of the interface's networks "
                    + routes.addresses() + ": it must be a neighbor");
        }
        routes.addRoute(destination.address().bits(), destination.prefixLen(), hop);
    }

    /** Removes the static route to exactly {@code destination}; false if there is none. */
    public boolean removeRoute(Ipv4Cidr destination) {
        return routes.removeRoute(destination.address().bits(), destination.prefixLen());
    }

    /** Sets the default route ({@code 0.0.0.0/0}) through {@code gateway}. */
    public void setDefaultGateway(Ipv4Address gateway) {
        addRoute(new Ipv4Cidr(Ipv4Address.UNSPECIFIED, 0), gateway);
    }

    public Optional<Ipv4Address> defaultGateway() {
        int gateway = routes.defaultGateway();
        return gateway == 0 ? Optional.empty() : Optional.of(Ipv4Address.of(gateway));
    }

    /** The ARP cache at {@code now}, for {@code arp}. */
    public List<NeighborEntry> neighbors(long now) {
        return neighbors.snapshot(now, pending);
    }

    /**
     * Forgets every dynamic ARP entry ({@code arp flush}); static ones stay. Frames waiting for
     * a forgotten resolution are dropped. Returns how many entries went.
     */
    public int flushNeighbors() {
        int flushed = neighbors.flushDynamic();
        for (int slot = 0; slot < pending.capacity(); slot++) {
            if (pending.isUsed(slot) && neighbors.find(pending.nextHop(slot)) < 0) {
                pending.free(slot);
                counters.add(InterfaceCounter.DROP_ARP_TIMEOUT);
            }
        }
        return flushed;
    }

    /**
     * Adds a static ARP entry ({@code arp add IP MAC}), which never expires and which no ARP
     * packet changes; frames waiting for that address go on the next poll.
     *
     * @throws IllegalArgumentException if the MAC address is not unicast, the address is one of
     *     this interface's own, or the cache is full of static entries
     */
    public void addStaticNeighbor(Ipv4Address address, MacAddress hardware) {
        if (!hardware.isUnicast() || hardware.bits() == 0) {
            throw new IllegalArgumentException(hardware + " is not a unicast MAC address");
        }
        if (routes.isOurAddress(address.bits())) {
            throw new IllegalArgumentException(address + " is this interface's own address");
        }
        if (!neighbors.addStatic(address.bits(), hardware.bits(), now)) {
            throw new IllegalArgumentException("the ARP cache is full of static entries ("
                    + neighbors.capacity() + "); delete one first");
        }
    }

    /** Deletes the ARP entry of {@code address}, static or not ({@code arp del}); false if there is none. */
    public boolean removeNeighbor(Ipv4Address address) {
        return neighbors.remove(address.bits());
    }

    public boolean echoReplies() {
        return icmpv4.echoReplies();
    }

    /** Whether echo requests are answered. */
    public void setEchoReplies(boolean answer) {
        icmpv4.setEchoReplies(answer);
    }

    public boolean broadcastEchoReplies() {
        return icmpv4.broadcastEchoReplies();
    }

    /** Whether echo requests to a broadcast address are answered (off by default, as on Linux). */
    public void setBroadcastEchoReplies(boolean answer) {
        icmpv4.setBroadcastEchoReplies(answer);
    }

    public IcmpRateLimit icmpErrorRate() {
        return rateLimiter.limit();
    }

    /** Changes the ICMP error rate limit; the bucket starts full. */
    public void setIcmpErrorRate(IcmpRateLimit limit) {
        rateLimiter.set(Objects.requireNonNull(limit, "limit"));
    }

    /** Every counter, now. */
    public InterfaceStats stats() {
        return counters.snapshot();
    }

    /** How many frames wait for ARP resolution. */
    public int pendingFrames() {
        return pending.size();
    }

    /** How many datagrams are in reassembly. */
    public int datagramsInReassembly() {
        return reassembler.inProgress();
    }

    /**
     * Sends {@code frame[0 .. length)}, written whole by the caller as through a packet socket:
     * the DHCP client's messages from 0.0.0.0 and its RFC 5227 probes, which the IP layer
     * cannot send. It is counted as every frame this interface sends is: a frame and its
     * octets out, then by what it is, an ARP request or reply, or an IPv4 datagram and, if it
     * is one, its UDP datagram; a device that refuses it counts {@code drop_device_busy}.
     *
     * @return false if the device refused it
     */
    public boolean transmitFrame(long now, Device device, byte[] frame, int length) {
        if (!device.transmit(now, length, (buffer, offset, room) -> System.arraycopy(frame, 0, buffer, offset, room))) {
            counters.add(InterfaceCounter.DROP_DEVICE_BUSY);
            return false;
        }
        counters.add(InterfaceCounter.FRAMES_OUT);
        counters.add(InterfaceCounter.OCTETS_OUT, length);
        EthernetFrame view = writtenFrame.wrap(frame, 0, length);
        if (view.check() != null) {
            return true;
        }
        if (view.etherTypeValue() == EtherType.ARP.value()) {
            ArpPacket arpPacket = writtenArp.wrap(frame, view.payloadOffset(), view.payloadLength());
            if (arpPacket.check() == null) {
                counters.add(arpPacket.operationValue() == ArpOperation.REQUEST.value()
                        ? InterfaceCounter.ARP_REQUESTS_OUT : InterfaceCounter.ARP_REPLIES_OUT);
            }
        } else if (view.etherTypeValue() == EtherType.IPV4.value()) {
            Ipv4Packet ip = writtenIp.wrap(frame, view.payloadOffset(), view.payloadLength());
            if (ip.check() == null) {
                counters.add(InterfaceCounter.IPV4_OUT);
                if (ip.protocolValue() == IpProtocol.UDP.value()) {
                    counters.add(InterfaceCounter.UDP_OUT);
                }
            }
        }
        return true;
    }

    // =====================================================================================
    // IPv6 (the work is in Ipv6 and Ndp)
    // =====================================================================================

    /**
     * Turns IPv6 on: the link-local address (of the MAC's EUI-64, or RFC 7217's stable
     * identifier after {@link #setIpv6AddressGeneration}) goes tentative, duplicate
     * address detection and then router solicitation start on the next poll. Adding an IPv6
     * address turns it on too.
     */
    public void enableIpv6() {
        ipv6.enable(now);
    }

    /**
     * Turns IPv6 off and forgets all of it: every address (link-local, by hand, by SLAAC), the
     * neighbor cache with the packets it held, the default routers and on-link prefixes, as
     * Linux's {@code disable_ipv6} removes a device's addresses. Turned on again, it starts from
     * nothing: DAD for the link-local address, router solicitations. What lets a lab begin
     * from a state of its own.
     */
    public void disableIpv6() {
        ipv6.disable();
    }

    public boolean ipv6Enabled() {
        return ipv6.enabled();
    }

    /** The link-local address, whatever its state: the one IPv6 formed, or will form when it comes on. */
    public Ipv6Address linkLocalAddress() {
        return ipv6.linkLocalAddress();
    }

    /**
     * How interface identifiers are made from now on ({@code set ipv6.addr-gen}): the
     * link-local address when IPv6 comes on, and SLAAC addresses. Addresses already formed stay.
     */
    public void setIpv6AddressGeneration(Ipv6AddressGeneration generation) {
        ipv6.setAddressGeneration(java.util.Objects.requireNonNull(generation, "generation"));
    }

    public Ipv6AddressGeneration ipv6AddressGeneration() {
        return ipv6.addressGeneration();
    }

    /**
     * Adds an IPv6 address by hand ({@code ip add fd00::1/64}), tentative until DAD; its prefix
     * is on-link. Returns false if the interface has it already.
     *
     * @throws IllegalArgumentException if it is not a unicast address, or the table is full
     */
    public boolean addAddress(Ipv6Address address, int prefixLength) {
        if (!Ipv6Address.isUnicast(address.high(), address.low()) || prefixLength < 1 || prefixLength > 128) {
            throw new IllegalArgumentException(address + "/" + prefixLength + " cannot be an interface address: it is "
                    + (address.isMulticast() ? "multicast" : prefixLength < 1 || prefixLength > 128 ? "a bad prefix length"
                    : "unspecified or loopback"));
        }
        ipv6.enable(now);
        if (ipv6.addresses.find(address.high(), address.low()) >= 0) {
            return false;
        }
        if (ipv6.addresses.add(address.high(), address.low(), prefixLength, Ipv6AddressOrigin.MANUAL, now, Micros.NEVER,
                Micros.NEVER) < 0) {
            throw new IllegalArgumentException("the interface has " + Ipv6Addresses.CAPACITY + " IPv6 addresses already");
        }
        return true;
    }

    /**
     * Sends off-link IPv6 packets through {@code router} from now on, as if it had advertised
     * itself with a lifetime that never runs out (a topology's {@code gateway6}); IPv6 comes on.
     *
     * @throws IllegalArgumentException if it is not a unicast address, or the router list is full
     */
    public void addDefaultRouter(Ipv6Address router) {
        if (!Ipv6Address.isUnicast(router.high(), router.low())) {
            throw new IllegalArgumentException(router + " cannot be a default router");
        }
        ipv6.enable(now);
        if (!ipv6.routers.addStatic(router.high(), router.low())) {
            throw new IllegalArgumentException("the default router list is full");
        }
    }

    /** The address this interface would send from to {@code destination}, if it has a usable one. */
    public Optional<Ipv6Address> sourceAddressFor(Ipv6Address destination) {
        int slot = ipv6.addresses.sourceFor(destination.high(), destination.low());
        return slot < 0 ? Optional.empty() : Optional.of(new Ipv6Address(ipv6.addresses.high(slot), ipv6.addresses.low(slot)));
    }

    /** Whether a packet to {@code destination} could go: a usable source address, and the destination on the link or a default router. */
    public boolean hasIpv6Route(Ipv6Address destination) {
        return ipv6.addresses.sourceFor(destination.high(), destination.low()) >= 0
                && ipv6.hasRoute(destination.high(), destination.low());
    }

    /** Removes an IPv6 address; false if the interface does not have it. */
    public boolean removeAddress(Ipv6Address address) {
        return ipv6.addresses.remove(address.high(), address.low());
    }

    /** Every IPv6 address with its state and lifetimes at {@code now}. */
    public List<Ipv6AddressInfo> ipv6Addresses(long now) {
        return ipv6.addresses.snapshot(now);
    }

    /** Deletes the IPv6 neighbor cache's entry of {@code address} and the packet it held; false if there is none. */
    public boolean removeIpv6Neighbor(Ipv6Address address) {
        return ipv6.neighbors.remove(address.high(), address.low());
    }

    /** Deletes every entry of the IPv6 neighbor cache; how many there were. */
    public int flushIpv6Neighbors() {
        return ipv6.neighbors.clear();
    }

    /** The IPv6 neighbor cache at {@code now}, for {@code ndp}. */
    public List<Ndp6Entry> ipv6Neighbors(long now) {
        return ipv6.neighbors.snapshot(now);
    }

    /**
     * The IPv6 routes at {@code now}: advertised on-link prefixes, the prefixes of the
     * interface's other addresses (connected), default routers, then what Redirects taught.
     */
    public List<Ipv6Route> ipv6Routes(long now) {
        List<Ipv6Route> list = new java.util.ArrayList<>(ipv6.prefixes.snapshot(now));
        for (Ipv6AddressInfo info : ipv6.addresses.snapshot(now)) {
            Ipv6Address prefix = Ipv6Route.prefixOf(info.address(), info.prefixLength());
            if (list.stream().noneMatch(r -> r.prefix().equals(prefix) && r.prefixLength() == info.prefixLength())) {
                list.add(new Ipv6Route(prefix, info.prefixLength(), Optional.empty(), Ipv6Route.Origin.CONNECTED, Micros.NEVER));
            }
        }
        ipv6.routers.addTo(list, now);
        ipv6.redirects.addTo(list);
        return list;
    }

    /**
     * The IPv6 path MTU per destination (RFC 8201), which TCP connections start from: the
     * link's MTU, or what a Packet Too Big lowered it to.
     */
    public Ipv6PathMtu ipv6PathMtu() {
        return ipv6;
    }

    /**
     * Forgets the IPv6 path MTUs Packet Too Big messages taught, as Linux's {@code ip route
     * flush cache} does: the next packet to each destination is sized for the link again, and a
     * router on a narrower path answers it with Packet Too Big again (RFC 8201 section 4).
     * Connections open keep the path MTU they learnt.
     */
    public void forgetIpv6PathMtus() {
        ipv6.forgetPathMtus();
    }

    /** The path MTUs Packet Too Big messages taught, in force at {@code now}, for {@code route}. */
    public List<PathMtuEntry> ipv6PathMtus(long now) {
        return ipv6.pathMtus(now);
    }

    /** The MTU the last router advertisement gave; empty if none did. */
    public java.util.OptionalLong advertisedMtu() {
        long mtu = ipv6.ndp().linkMtu();
        return mtu == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(mtu);
    }

    /**
     * Sends an ICMPv6 echo request ({@code ping} of an IPv6 address) with {@code dataLength}
     * octets of data, now; false if there is no source address or route for it.
     */
    public boolean sendEchoRequest(long now, Ipv6Address destination, int identifier, int sequence, int dataLength) {
        ipv6.begin(lastDevice, now);
        return ipv6.sendEchoRequest(destination.high(), destination.low(), identifier, sequence, dataLength);
    }

    /**
     * {@link #sendEchoRequest(long, Ipv6Address, int, int, int)} with {@code hopLimit} (1 to
     * 255) instead of the interface's ({@code ping -t}, {@code traceroute -I} of an IPv6 address).
     */
    public boolean sendEchoRequest(long now, Ipv6Address destination, int identifier, int sequence, int dataLength, int hopLimit) {
        if (hopLimit < 1 || hopLimit > 255) {
            throw new IllegalArgumentException("a hop limit is 1 to 255, not " + hopLimit);
        }
        ipv6.begin(lastDevice, now);
        return ipv6.sendEchoRequest(destination.high(), destination.low(), identifier, sequence, dataLength, hopLimit);
    }

    /** When the echo reply with this identifier and sequence arrived, if it did at or after {@code since}; -1 if not. */
    public long echoReplyAt(int identifier, int sequence, long since) {
        return ipv6.echoReplyAt(identifier, sequence, since);
    }

    /**
     * Makes this interface advertise {@code prefix/length} as a router does (RFC 4861 section
     * 6.2): on-link and for SLAAC, itself the default router, three times 16 s apart, then every
     * 200 s, and in answer to router solicitations. The virtual network's peer does this.
     */
    public void advertisePrefix(Ipv6Address prefix, int length) {
        ipv6.enable(now);
        ipv6.ndp().advertise(prefix.high(), prefix.low(), length, now);
    }

    /** The hop limit of the echo reply with this identifier and sequence, or -1 if none arrived. */
    public int echoReplyHopLimit(int identifier, int sequence) {
        return ipv6.echoReplyHopLimit(identifier, sequence);
    }

    @Override
    public String toString() {
        return "Interface[" + mac() + " " + addresses() + "]";
    }
}
