package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.phy.ChecksumCapabilities;
import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.socket.tcp.TcpHandler;
import dev.jnetlab.stack.wire.TcpRepr;
import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.TcpPacket;

/**
 * The interface's way out: routes a datagram, resolves its next hop (holding its frames in
 * {@link PendingFrames} while ARP asks), fragments it to the MTU (RFC 791 section 3.2), and
 * writes every frame straight into the buffer the device lends.
 *
 * <p><b>The datagram.</b> The caller describes one datagram in a {@link TransmitRequest}
 * (addresses, protocol, TTL, Don't Fragment, a transport header and a lent body), and
 * {@link #send(TransmitRequest)} writes each fragment from those pieces: a UDP payload goes
 * from the socket's buffer to the frame in one copy, fragmented or not. What became of it is
 * a {@link TransmitResult}.
 *
 * <p><b>TCP segments.</b> A segment a TCP socket dispatches takes another way,
 * {@link #sendTcp}: its payload is not in an array but in the socket's send queue, so
 * {@link #fill} writes the headers from the {@link TcpRepr} ({@link TcpRepr#emit}), has the socket copy
 * the payload straight into the device's buffer ({@link TcpHandler#copyPayload}), then sums
 * the checksum over the frame. Such a segment is never fragmented (Don't Fragment, sized to
 * the MSS) and never waits for ARP in {@link PendingFrames}: when its next hop is unresolved
 * {@code sendTcp} says so and writes nothing, so the socket keeps it uncommitted and describes
 * it again once the reply has come.
 *
 * <p><b>Offloads.</b> For a device that finishes TCP checksums
 * ({@link ChecksumCapabilities.Checksum#RX}), a TCP segment carries only the pseudo-header sum
 * in its checksum field, which spares the pass over the payload; for one that cuts segments
 * (TSO, {@link dev.jnetlab.stack.phy.DeviceCapabilities#tsoMaxSize()}), a segment the socket
 * made larger than the MTU goes as one frame, which the device cuts into segments of
 * {@link TcpRepr#segmentSize()} payload octets. The device learns both after the fill, from
 * {@link #checksumPartial()} and {@link #segmentSize()}.
 *
 * <p><b>Frames.</b> This object is the one long-lived {@link FrameFiller} of the interface
 * (ARCHITECTURE.md §4): before each {@code device.transmit} it notes what the frame is (an ARP packet,
 * a fragment of the datagram, a frame that waited for ARP, a TCP segment), and {@link #fill}
 * writes it.
 */
final class Transmitter implements FrameFiller {
    static final long BROADCAST_MAC = MacAddress.BROADCAST.bits();
    /** The first 25 bits of an IPv4 multicast MAC address, 01:00:5e, then a zero (RFC 1112 section 6.4). */
    private static final long MULTICAST_MAC_PREFIX = 0x0100_5E00_0000L;

    private static final int KIND_ARP = 1;
    private static final int KIND_FRAGMENT = 2;
    private static final int KIND_PENDING = 3;
    private static final int KIND_TCP = 4;

    private final long mac;
    private final InterfaceCounters counters;
    private final NeighborCache neighbors;
    private final PendingFrames pending;
    private final Routes routes;
    private final FrameQueue loopback;

    private final EthernetFrame eth = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final ArpPacket arp = new ArpPacket();
    private final TcpPacket tcp = new TcpPacket();

    private Device device;
    private long now;
    private int mtu = 1500;
    private ChecksumCapabilities checksums = ChecksumCapabilities.SOFTWARE;
    /** The largest TCP datagram the device cuts itself (TSO); 0 when it cuts nothing. */
    private int tsoMaxSize;
    /** Whether the device refused a frame since {@link #begin}. */
    private boolean refused;
    /** Frames the device took since {@link #begin}, and how many it may take in one poll (0: any number). */
    private int framesThisPoll;
    private int burst;
    private int identification;

    /** The datagram being sent; for a TCP segment, {@link #tcpDatagram}. */
    private TransmitRequest datagram;
    private final TransmitRequest tcpDatagram = new TransmitRequest();

    // ---- the frame in hand ----
    private int kind;
    private long frameDst;
    private int datagramId;
    private int fragOffset;
    private int fragLen;
    private boolean fragMore;
    private int arpOperation;
    private long arpTargetMac;
    private int arpSenderIp;
    private int arpTargetIp;
    private int pendingSlot;
    private TcpHandler tcpHandler;
    private TcpRepr tcpSegment;
    /** What the frame just filled leaves to the device: its TCP checksum, and the cut of a TSO segment. */
    private boolean partial;
    private int segmentSize;
    /** The next hop {@link #sendTcp} found unresolved. */
    private int unresolvedHop;

    Transmitter(long mac, InterfaceCounters counters, NeighborCache neighbors, PendingFrames pending, Routes routes,
                FrameQueue loopback, int firstIdentification) {
        this.mac = mac;
        this.counters = counters;
        this.neighbors = neighbors;
        this.pending = pending;
        this.routes = routes;
        this.loopback = loopback;
        this.identification = firstIdentification;
    }

    /** Starts a poll: the device to send through and the instant. */
    void begin(Device newDevice, long newNow) {
        this.device = newDevice;
        this.now = newNow;
        this.mtu = newDevice.capabilities().mtu();
        this.checksums = newDevice.capabilities().checksums();
        this.tsoMaxSize = newDevice.capabilities().tsoMaxSize();
        this.burst = newDevice.capabilities().maxBurstSize();
        this.refused = false;
        this.framesThisPoll = 0;
    }

    boolean hasDevice() {
        return device != null;
    }

    long now() {
        return now;
    }

    int mtu() {
        return mtu;
    }

    ChecksumCapabilities checksums() {
        return checksums;
    }

    /** Whether the device refused a frame in this poll. */
    boolean refused() {
        return refused;
    }

    /** The next hop of the last {@link TransmitResult#UNRESOLVED} segment. */
    int unresolvedHop() {
        return unresolvedHop;
    }

    /**
     * Sends the datagram {@code request} describes. The source address, if the request's is 0,
     * is chosen by the route (RFC 1122 section 3.3.4.3).
     */
    TransmitResult send(TransmitRequest request) {
        datagram = request;
        int dst = request.destination();
        int payload = request.payloadLength();
        if (Ipv4Packet.HEADER_LEN + payload > Ipv4Packet.MAX_LEN) {
            return TransmitResult.TOO_BIG;
        }
        boolean toSelf = routes.isOurAddress(dst);
        long dstMac;
        int nextHop = 0;
        if (toSelf) {
            dstMac = mac;
        } else if (dst == -1 || routes.isDirectedBroadcast(dst)) {
            dstMac = BROADCAST_MAC;
        } else if (Ipv4Address.isMulticast(dst)) {
            dstMac = MULTICAST_MAC_PREFIX | (dst & 0x7F_FFFF);
        } else {
            nextHop = routes.nextHop(dst);
            if (nextHop == 0) {
                return TransmitResult.NO_ROUTE;
            }
            dstMac = neighbors.lookup(nextHop, now);
        }
        if (request.source() == 0) {
            request.source(sourceFor(dst));
        }
        if (request.source() == 0 || !routes.isOurAddress(request.source())) {
            return TransmitResult.NO_ROUTE;
        }
        int perFragment = payload;
        int fragments = 1;
        if (Ipv4Packet.HEADER_LEN + payload > mtu) {
            if (request.dontFragment()) {
                return TransmitResult.TOO_BIG;
            }
            perFragment = (mtu - Ipv4Packet.HEADER_LEN) & ~7;
            fragments = (payload + perFragment - 1) / perFragment;
        }
        datagramId = identification++ & 0xFFFF;
        if (toSelf) {
            return loop(payload, perFragment, fragments);
        }
        if (dstMac == NeighborCache.NO_MAC) {
            return hold(nextHop, payload, perFragment, fragments);
        }
        for (int k = 0; k < fragments; k++) {
            setFragment(k, payload, perFragment);
            kind = KIND_FRAGMENT;
            frameDst = dstMac;
            int length = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN + fragLen;
            if (!device.transmit(now, length, this)) {
                refused = true;
                if (k == 0) {
                    identification--;
                    return TransmitResult.REFUSED;
                }
                counters.add(InterfaceCounter.DROP_DEVICE_BUSY);
                return TransmitResult.PARTIAL;
            }
            countFrameOut(length);
            if (fragments > 1) {
                counters.add(InterfaceCounter.FRAGMENTS_OUT);
            }
        }
        countDatagram(fragments);
        return TransmitResult.SENT;
    }

    /**
     * Sends a reply to a received datagram and counts what became of it: the reply's own
     * counters if it went (or waits for ARP), the reason if not. Returns whether it went.
     */
    boolean sendReply(TransmitRequest reply) {
        if (went(send(reply))) {
            reply.countSent(counters);
            return true;
        }
        return false;
    }

    /**
     * Whether a datagram went (or waits for ARP, or in the loopback queue); if not, counts why,
     * a refusal included: the caller that can try again later ({@link TransmitResult#REFUSED})
     * looks at the result before asking.
     */
    boolean went(TransmitResult result) {
        return switch (result) {
            case SENT, QUEUED -> true;
            case REFUSED -> {
                counters.add(InterfaceCounter.DROP_DEVICE_BUSY);
                yield false;
            }
            case NO_ROUTE -> {
                counters.add(InterfaceCounter.DROP_NO_ROUTE);
                yield false;
            }
            case TOO_BIG -> {
                counters.add(InterfaceCounter.DROP_TOO_BIG_DONT_FRAGMENT);
                yield false;
            }
            case QUEUE_FULL -> {
                counters.add(InterfaceCounter.DROP_ARP_QUEUE_FULL);
                yield false;
            }
            // PARTIAL was counted where it happened; UNRESOLVED comes only from sendTcp, whose
            // caller keeps the segment and asks ARP.
            case PARTIAL, UNRESOLVED -> false;
        };
    }

    private void countDatagram(int fragments) {
        counters.add(InterfaceCounter.IPV4_OUT);
        if (fragments > 1) {
            counters.add(InterfaceCounter.DATAGRAMS_FRAGMENTED);
        }
    }

    private void setFragment(int k, int payload, int perFragment) {
        fragOffset = k * perFragment;
        fragLen = Math.min(perFragment, payload - fragOffset);
        fragMore = fragOffset + fragLen < payload;
    }

    /** The frames of a datagram to one of our own addresses go round the loopback queue. */
    private TransmitResult loop(int payload, int perFragment, int fragments) {
        for (int k = 0; k < fragments; k++) {
            if (loopback.isFull()) {
                if (k == 0) {
                    identification--;
                    return TransmitResult.REFUSED;
                }
                counters.add(InterfaceCounter.DROP_DEVICE_BUSY);
                return TransmitResult.PARTIAL;
            }
            setFragment(k, payload, perFragment);
            int length = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN + fragLen;
            writeFragment(loopback.tail(), 0, length, mac);
            loopback.push(length);
            if (fragments > 1) {
                counters.add(InterfaceCounter.FRAGMENTS_OUT);
            }
        }
        countDatagram(fragments);
        return TransmitResult.QUEUED;
    }

    /** The next hop is not resolved: keep every frame of the datagram until it is, and ask. */
    private TransmitResult hold(int nextHop, int payload, int perFragment, int fragments) {
        if (!neighbors.startResolution(nextHop, now)) {
            return TransmitResult.QUEUE_FULL;
        }
        requestIfDue(nextHop);
        if (!pending.hasRoom(nextHop, fragments)) {
            return TransmitResult.QUEUE_FULL;
        }
        long deadline = now + NeighborCache.RESOLUTION_TIME;
        for (int k = 0; k < fragments; k++) {
            setFragment(k, payload, perFragment);
            int slot = pending.reserve(nextHop, deadline);
            int length = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN + fragLen;
            writeFragment(pending.frame(slot), 0, length, 0);
            if (datagram.protocol() == IpProtocol.TCP.value() && fragments == 1 && leavesTcpChecksum()) {
                // Finished here rather than left to the device: by the time ARP answers, faults
                // may have taken the device's checksum offload away.
                tcp.wrap(pending.frame(slot), EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN, fragLen)
                        .fillChecksum(datagram.source(), datagram.destination());
            }
            pending.setLength(slot, length);
            if (fragments > 1) {
                counters.add(InterfaceCounter.FRAGMENTS_OUT);
            }
        }
        countDatagram(fragments);
        return TransmitResult.QUEUED;
    }

    /**
     * Sends the segment {@code handler} just dispatched, described by {@code segment}, from and
     * to the addresses it carries, with Don't Fragment and {@code ttl}. Returns
     * {@link TransmitResult#SENT}, {@link TransmitResult#QUEUED} (to one of our own addresses,
     * through the loopback queue), or why not: {@link TransmitResult#REFUSED} (the device or the
     * loopback queue is full: nothing lost, try later), {@link TransmitResult#UNRESOLVED} (the
     * next hop, in {@link #unresolvedHop()}, needs ARP: nothing written, nothing asked yet),
     * {@link TransmitResult#NO_ROUTE} (no route, a source that is not ours, a broadcast or
     * multicast destination), {@link TransmitResult#TOO_BIG} (larger than the MTU).
     */
    TransmitResult sendTcp(TcpHandler handler, TcpRepr segment, int segmentTtl) {
        int source = segment.sourceAddress();
        int destination = segment.destinationAddress();
        int tcpLength = segment.headerLength() + segment.payloadLength();
        int datagramLength = Ipv4Packet.HEADER_LEN + tcpLength;
        if (source == 0 || !routes.isOurAddress(source) || destination == 0 || destination == -1
                || destination >>> 28 >= 14 || routes.isDirectedBroadcast(destination)) {
            return TransmitResult.NO_ROUTE;
        }
        if (datagramLength > mtu && (datagramLength > tsoMaxSize || segment.segmentSize() == 0)) {
            return TransmitResult.TOO_BIG;
        }
        datagram = tcpDatagram.datagram(source, destination, IpProtocol.TCP, segmentTtl, true);
        fragOffset = 0;
        fragLen = tcpLength;
        fragMore = false;
        int length = EthernetFrame.HEADER_LEN + datagramLength;
        if (routes.isOurAddress(destination)) {
            if (loopback.isFull()) {
                return TransmitResult.REFUSED;
            }
            datagramId = identification++ & 0xFFFF;
            writeTcp(handler, segment, loopback.tail(), 0, length, mac);
            loopback.push(length);
            countDatagram(1);
            return TransmitResult.QUEUED;
        }
        int nextHop = routes.nextHop(destination);
        if (nextHop == 0) {
            return TransmitResult.NO_ROUTE;
        }
        long dstMac = neighbors.lookup(nextHop, now);
        if (dstMac == NeighborCache.NO_MAC) {
            unresolvedHop = nextHop;
            return TransmitResult.UNRESOLVED;
        }
        datagramId = identification++ & 0xFFFF;
        kind = KIND_TCP;
        frameDst = dstMac;
        tcpHandler = handler;
        tcpSegment = segment;
        try {
            if (!device.transmit(now, length, this)) {
                refused = true;
                identification--;
                return TransmitResult.REFUSED;
            }
        } finally {
            tcpHandler = null;
            tcpSegment = null;
        }
        countFrameOut(length);
        countDatagram(1);
        return TransmitResult.SENT;
    }

    /**
     * Starts resolving {@code nextHop} for a TCP segment that waits for it, asking at once if a
     * request is due; false if the neighbor cache has no room for another resolution.
     */
    boolean resolve(int nextHop) {
        if (!neighbors.startResolution(nextHop, now)) {
            return false;
        }
        requestIfDue(nextHop);
        return true;
    }

    /**
     * The source address for a datagram to {@code destination} (RFC 1122 section 3.3.4.3):
     * the destination itself if it is ours, our address on the network of the next hop,
     * else the primary address; 0 if there is no route or no address.
     */
    int sourceFor(int destination) {
        if (routes.isOurAddress(destination)) {
            return destination;
        }
        if (destination == -1 || Ipv4Address.isMulticast(destination)) {
            return routes.primaryAddress();
        }
        if (routes.isDirectedBroadcast(destination)) {
            return routes.connectedAddressFor(destination);
        }
        int nextHop = routes.nextHop(destination);
        return nextHop == 0 ? 0 : routes.sourceFor(nextHop);
    }

    /**
     * Sends an ARP request for {@code target} if its entry is incomplete or probed and one is
     * due (at most one a second): broadcast to resolve it, to its cached address to probe it.
     */
    void requestIfDue(int target) {
        int entry = neighbors.find(target);
        if (entry >= 0 && neighbors.requestDue(entry, now)
                && sendArp(1, neighbors.requestDestination(entry, BROADCAST_MAC), 0, routes.sourceFor(target), target)) {
            neighbors.noteRequest(entry, now);
        }
    }

    /** Sends an ARP request (1) or reply (2); false if the device refused it or there is no address to send from. */
    boolean sendArp(int operation, long ethernetDst, long targetMac, int senderIp, int targetIp) {
        if (senderIp == 0) {
            return false;
        }
        kind = KIND_ARP;
        frameDst = ethernetDst;
        arpOperation = operation;
        arpTargetMac = targetMac;
        arpSenderIp = senderIp;
        arpTargetIp = targetIp;
        int length = EthernetFrame.HEADER_LEN + ArpPacket.LEN;
        if (!device.transmit(now, length, this)) {
            refused = true;
            counters.add(InterfaceCounter.DROP_DEVICE_BUSY);
            return false;
        }
        countFrameOut(length);
        counters.add(operation == 1 ? InterfaceCounter.ARP_REQUESTS_OUT : InterfaceCounter.ARP_REPLIES_OUT);
        return true;
    }

    /**
     * Sends, oldest first, the frames that wait for {@code nextHop}, now at {@code hardware}.
     * Stops at a refusal; the rest wait for a later poll.
     */
    void release(int nextHop, long hardware) {
        for (int slot = pending.oldestFor(nextHop); slot >= 0; slot = pending.oldestFor(nextHop)) {
            if (!transmitPending(slot, hardware)) {
                return;
            }
        }
    }

    /** Sends, oldest first, every waiting frame whose next hop is resolved (after a refusal); false if the device refused again. */
    boolean releaseResolved() {
        for (int slot = oldestReleasable(); slot >= 0; slot = oldestReleasable()) {
            if (!transmitPending(slot, neighbors.lookup(pending.nextHop(slot), now))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a waiting frame's next hop is resolved, so that it could go now. */
    boolean hasReleasable() {
        return oldestReleasable() >= 0;
    }

    private int oldestReleasable() {
        int oldest = -1;
        for (int slot = 0; slot < pending.capacity(); slot++) {
            if (pending.isUsed(slot) && (oldest < 0 || pending.order(slot) < pending.order(oldest))
                    && neighbors.isUsable(pending.nextHop(slot))) {
                oldest = slot;
            }
        }
        return oldest;
    }

    private boolean transmitPending(int slot, long hardware) {
        kind = KIND_PENDING;
        pendingSlot = slot;
        frameDst = hardware;
        int length = pending.length(slot);
        if (!device.transmit(now, length, this)) {
            refused = true;
            return false;
        }
        pending.free(slot);
        countFrameOut(length);
        return true;
    }

    /**
     * Whether the sockets should stop sending in this poll: the device refused a frame, or
     * took as many as its {@link dev.jnetlab.stack.phy.DeviceCapabilities#maxBurstSize()}
     * allows before the stack looks for received frames again.
     */
    boolean shouldYield() {
        return refused || burst > 0 && framesThisPoll >= burst;
    }

    private void countFrameOut(int length) {
        framesThisPoll++;
        counters.add(InterfaceCounter.FRAMES_OUT);
        counters.add(InterfaceCounter.OCTETS_OUT, length);
    }

    /**
     * Finishes the checksum of a TCP segment in {@code view} as the device's capabilities ask:
     * computed over the segment, or (checksum offload) the partial checksum the device
     * finishes, or left zero for a device that needs none.
     */
    void finishTcpChecksum(TcpPacket view, int source, int destination) {
        ChecksumCapabilities.Checksum tcpChecksum = checksums.tcp();
        if (tcpChecksum.tx()) {
            view.fillChecksum(source, destination);
        } else if (tcpChecksum == ChecksumCapabilities.Checksum.RX) {
            view.setPartialChecksum(source, destination);
        }
    }

    @Override
    public boolean checksumPartial() {
        return partial;
    }

    @Override
    public int segmentSize() {
        return segmentSize;
    }

    @Override
    public void fill(byte[] buffer, int offset, int length) {
        partial = false;
        segmentSize = 0;
        switch (kind) {
            case KIND_ARP:
                eth.wrap(buffer, offset, length).setDestination(frameDst).setSource(mac)
                        .setEtherTypeValue(EtherType.ARP.value());
                arp.wrap(buffer, offset + EthernetFrame.HEADER_LEN, ArpPacket.LEN)
                        .setHardwareType(ArpPacket.HARDWARE_ETHERNET).setProtocolType(EtherType.IPV4.value())
                        .setHardwareLength(6).setProtocolLength(4).setOperationValue(arpOperation)
                        .setSenderHardwareAddr(mac).setSenderProtocolAddr(arpSenderIp)
                        .setTargetHardwareAddr(arpTargetMac).setTargetProtocolAddr(arpTargetIp);
                break;
            case KIND_FRAGMENT:
                writeFragment(buffer, offset, length, frameDst);
                partial = datagram.protocol() == IpProtocol.TCP.value() && !fragMore && fragOffset == 0 && leavesTcpChecksum();
                break;
            case KIND_PENDING:
                System.arraycopy(pending.frame(pendingSlot), 0, buffer, offset, length);
                eth.wrap(buffer, offset, length).setDestination(frameDst);
                // A held frame carries a whole checksum (see hold): the device's capabilities may
                // have changed while it waited.
                break;
            case KIND_TCP:
                writeTcp(tcpHandler, tcpSegment, buffer, offset, length, frameDst);
                partial = leavesTcpChecksum();
                // Set by the socket only for a payload beyond one MSS, which the device must cut
                // even when the datagram would fit the link: the peer's MSS or the path MTU may
                // be the smaller bound.
                segmentSize = tcpSegment.segmentSize();
                break;
            default:
                throw new IllegalStateException("no frame to fill");
        }
    }

    /**
     * Writes a TCP segment as a whole frame: Ethernet and IPv4 headers, the TCP header from
     * the representation, the payload copied by the socket from its send queue, then the checksum
     * over the segment in place (one pass, as the device's capabilities ask).
     */
    private void writeTcp(TcpHandler handler, TcpRepr segment, byte[] buffer, int offset, int length, long dstMac) {
        writeIpHeader(buffer, offset, length, dstMac);
        int at = ip.payloadOffset();
        tcp.wrap(buffer, at, fragLen);
        int headerLength = segment.emit(tcp);
        handler.copyPayload(segment, buffer, at + headerLength);
        finishTcpChecksum(tcp, datagram.source(), datagram.destination());
    }

    /** Whether the device finishes the TCP checksums the stack sends (checksum offload). */
    private boolean leavesTcpChecksum() {
        return checksums.tcp() == ChecksumCapabilities.Checksum.RX;
    }

    /** Writes the Ethernet header and the IPv4 header of the current fragment of the datagram. */
    private void writeIpHeader(byte[] buffer, int offset, int length, long dstMac) {
        eth.wrap(buffer, offset, length).setDestination(dstMac).setSource(mac).setEtherTypeValue(EtherType.IPV4.value());
        ip.wrap(buffer, offset + EthernetFrame.HEADER_LEN, Ipv4Packet.HEADER_LEN + fragLen)
                .setVersion(4).setIhl(5).setDscp(0).setEcn(0).setTotalLength(Ipv4Packet.HEADER_LEN + fragLen)
                .setIdentification(datagramId).setReservedFlag(false).setDontFragment(datagram.dontFragment())
                .setMoreFragments(fragMore).setFragmentOffset(fragOffset).setTtl(datagram.ttl())
                .setProtocolValue(datagram.protocol()).setSource(datagram.source()).setDestination(datagram.destination());
        if (checksums.ipv4().tx()) {
            ip.fillChecksum();
        } else {
            ip.setChecksum(0);
        }
    }

    /** Writes the current fragment of the datagram as a whole Ethernet frame. */
    private void writeFragment(byte[] buffer, int offset, int length, long dstMac) {
        writeIpHeader(buffer, offset, length, dstMac);
        int at = ip.payloadOffset();
        int from = fragOffset;
        int remaining = fragLen;
        int headLength = datagram.headLength();
        if (from < headLength) {
            int n = Math.min(headLength - from, remaining);
            System.arraycopy(datagram.head(), from, buffer, at, n);
            at += n;
            from += n;
            remaining -= n;
        }
        if (remaining > 0) {
            System.arraycopy(datagram.body(), datagram.bodyOffset() + from - headLength, buffer, at, remaining);
        }
    }
}
