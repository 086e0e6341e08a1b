package dev.jnetlab.stack.forward;

import dev.jnetlab.stack.rand.SplitMix64;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.NdpOptions;
import java.util.List;

/**
 * The Router Advertisements of a {@link Router} (RFC 4861 section 6.2) on the ports told to
 * advertise: each carries the port's MAC, its MTU and its IPv6 prefix (on-link, and autonomous
 * when it is a /64, so hosts form addresses in it, RFC 4862 section 5.5.3), from the port's
 * link-local address to all nodes, with the router as a default router for
 * {@value #ROUTER_LIFETIME_SECONDS} s.
 * <ul>
 *   <li>Unsolicited (section 6.2.4): the first when the port starts to advertise, then each
 *       after an interval drawn uniformly between {@code MinRtrAdvInterval} and
 *       {@code MaxRtrAdvInterval} (198 and 600 s, section 6.2.1's defaults), at most
 *       {@code MAX_INITIAL_RTR_ADVERT_INTERVAL} (16 s) for the first
 *       {@code MAX_INITIAL_RTR_ADVERTISEMENTS} (3). The interval restarts from every
 *       advertisement sent, solicited ones too.</li>
 *   <li>Solicited (section 6.2.6): a valid Router Solicitation is answered to all nodes after a
 *       random delay of 0 to {@code MAX_RA_DELAY_TIME} (0.5 s), and no sooner than
 *       {@code MIN_DELAY_BETWEEN_RAS} (3 s) plus that delay after the last one; an advertisement
 *       already due sooner is answer enough.</li>
 * </ul>
 * The random draws come from the router's seed, so a run replays (ARCHITECTURE.md §3).
 * Allocates nothing per advertisement. Not thread-safe: the event loop owns it.
 */
final class RouterAdvertiser {
    /** Section 6.2.1: MaxRtrAdvInterval's default, and MinRtrAdvInterval's, 0.33 of it. */
    static final long MAX_INTERVAL = Micros.ofSeconds(600);
    static final long MIN_INTERVAL = Micros.ofSeconds(198);
    /** Section 6.2.1: AdvDefaultLifetime's default, 3 × MaxRtrAdvInterval. */
    static final int ROUTER_LIFETIME_SECONDS = 1800;
    /** Section 6.2.1: AdvValidLifetime and AdvPreferredLifetime's defaults, 30 and 7 days. */
    static final long VALID_SECONDS = 2_592_000;
    static final long PREFERRED_SECONDS = 604_800;
    /** Section 10, router constants. */
    static final long MAX_INITIAL_INTERVAL = Micros.ofSeconds(16);
    static final int MAX_INITIAL_ADVERTISEMENTS = 3;
    static final long MAX_RA_DELAY = Micros.ofMillis(500);
    static final long MIN_DELAY_BETWEEN_RAS = Micros.ofSeconds(3);
    /** The fixed part of an advertisement, then its options: source link-layer address, MTU, prefix. */
    static final int LENGTH = 16 + NdpOptions.LINK_LAYER_LEN + NdpOptions.MTU_LEN + NdpOptions.PREFIX_INFORMATION_LEN;

    private static final int ETH = EthernetFrame.HEADER_LEN;
    private static final int HEADER = Ipv6Packet.HEADER_LEN;

    private final Router router;
    private final List<RouterPort> ports;
    private final EthernetFrame eth = new EthernetFrame();
    private final Ipv6Packet ip = new Ipv6Packet();
    private final Icmpv6Packet icmp = new Icmpv6Packet();
    private final byte[] frame = new byte[ETH + HEADER + LENGTH];
    private SplitMix64 random = new SplitMix64(0);
    /** Per port, by index: whether it advertises, when the next advertisement is due, how many initial ones are left, when the last went. */
    private boolean[] on = new boolean[0];
    private long[] due = new long[0];
    private int[] initialLeft = new int[0];
    private long[] last = new long[0];

    RouterAdvertiser(Router router, List<RouterPort> ports) {
        this.router = router;
        this.ports = ports;
    }

    void seed(long seed) {
        random = new SplitMix64(seed);
    }

    /** Makes port {@code index} an advertising interface: its first advertisement goes at the next poll. */
    void start(int index) {
        if (on.length <= index) {
            on = java.util.Arrays.copyOf(on, index + 1);
            due = java.util.Arrays.copyOf(due, index + 1);
            initialLeft = java.util.Arrays.copyOf(initialLeft, index + 1);
            last = java.util.Arrays.copyOf(last, index + 1);
        }
        on[index] = true;
        due[index] = 0;
        initialLeft[index] = MAX_INITIAL_ADVERTISEMENTS;
        last[index] = Long.MIN_VALUE;
    }

    boolean advertises(int index) {
        return index < on.length && on[index];
    }

    /** A valid Router Solicitation came in on {@code port} at {@code now}: schedules the answer (section 6.2.6). */
    void solicited(RouterPort port, long now) {
        int i = port.index;
        if (!advertises(i)) {
            return;
        }
        long delay = (long) (random.nextUnit() * (MAX_RA_DELAY + 1));
        long at = last[i] != Long.MIN_VALUE && now - last[i] < MIN_DELAY_BETWEEN_RAS
                ? last[i] + MIN_DELAY_BETWEEN_RAS + delay : now + delay;
        if (at < due[i]) {
            due[i] = at;
        }
    }

    /** Sends what is due at {@code now}; true if anything went. */
    boolean runTimers(long now) {
        boolean did = false;
        for (int i = 0; i < on.length; i++) {
            if (on[i] && due[i] <= now) {
                send(ports.get(i));
                last[i] = now;
                long interval = MIN_INTERVAL + (long) (random.nextUnit() * (MAX_INTERVAL - MIN_INTERVAL + 1));
                if (initialLeft[i] > 0) {
                    initialLeft[i]--;
                    interval = Math.min(interval, MAX_INITIAL_INTERVAL);
                }
                due[i] = Micros.plus(now, interval);
                did = true;
            }
        }
        return did;
    }

    long nextDeadline() {
        long at = Micros.NEVER;
        for (int i = 0; i < on.length; i++) {
            if (on[i]) {
                at = Math.min(at, due[i]);
            }
        }
        return at;
    }

    /** One advertisement from {@code port}'s link-local address to all nodes (section 6.2.3). */
    private void send(RouterPort port) {
        Ipv6Address all = Ipv6Address.ALL_NODES;
        ip.wrap(frame, ETH, HEADER + LENGTH).setVersion(6).setTrafficClass(0).setFlowLabel(0).setPayloadLength(LENGTH)
                .setNextHeader(IpProtocol.ICMPV6.value()).setHopLimit(Ipv6Forwarding.NDP_HOP_LIMIT)
                .setSource(RouterPort.LINK_LOCAL_HIGH, port.linkLocalLow).setDestination(all.high(), all.low());
        icmp.wrap(frame, ETH + HEADER, LENGTH).setType(Icmpv6Packet.TYPE_ROUTER_ADVERT).setCode(0)
                .setCurrentHopLimit(Ipv6Forwarding.HOP_LIMIT).setRouterFlags(false, false)
                .setRouterLifetime(ROUTER_LIFETIME_SECONDS).setReachableTime(0).setRetransTimer(0);
        int option = ETH + HEADER + 16;
        NdpOptions.writeLinkLayer(frame, option, NdpOptions.SOURCE_LINK_LAYER, port.mac);
        NdpOptions.writeMtu(frame, option + NdpOptions.LINK_LAYER_LEN, port.mtu);
        NdpOptions.writePrefixInformation(frame, option + NdpOptions.LINK_LAYER_LEN + NdpOptions.MTU_LEN, port.prefix6, true,
                port.prefix6 == 64, VALID_SECONDS, PREFERRED_SECONDS, port.high6 & ForwardingTable6.maskHigh(port.prefix6),
                port.low6 & ForwardingTable6.maskLow(port.prefix6));
        icmp.fillChecksum(ip.pseudoHeaderSum(IpProtocol.ICMPV6.value(), LENGTH));
        eth.wrap(frame, 0, ETH + HEADER + LENGTH).setDestination(Ipv6Address.multicastMac(all.low())).setSource(port.mac)
                .setEtherTypeValue(EtherType.IPV6.value());
        router.add(RouterCounter.ROUTER_ADVERTS_OUT);
        router.sendFrame(port, frame, ETH + HEADER + LENGTH);
    }
}
