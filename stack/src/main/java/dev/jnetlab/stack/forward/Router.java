package dev.jnetlab.stack.forward;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.FrameReceiver;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.Checksum;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An IPv4 router (RFC 1812): two or more {@linkplain #addPort ports}, each a device with a
 * MAC and an address, connected routes for their networks and static routes through
 * gateways, chosen by longest prefix. It is a node of its own, not a host with forwarding
 * switched on: it owns no sockets, and what it answers itself is what RFC 1812 asks of a
 * router (ARP for its addresses, echo, ICMP errors).
 *
 * <p>A datagram to forward, in the order the checks run:
 * <ol>
 *   <li>A bad header or checksum is dropped silently (section 5.2.2).</li>
 *   <li>To one of the router's addresses: echo answered, UDP answered with port unreachable
 *       (what ends a traceroute at the router), other protocols with protocol unreachable.</li>
 *   <li>Never forwarded: limited, directed and multicast destinations, and a unicast datagram
 *       that came as a link-layer broadcast (sections 5.3.4, 5.3.5); a source that is not one
 *       host (section 5.3.7: 0, loopback, broadcast, multicast, class E).</li>
 *   <li>No route: destination unreachable, net unreachable (section 5.2.7.1), looked up before
 *       the TTL as Linux does.</li>
 *   <li>TTL 1 or 0: dropped with time exceeded, code 0 (section 5.3.1); else decremented, the
 *       header checksum updated incrementally (RFC 1624).</li>
 *   <li>Going back out of the port it came in on, from a source on that port's network, with
 *       no options: forwarded, and the source told of the better first hop with a host
 *       redirect, code 1 (section 5.2.7.2).</li>
 *   <li>Longer than the outgoing port's MTU: with Don't Fragment, dropped with destination
 *       unreachable, fragmentation needed, carrying the next-hop MTU (RFC 1191 section 4);
 *       without, cut into fragments of multiples of 8 octets, options marked "copied" kept
 *       in every fragment and the rest in the first only (RFC 791 section 3.2, RFC 1812
 *       section 5.2.6).</li>
 *   <li>The next hop's MAC from ARP; while it is asked for (a request a second, three in
 *       all), the frame waits; when ARP gives up, each waiting datagram is answered with host
 *       unreachable (section 5.2.7.1).</li>
 * </ol>
 * ICMP errors quote as much of the datagram as fits in 576 octets (section 4.3.2.3), come
 * from the address of the port that leads back to the source (section 4.3.2.4), and are never
 * sent about an ICMP error, a non-first fragment, a broadcast or multicast, or a source that
 * is not one host (section 4.3.2.7), and no faster than the {@link IcmpRateLimit} lets them go
 * (section 4.3.2.8; Linux's 1000 a second in bursts of 50 unless set).
 *
 * <p>IPv6 (RFC 8200) once a port has an {@linkplain #addAddress6 IPv6 address}: {@link Ipv6Forwarding}
 * lists its rules; the ports and the ICMP limit are shared, routes and neighbors are per family.
 *
 * <p>Forwarding allocates nothing (ARCHITECTURE.md §4): views and buffers are made once.
 * Not thread-safe: the event loop owns it (ARCHITECTURE.md §2).
 */
public final class Router {
    /** Most frames taken from one port in one poll. */
    public static final int RECEIVE_BURST = 64;
    /** The longest ICMP error a router sends (RFC 1812 section 4.3.2.3). */
    public static final int MAX_ICMP_ERROR = 576;
    /** The TTL of what the router sends itself. */
    public static final int TTL = 64;

    private static final int ETH = EthernetFrame.HEADER_LEN;
    private static final int NET_UNREACHABLE = 0;
    private static final int HOST_UNREACHABLE = 1;
    private static final int PROTOCOL_UNREACHABLE = 2;
    private static final int PORT_UNREACHABLE = 3;
    private static final int FRAGMENTATION_NEEDED = 4;
    private static final int REDIRECT_HOST = 1;

    /** One port as {@code topo} shows it, with its IPv6 link-local address (RFC 4291 section 2.5.6). */
    public record Port(int index, MacAddress mac, Ipv4Cidr address, int mtu, Ipv6Address linkLocal) {
    }

    /** One IPv6 route as {@code route} shows it: no gateway for a connected prefix. */
    public record RouteEntry6(Ipv6Address prefix, int prefixLength, java.util.Optional<Ipv6Address> gateway, int port) {
    }

    /** One route as {@code route} shows it: gateway {@code 0.0.0.0} for a connected network. */
    public record RouteEntry(Ipv4Cidr network, Ipv4Address gateway, int port) {
    }

    private final String name;
    private final List<RouterPort> ports = new ArrayList<>();
    private final ForwardingTable table = new ForwardingTable();
    private final long[] counters = new long[RouterCounter.values().length];
    private final EthernetFrame eth = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final Ipv4Packet out = new Ipv4Packet();
    private final ArpPacket arp = new ArpPacket();
    private final Icmpv4Packet icmp = new Icmpv4Packet();
    private final Receiver receiver = new Receiver();
    /** A forwarded datagram, or an echo reply, with room for its Ethernet header. */
    private final byte[] datagram = new byte[ETH + Ipv4Packet.MAX_LEN];
    /** One fragment at a time. */
    private byte[] fragment = new byte[ETH + 1500];
    /** ICMP errors, redirects and ARP. */
    private final byte[] control = new byte[ETH + MAX_ICMP_ERROR];
    private boolean redirects = true;
    private final IcmpTokenBucket icmpErrors = new IcmpTokenBucket(IcmpRateLimit.DEFAULT);
    private int identification;
    private long now;
    private RouterPort ingress;
    private final RouterAdvertiser advertiser = new RouterAdvertiser(this, ports);
    private final Ipv6Forwarding ipv6 = new Ipv6Forwarding(this, ports, advertiser);

    public Router(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    /**
     * Adds a port on {@code device} with {@code mac} and {@code address}; its network becomes a
     * connected route. Returns the port's number, from 0.
     *
     * @throws IllegalArgumentException if the address is not a host's, or another port has it
     */
    public int addPort(Device device, MacAddress mac, Ipv4Cidr address) {
        int bits = address.address().bits();
        if (!Ipv4Address.isUnicast(bits)) {
            throw new IllegalArgumentException(address.address() + " cannot be a router port's address");
        }
        for (RouterPort port : ports) {
            if (port.address == bits) {
                throw new IllegalArgumentException(address.address() + " is the address of port " + port.index + " already");
            }
        }
        RouterPort port = new RouterPort(ports.size(), Objects.requireNonNull(device, "device"), mac, address);
        ports.add(port);
        table.add(bits, address.prefixLen(), 0, port.index);
        if (fragment.length < device.capabilities().maxFrameSize()) {
            fragment = new byte[device.capabilities().maxFrameSize()];
        }
        return port.index;
    }

    /**
     * Adds a static route to {@code destination} through {@code gateway}, which must be on a
     * port's network; {@code 0.0.0.0/0} is the default route.
     *
     * @throws IllegalArgumentException if no port's network holds the gateway
     */
    public void addRoute(Ipv4Cidr destination, Ipv4Address gateway) {
        for (RouterPort port : ports) {
            if (port.onLink(gateway.bits()) && port.address != gateway.bits()) {
                table.add(destination.address().bits(), destination.prefixLen(), gateway.bits(), port.index);
                return;
            }
        }
        throw new IllegalArgumentException("the gateway " + gateway + " is on none of " + name + "'s networks "
                + ports().stream().map(p -> p.address().toString()).toList());
    }

    /**
     * Gives port {@code port} the IPv6 address {@code address}/{@code prefixLength} (besides
     * its link-local one) and its prefix as a connected route; the router forwards IPv6 from
     * then on (see {@link Ipv6Forwarding}).
     *
     * @throws IllegalArgumentException if the address is not a global one, or another port has it
     */
    public void addAddress6(int port, Ipv6Address address, int prefixLength) {
        RouterPort target = ports.get(port);
        if (!Ipv6Address.isUnicast(address.high(), address.low()) || address.isLinkLocal() || prefixLength < 1
                || prefixLength > 128) {
            throw new IllegalArgumentException(address + "/" + prefixLength + " cannot be a router port's IPv6 address");
        }
        for (RouterPort other : ports) {
            if (other.has6 && other.high6 == address.high() && other.low6 == address.low()) {
                throw new IllegalArgumentException(address + " is the address of port " + other.index + " already");
            }
        }
        target.has6 = true;
        target.high6 = address.high();
        target.low6 = address.low();
        target.prefix6 = prefixLength;
        ipv6.table.add(address.high(), address.low(), prefixLength, false, 0, 0, port);
    }

    /**
     * Makes port {@code port}, which has an IPv6 address, send Router Advertisements of its
     * prefix (RFC 4861 section 6.2; see {@link RouterAdvertiser}): hosts on its link form an
     * address in it by SLAAC and take the router as a default router. The first goes at the
     * next poll.
     *
     * @throws IllegalArgumentException if the port has no IPv6 address besides its link-local one
     */
    public void advertise6(int port) {
        if (!ports.get(port).has6) {
            throw new IllegalArgumentException("port " + port + " of " + name + " has no IPv6 prefix to advertise");
        }
        advertiser.start(port);
    }

    /** Whether port {@code port} sends Router Advertisements. */
    public boolean advertises6(int port) {
        return advertiser.advertises(port);
    }

    /** Seeds the random intervals and delays of the Router Advertisements, so that a run replays. */
    public void setSeed(long seed) {
        advertiser.seed(seed);
    }

    /**
     * Adds a static IPv6 route to {@code prefix}/{@code prefixLength} through {@code gateway},
     * which must be on a port's prefix or link-local; {@code ::/0} is the default route.
     *
     * @throws IllegalArgumentException if no port's prefix holds the gateway
     */
    public void addRoute6(Ipv6Address prefix, int prefixLength, Ipv6Address gateway) {
        for (RouterPort port : ports) {
            if (port.has6 && !port.owns6(gateway.high(), gateway.low())
                    && (gateway.high() & ForwardingTable6.maskHigh(port.prefix6)) == (port.high6 & ForwardingTable6.maskHigh(port.prefix6))
                    && (gateway.low() & ForwardingTable6.maskLow(port.prefix6)) == (port.low6 & ForwardingTable6.maskLow(port.prefix6))) {
                ipv6.table.add(prefix.high(), prefix.low(), prefixLength, true, gateway.high(), gateway.low(), port.index);
                return;
            }
        }
        throw new IllegalArgumentException("the gateway " + gateway + " is on none of " + name + "'s IPv6 prefixes");
    }

    /** Every IPv6 route, longest prefix first. */
    public List<RouteEntry6> routes6() {
        List<RouteEntry6> list = new ArrayList<>();
        ForwardingTable6 table6 = ipv6.table;
        for (int i = 0; i < table6.size(); i++) {
            list.add(new RouteEntry6(new Ipv6Address(table6.high(i), table6.low(i)), table6.prefix(i),
                    table6.viaGateway(i) ? java.util.Optional.of(new Ipv6Address(table6.gatewayHigh(i), table6.gatewayLow(i)))
                            : java.util.Optional.empty(), table6.port(i)));
        }
        return list;
    }

    /** Port {@code port}'s IPv6 address besides its link-local one, if it has one. */
    public java.util.Optional<Ipv6Address> address6(int port) {
        RouterPort p = ports.get(port);
        return p.has6 ? java.util.Optional.of(new Ipv6Address(p.high6, p.low6)) : java.util.Optional.empty();
    }

    /** Whether {@code address} is one of the router's (not counting link-local ones). */
    public boolean hasAddress6(Ipv6Address address) {
        for (RouterPort port : ports) {
            if (port.has6 && port.high6 == address.high() && port.low6 == address.low()) {
                return true;
            }
        }
        return false;
    }

    /** Removes the static route to exactly {@code destination}; false if there is none. */
    public boolean removeRoute(Ipv4Cidr destination) {
        return table.remove(destination.address().bits(), destination.prefixLen());
    }

    /** Every route, longest prefix first. */
    public List<RouteEntry> routes() {
        return table.routes().stream().map(e -> new RouteEntry(e.network(), e.gateway(), e.port())).toList();
    }

    public List<Port> ports() {
        return ports.stream().map(p -> new Port(p.index, MacAddress.of(p.mac), p.cidr(), p.mtu,
                new Ipv6Address(RouterPort.LINK_LOCAL_HIGH, p.linkLocalLow))).toList();
    }

    /** Whether {@code address} is one of the router's. */
    public boolean hasAddress(Ipv4Address address) {
        return isOurs(address.bits());
    }

    /** Whether redirects are sent (on by default, as RFC 1812 section 5.2.7.2 and RFC 4861 section 8.2 have it). */
    public void setRedirects(boolean send) {
        this.redirects = send;
    }

    /**
     * Limits the ICMP errors (destination unreachable, time exceeded, parameter problem) this
     * router sends to {@code limit}'s rate and burst; {@link IcmpRateLimit#DEFAULT}, Linux's,
     * until set. Echo replies and redirects are not limited, as in Linux's default
     * {@code icmp_ratemask} (redirects have a back-off of their own there, not modelled).
     */
    public void setIcmpRateLimit(IcmpRateLimit limit) {
        icmpErrors.set(Objects.requireNonNull(limit, "limit"));
    }

    public IcmpRateLimit icmpRateLimit() {
        return icmpErrors.limit();
    }

    public long counter(RouterCounter counter) {
        return counters[counter.ordinal()];
    }

    /** Every counter that is not zero, in declaration order. */
    public Map<RouterCounter, Long> stats() {
        Map<RouterCounter, Long> map = new EnumMap<>(RouterCounter.class);
        for (RouterCounter counter : RouterCounter.values()) {
            if (counters[counter.ordinal()] != 0) {
                map.put(counter, counters[counter.ordinal()]);
            }
        }
        return map;
    }

    // =====================================================================================
    // Polling
    // =====================================================================================

    /** Runs ARP's timers, then takes what each port received; returns whether anything happened. */
    public boolean poll(long now) {
        this.now = now;
        boolean did = runArpTimers() | ipv6.runTimers(now) | advertiser.runTimers(now);
        for (int p = 0; p < ports.size(); p++) {
            ingress = ports.get(p);
            for (int i = 0; i < RECEIVE_BURST && ingress.device.receive(now, receiver); i++) {
                did = true;
            }
        }
        ingress = null;
        return did;
    }

    /** The earliest of the ports' devices' deadlines, ARP's, Neighbor Discovery's and the next Router Advertisement. */
    public long pollAt(long now) {
        long at = advertiser.nextDeadline();
        for (int p = 0; p < ports.size(); p++) {
            RouterPort port = ports.get(p);
            at = Math.min(at, Math.min(port.device.nextDeadline(now), Math.min(port.nextDeadline(), port.neighbors6.nextDeadline())));
        }
        return at;
    }

    private boolean runArpTimers() {
        boolean did = false;
        for (int p = 0; p < ports.size(); p++) {
            RouterPort port = ports.get(p);
            for (int slot = port.dueRequest(now); slot >= 0; slot = port.dueRequest(now)) {
                did = true;
                int hop = port.neighborIp(slot);
                if (port.askedEnough(slot)) {
                    port.giveUp(slot);
                    for (int held = port.pendingFor(hop); held >= 0; held = port.pendingFor(hop)) {
                        add(RouterCounter.DROP_ARP_TIMEOUT);
                        byte[] frame = port.pendingFrame(held);
                        ip.wrap(frame, ETH, port.pendingLength(held) - ETH);
                        error(Icmpv4Packet.TYPE_DST_UNREACHABLE, HOST_UNREACHABLE, 0, false);
                        port.release(held);
                    }
                } else {
                    port.asked(slot, now);
                    sendArp(port, 1, MacAddress.BROADCAST.bits(), 0, hop);
                }
            }
        }
        return did;
    }

    void add(RouterCounter counter) {
        counters[counter.ordinal()]++;
    }

    boolean sendsRedirects() {
        return redirects;
    }

    /** Takes a token from the ICMP error limit both families share; false if none is left. */
    boolean takeIcmpToken() {
        return icmpErrors.take(now);
    }

    private boolean isOurs(int address) {
        for (int p = 0; p < ports.size(); p++) {
            if (ports.get(p).address == address) {
                return true;
            }
        }
        return false;
    }

    private boolean isDirectedBroadcast(int address) {
        for (int p = 0; p < ports.size(); p++) {
            if (ports.get(p).isDirectedBroadcast(address)) {
                return true;
            }
        }
        return false;
    }

    // =====================================================================================
    // Receiving
    // =====================================================================================

    private final class Receiver implements FrameReceiver {
        @Override
        public void receive(byte[] frame, int offset, int length) {
            receiveFrame(frame, offset, length);
        }
    }

    private void receiveFrame(byte[] frame, int offset, int length) {
        add(RouterCounter.FRAMES_IN);
        if (eth.wrap(frame, offset, length).check() != null) {
            add(RouterCounter.DROP_MALFORMED);
            return;
        }
        long destination = eth.destination();
        boolean group = (destination & 0x0100_0000_0000L) != 0;
        if (destination != ingress.mac && !group) {
            add(RouterCounter.DROP_NOT_FOR_US);
            return;
        }
        int type = eth.etherTypeValue();
        if (type == EtherType.ARP.value()) {
            receiveArp(frame, eth.payloadOffset(), eth.payloadLength());
        } else if (type == EtherType.IPV4.value()) {
            receiveIpv4(frame, eth.payloadOffset(), eth.payloadLength(), group);
        } else if (type == EtherType.IPV6.value()) {
            ipv6.receive(frame, eth.payloadOffset(), eth.payloadLength(), ingress, eth.source(), now);
        } else {
            add(RouterCounter.DROP_UNSUPPORTED);
        }
    }

    private void receiveArp(byte[] frame, int offset, int length) {
        if (arp.wrap(frame, offset, length).check() != null) {
            add(RouterCounter.DROP_MALFORMED);
            return;
        }
        add(RouterCounter.ARP_IN);
        int senderIp = arp.senderProtocolAddr();
        long senderMac = arp.senderHardwareAddr();
        boolean forUs = arp.targetProtocolAddr() == ingress.address;
        if (senderIp != 0 && ingress.onLink(senderIp) && senderIp != ingress.address
                && ingress.learn(senderIp, senderMac, forUs, now)) {
            releasePending(ingress, senderIp, senderMac);
        }
        if (forUs && arp.operationValue() == 1) {
            sendArp(ingress, 2, senderMac, senderMac, senderIp);
        }
    }

    private void releasePending(RouterPort port, int hop, long mac) {
        for (int slot = port.pendingFor(hop); slot >= 0; slot = port.pendingFor(hop)) {
            byte[] frame = port.pendingFrame(slot);
            eth.wrap(frame, 0, port.pendingLength(slot)).setDestination(mac);
            sendFrame(port, frame, port.pendingLength(slot));
            port.release(slot);
        }
    }

    private void receiveIpv4(byte[] frame, int offset, int length, boolean linkBroadcast) {
        if (ip.wrap(frame, offset, length).check() != null) {
            add(RouterCounter.DROP_MALFORMED);
            return;
        }
        if (!ip.verifyChecksum()) {
            add(RouterCounter.DROP_BAD_CHECKSUM); // RFC 1812 section 5.2.2
            return;
        }
        ip.wrap(frame, offset, ip.totalLength()); // link-layer padding is not the datagram's
        int destination = ip.destination();
        int source = ip.source();
        if (isOurs(destination)) {
            deliver(linkBroadcast);
            return;
        }
        if (destination == -1 || Ipv4Address.isMulticast(destination) || isDirectedBroadcast(destination)
                || linkBroadcast) {
            add(RouterCounter.DROP_BROADCAST); // RFC 1812 sections 5.3.4 and 5.3.5
            return;
        }
        if (!Ipv4Address.isUnicast(source) || isDirectedBroadcast(source)) {
            add(RouterCounter.DROP_BAD_SOURCE); // RFC 1812 section 5.3.7
            return;
        }
        // The route before the TTL, as Linux (routed on input, the TTL looked at in forwarding):
        // a traceroute towards a network nobody routes ends at its first hop with !N.
        int route = table.lookup(destination);
        if (route < 0) {
            add(RouterCounter.DROP_NO_ROUTE); // RFC 1812 section 5.2.7.1
            error(Icmpv4Packet.TYPE_DST_UNREACHABLE, NET_UNREACHABLE, 0, false);
            return;
        }
        if (ip.ttl() <= 1) {
            add(RouterCounter.DROP_TTL_EXPIRED); // RFC 1812 section 5.3.1
            error(Icmpv4Packet.TYPE_TIME_EXCEEDED, 0, 0, false);
            return;
        }
        RouterPort egress = ports.get(table.port(route));
        int hop = table.nextHop(route, destination);
        int total = ip.totalLength();
        if (total > egress.mtu && ip.dontFragment()) {
            add(RouterCounter.DROP_TOO_BIG_DONT_FRAGMENT); // RFC 1191 section 4
            error(Icmpv4Packet.TYPE_DST_UNREACHABLE, FRAGMENTATION_NEEDED, egress.mtu & 0xFFFF, false);
            return;
        }
        if (redirects && egress == ingress && ingress.onLink(source) && ip.headerLength() == Ipv4Packet.HEADER_LEN) {
            add(RouterCounter.REDIRECTS_OUT); // RFC 1812 section 5.2.7.2
            error(Icmpv4Packet.TYPE_REDIRECT, REDIRECT_HOST, hop, false);
        }
        add(RouterCounter.FORWARDED);
        if (total > egress.mtu) {
            fragmentAndSend(egress, hop, frame, offset, total, true);
            return;
        }
        System.arraycopy(frame, offset, datagram, ETH, total);
        Ipv4Packet forwarded = out.wrap(datagram, ETH, total);
        int oldWord = forwarded.ttl() << 8 | forwarded.protocolValue();
        forwarded.setTtl(forwarded.ttl() - 1);
        forwarded.setChecksum(Checksum.update(forwarded.checksum(), oldWord, forwarded.ttl() << 8 | forwarded.protocolValue()));
        emit(egress, hop, datagram, ETH + total);
    }

    /** A datagram to one of the router's own addresses. */
    private void deliver(boolean linkBroadcast) {
        add(RouterCounter.DELIVERED_LOCALLY);
        if (ip.isFragment()) {
            add(RouterCounter.DROP_UNSUPPORTED); // a router needs no reassembly for what it answers
            return;
        }
        int protocol = ip.protocolValue();
        if (protocol == IpProtocol.ICMP.value()) {
            if (icmp.wrap(ip.buffer(), ip.payloadOffset(), ip.payloadLength()).check() == null
                    && icmp.type() == Icmpv4Packet.TYPE_ECHO_REQUEST && icmp.verifyChecksum()) {
                echoReply();
            }
        } else if (protocol == IpProtocol.UDP.value()) {
            error(Icmpv4Packet.TYPE_DST_UNREACHABLE, PORT_UNREACHABLE, 0, linkBroadcast);
        } else if (protocol != IpProtocol.TCP.value()) {
            error(Icmpv4Packet.TYPE_DST_UNREACHABLE, PROTOCOL_UNREACHABLE, 0, linkBroadcast);
        }
    }

    private void echoReply() {
        int length = Ipv4Packet.HEADER_LEN + ip.payloadLength();
        System.arraycopy(ip.buffer(), ip.payloadOffset(), datagram, ETH + Ipv4Packet.HEADER_LEN, ip.payloadLength());
        Ipv4Packet reply = writeHeader(datagram, length, ip.destination(), ip.source(), IpProtocol.ICMP.value());
        Icmpv4Packet message = icmp.wrap(datagram, reply.payloadOffset(), ip.payloadLength());
        message.setType(Icmpv4Packet.TYPE_ECHO_REPLY).setCode(0).fillChecksum();
        add(RouterCounter.ECHO_REPLIES_OUT);
        originate(datagram, length);
    }

    // =====================================================================================
    // Sending
    // =====================================================================================

    /**
     * Answers the datagram in {@link #ip} with an ICMP error, unless RFC 1812 section 4.3.2.7
     * forbids it. {@code rest} is the second word of the ICMP header (a gateway, an MTU).
     */
    private void error(int type, int code, int rest, boolean linkBroadcast) {
        int source = ip.source();
        if (linkBroadcast || ip.fragmentOffset() != 0 || !Ipv4Address.isUnicast(source) || isDirectedBroadcast(source)
                || ip.destination() == -1 || Ipv4Address.isMulticast(ip.destination())) {
            return;
        }
        if (ip.protocolValue() == IpProtocol.ICMP.value() && ip.payloadLength() > 0
                && icmp.wrap(ip.buffer(), ip.payloadOffset(), ip.payloadLength()).isError()) {
            return;
        }
        int route = table.lookup(source);
        if (route < 0) {
            return;
        }
        if (type != Icmpv4Packet.TYPE_REDIRECT && !icmpErrors.take(now)) {
            add(RouterCounter.ICMP_RATE_LIMITED); // RFC 1812 section 4.3.2.8
            return;
        }
        int from = ports.get(table.port(route)).address;
        int quoted = Math.min(ip.totalLength(), MAX_ICMP_ERROR - Ipv4Packet.HEADER_LEN - Icmpv4Packet.HEADER_LEN);
        int length = Ipv4Packet.HEADER_LEN + Icmpv4Packet.HEADER_LEN + quoted;
        System.arraycopy(ip.buffer(), ip.offset(), control, ETH + Ipv4Packet.HEADER_LEN + Icmpv4Packet.HEADER_LEN, quoted);
        Ipv4Packet header = writeHeader(control, length, from, source, IpProtocol.ICMP.value());
        header.setDscp(ip.dscp()); // RFC 1812 section 4.3.2.5: the precedence of what it is about
        header.fillChecksum();
        icmp.wrap(control, header.payloadOffset(), Icmpv4Packet.HEADER_LEN + quoted)
                .setType(type).setCode(code).setRestOfHeader(rest).fillChecksum();
        if (type != Icmpv4Packet.TYPE_REDIRECT) {
            add(RouterCounter.ICMP_ERRORS_OUT);
        }
        originate(control, length);
    }

    private Ipv4Packet writeHeader(byte[] buffer, int length, int source, int destination, int protocol) {
        Ipv4Packet header = out.wrap(buffer, ETH, length);
        header.setVersion(4).setIhl(5).setDscp(0).setEcn(0).setTotalLength(length)
                .setIdentification(identification++ & 0xFFFF).setReservedFlag(false).setDontFragment(false)
                .setMoreFragments(false).setFragmentOffset(0).setTtl(TTL).setProtocolValue(protocol)
                .setSource(source).setDestination(destination).fillChecksum();
        return header;
    }

    /** Routes a datagram the router made itself, at {@code buffer[ETH ..]}. */
    private void originate(byte[] buffer, int length) {
        int destination = out.wrap(buffer, ETH, length).destination();
        int route = table.lookup(destination);
        if (route < 0) {
            add(RouterCounter.DROP_NO_ROUTE);
            return;
        }
        RouterPort egress = ports.get(table.port(route));
        int hop = table.nextHop(route, destination);
        if (length > egress.mtu) {
            fragmentAndSend(egress, hop, buffer, ETH, length, false);
        } else {
            emit(egress, hop, buffer, ETH + length);
        }
    }

    /**
     * Cuts the datagram at {@code source[offset ..]} into fragments for {@code egress}'s MTU
     * (RFC 791 section 3.2): each carries a multiple of 8 octets but the last; the first keeps
     * every option, the others only those whose "copied" flag is set. {@code decrement}: the
     * TTL goes down by one (a forwarded datagram).
     */
    private void fragmentAndSend(RouterPort egress, int hop, byte[] source, int offset, int length, boolean decrement) {
        Ipv4Packet whole = out.wrap(source, offset, length);
        int headerLength = whole.headerLength();
        int payload = whole.totalLength() - headerLength;
        int baseOffset = whole.fragmentOffset();
        boolean lastMore = whole.moreFragments();
        int ttl = whole.ttl() - (decrement ? 1 : 0);
        int at = 0;
        while (at < payload) {
            int fragmentHeader = at == 0 ? headerLength : copiedHeader(source, offset, headerLength);
            if (at == 0) {
                System.arraycopy(source, offset, fragment, ETH, headerLength);
            }
            int room = (egress.mtu - fragmentHeader) & ~7;
            int size = Math.min(room, payload - at);
            System.arraycopy(source, offset + headerLength + at, fragment, ETH + fragmentHeader, size);
            Ipv4Packet piece = out.wrap(fragment, ETH, fragmentHeader + size);
            piece.setIhl(fragmentHeader / 4).setTotalLength(fragmentHeader + size).setFragmentOffset(baseOffset + at)
                    .setMoreFragments(at + size < payload || lastMore).setTtl(ttl).fillChecksum();
            add(RouterCounter.FRAGMENTS_CREATED);
            emit(egress, hop, fragment, ETH + fragmentHeader + size);
            at += size;
        }
    }

    /**
     * Writes into {@link #fragment} the header of a fragment after the first: the fixed 20
     * octets and the options with the "copied" flag (RFC 791 section 3.1), padded to a
     * multiple of 4; returns its length.
     */
    private int copiedHeader(byte[] source, int offset, int headerLength) {
        System.arraycopy(source, offset, fragment, ETH, Ipv4Packet.HEADER_LEN);
        int to = ETH + Ipv4Packet.HEADER_LEN;
        int at = offset + Ipv4Packet.HEADER_LEN;
        int end = offset + headerLength;
        while (at < end) {
            int type = source[at] & 0xFF;
            if (type == 0) {
                break; // end of option list
            }
            int length = type == 1 ? 1 : at + 1 < end ? source[at + 1] & 0xFF : 0;
            if (length < 1 || at + length > end || (type != 1 && length < 2)) {
                break; // a malformed list: keep what was sound
            }
            if ((type & 0x80) != 0) {
                System.arraycopy(source, at, fragment, to, length);
                to += length;
            }
            at += length;
        }
        while ((to - ETH) % 4 != 0) {
            fragment[to++] = 0;
        }
        return to - ETH;
    }

    /** Sends a frame whose datagram is at {@code frame[ETH ..]} to {@code hop} on {@code port}, or holds it for ARP. */
    private void emit(RouterPort port, int hop, byte[] frame, int length) {
        eth.wrap(frame, 0, length).setSource(port.mac).setEtherTypeValue(EtherType.IPV4.value());
        long mac = port.resolved(hop, now);
        if (mac != 0) {
            eth.setDestination(mac);
            sendFrame(port, frame, length);
            return;
        }
        if (!port.hold(hop, frame, length)) {
            add(RouterCounter.DROP_PENDING_FULL);
            return;
        }
        if (port.startResolving(hop, now)) {
            sendArp(port, 1, MacAddress.BROADCAST.bits(), 0, hop);
        }
    }

    void sendFrame(RouterPort port, byte[] frame, int length) {
        if (port.transmit(now, frame, length)) {
            add(RouterCounter.FRAMES_OUT);
        } else {
            add(RouterCounter.DROP_DEVICE_FULL);
        }
    }

    private void sendArp(RouterPort port, int operation, long ethernetDestination, long targetMac, int targetIp) {
        int length = ETH + ArpPacket.LEN;
        eth.wrap(control, 0, length).setDestination(ethernetDestination).setSource(port.mac)
                .setEtherTypeValue(EtherType.ARP.value());
        arp.wrap(control, ETH, ArpPacket.LEN).setHardwareType(ArpPacket.HARDWARE_ETHERNET)
                .setProtocolType(EtherType.IPV4.value()).setHardwareLength(6).setProtocolLength(4)
                .setOperationValue(operation).setSenderHardwareAddr(port.mac).setSenderProtocolAddr(port.address)
                .setTargetHardwareAddr(targetMac).setTargetProtocolAddr(targetIp);
        sendFrame(port, control, length);
    }

    @Override
    public String toString() {
        return "Router[" + name + " " + ports() + "]";
    }
}
