package dev.jnetlab.stack.socket.dhcp;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.DhcpMessageType;
import dev.jnetlab.stack.wire.DhcpPacket;
import dev.jnetlab.stack.wire.DhcpRepr;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.MessageException;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A DHCPv4 client (RFC 2131), after smoltcp's {@code socket::dhcpv4}: a state machine that
 * never touches a device. Its owner feeds it what arrives on port 68 ({@link #process}) and the
 * ARP packets seen on the link ({@link #arpSeen}), sends what {@link #poll} hands out, polls it
 * again at {@link #pollAt}, and configures the interface from the {@link DhcpEvent}s it takes.
 * Time is the stack's {@code now}; every choice (the transaction ids) comes from the seed, so a
 * run on the virtual clock is the same every time.
 *
 * <ul>
 *   <li><b>SELECTING</b>: DISCOVER, broadcast, again after 4, 8, 16, 32, then every 64 seconds
 *       (RFC 2131 section 4.1, without the random second); the first acceptable OFFER wins.</li>
 *   <li><b>REQUESTING</b>: REQUEST with the offered address and the server's identifier,
 *       broadcast, retried as a DISCOVER is; after {@value #REQUEST_TRIES} tries, SELECTING
 *       again. A NAK starts over.</li>
 *   <li><b>PROBING</b> (RFC 5227 section 2.1.1): {@value #PROBE_NUM} ARP probes one second
 *       apart, then two seconds of quiet (ANNOUNCE_WAIT). Any ARP packet whose sender is the
 *       address, or a probe for it from another host, means it is in use: DECLINE, wait ten
 *       seconds (RFC 2131 section 3.1), start over.</li>
 *   <li><b>BOUND</b> until T1 (option 58, else half the lease), <b>RENEWING</b> (unicast to the
 *       server) until T2 (option 59, else 7/8), <b>REBINDING</b> (broadcast) until expiry, then
 *       the lease is gone and the client starts over. While renewing or rebinding it asks again
 *       after half the time left, at least 60 seconds, or at the next deadline if that is
 *       sooner (section 4.4.5).</li>
 *   <li><b>RELEASE</b> ({@link #release}): unicast to the server, the lease given up.</li>
 * </ul>
 *
 * Hostile or stray messages are dropped and counted by {@link DhcpDrop}: malformed ones,
 * another transaction's, an offer of an address no host can have (a broadcast, 0.0.0.0), a
 * lease of 0 seconds.
 *
 * <p>Not thread-safe: the stack's event loop owns it.
 */
public final class DhcpClient {
    public static final int CLIENT_PORT = 68;
    public static final int SERVER_PORT = 67;
    /** REQUESTs sent for one OFFER before starting over. */
    public static final int REQUEST_TRIES = 4;
    /** RFC 5227 section 1.1: PROBE_NUM, PROBE_MIN (one second apart), ANNOUNCE_WAIT. */
    public static final int PROBE_NUM = 3;
    static final long PROBE_INTERVAL = Micros.ofSeconds(1);
    static final long ANNOUNCE_WAIT = Micros.ofSeconds(2);
    /** RFC 2131 section 3.1, step 5: at least ten seconds after a DECLINE before starting again. */
    static final long DECLINE_WAIT = Micros.ofSeconds(10);
    static final long FIRST_RETRY = Micros.ofSeconds(4);
    static final long LAST_RETRY = Micros.ofSeconds(64);
    static final long MIN_RENEW_RETRY = Micros.ofSeconds(60);

    private final MacAddress mac;
    private final Map<DhcpDrop, Long> drops = new EnumMap<>(DhcpDrop.class);
    private final ArrayDeque<DhcpEvent> events = new ArrayDeque<>();
    private long xidState;

    private DhcpState state = DhcpState.STOPPED;
    private int xid;
    private long startedAt;
    /** When the next message (or probe) is due. */
    private long nextAt = Micros.NEVER;
    private long retry;
    private int tries;
    /** The OFFER taken (REQUESTING, PROBING) or the lease held (BOUND and after). */
    private DhcpLease lease;
    private int probesSent;
    private boolean configured;
    private long messagesSent;
    private long messagesReceived;

    /**
     * @param mac  the interface's hardware address, sent as chaddr
     * @param seed where the transaction ids come from
     */
    public DhcpClient(MacAddress mac, long seed) {
        this.mac = mac;
        this.xidState = seed ^ 0x4448_4350_4448_4350L; // "DHCPDHCP"
    }

    public DhcpState state() {
        return state;
    }

    /** The lease held, or the one being requested or probed. */
    public Optional<DhcpLease> lease() {
        return Optional.ofNullable(lease);
    }

    /** Whether the interface is configured from a lease now. */
    public boolean isConfigured() {
        return configured;
    }

    /** Messages dropped, by reason; only the reasons that happened. */
    public Map<DhcpDrop, Long> drops() {
        return Map.copyOf(drops);
    }

    public long messagesSent() {
        return messagesSent;
    }

    public long messagesReceived() {
        return messagesReceived;
    }

    /** The next event for the owner, or null. */
    public DhcpEvent takeEvent() {
        return events.poll();
    }

    // ---- commands ----

    /** Starts (or restarts) from SELECTING; a lease held is given up first, without a RELEASE. */
    public void start(long now) {
        deconfigure("restarted");
        startedAt = now;
        select(now);
    }

    /** Renews now, as if T1 had come: from BOUND only; false otherwise. */
    public boolean renew(long now) {
        if (state != DhcpState.BOUND) {
            return false;
        }
        toRenewing(now);
        return true;
    }

    /**
     * Gives the lease up: returns the RELEASE to send (unicast to the server, RFC 2131 section
     * 4.4.6) and stops. Null when no lease is held (the client just stops).
     */
    public DhcpTransmit.Message release(long now) {
        DhcpLease held = configured ? lease : null;
        deconfigure("released");
        stop();
        if (held == null) {
            return null;
        }
        DhcpRepr message = base(DhcpMessageType.RELEASE)
                .withAddresses(held.address().address(), Ipv4Address.UNSPECIFIED)
                .withRequest(Optional.empty(), Optional.of(held.server()), java.util.List.of());
        messagesSent++;
        return new DhcpTransmit.Message(message, held.address().address(), held.server());
    }

    /** Stops where it is; a lease held stays configured until the owner removes it. */
    public void stop() {
        state = DhcpState.STOPPED;
        nextAt = Micros.NEVER;
    }

    // ---- polling ----

    /** When {@link #poll} has something to do. */
    public long pollAt() {
        return nextAt;
    }

    /** What to send now, or null; call again until null. */
    public DhcpTransmit poll(long now) {
        if (now < nextAt) {
            return null;
        }
        switch (state) {
            case SELECTING:
                return sendAgain(now, discover(), Ipv4Address.UNSPECIFIED, Ipv4Address.BROADCAST);
            case REQUESTING:
                if (tries >= REQUEST_TRIES) {
                    select(now);
                    return poll(now);
                }
                return sendAgain(now, request(true), Ipv4Address.UNSPECIFIED, Ipv4Address.BROADCAST);
            case PROBING:
                if (probesSent < PROBE_NUM) {
                    probesSent++;
                    nextAt = now + (probesSent < PROBE_NUM ? PROBE_INTERVAL : ANNOUNCE_WAIT);
                    return new DhcpTransmit.Probe(lease.address().address());
                }
                bind(now, false);
                return null;
            case DECLINED:
                select(now);
                return poll(now);
            case BOUND:
                toRenewing(now);
                return poll(now);
            case RENEWING:
                if (now >= lease.rebindAt()) {
                    state = DhcpState.REBINDING;
                    return poll(now);
                }
                return renewal(now, lease.server(), lease.rebindAt());
            case REBINDING:
                if (now >= lease.expiresAt()) {
                    deconfigure("the lease expired");
                    startedAt = now;
                    select(now);
                    return poll(now);
                }
                return renewal(now, Ipv4Address.BROADCAST, lease.expiresAt());
            default:
                nextAt = Micros.NEVER;
                return null;
        }
    }

    private DhcpTransmit renewal(long now, Ipv4Address to, long deadline) {
        long left = deadline - now;
        nextAt = now + Math.max(left / 2, Math.min(MIN_RENEW_RETRY, left));
        messagesSent++;
        DhcpRepr message = base(DhcpMessageType.REQUEST).withAddresses(lease.address().address(), Ipv4Address.UNSPECIFIED)
                .withRequest(Optional.empty(), Optional.empty(), DhcpRepr.CLIENT_PARAMETERS);
        return new DhcpTransmit.Message(message, lease.address().address(), to);
    }

    private DhcpTransmit sendAgain(long now, DhcpRepr message, Ipv4Address from, Ipv4Address to) {
        tries++;
        nextAt = now + retry;
        retry = Math.min(retry * 2, LAST_RETRY);
        messagesSent++;
        return new DhcpTransmit.Message(withSecs(message, now), from, to);
    }

    private DhcpRepr withSecs(DhcpRepr m, long now) {
        int secs = (int) Math.min(0xFFFF, (now - startedAt) / Micros.PER_SECOND);
        return new DhcpRepr(m.type(), m.xid(), secs, m.broadcast(), m.clientAddress(), m.yourAddress(),
                m.serverAddress(), m.relayAddress(), m.clientMac(), m.serverId(), m.requested(), m.leaseSeconds(),
                m.renewalSeconds(), m.rebindingSeconds(), m.subnetMask(), m.routers(), m.dnsServers(),
                m.parameterRequests(), m.message());
    }

    private DhcpRepr base(DhcpMessageType type) {
        return DhcpRepr.client(type, xid, mac);
    }

    /** Broadcast flag set: before it has its address the client cannot take a unicast (RFC 2131 section 4.1). */
    private DhcpRepr discover() {
        return base(DhcpMessageType.DISCOVER).withBroadcast(true)
                .withRequest(Optional.empty(), Optional.empty(), DhcpRepr.CLIENT_PARAMETERS);
    }

    private DhcpRepr request(boolean selecting) {
        return base(DhcpMessageType.REQUEST).withBroadcast(selecting)
                .withRequest(Optional.of(lease.address().address()), Optional.of(lease.server()),
                        DhcpRepr.CLIENT_PARAMETERS);
    }

    private void select(long now) {
        state = DhcpState.SELECTING;
        xid = nextXid();
        lease = null;
        tries = 0;
        retry = FIRST_RETRY;
        nextAt = now;
    }

    private void toRenewing(long now) {
        state = DhcpState.RENEWING;
        xid = nextXid();
        nextAt = now;
    }

    private int nextXid() {
        // SplitMix64: a well-spread sequence from the seed.
        xidState += 0x9E3779B97F4A7C15L;
        long z = xidState;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 31));
    }

    // ---- receiving ----

    /** A datagram that arrived on port 68 from {@code source}: {@code buf[offset .. offset+length)}. */
    public void process(long now, Ipv4Address source, byte[] buf, int offset, int length) {
        DhcpRepr message;
        try {
            message = DhcpRepr.parse(new DhcpPacket().wrap(buf, offset, length));
        } catch (MessageException e) {
            drop(DhcpDrop.MALFORMED);
            return;
        }
        process(now, message);
    }

    /** A message that arrived on port 68. */
    public void process(long now, DhcpRepr message) {
        if (message.xid() != xid || !message.clientMac().equals(mac) || state == DhcpState.STOPPED) {
            drop(DhcpDrop.NOT_OURS);
            return;
        }
        DhcpMessageType type = message.type();
        boolean waitingForAck = state == DhcpState.REQUESTING || state == DhcpState.RENEWING
                || state == DhcpState.REBINDING;
        if (type == DhcpMessageType.NAK && waitingForAck) {
            messagesReceived++;
            deconfigure("the server said no (NAK" + message.message().map(m -> ": " + m).orElse("") + ")");
            startedAt = now;
            select(now);
            return;
        }
        boolean offer = type == DhcpMessageType.OFFER && state == DhcpState.SELECTING;
        boolean ack = type == DhcpMessageType.ACK && waitingForAck;
        if (!offer && !ack) {
            drop(DhcpDrop.UNEXPECTED);
            return;
        }
        if (message.serverId().isEmpty()) {
            drop(DhcpDrop.NO_SERVER_ID);
            return;
        }
        int prefix = message.subnetMask().map(m -> Integer.bitCount(m.bits())).orElse(24);
        Ipv4Address address = message.yourAddress();
        if (!isHostAddress(address, prefix)) {
            drop(DhcpDrop.BAD_ADDRESS);
            return;
        }
        long leaseSeconds = message.leaseSeconds().map(s -> s & 0xFFFF_FFFFL).orElse(0L);
        if (leaseSeconds == 0) {
            drop(DhcpDrop.ZERO_LEASE);
            return;
        }
        messagesReceived++;
        DhcpLease offered = leaseFrom(now, message, new Ipv4Cidr(address, prefix), leaseSeconds);
        if (offer) {
            lease = offered;
            state = DhcpState.REQUESTING;
            tries = 0;
            retry = FIRST_RETRY;
            nextAt = now;
        } else if (state == DhcpState.REQUESTING) {
            lease = offered;
            state = DhcpState.PROBING;
            probesSent = 0;
            nextAt = now;
        } else {
            boolean same = lease != null && lease.address().equals(offered.address());
            if (!same) {
                deconfigure("the server granted another address");
            }
            lease = offered;
            bind(now, same);
        }
    }

    private static boolean isHostAddress(Ipv4Address address, int prefix) {
        int bits = address.bits();
        if (!Ipv4Address.isUnicast(bits) || prefix < 1 || prefix > 30) {
            return false;
        }
        int host = bits & ~(-1 << (32 - prefix));
        return host != 0 && host != ~(-1 << (32 - prefix));
    }

    private static DhcpLease leaseFrom(long now, DhcpRepr ack, Ipv4Cidr address, long seconds) {
        long t1 = ack.renewalSeconds().map(s -> s & 0xFFFF_FFFFL).orElse(seconds / 2);
        long t2 = ack.rebindingSeconds().map(s -> s & 0xFFFF_FFFFL).orElse(seconds * 7 / 8);
        if (t2 > seconds || t2 == 0) {
            t2 = seconds * 7 / 8;
        }
        if (t1 > t2 || t1 == 0) {
            t1 = Math.min(seconds / 2, t2);
        }
        return new DhcpLease(address, ack.serverId().orElseThrow(), ack.routers().stream().findFirst(),
                ack.dnsServers(), seconds, now, now + Micros.ofSeconds(t1), now + Micros.ofSeconds(t2),
                now + Micros.ofSeconds(seconds));
    }

    private void bind(long now, boolean renewal) {
        state = DhcpState.BOUND;
        configured = true;
        nextAt = lease.renewAt();
        events.add(new DhcpEvent.Configured(lease, renewal));
    }

    /**
     * An ARP packet seen on the link. While probing, one whose sender is the address, or a probe
     * for it from another host (RFC 5227 section 2.1.1), makes the client decline it and return
     * the DECLINE to send; otherwise null.
     */
    public DhcpTransmit.Message arpSeen(long now, Ipv4Address sender, MacAddress senderMac, Ipv4Address target,
                                        boolean probe) {
        if (state != DhcpState.PROBING || senderMac.equals(mac)) {
            return null;
        }
        Ipv4Address candidate = lease.address().address();
        if (!sender.equals(candidate) && !(probe && target.equals(candidate))) {
            return null;
        }
        DhcpLease offered = lease;
        DhcpRepr decline = base(DhcpMessageType.DECLINE)
                .withRequest(Optional.of(candidate), Optional.of(offered.server()), java.util.List.of())
                .withMessage("address in use by " + senderMac);
        events.add(new DhcpEvent.Declined(offered, senderMac.toString()));
        state = DhcpState.DECLINED;
        lease = null;
        nextAt = now + DECLINE_WAIT;
        messagesSent++;
        return new DhcpTransmit.Message(decline, Ipv4Address.UNSPECIFIED, Ipv4Address.BROADCAST);
    }

    private void deconfigure(String why) {
        if (configured) {
            configured = false;
            events.add(new DhcpEvent.Deconfigured(lease, why));
        }
    }

    private void drop(DhcpDrop reason) {
        drops.merge(reason, 1L, Long::sum);
    }
}
