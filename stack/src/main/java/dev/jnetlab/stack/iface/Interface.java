package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.DeviceCapabilities;
import dev.jnetlab.stack.phy.FrameReceiver;
import dev.jnetlab.stack.rand.SplitMix64;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.OutgoingDatagrams;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketSet;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.ConnectError;
import dev.jnetlab.stack.socket.tcp.IcmpError;
import dev.jnetlab.stack.socket.tcp.IsnGenerator;
import dev.jnetlab.stack.socket.tcp.IsnSource;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpHandler;
import dev.jnetlab.stack.socket.tcp.TcpSegment;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.Bytes;
import dev.jnetlab.stack.wire.Checksum;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.TcpOptionReader;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.stack.wire.UdpPacket;
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
 * what the kernel sends; a bad one is counted as {@code drop_bad_checksum}) is read into one reused
 * {@link TcpSegment}, its payload lent in place, and given to the handler
 * {@link SocketSet#findTcp} names: the connection with its four numbers, else a listener of
 * its port. What the handler answers at once (an RST, a challenge ACK, the ACK owed to an
 * unacceptable segment) goes out from inside the receive. No handler: the reset of
 * {@link TcpSocket#resetFor}, counted in {@code tcp_resets_out}.
 *
 * <p><b>Sending.</b> After the receive burst, each {@link TcpHandler} (connections first, then
 * listeners) is asked for segments while it has one: the interface sizes the frame from the
 * descriptor, writes Ethernet, IPv4 (TTL 64, Don't Fragment set, as Linux sets it for path MTU
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
 * {@code MTU - 40}, and its TSO limit ({@link DeviceCapabilities#tsoMaxSize()}): a device that
 * cuts segments itself gets new data in segments of many MSS, one frame each, and a segment
 * from one (a GSO super-frame) is taken whole, however far it exceeds the MTU. ISNs come from one {@link IsnGenerator} per interface, keyed from the
 * configuration's seed ({@link #newSocketSet()} hands it to the set), so {@code --seed}
 * reproduces them. State changes reach the listener the owner sets with
 * {@link SocketSet#setTcpEventListener}. Counted: {@code tcp_in}, {@code tcp_out},
 * {@code tcp_retransmissions}, {@code tcp_resets_out}.
 *
 * <h2>Allocation</h2>
 * The packet path allocates nothing (DESIGN §4): one set of views is reused for every frame,
 * one {@link FrameReceiver} and one {@link dev.jnetlab.stack.phy.FrameFiller} live as long as
 * the interface, every table is a preallocated array, counters are {@code long}s. The
 * inspection methods for the console ({@link #stats()}, {@link #neighbors(long)},
 * {@link #routes()}) make snapshots and may allocate.
 *
 * <p>Not thread-safe: the stack's event loop owns it (DESIGN §2).
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
    private boolean echoReplies;
    private boolean broadcastEchoReplies;

    private final EthernetFrame eth = new EthernetFrame();
    private final ArpPacket arp = new ArpPacket();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final Icmpv4Packet icmp = new Icmpv4Packet();
    private final UdpPacket udp = new UdpPacket();
    private final TcpPacket tcp = new TcpPacket();
    private final TcpPacket tcpOut = new TcpPacket();
    private final TcpOptionReader tcpOptions = new TcpOptionReader();
    private final TcpSegment segmentIn = new TcpSegment();
    private final TcpSegment segmentOut = new TcpSegment();
    private final TcpSegment reply = new TcpSegment();
    private final ArpWaiters arpWaiters = new ArpWaiters();
    private final IsnGenerator isnGenerator;
    private final IsnSource isnSource;
    private final Ipv4Packet quoted = new Ipv4Packet();
    /** Room for an error this interface tells its own sockets of: ICMP header, IPv4 header, 8 octets. */
    private final byte[] localError = new byte[Icmpv4Packet.HEADER_LEN + 60 + 8];

    private SocketSet sockets;
    private long now;
    /**
     * Whether the device vouched for the TCP or UDP checksum of the frame being received
     * ({@link FrameReceiver#receive(byte[], int, int, boolean)}), which is then not verified.
     */
    private boolean checksumVouched;
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
        this.echoReplies = config.echoReplies();
        this.broadcastEchoReplies = config.broadcastEchoReplies();
        int firstIdentification = (int) (mix(config.seed()) >>> 48);
        this.tx = new Transmitter(mac, counters, neighbors, pending, routes, loopback, firstIdentification);
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
                checksumVouched = true;
                receiveFrame(loopback.head(), 0, loopback.headLength(), false);
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
        boolean did = dispatchTcp(sockets);
        did |= dispatchUdp(sockets);
        did |= dispatchIcmp(sockets);

        lastPoll = now;
        lastRefused = tx.refused;
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
        tx.begin(device, now);
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
        if (!loopback.isEmpty()) {
            at = Math.min(at, now);
        }
        if (tx.hasDevice() && tx.hasReleasable()) {
            at = Math.min(at, now);
        }
        at = Math.min(at, sockets.datagramPollAt(now));
        at = Math.min(at, tcpPollAt(now, sockets));
        // After a refusal, everything that would transmit waits a moment rather than spin on
        // a device that is full or down.
        return lastRefused && at != Micros.NEVER ? Math.max(at, Micros.plus(lastPoll, DEVICE_RETRY)) : at;
    }

    /** How long from {@code now} until {@link #pollAt(long, SocketSet)}: 0 if due, {@link Micros#NEVER} if never. */
    public long pollDelay(long now, SocketSet sockets) {
        long at = pollAt(now, sockets);
        return at == Micros.NEVER ? Micros.NEVER : Math.max(0, at - now);
    }

    /**
     * The earliest instant a TCP handler wants its dispatch, leaving out the handlers whose
     * segment waits for ARP (see {@link ArpWaiters}).
     */
    private long tcpPollAt(long now, SocketSet sockets) {
        long at = Micros.NEVER;
        for (int i = 0; i < sockets.tcpHandlerCount(); i++) {
            TcpHandler handler = sockets.tcpHandlerAt(i);
            long wanted = handler.pollAt(now);
            if (wanted <= now && arpWaiters.size() > 0 && arpWaiters.isWaiting(handler, neighbors)) {
                continue;
            }
            at = Math.min(at, wanted);
        }
        return at;
    }

    private boolean runTimers() {
        boolean did = false;
        for (int slot = reassembler.expired(now); slot >= 0; slot = reassembler.expired(now)) {
            counters.add(InterfaceCounter.DROP_FRAGMENT_TIMEOUT);
            if (reassembler.hasFirst(slot)) {
                quoted.wrap(reassembler.buffer(slot), reassembler.datagramOffset(slot), reassembler.firstFragmentLength(slot));
                sendIcmpError(Icmpv4Packet.TYPE_TIME_EXCEEDED, 1, 0, quoted, false);
            }
            reassembler.release(slot);
            did = true;
        }
        for (int i = 0; i < neighbors.capacity(); i++) {
            if (neighbors.isFree(i)) {
                continue;
            }
            if (neighbors.resolutionFailed(i, now)) {
                int address = neighbors.address(i);
                neighbors.removeAt(i);
                dropPendingFor(address);
                arpWaiters.markFailed(address);
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

    /**
     * A frame that waited for ARP in vain: counted, and the socket that sent it told, as
     * Linux tells ping: an echo request's socket gets "Destination Host Unreachable" from
     * this host's own address (RFC 1122 section 2.3.2.1 lets a host report the failure).
     */
    private void dropPending(int slot) {
        counters.add(InterfaceCounter.DROP_ARP_TIMEOUT);
        byte[] frame = pending.frame(slot);
        int length = pending.length(slot);
        pending.free(slot);
        if (sockets == null || length < EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN + 8) {
            return;
        }
        Ipv4Packet lost = quoted.wrap(frame, EthernetFrame.HEADER_LEN, length - EthernetFrame.HEADER_LEN);
        if (lost.checkHeader() != null || lost.fragmentOffset() != 0 || lost.payloadLength() < 8) {
            return;
        }
        int at = lost.payloadOffset();
        if (lost.protocolValue() == IpProtocol.UDP.value()) {
            UdpSocket socket = sockets.findUdp(lost.source(), Bytes.u16(frame, at), false);
            if (socket != null) {
                socket.noteSendDropped();
            }
        } else if (lost.protocolValue() == IpProtocol.ICMP.value() && (frame[at] & 0xFF) == Icmpv4Packet.TYPE_ECHO_REQUEST) {
            IcmpSocket socket = sockets.findIcmp(Bytes.u16(frame, at + 4));
            if (socket != null) {
                int quoteLen = lost.headerLength() + 8;
                localError[0] = (byte) Icmpv4Packet.TYPE_DST_UNREACHABLE;
                localError[1] = 1;
                for (int i = 2; i < Icmpv4Packet.HEADER_LEN; i++) {
                    localError[i] = 0;
                }
                System.arraycopy(frame, EthernetFrame.HEADER_LEN, localError, Icmpv4Packet.HEADER_LEN, quoteLen);
                int messageLen = Icmpv4Packet.HEADER_LEN + quoteLen;
                icmp.wrap(localError, 0, messageLen).fillChecksum();
                socket.deliver(lost.source(), lost.source(), Ipv4Repr.DEFAULT_TTL, localError, 0, messageLen);
            }
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
            checksumVouched = vouched;
            receiveFrame(frame, offset, length, true);
        }
    }

    private void receiveFrame(byte[] frame, int offset, int length, boolean fromDevice) {
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
            receiveArp(frame, eth.payloadOffset(), eth.payloadLength());
        } else if (etherType == EtherType.IPV4.value()) {
            receiveIpv4(frame, eth.payloadOffset(), eth.payloadLength(), linkBroadcast, fromDevice);
        } else {
            counters.drop(WireError.UNSUPPORTED);
        }
    }

    // ---- ARP ----

    private void receiveArp(byte[] frame, int offset, int length) {
        WireError reason = arp.wrap(frame, offset, length).check();
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        int operation = arp.operationValue();
        if (operation != 1 && operation != 2) {
            counters.drop(WireError.UNSUPPORTED);
            return;
        }
        boolean request = operation == 1;
        counters.add(request ? InterfaceCounter.ARP_REQUESTS_IN : InterfaceCounter.ARP_REPLIES_IN);
        long senderMac = arp.senderHardwareAddr();
        int senderIp = arp.senderProtocolAddr();
        int targetIp = arp.targetProtocolAddr();
        if (senderMac == mac) {
            return; // our own frame, come back
        }
        if (senderIp != 0 && routes.isOurAddress(senderIp)) {
            counters.add(InterfaceCounter.ARP_ADDRESS_CONFLICTS);
            return;
        }
        boolean forUs = routes.isOurAddress(targetIp);
        boolean gratuitous = senderIp != 0 && senderIp == targetIp;
        boolean learnable = senderIp != 0 && (senderMac & 0x0100_0000_0000L) == 0 && senderMac != 0
                && isUnicastHost(senderIp, true) && routes.isConnected(senderIp);
        boolean learned = false;
        if (learnable) {
            if (neighbors.update(senderIp, senderMac, now)) {
                learned = true;
            } else if (gratuitous || forUs && request) {
                learned = neighbors.learn(senderIp, senderMac, now);
            } else if (!request && forUs) {
                counters.add(InterfaceCounter.ARP_REPLIES_UNSOLICITED);
            }
        } else if (!request && forUs && senderIp != 0) {
            counters.add(InterfaceCounter.ARP_REPLIES_UNSOLICITED);
        }
        if (request && forUs) {
            tx.sendArp(2, senderMac, senderMac, targetIp, senderIp);
        }
        if (learned) {
            tx.release(senderIp, senderMac);
        }
    }

    // ---- IPv4 ----

    private void receiveIpv4(byte[] frame, int offset, int length, boolean linkBroadcast, boolean fromDevice) {
        WireError reason = ip.wrap(frame, offset, length).check();
        if (reason == null && tx.checksums().ipv4().rx() && !ip.verifyChecksum()) {
            reason = WireError.BAD_CHECKSUM;
        }
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        int destination = ip.destination();
        boolean broadcast = destination == -1 || routes.isDirectedBroadcast(destination);
        if (!broadcast && !routes.isOurAddress(destination)) {
            counters.add(ip.ttl() <= 1 && !Ipv4Address.isMulticast(destination)
                    ? InterfaceCounter.DROP_TTL_EXPIRED : InterfaceCounter.DROP_NOT_FOR_US);
            return;
        }
        if (linkBroadcast && !broadcast) {
            counters.add(InterfaceCounter.DROP_NOT_FOR_US); // RFC 1122 section 3.3.6
            return;
        }
        if (!isUnicastHost(ip.source(), fromDevice)) {
            counters.add(InterfaceCounter.DROP_BAD_SOURCE);
            return;
        }
        if (!ip.isFragment()) {
            deliver(broadcast);
            return;
        }
        counters.add(InterfaceCounter.FRAGMENTS_IN);
        int result = reassembler.add(ip, now);
        if (reassembler.evicted()) {
            counters.add(InterfaceCounter.DROP_REASSEMBLY_FULL);
        }
        switch (result) {
            case FragmentReassembler.COMPLETE:
                checksumVouched = false; // the last fragment's mark says nothing of the others
                int slot = reassembler.completed();
                try {
                    counters.add(InterfaceCounter.DATAGRAMS_REASSEMBLED);
                    ip.wrap(reassembler.buffer(slot), reassembler.datagramOffset(slot), reassembler.datagramLength(slot));
                    deliver(broadcast);
                } finally {
                    reassembler.release(slot);
                }
                break;
            case FragmentReassembler.DUPLICATE:
                counters.add(InterfaceCounter.DROP_FRAGMENT_DUPLICATE);
                break;
            case FragmentReassembler.OVERLAP:
                counters.add(InterfaceCounter.DROP_FRAGMENT_OVERLAP);
                break;
            case FragmentReassembler.INVALID:
                counters.add(InterfaceCounter.DROP_FRAGMENT_INVALID);
                break;
            case FragmentReassembler.TOO_BIG:
                counters.add(InterfaceCounter.DROP_REASSEMBLY_TOO_BIG);
                break;
            case FragmentReassembler.FULL:
                counters.add(InterfaceCounter.DROP_REASSEMBLY_FULL);
                break;
            case FragmentReassembler.ORPHANED:
                counters.add(InterfaceCounter.DROP_FRAGMENT_ORPHANED);
                break;
            default:
                break;
        }
    }

    /**
     * Whether {@code address} can be the source of a datagram: one host, not 0.0.0.0, a
     * broadcast, multicast, class E or loopback address (RFC 1122 section 3.2.1.3), nor, from
     * the wire, one of this interface's own addresses.
     */
    private boolean isUnicastHost(int address, boolean fromDevice) {
        if (!Ipv4Address.isUnicast(address) || routes.isDirectedBroadcast(address)) {
            return false;
        }
        return !fromDevice || !routes.isOurAddress(address);
    }

    /** Hands the datagram in {@link #ip} (whole, checked) to its protocol. */
    private void deliver(boolean broadcast) {
        counters.add(InterfaceCounter.IPV4_IN);
        int protocol = ip.protocolValue();
        if (protocol == IpProtocol.ICMP.value()) {
            receiveIcmp(broadcast);
        } else if (protocol == IpProtocol.UDP.value()) {
            receiveUdp(broadcast);
        } else if (protocol == IpProtocol.TCP.value()) {
            receiveTcp(broadcast);
        } else {
            counters.add(InterfaceCounter.DROP_UNKNOWN_PROTOCOL);
            sendIcmpError(Icmpv4Packet.TYPE_DST_UNREACHABLE, 2, 0, ip, broadcast);
        }
    }

    // ---- ICMP ----

    private void receiveIcmp(boolean broadcast) {
        WireError reason = icmp.wrap(ip.buffer(), ip.payloadOffset(), ip.payloadLength()).check();
        if (reason == null && tx.checksums().icmpv4().rx() && !icmp.verifyChecksum()) {
            reason = WireError.BAD_CHECKSUM;
        }
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        switch (icmp.type()) {
            case Icmpv4Packet.TYPE_ECHO_REQUEST:
                counters.add(InterfaceCounter.ICMP_ECHO_REQUESTS_IN);
                if (!echoReplies || broadcast && !broadcastEchoReplies) {
                    counters.add(InterfaceCounter.ICMP_ECHO_REQUESTS_IGNORED);
                } else {
                    sendEchoReply(broadcast);
                }
                break;
            case Icmpv4Packet.TYPE_ECHO_REPLY: {
                counters.add(InterfaceCounter.ICMP_ECHO_REPLIES_IN);
                IcmpSocket socket = sockets.findIcmp(icmp.echoIdentifier());
                deliverIcmp(socket);
                break;
            }
            case Icmpv4Packet.TYPE_DST_UNREACHABLE:
            case Icmpv4Packet.TYPE_TIME_EXCEEDED:
            case Icmpv4Packet.TYPE_PARAM_PROBLEM:
            case Icmpv4Packet.TYPE_REDIRECT:
                counters.add(InterfaceCounter.ICMP_ERRORS_IN);
                receiveIcmpError();
                break;
            default:
                counters.drop(WireError.UNSUPPORTED);
        }
    }

    /**
     * An error about one of our echo requests goes to the socket of the request's identifier;
     * one about a TCP segment (the 8 octets RFC 792 quotes hold its ports and sequence number)
     * to the connection of those ports, which decides what it means (RFC 1122 §4.2.3.9).
     */
    private void receiveIcmpError() {
        WireError reason = quoted.wrap(icmp.buffer(), icmp.dataOffset(), icmp.dataLength()).checkHeader();
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        if (quoted.fragmentOffset() != 0 || quoted.payloadLength() < Icmpv4Packet.HEADER_LEN
                || !routes.isOurAddress(quoted.source())) {
            return; // about something no socket here sent
        }
        byte[] buffer = quoted.buffer();
        int at = quoted.payloadOffset();
        if (quoted.protocolValue() == IpProtocol.TCP.value()) {
            tellTcp(buffer, at);
            return;
        }
        if (quoted.protocolValue() != IpProtocol.ICMP.value()) {
            return;
        }
        if ((buffer[at] & 0xFF) != Icmpv4Packet.TYPE_ECHO_REQUEST) {
            return;
        }
        deliverIcmp(sockets.findIcmp(Bytes.u16(buffer, at + 4)));
    }

    private void tellTcp(byte[] buffer, int at) {
        int localPort = Bytes.u16(buffer, at);
        int remotePort = Bytes.u16(buffer, at + 2);
        TcpSocket socket = sockets.findTcpConnection(quoted.source(), localPort, quoted.destination(), remotePort);
        if (socket == null) {
            counters.add(InterfaceCounter.DROP_NO_SOCKET);
            return;
        }
        int seq = Bytes.i32(buffer, at + 4);
        if (!socket.isInFlight(seq)) {
            counters.add(InterfaceCounter.ICMP_ERRORS_IGNORED);
            return;
        }
        int nextHopMtu = icmp.type() == Icmpv4Packet.TYPE_DST_UNREACHABLE ? icmp.nextHopMtu() : 0;
        socket.icmpError(now, new IcmpError(icmp.type(), icmp.code(), ip.source(), nextHopMtu, quoted.totalLength(), seq));
    }

    private void deliverIcmp(IcmpSocket socket) {
        if (socket == null) {
            counters.add(InterfaceCounter.DROP_NO_SOCKET);
        } else if (!socket.deliver(ip.source(), ip.destination(), ip.ttl(), icmp.buffer(), icmp.offset(), icmp.length())) {
            counters.add(InterfaceCounter.DROP_SOCKET_BUFFER_FULL);
        }
    }

    /** The reply carries the request's identifier, sequence number and data, octet for octet (RFC 792). */
    private void sendEchoReply(boolean broadcast) {
        byte[] head = tx.head;
        head[0] = (byte) Icmpv4Packet.TYPE_ECHO_REPLY;
        head[1] = 0;
        head[2] = 0;
        head[3] = 0;
        System.arraycopy(icmp.buffer(), icmp.offset() + 4, head, 4, 4);
        tx.headLen = Icmpv4Packet.HEADER_LEN;
        tx.body(icmp.buffer(), icmp.dataOffset(), icmp.dataLength());
        fillIcmpChecksum();
        tx.src = broadcast ? 0 : ip.destination();
        tx.dst = ip.source();
        tx.protocol = IpProtocol.ICMP.value();
        tx.ttl = Ipv4Repr.DEFAULT_TTL;
        tx.dontFragment = false;
        if (countSendResult(tx.send(), true)) {
            counters.add(InterfaceCounter.ICMP_ECHO_REPLIES_OUT);
        }
    }

    private void fillIcmpChecksum() {
        int checksum = tx.checksums().icmpv4().tx() ? Checksum.finish(tx.transportSum()) : 0;
        tx.head[2] = (byte) (checksum >>> 8);
        tx.head[3] = (byte) checksum;
    }

    /**
     * Sends an ICMP error about {@code original} (a whole datagram, or the first fragment of
     * one), unless RFC 1122 section 3.2.2 forbids it or the rate limit holds it back.
     */
    private void sendIcmpError(int type, int code, int restOfHeader, Ipv4Packet original, boolean broadcast) {
        int destination = original.destination();
        if (broadcast || destination == -1 || Ipv4Address.isMulticast(destination)
                || routes.isDirectedBroadcast(destination) || original.fragmentOffset() != 0 || !isUnicastHost(original.source(), false) || isIcmpError(original)) {
            counters.add(InterfaceCounter.ICMP_ERRORS_SUPPRESSED);
            return;
        }
        if (!rateLimiter.tryTake(now)) {
            counters.add(InterfaceCounter.ICMP_ERRORS_RATE_LIMITED);
            return;
        }
        byte[] head = tx.head;
        head[0] = (byte) type;
        head[1] = (byte) code;
        head[2] = 0;
        head[3] = 0;
        head[4] = (byte) (restOfHeader >>> 24);
        head[5] = (byte) (restOfHeader >>> 16);
        head[6] = (byte) (restOfHeader >>> 8);
        head[7] = (byte) restOfHeader;
        tx.headLen = Icmpv4Packet.HEADER_LEN;
        int quote = Math.min(original.headerLength() + original.payloadLength(),
                MAX_ICMP_ERROR - Ipv4Packet.HEADER_LEN - Icmpv4Packet.HEADER_LEN);
        tx.body(original.buffer(), original.offset(), quote);
        fillIcmpChecksum();
        tx.src = routes.isOurAddress(destination) ? destination : 0;
        tx.dst = original.source();
        tx.protocol = IpProtocol.ICMP.value();
        tx.ttl = Ipv4Repr.DEFAULT_TTL;
        tx.dontFragment = false;
        if (countSendResult(tx.send(), true)) {
            counters.add(InterfaceCounter.ICMP_ERRORS_OUT);
        }
    }

    /**
     * Whether a datagram is an ICMP error message (or of a type unknown to ICMP, which Linux
     * also treats as one): no error is ever sent about an error (RFC 1122 section 3.2.2).
     */
    private static boolean isIcmpError(Ipv4Packet datagram) {
        if (datagram.protocolValue() != IpProtocol.ICMP.value() || datagram.payloadLength() < 1) {
            return false;
        }
        int type = datagram.buffer()[datagram.payloadOffset()] & 0xFF;
        return type == Icmpv4Packet.TYPE_DST_UNREACHABLE || type == 4 || type == Icmpv4Packet.TYPE_REDIRECT
                || type == Icmpv4Packet.TYPE_TIME_EXCEEDED || type == Icmpv4Packet.TYPE_PARAM_PROBLEM || type > 18;
    }

    /**
     * Counts what became of a datagram the interface itself answered with; true if it went
     * (or waits for ARP).
     */
    private boolean countSendResult(int result, boolean reply) {
        switch (result) {
            case Transmitter.SENT:
            case Transmitter.QUEUED:
                return true;
            case Transmitter.REFUSED:
                if (reply) {
                    counters.add(InterfaceCounter.DROP_DEVICE_BUSY);
                }
                return false;
            case Transmitter.NO_ROUTE:
                counters.add(InterfaceCounter.DROP_NO_ROUTE);
                return false;
            case Transmitter.TOO_BIG:
                counters.add(InterfaceCounter.DROP_TOO_BIG_DONT_FRAGMENT);
                return false;
            case Transmitter.QUEUE_FULL:
                counters.add(InterfaceCounter.DROP_ARP_QUEUE_FULL);
                return false;
            default:
                return false; // PARTIAL: counted where it happened
        }
    }

    // ---- UDP ----

    private void receiveUdp(boolean broadcast) {
        WireError reason = udp.wrap(ip.buffer(), ip.payloadOffset(), ip.payloadLength()).check();
        if (reason == null && tx.checksums().udp().rx() && !checksumVouched
                && !udp.verifyChecksum(ip.source(), ip.destination())) {
            reason = WireError.BAD_CHECKSUM;
        }
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        counters.add(InterfaceCounter.UDP_IN);
        UdpSocket socket = sockets.findUdp(ip.destination(), udp.dstPort(), broadcast);
        if (socket == null) {
            counters.add(InterfaceCounter.DROP_NO_SOCKET);
            sendIcmpError(Icmpv4Packet.TYPE_DST_UNREACHABLE, 3, 0, ip, broadcast);
            return;
        }
        if (!socket.deliver(ip.source(), udp.srcPort(), ip.destination(), udp.buffer(), udp.payloadOffset(),
                udp.payloadLength())) {
            counters.add(InterfaceCounter.DROP_SOCKET_BUFFER_FULL);
        }
    }

    // ---- TCP ----

    private void receiveTcp(boolean broadcast) {
        WireError reason = tcp.wrap(ip.buffer(), ip.payloadOffset(), ip.payloadLength()).check();
        if (reason == null && tx.checksums().tcp().rx() && !checksumVouched
                && !tcp.verifyChecksum(ip.source(), ip.destination())) {
            reason = WireError.BAD_CHECKSUM;
        }
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        counters.add(InterfaceCounter.TCP_IN);
        if (broadcast) {
            // RFC 1122 section 4.2.3.10: TCP is unicast only; no listener takes it, no reset answers it.
            counters.add(InterfaceCounter.DROP_NOT_FOR_US);
            return;
        }
        int local = ip.destination();
        int remote = ip.source();
        TcpWire.read(tcp, tcpOptions, remote, local, segmentIn);
        TcpHandler handler = sockets.findTcp(local, remote, segmentIn);
        if (handler == null) {
            counters.add(InterfaceCounter.DROP_NO_SOCKET);
            // The reset of RFC 9293 section 3.10.7.1 (state CLOSED); never one for a reset.
            if (TcpSocket.resetFor(local, remote, segmentIn, reply) && sendTcpReply(reply)) {
                counters.add(InterfaceCounter.TCP_RESETS_OUT);
            }
            return;
        }
        if (handler.process(now, local, remote, segmentIn, reply) && sendTcpReply(reply)) {
            handler.replied(now, reply);
        }
        segmentIn.clear(); // the payload was lent for the call only
    }

    /**
     * Sends a segment a socket filled as its immediate answer to the segment just received
     * (or the reset for a closed port): header only, back to where the datagram came from.
     * Unlike a dispatched segment it cannot be described again, so, like the interface's other
     * answers, it may wait in the ARP queue. True if it went (or waits).
     */
    private boolean sendTcpReply(TcpSegment answer) {
        int source = ip.destination();
        int destination = ip.source();
        tcpOut.wrap(tx.head, 0, TcpPacket.HEADER_LEN + TcpWire.optionsLength(answer));
        int headerLength = TcpWire.write(answer, tcpOut);
        tx.finishTcpChecksum(tcpOut, source, destination);
        tx.headLen = headerLength;
        tx.body(tx.head, 0, 0);
        tx.src = source;
        tx.dst = destination;
        tx.protocol = IpProtocol.TCP.value();
        tx.ttl = Ipv4Repr.DEFAULT_TTL;
        tx.dontFragment = true;
        if (countSendResult(tx.send(), true)) {
            counters.add(InterfaceCounter.TCP_OUT);
            return true;
        }
        return false;
    }

    // =====================================================================================
    // Sending for the sockets
    // =====================================================================================

    /**
     * A TCP handler that is a listener may have several segments waiting for several next
     * hops (one per half-open connection); this bounds how many unresolved descriptions it
     * may give in one poll before the interface moves on.
     */
    private static final int MAX_UNRESOLVED_PER_HANDLER = 8;

    /** Asks every TCP handler for segments while it has one; see the class comment for what goes wrong how. */
    private boolean dispatchTcp(SocketSet set) {
        boolean did = false;
        arpWaiters.beginPass();
        for (int i = 0; i < set.tcpHandlerCount(); i++) {
            TcpHandler handler = set.tcpHandlerAt(i);
            int firstUnresolved = 0;
            int unresolved = 0;
            while (true) {
                if (tx.shouldYield()) {
                    return did; // the device is full: the pass ends here, waiting entries stay
                }
                if (!handler.dispatch(now, segmentOut)) {
                    break;
                }
                int result = tx.sendTcp(handler, segmentOut, Ipv4Repr.DEFAULT_TTL);
                if (result == Transmitter.SENT || result == Transmitter.QUEUED) {
                    counters.add(InterfaceCounter.TCP_OUT);
                    if (handler.sent(now, segmentOut)) {
                        counters.add(InterfaceCounter.TCP_RETRANSMISSIONS);
                    }
                    did = true;
                } else if (result == Transmitter.REFUSED) {
                    return did;
                } else if (result == Transmitter.UNRESOLVED) {
                    int hop = tx.unresolvedHop;
                    if (arpWaiters.waitOrFail(handler, hop)) {
                        lost(handler, InterfaceCounter.DROP_ARP_TIMEOUT);
                        did = true;
                    } else if (!tx.resolve(hop)) {
                        lost(handler, InterfaceCounter.DROP_ARP_QUEUE_FULL);
                        did = true;
                    } else if (handler instanceof TcpSocket || hop == firstUnresolved
                            || ++unresolved >= MAX_UNRESOLVED_PER_HANDLER) {
                        break; // a socket describes the same segment again; a listener went round
                    } else if (firstUnresolved == 0) {
                        firstUnresolved = hop;
                    }
                } else {
                    lost(handler, result == Transmitter.TOO_BIG
                            ? InterfaceCounter.DROP_TOO_BIG_DONT_FRAGMENT : InterfaceCounter.DROP_NO_ROUTE);
                    did = true;
                }
            }
        }
        arpWaiters.endPass();
        return did;
    }

    /** The segment described cannot be delivered: commit it as lost, for the socket's timers to deal with. */
    private void lost(TcpHandler handler, InterfaceCounter reason) {
        counters.add(reason);
        handler.sent(now, segmentOut);
    }

    private boolean dispatchUdp(SocketSet set) {
        boolean did = false;
        for (int i = 0; i < set.udpCount(); i++) {
            UdpSocket socket = set.udpAt(i);
            OutgoingDatagrams outgoing = socket.outgoing();
            while (!outgoing.isEmpty()) {
                if (tx.shouldYield()) {
                    return did;
                }
                did = true;
                int remote = outgoing.address();
                int length = outgoing.length();
                int source = socket.localAddressBits();
                if (source == 0) {
                    // Needed now for the checksum's pseudo-header; no source means no route,
                    // which the transmitter reports below.
                    source = tx.sourceFor(remote);
                }
                byte[] head = tx.head;
                int datagramLength = UdpPacket.HEADER_LEN + length;
                Bytes.put16(head, 0, socket.localPort());
                Bytes.put16(head, 2, outgoing.tag());
                Bytes.put16(head, 4, datagramLength);
                Bytes.put16(head, 6, 0);
                tx.headLen = UdpPacket.HEADER_LEN;
                tx.body(outgoing.array(), outgoing.offset(), length);
                if (tx.checksums().udp().tx()) {
                    int sum = Checksum.add(Checksum.pseudoHeader(source, remote, IpProtocol.UDP.value(), datagramLength),
                            tx.transportSum());
                    int checksum = Checksum.finish(sum);
                    Bytes.put16(head, 6, checksum == 0 ? 0xFFFF : checksum);
                }
                tx.src = source;
                tx.dst = remote;
                tx.protocol = IpProtocol.UDP.value();
                tx.ttl = outgoing.ttl();
                tx.dontFragment = outgoing.dontFragment();
                int result = tx.send();
                if (result == Transmitter.REFUSED) {
                    return did;
                }
                if (countSendResult(result, false)) {
                    counters.add(InterfaceCounter.UDP_OUT);
                    socket.outgoingSent();
                } else {
                    socket.outgoingDropped();
                }
            }
        }
        return did;
    }

    private boolean dispatchIcmp(SocketSet set) {
        boolean did = false;
        for (int i = 0; i < set.icmpCount(); i++) {
            IcmpSocket socket = set.icmpAt(i);
            OutgoingDatagrams outgoing = socket.outgoing();
            while (!outgoing.isEmpty()) {
                if (tx.shouldYield()) {
                    return did;
                }
                did = true;
                byte[] head = tx.head;
                head[0] = (byte) Icmpv4Packet.TYPE_ECHO_REQUEST;
                head[1] = 0;
                Bytes.put16(head, 2, 0);
                Bytes.put16(head, 4, socket.identifier());
                Bytes.put16(head, 6, outgoing.tag());
                tx.headLen = Icmpv4Packet.HEADER_LEN;
                tx.body(outgoing.array(), outgoing.offset(), outgoing.length());
                fillIcmpChecksum();
                tx.src = 0;
                tx.dst = outgoing.address();
                tx.protocol = IpProtocol.ICMP.value();
                tx.ttl = outgoing.ttl();
                tx.dontFragment = outgoing.dontFragment();
                int result = tx.send();
                if (result == Transmitter.REFUSED) {
                    return did;
                }
                if (countSendResult(result, false)) {
                    counters.add(InterfaceCounter.ICMP_ECHO_REQUESTS_OUT);
                    socket.outgoingSent();
                } else {
                    socket.outgoingDropped();
                }
            }
        }
        return did;
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
        if (!isUnicastHost(destination, false) || remote.port() == 0) {
            throw new TcpException.Connect(ConnectError.UNADDRESSABLE, remote + " is not one host's address and port");
        }
        int source = tx.sourceFor(destination);
        if (source == 0) {
            throw new TcpException.Connect(ConnectError.NO_ROUTE, "no route to " + remote.ipv4Address());
        }
        sockets.connect(now, handle, new Endpoint(source, localPort), remote);
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
        return echoReplies;
    }

    /** Whether echo requests are answered. */
    public void setEchoReplies(boolean answer) {
        this.echoReplies = answer;
    }

    public boolean broadcastEchoReplies() {
        return broadcastEchoReplies;
    }

    /** Whether echo requests to a broadcast address are answered (off by default, as on Linux). */
    public void setBroadcastEchoReplies(boolean answer) {
        this.broadcastEchoReplies = answer;
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

    @Override
    public String toString() {
        return "Interface[" + mac() + " " + addresses() + "]";
    }
}
