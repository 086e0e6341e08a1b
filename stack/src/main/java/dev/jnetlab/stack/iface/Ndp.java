package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.NdpOptions;
import dev.jnetlab.stack.wire.WireError;

/**
 * Neighbor Discovery for a host (RFC 4861) with duplicate address detection and stateless
 * address autoconfiguration (RFC 4862), over {@link Ipv6}'s way out.
 * <ul>
 *   <li><b>Validity</b> (sections 6.1, 7.1): a message with a hop limit other than 255 (so from
 *       off the link) or a code other than 0 is dropped as {@code drop_ndp_invalid}; options of
 *       length 0 or running past it as {@code drop_bad_ndp_option}; a router advertisement not
 *       from a link-local address as invalid too.</li>
 *   <li><b>Neighbor solicitation</b>: for one of our addresses, answered with a solicited
 *       advertisement carrying our MAC, the solicitor learnt STALE from its source link-layer
 *       option (section 7.2.3); from {@code ::} (another node's DAD) answered to all-nodes, or,
 *       for an address of ours still tentative, that address given up (RFC 4862 section 5.4.3).</li>
 *   <li><b>Neighbor advertisement</b>: updates the cache as section 7.2.5 says, sending the
 *       packet held for an entry that resolves; one for a tentative address of ours is a
 *       duplicate (section 5.4.4).</li>
 *   <li><b>Router advertisement</b> (section 6.3.4): the router into the default router list
 *       (lifetime 0 removes it), its MAC learnt, the hop limit taken, on-link prefixes into the
 *       prefix list, and for an autonomous /64 prefix an address of the prefix and our
 *       interface identifier (EUI-64, or RFC 7217's stable one) formed, tentative, DAD'd (RFC 4862 section 5.5.3; an existing one's lifetimes updated
 *       with the two-hour rule of 5.5.3 e). The MTU option is remembered for {@code iface}.</li>
 *   <li><b>Router solicitation</b>: three, four seconds apart, once the link-local address is
 *       preferred, until an advertisement comes (section 6.3.7; without the random delay, so
 *       runs replay). Those of others a host ignores (counted).</li>
 *   <li><b>Redirect</b> (sections 8.1, 8.3): from the current first hop for its destination,
 *       it changes that destination's first hop ({@link Ipv6Redirects}).</li>
 *   <li><b>DAD</b>: one solicitation from {@code ::} to the address's solicited-node group,
 *       then a second of silence (RFC 4862 section 5.4, without the random delay).</li>
 * </ul>
 */
final class Ndp {
    /** RFC 4861 section 10: MAX_RTR_SOLICITATIONS and RTR_SOLICITATION_INTERVAL. */
    static final int ROUTER_SOLICITATIONS = 3;
    static final long ROUTER_SOLICITATION_INTERVAL = Micros.ofSeconds(4);
    /** RFC 4862 section 5.5.3 e: a lifetime below two hours is not shortened by an unauthenticated advertisement. */
    static final long TWO_HOURS = Micros.ofSeconds(7200);

    private final Ipv6 ipv6;
    private final InterfaceCounters counters;
    private final NdpOptions options = new NdpOptions();
    private final Icmpv6Packet message = new Icmpv6Packet();

    /** RFC 4861 section 10: the first advertisements come at most 16 s apart, three of them; then every 200 s here. */
    static final long INITIAL_ADVERT_INTERVAL = Micros.ofSeconds(16);
    static final int INITIAL_ADVERTS = 3;
    static final long ADVERT_INTERVAL = Micros.ofSeconds(200);
    /** RFC 4861 section 10, MIN_DELAY_BETWEEN_RAS: an answer to a solicitation comes no sooner than this after the last. */
    static final long MIN_DELAY_BETWEEN_ADVERTS = Micros.ofSeconds(3);
    /** What this side advertises as a router: lifetimes of radvd's defaults. */
    static final int ROUTER_LIFETIME_SECONDS = 1800;
    static final long PREFIX_VALID_SECONDS = 86400;
    static final long PREFIX_PREFERRED_SECONDS = 14400;

    /** Advertising as a router (the virtual network's peer): the prefix, or length -1 for not advertising. */
    private long advertisedHigh;
    private long advertisedLow;
    private int advertisedLength = -1;
    private long advertAt = Micros.NEVER;
    private long lastAdvert = -MIN_DELAY_BETWEEN_ADVERTS;
    private int initialAdvertsLeft;

    private int solicitationsLeft;
    private long solicitAt = Micros.NEVER;
    private long linkMtu;

    Ndp(Ipv6 ipv6, InterfaceCounters counters) {
        this.ipv6 = ipv6;
        this.counters = counters;
    }

    /**
     * Makes this side a router that advertises {@code prefix} on the link (RFC 4861 section
     * 6.2): on-link and autonomous, so hosts form addresses in it, with itself as their default
     * router; periodically and in answer to solicitations.
     */
    void advertise(long high, long low, int length, long now) {
        advertisedHigh = high;
        advertisedLow = low;
        advertisedLength = length;
        initialAdvertsLeft = INITIAL_ADVERTS;
        advertAt = now;
    }

    /**
     * Stops soliciting routers and advertising as one, and forgets the link MTU a router gave
     * (IPv6 turned off); turned on again, the interface solicits afresh.
     */
    void stop() {
        advertisedLength = -1;
        advertAt = Micros.NEVER;
        initialAdvertsLeft = 0;
        solicitationsLeft = 0;
        solicitAt = Micros.NEVER;
        linkMtu = 0;
    }

    boolean isRouter() {
        return advertisedLength >= 0;
    }

    /** The MTU the last router advertisement gave, 0 if none did. */
    long linkMtu() {
        return linkMtu;
    }

    void receive(long now, Ipv6Packet ip, Icmpv6Packet icmp, long srcMac) {
        if (ip.hopLimit() != 255 || icmp.code() != 0) {
            counters.add(InterfaceCounter.DROP_NDP_INVALID);
            return;
        }
        WireError bad = options.wrap(icmp).check();
        if (bad != null) {
            counters.drop(bad);
            return;
        }
        byte[] buf = icmp.buffer();
        long srcH = ip.sourceHigh();
        long srcL = ip.sourceLow();
        boolean fromUnspecified = srcH == 0 && srcL == 0;
        int slla = options.find(NdpOptions.SOURCE_LINK_LAYER);
        long sourceMac = slla >= 0 && lengthOf(buf, slla) == NdpOptions.LINK_LAYER_LEN ? NdpOptions.linkLayerAddress(buf, slla) : 0;
        switch (icmp.type()) {
            case Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT:
                solicitation(now, icmp, srcH, srcL, fromUnspecified, sourceMac, srcMac);
                break;
            case Icmpv6Packet.TYPE_NEIGHBOR_ADVERT:
                advertisement(now, icmp, buf);
                break;
            case Icmpv6Packet.TYPE_ROUTER_ADVERT:
                if (isRouter()) {
                    counters.add(InterfaceCounter.NDP_IGNORED);
                    return;
                }
                if (!Ipv6Address.isLinkLocal(srcH)) {
                    counters.add(InterfaceCounter.DROP_NDP_INVALID);
                    return;
                }
                routerAdvertisement(now, icmp, buf, srcH, srcL, sourceMac);
                break;
            case Icmpv6Packet.TYPE_ROUTER_SOLICIT:
                if (isRouter()) {
                    // Section 6.2.6: answered to all-nodes, no sooner than 3 s after the last advertisement.
                    advertAt = Math.min(advertAt, Math.max(now, lastAdvert + MIN_DELAY_BETWEEN_ADVERTS));
                    if (sourceMac != 0 && !fromUnspecified) {
                        ipv6.neighbors.learn(srcH, srcL, sourceMac, now);
                    }
                } else {
                    counters.add(InterfaceCounter.NDP_IGNORED);
                }
                break;
            case Icmpv6Packet.TYPE_REDIRECT:
                redirect(now, ip, icmp, buf, srcH, srcL);
                break;
            default:
                counters.add(InterfaceCounter.NDP_IGNORED);
        }
    }

    /**
     * A Redirect (RFC 4861 section 8.1 to check it, 8.3 to act on it): from the link-local
     * address of the router packets for its destination go to now, about a unicast
     * destination, naming as the better first hop a link-local address (another router) or the
     * destination itself (which is then on the link). Packets for that destination go to the
     * target from then on; its link-layer option updates the neighbor cache as a solicitation's
     * would, and a target other than the destination is marked a router. Others are invalid.
     */
    private void redirect(long now, Ipv6Packet ip, Icmpv6Packet icmp, byte[] buf, long srcH, long srcL) {
        long targetH = icmp.targetHigh();
        long targetL = icmp.targetLow();
        int destination = icmp.redirectDestinationOffset();
        long dstH = Ipv6Address.high(buf, destination);
        long dstL = Ipv6Address.low(buf, destination);
        boolean toItself = targetH == dstH && targetL == dstL;
        if (!Ipv6Address.isLinkLocal(srcH) || Ipv6Address.isMulticast(dstH) || !toItself && !Ipv6Address.isLinkLocal(targetH)
                || ipv6.isOnLink(dstH, dstL) || !ipv6.isFirstHopFor(dstH, dstL, srcH, srcL)) {
            counters.add(InterfaceCounter.DROP_NDP_INVALID);
            return;
        }
        counters.add(InterfaceCounter.NDP_REDIRECTS_IN);
        ipv6.redirects.update(dstH, dstL, targetH, targetL);
        int tlla = options.find(NdpOptions.TARGET_LINK_LAYER);
        if (tlla >= 0 && lengthOf(buf, tlla) == NdpOptions.LINK_LAYER_LEN) {
            int i = ipv6.neighbors.learn(targetH, targetL, NdpOptions.linkLayerAddress(buf, tlla), now);
            ipv6.neighbors.setRouter(i, !toItself);
            ipv6.releaseHeld(i);
        }
    }

    private static int lengthOf(byte[] buf, int option) {
        return (buf[option + 1] & 0xFF) * 8;
    }

    private void solicitation(long now, Icmpv6Packet icmp, long srcH, long srcL, boolean fromUnspecified, long sourceMac,
            long srcMac) {
        counters.add(InterfaceCounter.NDP_SOLICITS_IN);
        Ipv6Addresses addresses = ipv6.addresses;
        long targetH = icmp.targetHigh();
        long targetL = icmp.targetLow();
        int slot = addresses.find(targetH, targetL);
        if (slot < 0 || Ipv6Address.isMulticast(targetH)) {
            counters.add(InterfaceCounter.DROP_NOT_FOR_US);
            return;
        }
        if (fromUnspecified && sourceMac != 0) {
            // Section 7.1.1: a solicitation from :: carries no source link-layer address.
            counters.add(InterfaceCounter.DROP_NDP_INVALID);
            return;
        }
        if (addresses.isTentative(slot)) {
            if (fromUnspecified) {
                counters.add(InterfaceCounter.NDP_DAD_CONFLICTS);
                if (!ipv6.formAgain(slot, now)) {
                    addresses.removeAt(slot);
                }
            }
            return;
        }
        if (fromUnspecified) {
            advertise(targetH, targetL, Ipv6Address.ALL_NODES.high(), Ipv6Address.ALL_NODES.low(), false, 0);
            return;
        }
        long answerTo = srcMac;
        if (sourceMac != 0) {
            int i = ipv6.neighbors.learn(srcH, srcL, sourceMac, now);
            ipv6.releaseHeld(i);
            answerTo = sourceMac;
        }
        advertise(targetH, targetL, srcH, srcL, true, answerTo);
    }

    private void advertisement(long now, Icmpv6Packet icmp, byte[] buf) {
        counters.add(InterfaceCounter.NDP_ADVERTS_IN);
        long targetH = icmp.targetHigh();
        long targetL = icmp.targetLow();
        int ours = ipv6.addresses.find(targetH, targetL);
        if (ours >= 0) {
            if (ipv6.addresses.isTentative(ours)) {
                counters.add(InterfaceCounter.NDP_DAD_CONFLICTS);
                if (!ipv6.formAgain(ours, now)) {
                    ipv6.addresses.removeAt(ours);
                }
            }
            return;
        }
        int tlla = options.find(NdpOptions.TARGET_LINK_LAYER);
        long linkLayer = tlla >= 0 && lengthOf(buf, tlla) == NdpOptions.LINK_LAYER_LEN ? NdpOptions.linkLayerAddress(buf, tlla) : 0;
        int i = ipv6.neighbors.advertised(targetH, targetL, linkLayer, icmp.solicitedFlag(), icmp.overrideFlag(),
                icmp.routerFlag(), now);
        if (i >= 0) {
            ipv6.releaseHeld(i);
        }
    }

    private void routerAdvertisement(long now, Icmpv6Packet icmp, byte[] buf, long srcH, long srcL, long sourceMac) {
        counters.add(InterfaceCounter.NDP_ROUTER_ADVERTS_IN);
        solicitationsLeft = 0;
        solicitAt = Micros.NEVER;
        if (icmp.currentHopLimit() != 0) {
            ipv6.setHopLimit(icmp.currentHopLimit());
        }
        ipv6.routers.update(srcH, srcL, now, Micros.ofSeconds(icmp.routerLifetime()));
        if (sourceMac != 0) {
            int i = ipv6.neighbors.learn(srcH, srcL, sourceMac, now);
            ipv6.neighbors.setRouter(i, true);
            ipv6.releaseHeld(i);
        }
        options.wrap(icmp);
        while (options.next()) {
            int at = options.at();
            if (options.type() == NdpOptions.MTU && options.length() == NdpOptions.MTU_LEN) {
                long mtu = NdpOptions.mtu(buf, at);
                if (mtu >= Ipv6Packet.MIN_MTU) {
                    linkMtu = mtu;
                }
            } else if (options.type() == NdpOptions.PREFIX_INFORMATION && options.length() == NdpOptions.PREFIX_INFORMATION_LEN) {
                prefix(now, buf, at);
            }
        }
    }

    private void prefix(long now, byte[] buf, int at) {
        long prefixH = NdpOptions.prefixHigh(buf, at);
        long prefixL = NdpOptions.prefixLow(buf, at);
        int length = NdpOptions.prefixLength(buf, at);
        long valid = seconds(NdpOptions.validLifetime(buf, at));
        long preferred = seconds(NdpOptions.preferredLifetime(buf, at));
        if (Ipv6Address.isLinkLocal(prefixH) || length > 128 || preferred > valid) {
            return; // RFC 4861 section 6.3.4 and RFC 4862 section 5.5.3 b, c: silently ignored.
        }
        if (NdpOptions.onLink(buf, at)) {
            ipv6.prefixes.update(prefixH, prefixL, length, now, valid);
        }
        if (!NdpOptions.autonomous(buf, at) || length != 64) {
            return;
        }
        long interfaceId = ipv6.interfaceIdentifier(prefixH);
        Ipv6Addresses addresses = ipv6.addresses;
        int slot = addresses.find(prefixH, interfaceId);
        if (slot < 0) {
            if (valid > 0) {
                addresses.add(prefixH, interfaceId, 64, Ipv6AddressOrigin.SLAAC, now, valid, preferred);
            }
            return;
        }
        if (addresses.origin(slot) != Ipv6AddressOrigin.SLAAC) {
            return;
        }
        long remaining = addresses.validUntil(slot) == Micros.NEVER ? Micros.NEVER : addresses.validUntil(slot) - now;
        long newValid = valid > TWO_HOURS || valid > remaining ? valid : remaining <= TWO_HOURS ? remaining : TWO_HOURS;
        addresses.setLifetimes(slot, now, newValid, preferred);
    }

    /** A lifetime in seconds as microseconds; all ones is for ever (RFC 4861 section 4.6.2). */
    private static long seconds(long value) {
        return value == NdpOptions.INFINITE ? Micros.NEVER : Micros.ofSeconds(value);
    }

    // ---------------------------------------------------------------- sending

    /**
     * A solicitation for {@code target}: multicast to its solicited-node group from the
     * source for it, with our MAC (resolution), or {@code unicast} to {@code mac} (a probe).
     */
    void solicit(long targetH, long targetL, boolean unicast, long mac) {
        int source = ipv6.addresses.sourceFor(targetH, targetL);
        if (source < 0) {
            counters.add(InterfaceCounter.DROP_NO_ROUTE);
            return;
        }
        Ipv6Address group = Ipv6Address.solicitedNode(targetL);
        long dstH = unicast ? targetH : group.high();
        long dstL = unicast ? targetL : group.low();
        int length = 24 + NdpOptions.LINK_LAYER_LEN;
        int at = ipv6.header(ipv6.addresses.high(source), ipv6.addresses.low(source), dstH, dstL, 255,
                IpProtocol.ICMPV6.value(), length);
        byte[] out = ipv6.out;
        message.wrap(out, at, length).setType(Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT).setCode(0).setRestOfHeader(0)
                .setTarget(targetH, targetL);
        NdpOptions.writeLinkLayer(out, at + 24, NdpOptions.SOURCE_LINK_LAYER, ipv6.mac());
        finish(length);
        if (unicast ? ipv6.sendTo(mac, at + length) : ipv6.sendMulticast(dstL, at + length)) {
            counters.add(InterfaceCounter.NDP_SOLICITS_OUT);
        }
    }

    /** DAD's solicitation (RFC 4862 section 5.4.2): from ::, no link-layer option, to the target's group. */
    private void solicitForDad(long targetH, long targetL) {
        Ipv6Address group = Ipv6Address.solicitedNode(targetL);
        int at = ipv6.header(0, 0, group.high(), group.low(), 255, IpProtocol.ICMPV6.value(), 24);
        message.wrap(ipv6.out, at, 24).setType(Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT).setCode(0).setRestOfHeader(0)
                .setTarget(targetH, targetL);
        finish(24);
        if (ipv6.sendMulticast(group.low(), at + 24)) {
            counters.add(InterfaceCounter.NDP_SOLICITS_OUT);
        }
    }

    /** An advertisement for our {@code target}, with our MAC, override set (section 7.2.4). {@code mac} 0: to a group. */
    private void advertise(long targetH, long targetL, long dstH, long dstL, boolean solicited, long mac) {
        int length = 24 + NdpOptions.LINK_LAYER_LEN;
        int at = ipv6.header(targetH, targetL, dstH, dstL, 255, IpProtocol.ICMPV6.value(), length);
        byte[] out = ipv6.out;
        message.wrap(out, at, length).setType(Icmpv6Packet.TYPE_NEIGHBOR_ADVERT).setCode(0).setAdvertFlags(false, solicited, true)
                .setTarget(targetH, targetL);
        NdpOptions.writeLinkLayer(out, at + 24, NdpOptions.TARGET_LINK_LAYER, ipv6.mac());
        finish(length);
        if (mac == 0 ? ipv6.sendMulticast(dstL, at + length) : ipv6.sendTo(mac, at + length)) {
            counters.add(InterfaceCounter.NDP_ADVERTS_OUT);
        }
    }

    private void routerSolicitation(int linkLocal) {
        int length = 8 + NdpOptions.LINK_LAYER_LEN;
        Ipv6Address all = Ipv6Address.ALL_ROUTERS;
        int at = ipv6.header(ipv6.addresses.high(linkLocal), ipv6.addresses.low(linkLocal), all.high(), all.low(), 255,
                IpProtocol.ICMPV6.value(), length);
        message.wrap(ipv6.out, at, length).setType(Icmpv6Packet.TYPE_ROUTER_SOLICIT).setCode(0).setRestOfHeader(0);
        NdpOptions.writeLinkLayer(ipv6.out, at + 8, NdpOptions.SOURCE_LINK_LAYER, ipv6.mac());
        finish(length);
        if (ipv6.sendMulticast(all.low(), at + length)) {
            counters.add(InterfaceCounter.NDP_ROUTER_SOLICITS_OUT);
        }
    }

    /** A router advertisement of our prefix to all-nodes, from our link-local address (section 6.2.3). */
    private boolean routerAdvertisement() {
        int linkLocal = ipv6.addresses.sourceFor(Ipv6Address.ALL_NODES.high(), Ipv6Address.ALL_NODES.low());
        if (linkLocal < 0 || !Ipv6Address.isLinkLocal(ipv6.addresses.high(linkLocal))) {
            return false;
        }
        int length = 16 + NdpOptions.LINK_LAYER_LEN + NdpOptions.PREFIX_INFORMATION_LEN;
        Ipv6Address all = Ipv6Address.ALL_NODES;
        int at = ipv6.header(ipv6.addresses.high(linkLocal), ipv6.addresses.low(linkLocal), all.high(), all.low(), 255,
                IpProtocol.ICMPV6.value(), length);
        byte[] out = ipv6.out;
        message.wrap(out, at, length).setType(Icmpv6Packet.TYPE_ROUTER_ADVERT).setCode(0)
                .setCurrentHopLimit(Ipv6Packet.DEFAULT_HOP_LIMIT).setRouterFlags(false, false)
                .setRouterLifetime(ROUTER_LIFETIME_SECONDS).setReachableTime(0).setRetransTimer(0);
        NdpOptions.writeLinkLayer(out, at + 16, NdpOptions.SOURCE_LINK_LAYER, ipv6.mac());
        NdpOptions.writePrefixInformation(out, at + 16 + NdpOptions.LINK_LAYER_LEN, advertisedLength, true, true,
                PREFIX_VALID_SECONDS, PREFIX_PREFERRED_SECONDS, advertisedHigh, advertisedLow);
        finish(length);
        return ipv6.sendMulticast(all.low(), at + length);
    }

    private void finish(int length) {
        message.fillChecksum(ipv6.outIp().pseudoHeaderSum(IpProtocol.ICMPV6.value(), length));
    }

    // ---------------------------------------------------------------- timers

    boolean runTimers(long now) {
        boolean did = false;
        Ipv6Addresses addresses = ipv6.addresses;
        for (int slot = addresses.dadSolicitationDue(now); slot >= 0; slot = addresses.dadSolicitationDue(now)) {
            solicitForDad(addresses.high(slot), addresses.low(slot));
            did = true;
        }
        for (int slot = addresses.expire(now); slot >= 0; slot = addresses.expire(now)) {
            if (addresses.origin(slot) == Ipv6AddressOrigin.LINK_LOCAL && !isRouter()) {
                solicitationsLeft = ROUTER_SOLICITATIONS;
                solicitAt = now;
            }
            did = true;
        }
        ipv6.routers.expire(now);
        ipv6.prefixes.expire(now);
        if (solicitationsLeft > 0 && solicitAt <= now && !isRouter()) {
            int linkLocal = addresses.sourceFor(Ipv6Address.ALL_ROUTERS.high(), Ipv6Address.ALL_ROUTERS.low());
            if (linkLocal >= 0) {
                routerSolicitation(linkLocal);
            }
            solicitationsLeft--;
            solicitAt = solicitationsLeft > 0 ? Micros.plus(now, ROUTER_SOLICITATION_INTERVAL) : Micros.NEVER;
            did = true;
        }
        if (isRouter() && advertAt <= now) {
            if (routerAdvertisement()) {
                lastAdvert = now;
                long interval = initialAdvertsLeft > 0 ? INITIAL_ADVERT_INTERVAL : ADVERT_INTERVAL;
                initialAdvertsLeft = Math.max(0, initialAdvertsLeft - 1);
                advertAt = Micros.plus(now, interval);
            } else {
                advertAt = Micros.plus(now, Ipv6Addresses.DAD_WAIT); // no link-local address yet: after its DAD
            }
            did = true;
        }
        NeighborCache6 neighbors = ipv6.neighbors;
        for (NeighborCache6.Action action = neighbors.due(now); ; action = neighbors.due(now)) {
            int i = neighbors.dueSlot();
            if (action == NeighborCache6.Action.SOLICIT_MULTICAST) {
                solicit(neighbors.high(i), neighbors.low(i), false, 0);
            } else if (action == NeighborCache6.Action.SOLICIT_UNICAST) {
                solicit(neighbors.high(i), neighbors.low(i), true, neighbors.mac(i));
            } else if (action == NeighborCache6.Action.FAILED) {
                if (neighbors.holds(i)) {
                    counters.add(InterfaceCounter.DROP_NDP_TIMEOUT);
                }
                neighbors.removeAt(i);
            } else if (neighbors.nextDeadline() > now) {
                break;
            }
            did = true;
        }
        return did;
    }

    long nextDeadline() {
        long at = Math.min(ipv6.addresses.nextDeadline(), ipv6.neighbors.nextDeadline());
        at = Math.min(at, Math.min(ipv6.routers.nextDeadline(), ipv6.prefixes.nextDeadline()));
        return Math.min(Math.min(at, solicitAt), isRouter() ? advertAt : Micros.NEVER);
    }
}
