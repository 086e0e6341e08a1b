package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.tcp.Ipv6PathMtu;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6FragmentHeader;
import dev.jnetlab.stack.wire.Ipv6HeaderChain;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.MldMessage;
import dev.jnetlab.stack.wire.WireError;

/**
 * IPv6 for the interface (RFC 8200): receiving, checking and dispatching packets, ICMPv6 echo
 * (RFC 4443 section 4), and the way out for what IPv6 sends, through the neighbor cache.
 * {@link Ndp} does neighbor discovery, DAD and router discovery on top of it.
 *
 * <p>Off until {@link #enable}: then the interface has its link-local address (tentative until
 * DAD) and listens to the all-nodes group and the solicited-node group of each of its
 * addresses (RFC 4861 section 7.2.1), which {@link Mld} reports to MLDv2 routers and snooping
 * switches (RFC 3810). What arrives for other addresses is counted as not for
 * us. A packet is dropped and counted by reason when its header is wrong
 * ({@link Ipv6Packet#check()}), its source is multicast, its hop limit is 0, its extension
 * headers are refused ({@link Ipv6HeaderChain}), or its ICMPv6 checksum does not verify.
 * Packets to a tentative address are dropped but for NDP's.
 *
 * <p><b>Fragments</b> (RFC 8200 section 4.5) go to the {@link Ipv6Reassembler}; an atomic
 * fragment (offset 0, no more, RFC 6946) is taken whole, without it. A fragment is dropped
 * on its own, with a parameter problem, when more follow and its length is not a multiple of
 * 8, when it reaches past 65535 octets, or when it is a first fragment without the whole
 * header chain (RFC 7112, {@code drop_fragment_tiny}). NDP in fragments is ignored (RFC 6980).
 *
 * <p><b>Transport.</b> TCP segments and UDP datagrams go to {@link Tcp#receive6} and
 * {@link Udp#receive6} with the socket set; what they send is written into {@link #out} and
 * sent with {@link #transmitUnicast}, which says what became of it. A datagram no socket takes
 * gets port unreachable (RFC 4443 section 3.1, code 4).
 *
 * <p><b>Sending.</b> A packet is written into one scratch buffer, then handed to the device
 * with one copy: a multicast destination maps to 33:33 and its last 32 bits (RFC 2464
 * section 7); a unicast one is looked up in {@link NeighborCache6}, which may hold it (the first
 * packet for a neighbor, all its fragments) while a solicitation goes out. Off-link
 * destinations go to the first default router; without one there is no route (RFC 4943: not
 * assumed on-link). A packet larger than the path MTU ({@link PathMtuCache}, lowered by Packet
 * Too Big, RFC 8201) goes in fragments, each one written into a frame buffer of its own.
 *
 * <p><b>Errors</b> (RFC 4443 section 2.4): never about an ICMPv6 error or a redirect (e.1,
 * e.2), a packet to an IPv6 or link-layer group (e.3 to e.5; an option of action 2 excepted),
 * or from {@code ::} (e.6); held back by the interface's ICMP token bucket (f).
 *
 * <p>Allocates nothing per packet (ARCHITECTURE.md §4). Not thread-safe: the stack's event
 * loop owns it (ARCHITECTURE.md §2).
 */
final class Ipv6 implements Ipv6PathMtu {
    /** The largest IPv6 MTU used: a larger device MTU is used up to this, which keeps every held frame this size. */
    static final int MAX_LINK_MTU = 1500;
    /** The largest frame this side sends. */
    static final int MAX_FRAME = EthernetFrame.HEADER_LEN + MAX_LINK_MTU;
    /** The largest packet it writes before fragmenting: a payload of 65535 octets. */
    static final int MAX_PACKET = EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + 65535;
    /** What RFC 7112 asks of a first fragment: the upper layer's header, as far as a filter reads it (ports, ICMPv6 type). */
    private static final int TCP_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int ICMPV6_TYPE_CODE_CHECKSUM = 4;
    /** Parameter problem and time exceeded codes (RFC 4443 sections 3.3, 3.4; RFC 7112 section 5). */
    private static final int ERRONEOUS_HEADER_FIELD = 0;
    private static final int FIRST_FRAGMENT_INCOMPLETE_CHAIN = 3;
    private static final int REASSEMBLY_TIME_EXCEEDED = 1;
    /** Where the payload length field is in the IPv6 header: what a parameter problem about a fragment's length points at. */
    private static final int PAYLOAD_LENGTH_FIELD = 4;
    /** Where the next header field is in the IPv6 header. */
    private static final int NEXT_HEADER_FIELD = 6;
    /** RFC 7217 section 6: how many times a stable address is formed again after DAD conflicts. */
    static final int IDGEN_RETRIES = 3;
    /** Echo replies remembered for {@code ping}: identifier, sequence and arrival of the last few. */
    static final int ECHO_REPLIES = 16;

    private final long mac;
    private final InterfaceCounters counters;
    final Ipv6Addresses addresses = new Ipv6Addresses();
    final NeighborCache6 neighbors = new NeighborCache6(16, MAX_FRAME);
    final DefaultRouters routers = new DefaultRouters();
    final Ipv6Prefixes prefixes = new Ipv6Prefixes();
    final Ipv6Redirects redirects = new Ipv6Redirects();
    private final Ndp ndp;
    private final Mld mld;

    private final EthernetFrame eth = new EthernetFrame();
    private final Ipv6Packet ip = new Ipv6Packet();
    private final Ipv6Packet outIp = new Ipv6Packet();
    private final Ipv6Packet quoted = new Ipv6Packet();
    private final Ipv6Packet fragmentIp = new Ipv6Packet();
    private final Ipv6HeaderChain chain = new Ipv6HeaderChain();
    private final Ipv6HeaderChain quotedChain = new Ipv6HeaderChain();
    private final Icmpv6Packet icmp = new Icmpv6Packet();
    private final Icmpv6Packet outIcmp = new Icmpv6Packet();
    /**
     * The packet being written; {@link #copier} hands it to the device. One frame long until a
     * packet larger than a frame is first written ({@link #header}), then {@link #MAX_PACKET}
     * for good: an IPv4-only or small-packet session never carries 64 KB for it.
     */
    byte[] out = new byte[MAX_FRAME];
    /** One fragment of {@link #out} at a time. */
    private final byte[] fragment = new byte[MAX_FRAME];
    private final Copier copier = new Copier();
    private final Ipv6Reassembler reassembler = new Ipv6Reassembler();
    private final PathMtuCache pathMtus = new PathMtuCache();
    /** The Fragment header's identification of the next packet sent in fragments. */
    private int identification;

    private final int[] echoIdentifier = new int[ECHO_REPLIES];
    private final int[] echoSequence = new int[ECHO_REPLIES];
    private final long[] echoAt = new long[ECHO_REPLIES];
    private final int[] echoHopLimit = new int[ECHO_REPLIES];
    private int echoNext;

    private final IcmpRateLimiter rateLimiter;
    private final long keyHigh;
    private final long keyLow;
    private Ipv6AddressGeneration addressGeneration = Ipv6AddressGeneration.EUI64;
    /** Made when {@link Ipv6AddressGeneration#STABLE} is first chosen. */
    private StableInterfaceIdentifier stable;
    private boolean enabled;
    /** The interface identifier of the link-local address formed by {@link #enable}. */
    private long linkLocalId;
    private Device device;
    private long now;
    private int hopLimit = Ipv6Packet.DEFAULT_HOP_LIMIT;

    /**
     * {@code firstIdentification}: where the Fragment headers' identifications start, drawn from
     * the interface's seed so that runs replay (RFC 7739 asks for identifications that are hard
     * to predict; one counter per host from a random start is its simplest form). {@code keyHigh}
     * and {@code keyLow}: the secret key of stable interface identifiers (RFC 7217), from the seed too.
     * {@code mldSeed}: the seed of MLD's random delays.
     */
    /** Where TCP segments and UDP datagrams over IPv6 go, in and out ({@link #attach}). */
    private Tcp tcp;
    private Udp udp;
    /** The socket set of the packet being received, and whether the device vouched for its transport checksum. */
    private SocketSet sockets;
    private boolean vouched;

    Ipv6(long mac, InterfaceCounters counters, IcmpRateLimiter rateLimiter, int firstIdentification, long keyHigh, long keyLow,
            long mldSeed) {
        this.mac = mac;
        this.keyHigh = keyHigh;
        this.keyLow = keyLow;
        this.counters = counters;
        this.rateLimiter = rateLimiter;
        this.identification = firstIdentification;
        this.ndp = new Ndp(this, counters);
        this.mld = new Mld(this, counters, mldSeed);
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
            long prefix = Ipv6Address.linkLocal(mac).high();
            linkLocalId = interfaceIdentifier(prefix);
            Ipv6Address linkLocal = new Ipv6Address(prefix, linkLocalId);
            addresses.add(linkLocal.high(), linkLocal.low(), 64, Ipv6AddressOrigin.LINK_LOCAL, now, Micros.NEVER, Micros.NEVER);
        }
    }

    /** Turns IPv6 off and forgets every address, neighbor, router and prefix. */
    void disable() {
        enabled = false;
        addresses.clear();
        neighbors.clear();
        routers.clear();
        prefixes.clear();
        redirects.clear();
        ndp.stop();
    }

    boolean enabled() {
        return enabled;
    }

    /** How interface identifiers are made from now on: the link-local address when IPv6 comes on, SLAAC addresses. */
    void setAddressGeneration(Ipv6AddressGeneration generation) {
        if (generation == Ipv6AddressGeneration.STABLE && stable == null) {
            stable = new StableInterfaceIdentifier(mac, keyHigh, keyLow);
        }
        this.addressGeneration = generation;
    }

    Ipv6AddressGeneration addressGeneration() {
        return addressGeneration;
    }

    /** The interface identifier for the /64 prefix whose upper half is {@code prefixHigh}. */
    long interfaceIdentifier(long prefixHigh) {
        return addressGeneration == Ipv6AddressGeneration.STABLE ? stable.of(prefixHigh) : Ipv6Address.eui64(mac);
    }

    /**
     * A DAD conflict for the tentative address in slot {@code i} (RFC 4862 section 5.4.5): a
     * stable one (link-local or SLAAC) is formed again with the next DAD counter, keeping its
     * lifetimes, at most {@link #IDGEN_RETRIES} times (RFC 7217 section 6); false when it is
     * to be given up instead, as an EUI-64 or a manual address is.
     */
    boolean formAgain(int i, long now) {
        Ipv6AddressOrigin origin = addresses.origin(i);
        if (addressGeneration != Ipv6AddressGeneration.STABLE || origin == Ipv6AddressOrigin.MANUAL) {
            return false;
        }
        long prefix = addresses.high(i);
        int counter = stable.counterOf(prefix, addresses.low(i), IDGEN_RETRIES);
        if (counter < 0 || counter == IDGEN_RETRIES) {
            return false;
        }
        long next = stable.of(prefix, counter + 1);
        addresses.renumber(i, next, now);
        if (origin == Ipv6AddressOrigin.LINK_LOCAL) {
            linkLocalId = next;
        }
        return true;
    }

    /** The link-local address this interface formed when IPv6 came on, or would form now. */
    Ipv6Address linkLocalAddress() {
        long prefix = Ipv6Address.linkLocal(mac).high();
        return new Ipv6Address(prefix, enabled ? linkLocalId : interfaceIdentifier(prefix));
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

    Mld mld() {
        return mld;
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
     * Takes the IPv6 packet of {@code length} octets at {@code offset} of a frame from
     * {@code srcMac}; {@code linkMulticast}: the frame went to a link-layer group. TCP and UDP
     * go to {@code sockets}; {@code vouched}: the device vouched for the transport checksum.
     */
    void receive(long now, SocketSet sockets, byte[] frame, int offset, int length, long srcMac, boolean linkMulticast,
                 boolean vouched) {
        this.now = now;
        this.sockets = sockets;
        this.vouched = vouched;
        WireError reason = ip.wrap(frame, offset, length).check();
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        long dstH = ip.destinationHigh();
        long dstL = ip.destinationLow();
        int to = addresses.find(dstH, dstL);
        boolean forUs = to >= 0 || dstH == Ipv6Address.ALL_NODES.high() && dstL == Ipv6Address.ALL_NODES.low()
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
        process(to, to < 0 || linkMulticast, srcMac, false);
    }

    /**
     * Walks the extension headers of the packet in {@link #ip}, sent to our address {@code to}
     * (or to a group: {@code toGroup}), and hands it on: a fragment to reassembly, a whole
     * packet to its upper layer. {@code reassembled}: it was put together from fragments.
     */
    private void process(int to, boolean toGroup, long srcMac, boolean reassembled) {
        WireError reason = chain.walk(ip);
        if (reason != null) {
            Ipv6HeaderChain.Problem problem = chain.problem();
            if (problem == Ipv6HeaderChain.Problem.RUNS_PAST_END && chain.hasFragmentHeader() && chain.fragmentOffset() == 0
                    && chain.moreFragments()) {
                tinyFirstFragment(to, toGroup);
                return;
            }
            counters.drop(reason);
            if (problem == Ipv6HeaderChain.Problem.UNRECOGNIZED_OPTION && chain.optionAction() >= 2
                    || problem == Ipv6HeaderChain.Problem.SEGMENTS_LEFT || problem == Ipv6HeaderChain.Problem.HOP_BY_HOP_NOT_FIRST) {
                // RFC 8200 sections 4.2 to 4.4; an option of action 2 is answered even to a group (RFC 4443 section 2.4 e.3).
                boolean toGroupToo = problem == Ipv6HeaderChain.Problem.UNRECOGNIZED_OPTION && chain.optionAction() == 2;
                error(to, toGroup, Icmpv6Packet.TYPE_PARAM_PROBLEM, chain.problemCode(), chain.problemPointer(), toGroupToo, ip);
            }
            return;
        }
        if (chain.hasFragmentHeader() && !chain.isAtomicFragment()) {
            if (reassembled) {
                // A fragment inside a reassembled packet: no sender makes one, and reassembling it again would reuse the buffer it is in.
                counters.add(InterfaceCounter.DROP_FRAGMENT_INVALID);
                return;
            }
            fragment(to, toGroup, srcMac);
            return;
        }
        deliver(to, toGroup, srcMac, reassembled || chain.hasFragmentHeader());
    }

    /**
     * RFC 8200 section 4.5 (and RFC 7112 section 5): a first fragment without the whole header
     * chain, upper-layer header included, is dropped with a parameter problem, code 3,
     * pointer 0: a filter could not have judged it.
     */
    private void tinyFirstFragment(int to, boolean toGroup) {
        counters.add(InterfaceCounter.FRAGMENTS_IN);
        counters.add(InterfaceCounter.DROP_FRAGMENT_TINY);
        error(to, toGroup, Icmpv6Packet.TYPE_PARAM_PROBLEM, FIRST_FRAGMENT_INCOMPLETE_CHAIN, 0, false, ip);
    }

    /** Whether the walked first fragment stops inside the upper layer's header (RFC 7112). */
    private boolean upperHeaderCut() {
        int upper = chain.upperLayer();
        int need = upper == IpProtocol.TCP.value() ? TCP_HEADER : upper == IpProtocol.UDP.value() ? UDP_HEADER
                : upper == IpProtocol.ICMPV6.value() ? ICMPV6_TYPE_CODE_CHECKSUM : 0;
        return chain.upperLength() < need;
    }

    /**
     * A fragment (RFC 8200 section 4.5): checked on its own, then given to the reassembler; a
     * packet it completes goes through {@link #process} again from the reassembler's buffer.
     */
    private void fragment(int to, boolean toGroup, long srcMac) {
        int header = chain.fragmentHeaderOffset();
        int offset = chain.fragmentOffset();
        boolean more = chain.moreFragments();
        int data = ip.payloadOffset() + ip.payloadLength() - header - Ipv6FragmentHeader.LENGTH;
        if (offset == 0 && upperHeaderCut()) {
            tinyFirstFragment(to, toGroup);
            return;
        }
        counters.add(InterfaceCounter.FRAGMENTS_IN);
        if (more && (data == 0 || data % 8 != 0)) {
            // Not a multiple of 8 with more to come: a parameter problem at the payload length (section 4.5).
            counters.add(InterfaceCounter.DROP_FRAGMENT_INVALID);
            if (data != 0) {
                error(to, toGroup, Icmpv6Packet.TYPE_PARAM_PROBLEM, ERRONEOUS_HEADER_FIELD, PAYLOAD_LENGTH_FIELD, false, ip);
            }
            return;
        }
        int unfragmentable = header - ip.offset();
        if (unfragmentable - Ipv6Packet.HEADER_LEN + offset + data > Ipv6Reassembler.MAX_PAYLOAD) {
            // Reassembled it would pass 65535 octets: a parameter problem at its fragment offset (section 4.5).
            counters.add(InterfaceCounter.DROP_REASSEMBLY_TOO_BIG);
            error(to, toGroup, Icmpv6Packet.TYPE_PARAM_PROBLEM, ERRONEOUS_HEADER_FIELD,
                    unfragmentable + Ipv6FragmentHeader.OFFSET_FLAGS, false, ip);
            return;
        }
        Ipv6Reassembler.Result result = reassembler.add(ip, header, fieldNamingFragmentHeader(),
                chain.fragmentIdentification(), offset, more, data, now);
        if (reassembler.evicted()) {
            counters.add(InterfaceCounter.DROP_REASSEMBLY_FULL);
        }
        switch (result) {
            case INCOMPLETE -> {
                // kept until the rest arrives or the timeout
            }
            case COMPLETE -> {
                int slot = reassembler.completed();
                try {
                    counters.add(InterfaceCounter.DATAGRAMS_REASSEMBLED);
                    ip.wrap(reassembler.buffer(slot), reassembler.packetOffset(slot), reassembler.packetLength(slot));
                    process(to, toGroup, srcMac, true);
                } finally {
                    reassembler.release(slot);
                }
            }
            case DUPLICATE -> counters.add(InterfaceCounter.DROP_FRAGMENT_DUPLICATE);
            case OVERLAP -> counters.add(InterfaceCounter.DROP_FRAGMENT_OVERLAP); // RFC 5722: silently
            case INVALID -> counters.add(InterfaceCounter.DROP_FRAGMENT_INVALID);
            case TOO_BIG -> counters.add(InterfaceCounter.DROP_REASSEMBLY_TOO_BIG);
            case FULL -> counters.add(InterfaceCounter.DROP_REASSEMBLY_FULL);
            case ORPHANED -> counters.add(InterfaceCounter.DROP_FRAGMENT_ORPHANED);
        }
    }

    /** Where, from the IPv6 header's start, the next header field that named the walked Fragment header is. */
    private int fieldNamingFragmentHeader() {
        int header = chain.fragmentHeaderOffset();
        for (int k = 0; k < chain.headerCount(); k++) {
            if (chain.headerOffset(k) == header) {
                return k == 0 ? NEXT_HEADER_FIELD : chain.headerOffset(k - 1) - ip.offset();
            }
        }
        throw new AssertionError("the fragment header is in the chain");
    }

    /** The whole packet in {@link #ip}, its chain walked, to its upper layer. {@code fragmented}: it came in a fragment header. */
    private void deliver(int to, boolean toGroup, long srcMac, boolean fragmented) {
        boolean tentative = to >= 0 && addresses.isTentative(to);
        int upper = chain.upperLayer();
        if (upper != IpProtocol.ICMPV6.value()) {
            if (tentative) {
                counters.add(InterfaceCounter.DROP_NOT_FOR_US);
            } else if (upper == IpProtocol.UDP.value()) {
                counters.add(InterfaceCounter.IPV6_IN);
                // A device vouches for a frame's checksum, not for a packet put together from fragments.
                if (!udp.receive6(sockets, ip, chain.upperOffset(), chain.upperLength(), vouched && !fragmented)) {
                    // No socket has the port (RFC 4443 section 3.1, code 4: port unreachable).
                    error(to, toGroup, Icmpv6Packet.TYPE_DST_UNREACHABLE, 4, 0, false, ip);
                }
            } else if (upper == IpProtocol.TCP.value()) {
                counters.add(InterfaceCounter.IPV6_IN);
                tcp.receive6(now, sockets, ip, chain.upperOffset(), chain.upperLength(), toGroup, vouched && !fragmented);
            } else {
                counters.add(InterfaceCounter.DROP_UNKNOWN_PROTOCOL);
                error(to, toGroup, Icmpv6Packet.TYPE_PARAM_PROBLEM, 1, chain.upperLayerPointer(), false, ip);
            }
            return;
        }
        icmp.wrap(ip.buffer(), chain.upperOffset(), chain.upperLength());
        WireError reason = icmp.check();
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
        if (fragmented && icmp.isNdp()) {
            // RFC 6980 section 5: NDP in a fragment header is ignored; a forger could hide it from RA-Guard that way.
            counters.add(InterfaceCounter.DROP_NDP_INVALID);
            return;
        }
        counters.add(InterfaceCounter.IPV6_IN);
        if (icmp.isNdp()) {
            ndp.receive(now, ip, icmp, srcMac);
        } else if (type == MldMessage.TYPE_QUERY) {
            mld.receiveQuery(now, ip, chain, icmp);
        } else if (type == Icmpv6Packet.TYPE_ECHO_REQUEST) {
            echoRequest(to);
        } else if (type == Icmpv6Packet.TYPE_ECHO_REPLY) {
            counters.add(InterfaceCounter.ICMPV6_ECHO_REPLIES_IN);
            echoIdentifier[echoNext] = icmp.echoIdentifier();
            echoSequence[echoNext] = icmp.echoSequence();
            echoAt[echoNext] = now;
            echoHopLimit[echoNext] = ip.hopLimit();
            echoNext = (echoNext + 1) % ECHO_REPLIES;
            IcmpSocket socket = sockets.findIcmp(icmp.echoIdentifier());
            if (socket != null) {
                toSocket(socket);
            }
        } else if (type == Icmpv6Packet.TYPE_PACKET_TOO_BIG) {
            packetTooBig();
        } else if (type == Icmpv6Packet.TYPE_DST_UNREACHABLE || type == Icmpv6Packet.TYPE_TIME_EXCEEDED
                || type == Icmpv6Packet.TYPE_PARAM_PROBLEM) {
            counters.add(InterfaceCounter.ICMP_ERRORS_IN);
            quoted.wrap(icmp.buffer(), icmp.dataOffset(), icmp.dataLength());
            if (quoted.checkHeader() != null || addresses.find(quoted.sourceHigh(), quoted.sourceLow()) < 0) {
                counters.add(InterfaceCounter.ICMP_ERRORS_IGNORED);
            } else {
                errorAboutEcho();
            }
        } else {
            counters.drop(WireError.UNSUPPORTED);
        }
    }

    /**
     * Packet Too Big (RFC 4443 section 3.2, RFC 8201 section 4): the path MTU toward the
     * destination of the packet it quotes goes down to its MTU (1280 at least). Taken only when
     * the quoted packet is one this host sent, from one of its addresses (RFC 8201 section 6:
     * a forged message could only shrink packets, but there is no need to believe strangers).
     * When it quotes a TCP segment (its header right after the IPv6 header, as this host sends
     * them), the connection hears it too (RFC 8201 section 5.2) and sends what was lost again
     * at the new size.
     */
    private void packetTooBig() {
        counters.add(InterfaceCounter.ICMP_ERRORS_IN);
        quoted.wrap(icmp.buffer(), icmp.dataOffset(), icmp.dataLength());
        if (quoted.checkHeader() != null || addresses.find(quoted.sourceHigh(), quoted.sourceLow()) < 0) {
            counters.add(InterfaceCounter.ICMP_ERRORS_IGNORED);
            return;
        }
        if (pathMtus.lower(quoted.destinationHigh(), quoted.destinationLow(), icmp.mtu(), now, linkMtu())) {
            counters.add(InterfaceCounter.PATH_MTU_LOWERED);
        }
        if (quoted.nextHeader() == IpProtocol.TCP.value() && icmp.dataLength() >= Ipv6Packet.HEADER_LEN + Tcp.QUOTED_SEGMENT) {
            tcp.receivePacketTooBig(now, sockets, (int) Math.min(icmp.mtu(), Integer.MAX_VALUE), ip.sourceHigh(), ip.sourceLow(),
                    quoted);
        } else {
            errorAboutEcho();
        }
    }

    /**
     * An ICMPv6 error whose quoted packet ({@link #quoted}, sent from one of our addresses) is
     * an echo request: to the ICMP socket of the request's identifier, as ping hears it
     * (RFC 4443 section 2.4 b: the error is for the process that sent the packet).
     */
    private void errorAboutEcho() {
        int request = quoted.payloadOffset();
        if (quoted.nextHeader() != IpProtocol.ICMPV6.value() || icmp.dataLength() < Ipv6Packet.HEADER_LEN + Icmpv6Packet.HEADER_LEN
                || (quoted.buffer()[request] & 0xFF) != Icmpv6Packet.TYPE_ECHO_REQUEST) {
            return; // about something no socket here sent
        }
        int identifier = (quoted.buffer()[request + 4] & 0xFF) << 8 | quoted.buffer()[request + 5] & 0xFF;
        IcmpSocket socket = sockets.findIcmp(identifier);
        if (socket == null) {
            counters.add(InterfaceCounter.DROP_NO_SOCKET);
        } else {
            toSocket(socket);
        }
    }

    /** The ICMPv6 message in {@link #icmp} to {@code socket}, with the addresses and hop limit of {@link #ip}. */
    private void toSocket(IcmpSocket socket) {
        if (!socket.deliver6(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), ip.hopLimit(),
                icmp.buffer(), icmp.offset(), icmp.length())) {
            counters.add(InterfaceCounter.DROP_SOCKET_BUFFER_FULL);
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
     * An ICMPv6 error about the packet {@code about}, which went to our address {@code to} or
     * to a group ({@code toGroup}: an IPv6 or a link-layer one), RFC 4443 section 2.4: as much
     * of it quoted as keeps the error within the minimum MTU of 1280 (c), from the address it was
     * sent to, or the source for its sender when it went to a group (a, b). Not sent, and
     * counted as suppressed, about an ICMPv6 error or a redirect (e.1, e.2), about a packet to a
     * group unless {@code toGroupToo} (e.3 to e.5: Packet Too Big, which a host never sends, and
     * a parameter problem about an option of action 2), or from {@code ::} (e.6); held back by the
     * interface's ICMP token bucket, shared with IPv4 (f).
     */
    private void error(int to, boolean toGroup, int type, int code, int parameter, boolean toGroupToo, Ipv6Packet about) {
        long srcH = about.sourceHigh();
        long srcL = about.sourceLow();
        if (toGroup && !toGroupToo || srcH == 0 && srcL == 0 || isErrorOrRedirect(about)) {
            counters.add(InterfaceCounter.ICMP_ERRORS_SUPPRESSED);
            return;
        }
        if (!rateLimiter.tryTake(now)) {
            counters.add(InterfaceCounter.ICMP_ERRORS_RATE_LIMITED);
            return;
        }
        int from = to >= 0 ? to : addresses.sourceFor(srcH, srcL);
        if (from < 0) {
            counters.add(InterfaceCounter.DROP_NO_ROUTE);
            return;
        }
        int quotedLength = Math.min(Ipv6Packet.HEADER_LEN + about.payloadLength(),
                Ipv6Packet.MIN_MTU - Ipv6Packet.HEADER_LEN - Icmpv6Packet.HEADER_LEN);
        int length = Icmpv6Packet.HEADER_LEN + quotedLength;
        byte[] offending = about.buffer();
        int offendingAt = about.offset();
        // The offending packet is in the receive or reassembly buffer, not in out: header() overwrites only out.
        int at = header(addresses.high(from), addresses.low(from), srcH, srcL, hopLimit, IpProtocol.ICMPV6.value(), length);
        System.arraycopy(offending, offendingAt, out, at + Icmpv6Packet.HEADER_LEN, quotedLength);
        outIcmp.wrap(out, at, length).setType(type).setCode(code).setRestOfHeader(parameter);
        outIcmp.fillChecksum(outIp.pseudoHeaderSum(IpProtocol.ICMPV6.value(), length));
        if (sendUnicast(srcH, srcL, at + length)) {
            counters.add(InterfaceCounter.ICMP_ERRORS_OUT);
        }
    }

    /**
     * Whether {@code packet} is an ICMPv6 error or a redirect (RFC 4443 section 2.4 e.1, e.2),
     * as far as its header chain can be walked: a fragment other than the first cannot tell.
     */
    private boolean isErrorOrRedirect(Ipv6Packet packet) {
        if (quotedChain.walk(packet) != null || quotedChain.upperLayer() != IpProtocol.ICMPV6.value()
                || quotedChain.upperLength() < 1 || quotedChain.hasFragmentHeader() && quotedChain.fragmentOffset() != 0) {
            return false;
        }
        int type = packet.buffer()[quotedChain.upperOffset()] & 0xFF;
        return type < Icmpv6Packet.TYPE_ECHO_REQUEST || type == Icmpv6Packet.TYPE_REDIRECT;
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
     * Sends an echo request of {@code dataLength} pattern octets (at most 65527, the most an
     * IPv6 payload holds) to {@code dst} from the source address for it, in fragments if it is
     * larger than the path MTU; false if there is no source address or no route.
     */
    boolean sendEchoRequest(long dstH, long dstL, int identifier, int sequence, int dataLength) {
        return sendEchoRequest(dstH, dstL, identifier, sequence, dataLength, hopLimit);
    }

    /** {@link #sendEchoRequest(long, long, int, int, int)} with a hop limit of its own ({@code ping -t}, traceroute's probes). */
    boolean sendEchoRequest(long dstH, long dstL, int identifier, int sequence, int dataLength, int hops) {
        if (dataLength < 0 || dataLength > MAX_PACKET - EthernetFrame.HEADER_LEN - Ipv6Packet.HEADER_LEN - Icmpv6Packet.HEADER_LEN) {
            throw new IllegalArgumentException("an echo request carries 0 to 65527 octets of data, not " + dataLength);
        }
        int at = echoHeader(dstH, dstL, identifier, sequence, hops, dataLength);
        if (at < 0) {
            return false;
        }
        for (int i = 0; i < dataLength; i++) {
            out[at + Icmpv6Packet.HEADER_LEN + i] = (byte) i;
        }
        TransmitResult result = sendEcho(dstH, dstL, at, dataLength);
        return result == TransmitResult.SENT || result == TransmitResult.QUEUED;
    }

    /**
     * Sends an ICMP socket's echo request (RFC 4443 section 4.1) with hop limit {@code hops} and
     * the data {@code data[offset .. offset+length)}, as {@link #sendEchoRequest} does; says what
     * became of it ({@link TransmitResult#NO_ROUTE} when there is no source address or route).
     */
    TransmitResult sendEcho(long dstH, long dstL, int identifier, int sequence, int hops, byte[] data, int offset, int length) {
        int at = echoHeader(dstH, dstL, identifier, sequence, hops, length);
        if (at < 0) {
            return TransmitResult.NO_ROUTE;
        }
        System.arraycopy(data, offset, out, at + Icmpv6Packet.HEADER_LEN, length);
        return sendEcho(dstH, dstL, at, length);
    }

    /** Writes the IPv6 and echo request headers into {@link #out}; where the ICMPv6 message starts, or -1 (counted) with no source address. */
    private int echoHeader(long dstH, long dstL, int identifier, int sequence, int hops, int dataLength) {
        int slot = addresses.sourceFor(dstH, dstL);
        if (slot < 0) {
            counters.add(InterfaceCounter.DROP_NO_ROUTE);
            return -1;
        }
        int length = Icmpv6Packet.HEADER_LEN + dataLength;
        int at = header(addresses.high(slot), addresses.low(slot), dstH, dstL, hops, IpProtocol.ICMPV6.value(), length);
        outIcmp.wrap(out, at, length).setType(Icmpv6Packet.TYPE_ECHO_REQUEST).setCode(0).setEchoIdentifier(identifier)
                .setEchoSequence(sequence);
        return at;
    }

    /** The echo request written at {@code at} with its data, checksummed and sent: to a group as multicast, else through the neighbor cache. */
    private TransmitResult sendEcho(long dstH, long dstL, int at, int dataLength) {
        int length = Icmpv6Packet.HEADER_LEN + dataLength;
        outIcmp.fillChecksum(outIp.pseudoHeaderSum(IpProtocol.ICMPV6.value(), length));
        counters.add(InterfaceCounter.ICMPV6_ECHO_REQUESTS_OUT);
        if (Ipv6Address.isMulticast(dstH)) {
            return sendMulticast(dstL, at + length) ? TransmitResult.SENT : TransmitResult.REFUSED;
        }
        TransmitResult result = transmitUnicast(dstH, dstL, at + length);
        if (result == TransmitResult.NO_ROUTE) {
            counters.add(InterfaceCounter.DROP_NO_ROUTE);
        }
        return result;
    }

    // ---------------------------------------------------------------- sending

    /**
     * Writes the Ethernet header (source and type; the destination is set when it is known)
     * and the IPv6 header into {@link #out}, made large enough for the payload first; returns
     * where the payload starts.
     */
    int header(long srcH, long srcL, long dstH, long dstL, int hops, int nextHeader, int payloadLength) {
        if (EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + payloadLength > out.length) {
            out = new byte[MAX_PACKET]; // once: the first packet larger than a frame
        }
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

    /**
     * The link's MTU for IPv6: the device's, at most {@value #MAX_LINK_MTU}, or less if a
     * router advertised less (RFC 4861 section 6.3.4).
     */
    int linkMtu() {
        int mtu = device == null ? MAX_LINK_MTU : Math.min(MAX_LINK_MTU, device.capabilities().mtu());
        long advertised = ndp.linkMtu();
        return advertised != 0 && advertised < mtu ? (int) advertised : mtu;
    }

    @Override
    public int pathMtu(long dstHigh, long dstLow, long now) {
        return Ipv6Address.isMulticast(dstHigh) ? linkMtu() : pathMtus.mtu(dstHigh, dstLow, now, linkMtu());
    }

    /** The path MTUs Packet Too Big messages taught, for {@code route}; allocates. */
    java.util.List<PathMtuEntry> pathMtus(long now) {
        return pathMtus.snapshot(now);
    }

    /** Forgets the path MTUs Packet Too Big messages taught ({@code route flush cache}). */
    void forgetPathMtus() {
        pathMtus.clear();
    }

    /** Sends {@link #out} to a group: its MAC is 33:33 and the group's last 32 bits; in fragments if larger than the link's MTU. */
    boolean sendMulticast(long dstL, int length) {
        long dstMac = Ipv6Address.multicastMac(dstL);
        if (length - EthernetFrame.HEADER_LEN > linkMtu()) {
            return sendFragments(dstMac, -1, length, linkMtu());
        }
        return sendTo(dstMac, length);
    }

    /** Sends {@link #out} straight to {@code dstMac}, bypassing the cache (NDP's answers and probes). */
    boolean sendTo(long dstMac, int length) {
        eth.wrap(out, 0, length).setDestination(dstMac);
        return transmit(out, length);
    }

    /**
     * Sends {@link #out} to the unicast {@code dst} through its next hop (RFC 4861 section
     * 5.2): on-link if link-local, on an advertised prefix or a manual address's; else the
     * first default router. The first packet for an unresolved next hop is held, in fragments
     * if it has them. A packet larger than the path MTU goes in fragments (RFC 8200 section 4.5).
     */
    boolean sendUnicast(long dstH, long dstL, int length) {
        TransmitResult result = transmitUnicast(dstH, dstL, length);
        if (result == TransmitResult.NO_ROUTE) {
            counters.add(InterfaceCounter.DROP_NO_ROUTE);
        }
        return result == TransmitResult.SENT || result == TransmitResult.QUEUED;
    }

    /**
     * {@link #sendUnicast}, saying what became of the packet: {@link TransmitResult#SENT},
     * {@link TransmitResult#QUEUED} (held for NDP), {@link TransmitResult#NO_ROUTE} (not
     * counted here), {@link TransmitResult#QUEUE_FULL} (another packet waits for that neighbor
     * already; counted), or {@link TransmitResult#REFUSED} by the device (counted).
     */
    TransmitResult transmitUnicast(long dstH, long dstL, int length) {
        long hopH = dstH;
        long hopL = dstL;
        int redirected = isOnLink(dstH, dstL) ? -1 : redirects.find(dstH, dstL);
        if (redirected >= 0) {
            hopH = redirects.hopHigh(redirected); // RFC 4861 section 8.3: the destination cache's first hop
            hopL = redirects.hopLow(redirected);
        } else if (!isOnLink(dstH, dstL)) {
            int router = routers.first();
            if (router < 0) {
                return TransmitResult.NO_ROUTE;
            }
            hopH = routers.high(router);
            hopL = routers.low(router);
        }
        int mtu = pathMtus.mtu(dstH, dstL, now, linkMtu());
        boolean fragments = length - EthernetFrame.HEADER_LEN > mtu;
        int i = neighbors.lookupForSend(hopH, hopL, now);
        if (i >= 0) {
            boolean sent = fragments ? sendFragments(neighbors.mac(i), -1, length, mtu) : sendTo(neighbors.mac(i), length);
            return sent ? TransmitResult.SENT : TransmitResult.REFUSED;
        }
        int slot = neighbors.incompleteSlot();
        boolean held = fragments ? sendFragments(0, slot, length, mtu) : neighbors.hold(slot, out, 0, length, false);
        if (!held && !fragments) {
            counters.add(InterfaceCounter.DROP_NDP_QUEUE_FULL);
        }
        if (neighbors.created()) {
            ndp.solicit(hopH, hopL, false, 0); // after holding: the solicitation is written over out
        }
        return held ? TransmitResult.QUEUED : TransmitResult.QUEUE_FULL;
    }

    /**
     * The first hop a packet for {@code dst} goes to now, when it is not on the link: what a
     * Redirect said, else the default router; whether {@code high}/{@code low} is it.
     */
    boolean isFirstHopFor(long dstH, long dstL, long high, long low) {
        int redirected = redirects.find(dstH, dstL);
        if (redirected >= 0) {
            return redirects.hopHigh(redirected) == high && redirects.hopLow(redirected) == low;
        }
        int router = routers.first();
        return router >= 0 && routers.high(router) == high && routers.low(router) == low;
    }

    /** Whether {@code dst} is on the link: link-local, on an advertised prefix or a manual address's (RFC 4861 section 5.2). */
    boolean isOnLink(long dstH, long dstL) {
        return Ipv6Address.isLinkLocal(dstH) || prefixes.isOnLink(dstH, dstL) || addresses.onManualPrefix(dstH, dstL);
    }

    /** Whether a packet to {@code dst} has a way out: on the link, or a default router (RFC 4943: nothing else is assumed on-link). */
    boolean hasRoute(long dstH, long dstL) {
        return isOnLink(dstH, dstL) || routers.first() >= 0;
    }

    /** Whether {@code h}/{@code l} is one of our addresses and past DAD, so that it may be a source (RFC 4862 section 5.4). */
    boolean isUsableSource(long h, long l) {
        int slot = addresses.find(h, l);
        return slot >= 0 && !addresses.isTentative(slot);
    }

    /**
     * Sends the packet in {@link #out} in fragments of at most {@code mtu} octets (RFC 8200
     * section 4.5): each is the IPv6 header (this host writes no extension headers, so that is
     * the whole unfragmentable part), a Fragment header, and a run of the payload, a multiple
     * of 8 octets but for the last. To {@code dstMac}, or held for the incomplete neighbor
     * {@code heldSlot} (when not -1) as one packet; one that does not fit there is dropped whole.
     */
    private boolean sendFragments(long dstMac, int heldSlot, int length, int mtu) {
        int ipAt = EthernetFrame.HEADER_LEN;
        int payload = length - ipAt - Ipv6Packet.HEADER_LEN;
        int nextHeader = outIp.wrap(out, ipAt, length - ipAt).nextHeader();
        int chunk = (mtu - Ipv6Packet.HEADER_LEN - Ipv6FragmentHeader.LENGTH) & ~7;
        int id = identification++;
        counters.add(InterfaceCounter.DATAGRAMS_FRAGMENTED);
        for (int offset = 0; offset < payload; offset += chunk) {
            int data = Math.min(chunk, payload - offset);
            boolean more = offset + data < payload;
            System.arraycopy(out, 0, fragment, 0, ipAt + Ipv6Packet.HEADER_LEN);
            fragmentIp.wrap(fragment, ipAt, Ipv6Packet.HEADER_LEN).setPayloadLength(Ipv6FragmentHeader.LENGTH + data)
                    .setNextHeader(Ipv6HeaderChain.FRAGMENT);
            int at = ipAt + Ipv6Packet.HEADER_LEN;
            Ipv6FragmentHeader.write(fragment, at, nextHeader, offset, more, id);
            System.arraycopy(out, at + offset, fragment, at + Ipv6FragmentHeader.LENGTH, data);
            int frameLength = at + Ipv6FragmentHeader.LENGTH + data;
            if (heldSlot >= 0) {
                if (!neighbors.hold(heldSlot, fragment, 0, frameLength, offset > 0)) {
                    if (offset > 0) {
                        neighbors.clearHeld(heldSlot); // a part of a packet is no use to anyone
                    }
                    counters.add(InterfaceCounter.DROP_NDP_QUEUE_FULL);
                    return false;
                }
            } else {
                eth.wrap(fragment, 0, frameLength).setDestination(dstMac);
                if (!transmit(fragment, frameLength)) {
                    return false;
                }
            }
            counters.add(InterfaceCounter.FRAGMENTS_OUT);
        }
        return true;
    }

    /** Sends the packet held for slot {@code i}, whose address is now known: its one frame, or its fragments. */
    void releaseHeld(int i) {
        int frames = neighbors.heldFrames(i);
        byte[] buffer = neighbors.heldBuffer(i);
        for (int k = 0; k < frames; k++) {
            int at = neighbors.heldOffset(k);
            int length = neighbors.heldLength(i, k);
            eth.wrap(buffer, at, length).setDestination(neighbors.mac(i));
            transmit(buffer, at, length);
        }
        neighbors.clearHeld(i);
    }

    private boolean transmit(byte[] frame, int length) {
        return transmit(frame, 0, length);
    }

    private boolean transmit(byte[] frame, int offset, int length) {
        if (device == null) {
            counters.add(InterfaceCounter.DROP_DEVICE_BUSY);
            return false;
        }
        copier.frame = frame;
        copier.offset = offset;
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
        int offset;

        @Override
        public void fill(byte[] buffer, int at, int length) {
            System.arraycopy(frame, offset, buffer, at, length);
        }
    }

    // ---------------------------------------------------------------- timers

    /**
     * Runs what is due at {@code now}: MLD's reports first, since a group is joined before DAD
     * solicits in it (RFC 4862 section 5.4.2), then DAD, address lifetimes, router
     * solicitations, neighbor states, reassembly timeouts.
     */
    boolean runTimers(long now) {
        this.now = now;
        if (!enabled) {
            return false;
        }
        boolean did = mld.runTimers(now);
        return ndp.runTimers(now) | expireReassembly(now) | did;
    }

    long nextDeadline() {
        return enabled ? Math.min(mld.nextDeadline(), Math.min(ndp.nextDeadline(), reassembler.nextDeadline())) : Micros.NEVER;
    }

    /**
     * Gives up the packets whose reassembly took 60 seconds, answering with time exceeded,
     * code 1, quoting the first fragment, when it was there (RFC 8200 section 4.5).
     */
    private boolean expireReassembly(long now) {
        boolean did = false;
        for (int slot = reassembler.expired(now); slot >= 0; slot = reassembler.expired(now)) {
            counters.add(InterfaceCounter.DROP_FRAGMENT_TIMEOUT);
            if (reassembler.hasFirst(slot)) {
                quoted.wrap(reassembler.buffer(slot), reassembler.firstFragmentOffset(slot), reassembler.firstFragmentLength(slot));
                int to = addresses.find(quoted.destinationHigh(), quoted.destinationLow());
                error(to, to < 0, Icmpv6Packet.TYPE_TIME_EXCEEDED, REASSEMBLY_TIME_EXCEEDED, 0, false, quoted);
            }
            reassembler.release(slot);
            did = true;
        }
        return did;
    }
}
