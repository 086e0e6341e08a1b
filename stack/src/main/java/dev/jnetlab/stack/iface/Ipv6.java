package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6HeaderChain;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.WireError;

/**
 * IPv6 for the interface (RFC 8200): receiving, checking and dispatching packets, ICMPv6 echo
 * (RFC 4443 section 4), and the way out for what IPv6 sends, through the neighbor cache.
 * {@link Ndp} does neighbor discovery, DAD and router discovery on top of it.
 *
 * <p>Off until {@link #enable}: then the interface has its link-local address (tentative until
 * DAD) and listens to the all-nodes group and the solicited-node group of each of its
 * addresses (RFC 4861 section 7.2.1). What arrives for other addresses is counted as not for
 * us. A packet is dropped and counted by reason when its header is wrong
 * ({@link Ipv6Packet#check()}), its source is multicast, its hop limit is 0, its extension
 * headers are refused ({@link Ipv6HeaderChain}), it is a fragment (reassembly is not built:
 * {@code drop_ipv6_fragment}; an atomic fragment, RFC 6946, is taken whole), or its ICMPv6
 * checksum does not verify. Packets to a tentative address are dropped but for NDP's.
 *
 * <p><b>Transport.</b> TCP segments and UDP datagrams go to {@link Tcp#receive6} and
 * {@link Udp#receive6} with the socket set; what they send is written into {@link #out} and
 * sent with {@link #transmitUnicast}, which says what became of it. A datagram no socket takes
 * gets port unreachable (RFC 4443 section 3.1, code 4).
 *
 * <p><b>Sending.</b> A frame is written into one scratch buffer, then handed to the device
 * with one copy: a multicast destination maps to 33:33 and its last 32 bits (RFC 2464
 * section 7); a unicast one is looked up in {@link NeighborCache6}, which may hold it (the first
 * packet for a neighbor) while a solicitation goes out. Off-link destinations go to the first
 * default router; without one there is no route (RFC 4943: not assumed on-link).
 *
 * <p>Allocates nothing per packet (ARCHITECTURE.md §4). Not thread-safe: the stack's event
 * loop owns it (ARCHITECTURE.md §2).
 */
final class Ipv6 {
    /** The largest frame this side writes: IPv6 fragmentation is not built, so one MTU of 1500 and the Ethernet header. */
    static final int MAX_FRAME = EthernetFrame.HEADER_LEN + 1500;
    /** Echo replies remembered for {@code ping}: identifier, sequence and arrival of the last few. */
    static final int ECHO_REPLIES = 16;

    private final long mac;
    private final InterfaceCounters counters;
    final Ipv6Addresses addresses = new Ipv6Addresses();
    final NeighborCache6 neighbors = new NeighborCache6(16, MAX_FRAME);
    final DefaultRouters routers = new DefaultRouters();
    final Ipv6Prefixes prefixes = new Ipv6Prefixes();
    private final Ndp ndp;

    private final EthernetFrame eth = new EthernetFrame();
    private final Ipv6Packet ip = new Ipv6Packet();
    private final Ipv6Packet outIp = new Ipv6Packet();
    private final Ipv6HeaderChain chain = new Ipv6HeaderChain();
    private final Icmpv6Packet icmp = new Icmpv6Packet();
    private final Icmpv6Packet outIcmp = new Icmpv6Packet();
    /** The frame being written; {@link #copier} hands it to the device. */
    final byte[] out = new byte[MAX_FRAME];
    private final Copier copier = new Copier();

    private final int[] echoIdentifier = new int[ECHO_REPLIES];
    private final int[] echoSequence = new int[ECHO_REPLIES];
    private final long[] echoAt = new long[ECHO_REPLIES];
    private final int[] echoHopLimit = new int[ECHO_REPLIES];
    private int echoNext;

    private final IcmpRateLimiter rateLimiter;
    private boolean enabled;
    private Device device;
    private long now;
    private int hopLimit = Ipv6Packet.DEFAULT_HOP_LIMIT;

    /** Where TCP segments and UDP datagrams over IPv6 go, in and out ({@link #attach}). */
    private Tcp tcp;
    private Udp udp;

    Ipv6(long mac, InterfaceCounters counters, IcmpRateLimiter rateLimiter) {
        this.mac = mac;
        this.counters = counters;
        this.rateLimiter = rateLimiter;
        this.ndp = new Ndp(this, counters);
    }

    /** The transport protocols the interface shares between the families. */
    void attach(Tcp tcp, Udp udp) {
        this.tcp = tcp;
        this.udp = udp;
    }

    /** Turns IPv6 on: the link-local address goes tentative and DAD starts on the next poll. */
    void enable(long now) {
        if (!enabled) {
            enabled = true;
            Ipv6Address linkLocal = Ipv6Address.linkLocal(mac);
            addresses.add(linkLocal.high(), linkLocal.low(), 64, Ipv6AddressOrigin.LINK_LOCAL, now, Micros.NEVER, Micros.NEVER);
        }
    }

    boolean enabled() {
        return enabled;
    }

    long mac() {
        return mac;
    }

    int hopLimit() {
        return hopLimit;
    }

    void setHopLimit(int hopLimit) {
        this.hopLimit = hopLimit;
    }

    Ndp ndp() {
        return ndp;
    }

    /** The device and instant of this poll, for what is sent. */
    void begin(Device device, long now) {
        this.device = device;
        this.now = now;
    }

    long now() {
        return now;
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Takes the IPv6 packet in {@code frame[offset .. offset+length)}; TCP and UDP go to
     * {@code sockets}. {@code vouched}: the device vouched for its transport checksum.
     */
    void receive(long now, SocketSet sockets, byte[] frame, int offset, int length, long srcMac, boolean vouched) {
        this.now = now;
        WireError reason = ip.wrap(frame, offset, length).check();
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        long dstH = ip.destinationHigh();
        long dstL = ip.destinationLow();
        int slot = addresses.find(dstH, dstL);
        boolean forUs = slot >= 0 || dstH == Ipv6Address.ALL_NODES.high() && dstL == Ipv6Address.ALL_NODES.low()
                || addresses.isOurSolicitedNodeGroup(dstH, dstL)
                || ndp.isRouter() && dstH == Ipv6Address.ALL_ROUTERS.high() && dstL == Ipv6Address.ALL_ROUTERS.low();
        if (!enabled || !forUs) {
            counters.add(InterfaceCounter.DROP_NOT_FOR_US);
            return;
        }
        if (Ipv6Address.isMulticast(ip.sourceHigh())) {
            counters.add(InterfaceCounter.DROP_BAD_SOURCE);
            return;
        }
        if (ip.hopLimit() == 0) {
            counters.add(InterfaceCounter.DROP_HOP_LIMIT_ZERO);
            return;
        }
        reason = chain.walk(ip);
        if (reason != null) {
            counters.drop(reason);
            Ipv6HeaderChain.Problem problem = chain.problem();
            if (problem == Ipv6HeaderChain.Problem.UNRECOGNIZED_OPTION && chain.optionAction() >= 2
                    || problem == Ipv6HeaderChain.Problem.SEGMENTS_LEFT || problem == Ipv6HeaderChain.Problem.HOP_BY_HOP_NOT_FIRST) {
                // RFC 8200 sections 4.2 to 4.4; an option of action 2 is answered even to a group (RFC 4443 section 2.4 e.3).
                boolean toGroupToo = problem == Ipv6HeaderChain.Problem.UNRECOGNIZED_OPTION && chain.optionAction() == 2;
                error(slot, Icmpv6Packet.TYPE_PARAM_PROBLEM, chain.problemCode(), chain.problemPointer(), toGroupToo);
            }
            return;
        }
        if (chain.hasFragmentHeader() && !chain.isAtomicFragment()) {
            counters.add(InterfaceCounter.DROP_IPV6_FRAGMENT);
            return;
        }
        boolean tentative = slot >= 0 && addresses.isTentative(slot);
        int upper = chain.upperLayer();
        if (upper != IpProtocol.ICMPV6.value()) {
            if (tentative) {
                counters.add(InterfaceCounter.DROP_NOT_FOR_US);
            } else if (upper == IpProtocol.UDP.value()) {
                counters.add(InterfaceCounter.IPV6_IN);
                if (!udp.receive6(sockets, ip, chain.upperOffset(), chain.upperLength(), vouched)) {
                    // No socket has the port (RFC 4443 section 3.1, code 4: port unreachable).
                    error(slot, Icmpv6Packet.TYPE_DST_UNREACHABLE, 4, 0, false);
                }
            } else if (upper == IpProtocol.TCP.value()) {
                counters.add(InterfaceCounter.IPV6_IN);
                tcp.receive6(now, sockets, ip, chain.upperOffset(), chain.upperLength(), slot < 0, vouched);
            } else {
                counters.add(InterfaceCounter.DROP_UNKNOWN_PROTOCOL);
                error(slot, Icmpv6Packet.TYPE_PARAM_PROBLEM, 1, chain.upperLayerPointer(), false);
            }
            return;
        }
        icmp.wrap(frame, chain.upperOffset(), chain.upperLength());
        reason = icmp.check();
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        if (!icmp.verifyChecksum(ip.pseudoHeaderSum(IpProtocol.ICMPV6.value(), icmp.length()))) {
            counters.drop(WireError.BAD_CHECKSUM);
            return;
        }
        int type = icmp.type();
        if (tentative && type != Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT && type != Icmpv6Packet.TYPE_NEIGHBOR_ADVERT) {
            counters.add(InterfaceCounter.DROP_NOT_FOR_US);
            return;
        }
        counters.add(InterfaceCounter.IPV6_IN);
        if (icmp.isNdp()) {
            ndp.receive(now, ip, icmp, srcMac);
        } else if (type == Icmpv6Packet.TYPE_ECHO_REQUEST) {
            echoRequest(slot);
        } else if (type == Icmpv6Packet.TYPE_ECHO_REPLY) {
            counters.add(InterfaceCounter.ICMPV6_ECHO_REPLIES_IN);
            echoIdentifier[echoNext] = icmp.echoIdentifier();
            echoSequence[echoNext] = icmp.echoSequence();
            echoAt[echoNext] = now;
            echoHopLimit[echoNext] = ip.hopLimit();
            echoNext = (echoNext + 1) % ECHO_REPLIES;
        } else {
            counters.drop(WireError.UNSUPPORTED);
        }
    }

    /** RFC 4443 section 4.2: the reply carries the request's identifier, sequence and data, from the address it was sent to. */
    private void echoRequest(int slot) {
        counters.add(InterfaceCounter.ICMPV6_ECHO_REQUESTS_IN);
        if (slot < 0) {
            // To a group: not answered (as Linux can be set to do), which keeps a ping of ff02::1 from answering itself.
            counters.add(InterfaceCounter.ICMP_ECHO_REQUESTS_IGNORED);
            return;
        }
        int length = icmp.length();
        if (EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + length > MAX_FRAME) {
            counters.add(InterfaceCounter.DROP_TOO_BIG_DONT_FRAGMENT);
            return;
        }
        long srcH = ip.sourceHigh();
        long srcL = ip.sourceLow();
        int at = header(addresses.high(slot), addresses.low(slot), srcH, srcL, hopLimit, IpProtocol.ICMPV6.value(), length);
        System.arraycopy(icmp.buffer(), icmp.offset(), out, at, length);
        outIcmp.wrap(out, at, length).setType(Icmpv6Packet.TYPE_ECHO_REPLY).setCode(0);
        outIcmp.fillChecksum(outIp.pseudoHeaderSum(IpProtocol.ICMPV6.value(), length));
        if (sendUnicast(srcH, srcL, at + length)) {
            counters.add(InterfaceCounter.ICMPV6_ECHO_REPLIES_OUT);
        }
    }

    /**
     * An ICMPv6 error about the packet in {@link #ip} (RFC 4443 section 2.4): as much of it
     * quoted as keeps the error within the minimum MTU of 1280, from the address it was sent to
     * (or the source for its sender when it went to a group). Not sent (counted as suppressed)
     * about a packet to a group, unless {@code toGroupToo}, or from {@code ::}; held back by the
     * interface's ICMP token bucket, shared with IPv4. Errors about ICMPv6 errors do not arise
     * here: an ICMPv6 message is never refused this way.
     */
    private void error(int slot, int type, int code, int parameter, boolean toGroupToo) {
        long srcH = ip.sourceHigh();
        long srcL = ip.sourceLow();
        if (slot < 0 && !toGroupToo || srcH == 0 && srcL == 0) {
            counters.add(InterfaceCounter.ICMP_ERRORS_SUPPRESSED);
            return;
        }
        if (!rateLimiter.tryTake(now)) {
            counters.add(InterfaceCounter.ICMP_ERRORS_RATE_LIMITED);
            return;
        }
        int from = slot >= 0 ? slot : addresses.sourceFor(srcH, srcL);
        if (from < 0) {
            counters.add(InterfaceCounter.DROP_NO_ROUTE);
            return;
        }
        int quoted = Math.min(Ipv6Packet.HEADER_LEN + ip.payloadLength(),
                Ipv6Packet.MIN_MTU - Ipv6Packet.HEADER_LEN - Icmpv6Packet.HEADER_LEN);
        int length = Icmpv6Packet.HEADER_LEN + quoted;
        byte[] offending = ip.buffer();
        int offendingAt = ip.offset();
        // The offending packet is in the receive buffer, not in out: header() overwrites only out.
        int at = header(addresses.high(from), addresses.low(from), srcH, srcL, hopLimit, IpProtocol.ICMPV6.value(), length);
        System.arraycopy(offending, offendingAt, out, at + Icmpv6Packet.HEADER_LEN, quoted);
        outIcmp.wrap(out, at, length).setType(type).setCode(code).setRestOfHeader(parameter);
        outIcmp.fillChecksum(outIp.pseudoHeaderSum(IpProtocol.ICMPV6.value(), length));
        if (sendUnicast(srcH, srcL, at + length)) {
            counters.add(InterfaceCounter.ICMP_ERRORS_OUT);
        }
    }

    /** Whether an echo reply with this identifier and sequence arrived at or after {@code since}. */
    long echoReplyAt(int identifier, int sequence, long since) {
        for (int i = 0; i < ECHO_REPLIES; i++) {
            if (echoIdentifier[i] == identifier && echoSequence[i] == sequence && echoAt[i] >= since && echoAt[i] != 0) {
                return echoAt[i];
            }
        }
        return -1;
    }

    /** The hop limit the echo reply with this identifier and sequence arrived with, or -1. */
    int echoReplyHopLimit(int identifier, int sequence) {
        for (int i = 0; i < ECHO_REPLIES; i++) {
            if (echoIdentifier[i] == identifier && echoSequence[i] == sequence && echoAt[i] != 0) {
                return echoHopLimit[i];
            }
        }
        return -1;
    }

    /**
     * Sends an echo request of {@code dataLength} pattern octets to {@code dst} from the
     * source address for it; false if there is none or no route.
     */
    boolean sendEchoRequest(long dstH, long dstL, int identifier, int sequence, int dataLength) {
        int slot = addresses.sourceFor(dstH, dstL);
        int length = Icmpv6Packet.HEADER_LEN + dataLength;
        if (slot < 0 || EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + length > MAX_FRAME) {
            counters.add(InterfaceCounter.DROP_NO_ROUTE);
            return false;
        }
        int at = header(addresses.high(slot), addresses.low(slot), dstH, dstL, hopLimit, IpProtocol.ICMPV6.value(), length);
        outIcmp.wrap(out, at, length).setType(Icmpv6Packet.TYPE_ECHO_REQUEST).setCode(0).setEchoIdentifier(identifier)
                .setEchoSequence(sequence);
        for (int i = 0; i < dataLength; i++) {
            out[at + Icmpv6Packet.HEADER_LEN + i] = (byte) i;
        }
        outIcmp.fillChecksum(outIp.pseudoHeaderSum(IpProtocol.ICMPV6.value(), length));
        counters.add(InterfaceCounter.ICMPV6_ECHO_REQUESTS_OUT);
        return Ipv6Address.isMulticast(dstH) ? sendMulticast(dstL, at + length) : sendUnicast(dstH, dstL, at + length);
    }

    // ---------------------------------------------------------------- sending

    /**
     * Writes the Ethernet header (source and type; the destination is set when it is known)
     * and the IPv6 header into {@link #out}; returns where the payload starts.
     */
    int header(long srcH, long srcL, long dstH, long dstL, int hops, int nextHeader, int payloadLength) {
        eth.wrap(out, 0, out.length).setSource(mac).setEtherTypeValue(EtherType.IPV6.value());
        outIp.wrap(out, EthernetFrame.HEADER_LEN, Ipv6Packet.HEADER_LEN + payloadLength).setVersion(6).setTrafficClass(0)
                .setFlowLabel(0).setPayloadLength(payloadLength).setNextHeader(nextHeader).setHopLimit(hops)
                .setSource(srcH, srcL).setDestination(dstH, dstL);
        return outIp.payloadOffset();
    }

    /** The IPv6 header {@link #header} wrote, for the checksum. */
    Ipv6Packet outIp() {
        return outIp;
    }

    /** Sends {@link #out} to a group: its MAC is 33:33 and the group's last 32 bits. */
    boolean sendMulticast(long dstL, int length) {
        eth.wrap(out, 0, length).setDestination(Ipv6Address.multicastMac(dstL));
        return transmit(out, length);
    }

    /** Sends {@link #out} straight to {@code dstMac}, bypassing the cache (NDP's answers and probes). */
    boolean sendTo(long dstMac, int length) {
        eth.wrap(out, 0, length).setDestination(dstMac);
        return transmit(out, length);
    }

    /**
     * Sends {@link #out} to the unicast {@code dst} through its next hop (RFC 4861 section
     * 5.2): on-link if link-local, on an advertised prefix or a manual address's; else the
     * first default router. The first packet for an unresolved next hop is held.
     */
    boolean sendUnicast(long dstH, long dstL, int length) {
        switch (transmitUnicast(dstH, dstL, length)) {
            case SENT, QUEUED:
                return true;
            case NO_ROUTE:
                counters.add(InterfaceCounter.DROP_NO_ROUTE);
                return false;
            case QUEUE_FULL:
                counters.add(InterfaceCounter.DROP_NDP_QUEUE_FULL);
                return false;
            default:
                return false; // refused: counted by transmit
        }
    }

    /**
     * {@link #sendUnicast}, saying what became of the packet: {@link TransmitResult#SENT},
     * {@link TransmitResult#QUEUED} (held for NDP), {@link TransmitResult#NO_ROUTE},
     * {@link TransmitResult#QUEUE_FULL} (another packet waits for that neighbor already), or
     * {@link TransmitResult#REFUSED} by the device. Counts only the frame that went.
     */
    TransmitResult transmitUnicast(long dstH, long dstL, int length) {
        long hopH = dstH;
        long hopL = dstL;
        if (!isOnLink(dstH, dstL)) {
            int router = routers.first();
            if (router < 0) {
                return TransmitResult.NO_ROUTE;
            }
            hopH = routers.high(router);
            hopL = routers.low(router);
        }
        int i = neighbors.lookupForSend(hopH, hopL, now);
        if (i >= 0) {
            return sendTo(neighbors.mac(i), length) ? TransmitResult.SENT : TransmitResult.REFUSED;
        }
        int slot = neighbors.incompleteSlot();
        if (!neighbors.hold(slot, out, 0, length)) {
            return TransmitResult.QUEUE_FULL;
        }
        if (neighbors.created()) {
            ndp.solicit(hopH, hopL, false, 0);
        }
        return TransmitResult.QUEUED;
    }

    /** Whether {@code dst} is on the link: link-local, on an advertised prefix or a manual address's (RFC 4861 section 5.2). */
    private boolean isOnLink(long dstH, long dstL) {
        return Ipv6Address.isLinkLocal(dstH) || prefixes.isOnLink(dstH, dstL) || addresses.onManualPrefix(dstH, dstL);
    }

    /** Whether {@code h}/{@code l} is one of our addresses and past DAD, so that it may be a source (RFC 4862 section 5.4). */
    boolean isUsableSource(long h, long l) {
        int slot = addresses.find(h, l);
        return slot >= 0 && !addresses.isTentative(slot);
    }

    /** Whether a packet to {@code dst} has a way out: on the link, or a default router (RFC 4943: nothing else is assumed on-link). */
    boolean hasRoute(long dstH, long dstL) {
        return isOnLink(dstH, dstL) || routers.first() >= 0;
    }

    /** Sends the packet held for slot {@code i}, whose address is now known. */
    void releaseHeld(int i) {
        int length = neighbors.heldLength(i);
        if (length == 0) {
            return;
        }
        byte[] frame = neighbors.heldFrame(i);
        eth.wrap(frame, 0, length).setDestination(neighbors.mac(i));
        neighbors.clearHeld(i);
        transmit(frame, length);
    }

    private boolean transmit(byte[] frame, int length) {
        if (device == null) {
            counters.add(InterfaceCounter.DROP_DEVICE_BUSY);
            return false;
        }
        copier.frame = frame;
        if (!device.transmit(now, length, copier)) {
            counters.add(InterfaceCounter.DROP_DEVICE_BUSY);
            return false;
        }
        counters.add(InterfaceCounter.FRAMES_OUT);
        counters.add(InterfaceCounter.OCTETS_OUT, length);
        counters.add(InterfaceCounter.IPV6_OUT);
        return true;
    }

    /** Copies a finished frame into the device's buffer. */
    private static final class Copier implements FrameFiller {
        byte[] frame;

        @Override
        public void fill(byte[] buffer, int offset, int length) {
            System.arraycopy(frame, 0, buffer, offset, length);
        }
    }

    // ---------------------------------------------------------------- timers

    /** Runs what is due at {@code now}: DAD, address lifetimes, router solicitations, neighbor states. */
    boolean runTimers(long now) {
        this.now = now;
        return enabled && ndp.runTimers(now);
    }

    long nextDeadline() {
        return enabled ? ndp.nextDeadline() : Micros.NEVER;
    }
}
