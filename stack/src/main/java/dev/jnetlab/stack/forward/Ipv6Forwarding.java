package dev.jnetlab.stack.forward;

import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.NdpOptions;
import java.util.List;

/**
 * The IPv6 half of a {@link Router} (RFC 8200 section 1: a router is a node that forwards
 * packets not addressed to itself). A packet, in the order the checks run:
 * <ol>
 *   <li>A header that does not hold together is dropped.</li>
 *   <li>To one of the router's addresses: Neighbor Solicitations answered with an
 *       Advertisement with the Router flag set (RFC 4861 section 7.2.4), echo requests
 *       answered, UDP answered with port unreachable (what ends a traceroute at the router).</li>
 *   <li>Multicast: read for Neighbor Discovery, never forwarded; this router routes no
 *       multicast, and link-scope groups never leave their link (RFC 4291 section 2.7).</li>
 *   <li>Not one host's source (unspecified, loopback, multicast): dropped (RFC 4291 section 2.5.2).</li>
 *   <li>A link-local source or destination: dropped, never forwarded (RFC 4291 section 2.5.6).</li>
 *   <li>Hop limit 1 or 0: dropped with Time Exceeded, code 0 (RFC 8200 section 3, RFC 4443
 *       section 3.3); else decremented (there is no header checksum to mend).</li>
 *   <li>No route: Destination Unreachable, code 0 (RFC 4443 section 3.1).</li>
 *   <li>Longer than the next link's MTU: Packet Too Big with that MTU (RFC 4443 section 3.2);
 *       routers never fragment (RFC 8200 section 5).</li>
 *   <li>The next hop's MAC by Neighbor Discovery; while it is solicited the packet waits;
 *       when it gives up, Destination Unreachable, code 3, address unreachable (RFC 4861
 *       section 7.2.2).</li>
 * </ol>
 * ICMPv6 errors quote as much of the packet as fits in 1280 octets (RFC 4443 section 2.4 c),
 * come from the port that leads back to the source, are never sent about an ICMPv6 error
 * or a redirect (section 2.4 e.1, e.2), and share the router's {@link IcmpRateLimit} (section 2.4 f).
 * Router Solicitations are answered by the {@link RouterAdvertiser} on ports that advertise.
 * A packet that leaves by the port it came in on, from a neighbor there, earns that neighbor
 * a Redirect to the better first hop (RFC 4861 section 8.2, {@link RedirectMessage}).
 * Allocates nothing per packet.
 */
final class Ipv6Forwarding {
    /** What the router sends itself (RFC 8200 leaves it to the node; Linux's 64). */
    static final int HOP_LIMIT = Ipv6Packet.DEFAULT_HOP_LIMIT;
    /** Neighbor Discovery's hop limit, which proves a message came from the link (RFC 4861 section 7.1). */
    static final int NDP_HOP_LIMIT = 255;

    private static final int ETH = EthernetFrame.HEADER_LEN;
    private static final int HEADER = Ipv6Packet.HEADER_LEN;
    private static final int ICMP6 = IpProtocol.ICMPV6.value();
    private static final int NO_ROUTE = 0;
    private static final int ADDRESS_UNREACHABLE = 3;
    private static final int PORT_UNREACHABLE = 4;
    private static final int NDP_LEN = 24 + NdpOptions.LINK_LAYER_LEN;

    private final Router router;
    private final List<RouterPort> ports;
    final ForwardingTable6 table = new ForwardingTable6();
    private final EthernetFrame eth = new EthernetFrame();
    private final Ipv6Packet ip = new Ipv6Packet();
    private final Ipv6Packet out = new Ipv6Packet();
    private final Icmpv6Packet icmp = new Icmpv6Packet();
    private final NdpOptions options = new NdpOptions();
    /** A forwarded packet or an echo reply, with room for its Ethernet header. */
    private final byte[] datagram = new byte[ETH + HEADER + 0xFFFF];
    /** ICMPv6 errors and Neighbor Discovery. */
    private final byte[] control = new byte[ETH + Ipv6Packet.MIN_MTU];
    /** Redirects, written while the packet they are about is still in the frame received. */
    private final byte[] redirect = new byte[ETH + Ipv6Packet.MIN_MTU];
    private long now;

    private final RouterAdvertiser advertiser;

    Ipv6Forwarding(Router router, List<RouterPort> ports, RouterAdvertiser advertiser) {
        this.router = router;
        this.ports = ports;
        this.advertiser = advertiser;
    }

    boolean isOurs(long high, long low, RouterPort ingress) {
        if (Ipv6Address.isLinkLocal(high)) {
            return high == RouterPort.LINK_LOCAL_HIGH && low == ingress.linkLocalLow;
        }
        for (int p = 0; p < ports.size(); p++) {
            RouterPort port = ports.get(p);
            if (port.has6 && port.high6 == high && port.low6 == low) {
                return true;
            }
        }
        return false;
    }

    // ---- receiving

    void receive(byte[] frame, int offset, int length, RouterPort ingress, long sourceMac, long at) {
        now = at;
        if (ip.wrap(frame, offset, length).check() != null) {
            router.add(RouterCounter.DROP_MALFORMED);
            return;
        }
        ip.wrap(frame, offset, HEADER + ip.payloadLength()); // link-layer padding is not the packet's
        long dh = ip.destinationHigh();
        long dl = ip.destinationLow();
        long sh = ip.sourceHigh();
        long sl = ip.sourceLow();
        if (Ipv6Address.isMulticast(dh)) {
            if (ip.nextHeader() == ICMP6) {
                deliver(ingress, sourceMac);
            } else {
                router.add(RouterCounter.DROP_MULTICAST); // RFC 4291 section 2.7
            }
            return;
        }
        if (isOurs(dh, dl, ingress)) {
            router.add(RouterCounter.DELIVERED_LOCALLY);
            deliver(ingress, sourceMac);
            return;
        }
        if (!Ipv6Address.isUnicast(sh, sl)) {
            router.add(RouterCounter.DROP_BAD_SOURCE); // RFC 4291 section 2.5.2
            return;
        }
        if (Ipv6Address.isLinkLocal(sh) || Ipv6Address.isLinkLocal(dh)) {
            router.add(RouterCounter.DROP_LINK_LOCAL); // RFC 4291 section 2.5.6
            return;
        }
        if (ip.hopLimit() <= 1) {
            router.add(RouterCounter.DROP_TTL_EXPIRED); // RFC 8200 section 3
            error(Icmpv6Packet.TYPE_TIME_EXCEEDED, 0, 0, ingress);
            return;
        }
        int route = table.lookup(dh, dl);
        if (route < 0) {
            router.add(RouterCounter.DROP_NO_ROUTE);
            error(Icmpv6Packet.TYPE_DST_UNREACHABLE, NO_ROUTE, 0, ingress);
            return;
        }
        RouterPort egress = ports.get(table.port(route));
        int total = HEADER + ip.payloadLength();
        if (total > egress.mtu) {
            router.add(RouterCounter.DROP_TOO_BIG); // RFC 8200 section 5: no fragmentation on the way
            error(Icmpv6Packet.TYPE_PACKET_TOO_BIG, 0, egress.mtu, ingress);
            return;
        }
        if (egress == ingress && router.sendsRedirects() && ingress.onPrefix6(sh, sl)) {
            redirect(ingress, route, dh, dl);
        }
        router.add(RouterCounter.FORWARDED);
        System.arraycopy(frame, offset, datagram, ETH, total);
        Ipv6Packet forwarded = out.wrap(datagram, ETH, total);
        forwarded.setHopLimit(forwarded.hopLimit() - 1);
        boolean gateway = table.viaGateway(route);
        emit(egress, gateway ? table.gatewayHigh(route) : dh, gateway ? table.gatewayLow(route) : dl, datagram, ETH + total);
    }

    /** A packet to the router itself, or to a group it is in. */
    private void deliver(RouterPort ingress, long sourceMac) {
        int next = ip.nextHeader();
        boolean unicast = !Ipv6Address.isMulticast(ip.destinationHigh());
        if (next == IpProtocol.UDP.value() && unicast) {
            error(Icmpv6Packet.TYPE_DST_UNREACHABLE, PORT_UNREACHABLE, 0, ingress);
            return;
        }
        if (next != ICMP6 || icmp.wrap(ip.buffer(), ip.payloadOffset(), ip.payloadLength()).check() != null
                || !icmp.verifyChecksum(ip.pseudoHeaderSum(ICMP6, ip.payloadLength()))) {
            return;
        }
        int type = icmp.type();
        if (type == Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT || type == Icmpv6Packet.TYPE_NEIGHBOR_ADVERT) {
            if (ip.hopLimit() != NDP_HOP_LIMIT || icmp.code() != 0 || options.wrap(icmp).check() != null) {
                router.add(RouterCounter.DROP_MALFORMED); // RFC 4861 sections 7.1.1 and 7.1.2
                return;
            }
            router.add(RouterCounter.NDP_IN);
            if (type == Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT) {
                solicited(ingress, sourceMac);
            } else {
                advertised(ingress);
            }
        } else if (type == Icmpv6Packet.TYPE_ROUTER_SOLICIT) {
            routerSolicitation(ingress);
        } else if (type == Icmpv6Packet.TYPE_ROUTER_ADVERT) {
            otherRoutersAdvertisement(ingress);
        } else if (type == Icmpv6Packet.TYPE_ECHO_REQUEST && unicast) {
            echoReply(ingress);
        }
    }

    /**
     * RFC 4861 section 6.1.1: a solicitation with a hop limit other than 255, a code other than
     * 0, bad options, or a link-layer option from {@code ::} is dropped; a valid one is answered
     * as section 6.2.6 says ({@link RouterAdvertiser#solicited}), its sender learnt from its
     * link-layer option.
     */
    private void routerSolicitation(RouterPort ingress) {
        if (ip.hopLimit() != NDP_HOP_LIMIT || icmp.code() != 0 || options.wrap(icmp).check() != null) {
            router.add(RouterCounter.DROP_MALFORMED);
            return;
        }
        long sh = ip.sourceHigh();
        long sl = ip.sourceLow();
        int option = options.find(NdpOptions.SOURCE_LINK_LAYER);
        boolean unspecified = sh == 0 && sl == 0;
        if (unspecified && option >= 0) {
            router.add(RouterCounter.DROP_MALFORMED);
            return;
        }
        router.add(RouterCounter.ROUTER_SOLICITS_IN);
        if (option >= 0) {
            ingress.neighbors6.learn(sh, sl, NdpOptions.linkLayerAddress(options.buffer(), option), true, now);
        }
        advertiser.solicited(ingress, now);
    }

    /**
     * Another router's advertisement on the link (RFC 4861 section 6.2.7 lets a router read
     * them): a valid one teaches its link-local address and link-layer address, by which a
     * Redirect can name it (section 8.2).
     */
    private void otherRoutersAdvertisement(RouterPort ingress) {
        long sh = ip.sourceHigh();
        if (ip.hopLimit() != NDP_HOP_LIMIT || icmp.code() != 0 || !Ipv6Address.isLinkLocal(sh)
                || options.wrap(icmp).check() != null) {
            router.add(RouterCounter.DROP_MALFORMED); // section 6.1.2
            return;
        }
        int option = options.find(NdpOptions.SOURCE_LINK_LAYER);
        if (option >= 0) {
            ingress.neighbors6.learn(sh, ip.sourceLow(), NdpOptions.linkLayerAddress(options.buffer(), option), true, now);
        }
    }

    /**
     * RFC 4861 section 8.2: the packet in {@link #ip} leaves by the port it came in on, from a
     * neighbor there, so the neighbor has a better first hop on its own link: the destination
     * itself when it is on the link, else the next router, named by its link-local address,
     * which its Router Advertisements taught (a router whose link-local address is not known is
     * not redirected to, as Linux does). From the port's link-local address, with the target's
     * link-layer address when known and as much of the packet as keeps it within 1280 octets;
     * no faster than the ICMP limit lets it go (section 8.2 asks for a limit).
     */
    private void redirect(RouterPort port, int route, long dh, long dl) {
        long th = dh;
        long tl = dl;
        long targetMac;
        if (table.viaGateway(route)) {
            long gatewayMac = port.neighbors6.resolved(table.gatewayHigh(route), table.gatewayLow(route), now);
            int slot = gatewayMac == 0 ? -1 : port.neighbors6.linkLocalWith(gatewayMac);
            if (slot < 0) {
                return;
            }
            th = port.neighbors6.high(slot);
            tl = port.neighbors6.low(slot);
            targetMac = gatewayMac;
        } else {
            targetMac = port.neighbors6.resolved(dh, dl, now);
        }
        if (!router.takeIcmpToken()) {
            router.add(RouterCounter.ICMP_RATE_LIMITED);
            return;
        }
        int length = RedirectMessage.write(redirect, ETH + HEADER, th, tl, dh, dl, targetMac, ip.buffer(), ip.offset(),
                HEADER + ip.payloadLength());
        Ipv6Packet header = header(redirect, length, RouterPort.LINK_LOCAL_HIGH, port.linkLocalLow, ip.sourceHigh(), ip.sourceLow(),
                NDP_HOP_LIMIT);
        icmp.wrap(redirect, ETH + HEADER, length).fillChecksum(header.pseudoHeaderSum(ICMP6, length));
        router.add(RouterCounter.REDIRECTS_OUT);
        emit(port, ip.sourceHigh(), ip.sourceLow(), redirect, ETH + HEADER + length);
    }

    /** RFC 4861 section 7.2.3: learn the sender, answer for our own address with the Router flag. */
    private void solicited(RouterPort ingress, long sourceMac) {
        long th = icmp.targetHigh();
        long tl = icmp.targetLow();
        if (!ingress.owns6(th, tl)) {
            return;
        }
        long sh = ip.sourceHigh();
        long sl = ip.sourceLow();
        boolean fromDad = sh == 0 && sl == 0;
        int option = options.find(NdpOptions.SOURCE_LINK_LAYER);
        if (!fromDad && option >= 0) {
            long mac = NdpOptions.linkLayerAddress(options.buffer(), option);
            ingress.neighbors6.learn(sh, sl, mac, true, now);
            releasePending(ingress, sh, sl, mac);
        }
        // To a DAD probe, the answer goes to all nodes, unsolicited (section 7.2.4).
        long toHigh = fromDad ? Ipv6Address.ALL_NODES.high() : sh;
        long toLow = fromDad ? Ipv6Address.ALL_NODES.low() : sl;
        long toMac = fromDad ? Ipv6Address.multicastMac(toLow) : sourceMac;
        Icmpv6Packet advert = ndp(ingress, Icmpv6Packet.TYPE_NEIGHBOR_ADVERT, th, tl, toHigh, toLow, th, tl,
                NdpOptions.TARGET_LINK_LAYER);
        advert.setAdvertFlags(true, !fromDad, true).fillChecksum(out.pseudoHeaderSum(ICMP6, NDP_LEN));
        eth.wrap(control, 0, ETH + HEADER + NDP_LEN).setDestination(toMac).setSource(ingress.mac)
                .setEtherTypeValue(EtherType.IPV6.value());
        router.sendFrame(ingress, control, ETH + HEADER + NDP_LEN);
    }

    /** RFC 4861 section 7.2.5: an advertisement completes an entry being solicited; others are not added. */
    private void advertised(RouterPort ingress) {
        int option = options.find(NdpOptions.TARGET_LINK_LAYER);
        if (option < 0) {
            return;
        }
        long th = icmp.targetHigh();
        long tl = icmp.targetLow();
        long mac = NdpOptions.linkLayerAddress(options.buffer(), option);
        if (ingress.neighbors6.learn(th, tl, mac, false, now)) {
            releasePending(ingress, th, tl, mac);
        }
    }

    private void releasePending(RouterPort port, long high, long low, long mac) {
        RouterNeighbors6 cache = port.neighbors6;
        for (int slot = cache.pendingFor(high, low); slot >= 0; slot = cache.pendingFor(high, low)) {
            byte[] frame = cache.pendingFrame(slot);
            eth.wrap(frame, 0, cache.pendingLength(slot)).setDestination(mac);
            router.sendFrame(port, frame, cache.pendingLength(slot));
            cache.release(slot);
        }
    }

    private void echoReply(RouterPort ingress) {
        int length = ip.payloadLength();
        System.arraycopy(ip.buffer(), ip.payloadOffset(), datagram, ETH + HEADER, length);
        Ipv6Packet reply = header(datagram, length, ip.destinationHigh(), ip.destinationLow(),
                ip.sourceHigh(), ip.sourceLow(), HOP_LIMIT);
        icmp.wrap(datagram, ETH + HEADER, length).setType(Icmpv6Packet.TYPE_ECHO_REPLY).setCode(0)
                .fillChecksum(reply.pseudoHeaderSum(ICMP6, length));
        router.add(RouterCounter.ECHO_REPLIES_OUT);
        originate(datagram, HEADER + length, ingress);
    }

    // ---- sending

    /**
     * Answers the packet in {@link #ip} with an ICMPv6 error, unless it is an error itself
     * (RFC 4443 section 2.4 e) or the rate limit says no (section 2.4 f).
     */
    private void error(int type, int code, int rest, RouterPort ingress) {
        if (ip.nextHeader() == ICMP6 && ip.payloadLength() > 0
                && (icmp.wrap(ip.buffer(), ip.payloadOffset(), ip.payloadLength()).isError()
                || icmp.type() == Icmpv6Packet.TYPE_REDIRECT)) {
            return; // section 2.4 e.1, e.2: never about an error or a redirect
        }
        long sh = ip.sourceHigh();
        long sl = ip.sourceLow();
        RouterPort back = ingress;
        if (!Ipv6Address.isLinkLocal(sh)) {
            int route = table.lookup(sh, sl);
            if (route < 0) {
                return;
            }
            back = ports.get(table.port(route));
        }
        if (!router.takeIcmpToken()) {
            router.add(RouterCounter.ICMP_RATE_LIMITED);
            return;
        }
        int quoted = Math.min(HEADER + ip.payloadLength(), Ipv6Packet.MIN_MTU - HEADER - Icmpv6Packet.HEADER_LEN);
        int length = Icmpv6Packet.HEADER_LEN + quoted;
        System.arraycopy(ip.buffer(), ip.offset(), control, ETH + HEADER + Icmpv6Packet.HEADER_LEN, quoted);
        boolean global = back.has6 && !Ipv6Address.isLinkLocal(sh);
        Ipv6Packet header = header(control, length, global ? back.high6 : RouterPort.LINK_LOCAL_HIGH,
                global ? back.low6 : back.linkLocalLow, sh, sl, HOP_LIMIT);
        icmp.wrap(control, ETH + HEADER, length).setType(type).setCode(code).setRestOfHeader(rest)
                .fillChecksum(header.pseudoHeaderSum(ICMP6, length));
        router.add(RouterCounter.ICMP_ERRORS_OUT);
        originate(control, HEADER + length, back);
    }

    private Ipv6Packet header(byte[] buffer, int payload, long sh, long sl, long dh, long dl, int hopLimit) {
        return out.wrap(buffer, ETH, HEADER + payload).setVersion(6).setTrafficClass(0).setFlowLabel(0)
                .setPayloadLength(payload).setNextHeader(ICMP6).setHopLimit(hopLimit)
                .setSource(sh, sl).setDestination(dh, dl);
    }

    /** A Neighbor Solicitation or Advertisement in {@link #control} with a link-layer option of {@code optionType}. */
    private Icmpv6Packet ndp(RouterPort port, int type, long sh, long sl, long dh, long dl, long th, long tl,
                             int optionType) {
        header(control, NDP_LEN, sh, sl, dh, dl, NDP_HOP_LIMIT);
        Icmpv6Packet message = icmp.wrap(control, ETH + HEADER, NDP_LEN).setType(type).setCode(0).setRestOfHeader(0)
                .setTarget(th, tl);
        NdpOptions.writeLinkLayer(control, ETH + HEADER + 24, optionType, port.mac);
        return message;
    }

    /** Routes a packet the router made itself at {@code buffer[ETH ..]}; a link-local destination is on {@code port}'s link. */
    private void originate(byte[] buffer, int length, RouterPort port) {
        Ipv6Packet packet = out.wrap(buffer, ETH, length);
        long dh = packet.destinationHigh();
        long dl = packet.destinationLow();
        long hh = dh;
        long hl = dl;
        RouterPort egress = port;
        if (!Ipv6Address.isLinkLocal(dh)) {
            int route = table.lookup(dh, dl);
            if (route < 0) {
                router.add(RouterCounter.DROP_NO_ROUTE);
                return;
            }
            egress = ports.get(table.port(route));
            if (table.viaGateway(route)) {
                hh = table.gatewayHigh(route);
                hl = table.gatewayLow(route);
            }
        }
        if (length > egress.mtu) {
            router.add(RouterCounter.DROP_TOO_BIG);
            return;
        }
        emit(egress, hh, hl, buffer, ETH + length);
    }

    /** Sends the frame to the neighbor on {@code port}, or holds it while Neighbor Discovery asks. */
    private void emit(RouterPort port, long high, long low, byte[] frame, int length) {
        eth.wrap(frame, 0, length).setSource(port.mac).setEtherTypeValue(EtherType.IPV6.value());
        RouterNeighbors6 cache = port.neighbors6;
        long mac = cache.resolved(high, low, now);
        if (mac != 0) {
            eth.setDestination(mac);
            router.sendFrame(port, frame, length);
            return;
        }
        if (!cache.hold(high, low, frame, length)) {
            router.add(RouterCounter.DROP_PENDING_FULL);
            return;
        }
        if (cache.startResolving(high, low, now)) {
            solicit(port, high, low);
        }
    }

    /** A multicast solicitation to the target's solicited-node group (RFC 4861 section 7.2.2). */
    private void solicit(RouterPort port, long high, long low) {
        boolean global = port.has6 && !Ipv6Address.isLinkLocal(high);
        Ipv6Address group = Ipv6Address.solicitedNode(low);
        Icmpv6Packet message = ndp(port, Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT,
                global ? port.high6 : RouterPort.LINK_LOCAL_HIGH, global ? port.low6 : port.linkLocalLow,
                group.high(), group.low(), high, low, NdpOptions.SOURCE_LINK_LAYER);
        message.fillChecksum(out.pseudoHeaderSum(ICMP6, NDP_LEN));
        eth.wrap(control, 0, ETH + HEADER + NDP_LEN).setDestination(Ipv6Address.multicastMac(group.low()))
                .setSource(port.mac).setEtherTypeValue(EtherType.IPV6.value());
        router.sendFrame(port, control, ETH + HEADER + NDP_LEN);
    }

    /** Solicits again whoever is due; gives up after three, answering what waited with address unreachable. */
    boolean runTimers(long at) {
        now = at;
        boolean did = false;
        for (int p = 0; p < ports.size(); p++) {
            RouterPort port = ports.get(p);
            RouterNeighbors6 cache = port.neighbors6;
            for (int slot = cache.due(now); slot >= 0; slot = cache.due(now)) {
                did = true;
                long high = cache.high(slot);
                long low = cache.low(slot);
                if (cache.solicitedEnough(slot)) {
                    cache.giveUp(slot);
                    for (int held = cache.pendingFor(high, low); held >= 0; held = cache.pendingFor(high, low)) {
                        router.add(RouterCounter.DROP_NDP_TIMEOUT);
                        byte[] frame = cache.pendingFrame(held);
                        ip.wrap(frame, ETH, cache.pendingLength(held) - ETH);
                        cache.release(held);
                        error(Icmpv6Packet.TYPE_DST_UNREACHABLE, ADDRESS_UNREACHABLE, 0, port);
                    }
                } else {
                    cache.solicited(slot, now);
                    solicit(port, high, low);
                }
            }
        }
        return did;
    }
}
