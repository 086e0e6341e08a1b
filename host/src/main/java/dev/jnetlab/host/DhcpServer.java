package dev.jnetlab.host;

import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.DhcpMessageType;
import dev.jnetlab.stack.wire.DhcpPacket;
import dev.jnetlab.stack.wire.DhcpRepr;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.MessageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DHCP server (RFC 2131 section 4.3) on UDP 67, handing out the addresses FIRST to LAST of a
 * network this host is on: {@code serve dhcp FIRST-LAST [--lease SEC] [--router IP] [--dns IP]}.
 *
 * <ul>
 *   <li>DISCOVER: the client's own binding if it has one, else the address it asks for if
 *       free, else the first free one; OFFERed and held for {@value #OFFER_HOLD_SECONDS} s.</li>
 *   <li>REQUEST naming this server: ACK if it is the address offered, else NAK. Naming another
 *       server: the offer is withdrawn. Naming none (INIT-REBOOT, RENEWING, REBINDING): ACK if
 *       the address is the client's or free, NAK if it is another's or off the pool.</li>
 *   <li>DECLINE: the address is set aside for {@value #DECLINE_HOLD_SECONDS} s. RELEASE: the
 *       binding goes.</li>
 * </ul>
 * Answers to a client without an address are broadcast (section 4.1 allows it where unicast to
 * a hardware address is not possible), to a renewing one unicast to its address. Times are
 * those of the host's clock; {@link #leases} lists the bindings for {@code serve show dhcp}.
 */
public final class DhcpServer extends Server {
    public static final String NAME = "dhcp";
    public static final int OFFER_HOLD_SECONDS = 60;
    public static final int DECLINE_HOLD_SECONDS = 600;
    public static final int DEFAULT_LEASE_SECONDS = 3600;

    private final Ipv4Address first;
    private final Ipv4Address last;
    private final long leaseSeconds;
    private final Optional<Ipv4Address> router;
    private final List<Ipv4Address> dns;
    private final Map<MacAddress, Binding> bindings = new LinkedHashMap<>();
    private final Map<Ipv4Address, Long> declined = new LinkedHashMap<>();
    private final byte[] reply = new byte[DhcpPacket.MIN_LEN + 256];
    private long malformed;

    /** One client's address: offered (until {@code until}) or bound (until its lease ends). */
    private record Binding(Ipv4Address address, boolean bound, long until) {
    }

    /**
     * A binding as {@code serve show dhcp} lists it.
     *
     * @param state     {@code offered}, {@code bound} or {@code declined}
     * @param expiresIn seconds left
     */
    public record Lease(String address, String mac, String state, long expiresIn) {
    }

    public DhcpServer(Ipv4Address first, Ipv4Address last, long leaseSeconds, Optional<Ipv4Address> router,
                      List<Ipv4Address> dns) {
        super(NAME, 67, false, true, 0, 0);
        if (Integer.compareUnsigned(first.bits(), last.bits()) > 0) {
            throw new IllegalArgumentException("the pool " + first + "-" + last + " ends before it starts");
        }
        if (leaseSeconds < 1 || leaseSeconds > 0xFFFF_FFFEL) {
            throw new IllegalArgumentException("a lease is 1 to 4294967294 seconds, not " + leaseSeconds);
        }
        this.first = first;
        this.last = last;
        this.leaseSeconds = leaseSeconds;
        this.router = router;
        this.dns = List.copyOf(dns);
    }

    @Override
    public String where() {
        return "UDP 67, pool " + first + "-" + last + ", lease " + leaseSeconds + " s";
    }

    @Override
    protected Connection connection(TcpSocket socket) {
        throw new IllegalStateException("DHCP has no TCP listener");
    }

    /** Messages that were no DHCP request a server takes. */
    public long malformed() {
        return malformed;
    }

    /** The bindings and the addresses set aside, as of {@code at}. */
    public List<Lease> leases(long at) {
        List<Lease> leases = new ArrayList<>();
        bindings.forEach((mac, b) -> {
            if (b.until > at) {
                leases.add(new Lease(b.address.toString(), mac.toString(), b.bound ? "bound" : "offered",
                        (b.until - at + Micros.PER_SECOND - 1) / Micros.PER_SECOND));
            }
        });
        declined.forEach((address, until) -> {
            if (until > at) {
                leases.add(new Lease(address.toString(), "-", "declined", (until - at + Micros.PER_SECOND - 1) / Micros.PER_SECOND));
            }
        });
        return leases;
    }

    /** Forgets every binding and every address set aside: the server as it started (a lab's own start). */
    public void forget() {
        bindings.clear();
        declined.clear();
    }

    /** This host's address on the pool's network: the server identifier. */
    private Optional<Ipv4Cidr> network() {
        return host.iface().addresses().stream().filter(c -> c.contains(first) && c.contains(last)).findFirst();
    }

    @Override
    protected void datagram(UdpSocket socket, IpEndpoint from, int length) throws SocketException.Send {
        if (from.isIpv6()) {
            return; // DHCP (RFC 2131) is IPv4's; what comes to port 67 over IPv6 is no request of it
        }
        DhcpRepr request;
        try {
            request = DhcpRepr.parse(new DhcpPacket().wrap(datagram, 0, length));
        } catch (MessageException e) {
            malformed++;
            return;
        }
        Optional<Ipv4Cidr> on = network();
        if (!request.type().fromClient() || on.isEmpty()) {
            malformed += request.type().fromClient() ? 0 : 1;
            return;
        }
        Ipv4Address self = on.get().address();
        MacAddress mac = request.clientMac();
        DhcpRepr answer = switch (request.type()) {
            case DISCOVER -> offer(request, self, mac);
            case REQUEST -> request(request, self, mac);
            case DECLINE -> {
                request.requested().ifPresent(a -> declined.put(a, now + Micros.ofSeconds(DECLINE_HOLD_SECONDS)));
                bindings.remove(mac);
                yield null;
            }
            case RELEASE -> {
                Binding b = bindings.get(mac);
                if (b != null && b.address.equals(request.clientAddress())) {
                    bindings.remove(mac);
                }
                yield null;
            }
            default -> null;
        };
        if (answer == null) {
            return;
        }
        if (answer.type() != DhcpMessageType.NAK) {
            answer = answer.withConfiguration(Optional.of(on.get().netmask()), router.map(List::of).orElse(List.of()), dns);
        }
        int n = answer.bufferLen();
        answer.emit(new DhcpPacket().wrap(reply, 0, n));
        Ipv4Address to = request.clientAddress().isUnspecified() || answer.type() == DhcpMessageType.NAK
                ? Ipv4Address.BROADCAST : request.clientAddress();
        socket.sendTo(to.bits(), 68, reply, 0, n);
    }

    private DhcpRepr offer(DhcpRepr discover, Ipv4Address self, MacAddress mac) {
        Binding existing = bindings.get(mac);
        Ipv4Address address = existing != null && existing.until > now ? existing.address
                : discover.requested().filter(a -> isFree(a, mac, self)).orElseGet(() -> firstFree(mac, self));
        if (address == null) {
            return null; // the pool is exhausted: silence, as RFC 2131 section 4.3.1 allows
        }
        bindings.put(mac, new Binding(address, existing != null && existing.bound && existing.address.equals(address),
                Math.max(existing != null && existing.bound ? existing.until : 0, now + Micros.ofSeconds(OFFER_HOLD_SECONDS))));
        return lease(DhcpRepr.reply(DhcpMessageType.OFFER, discover, self), address);
    }

    private DhcpRepr request(DhcpRepr request, Ipv4Address self, MacAddress mac) {
        Binding binding = bindings.get(mac);
        if (request.serverId().isPresent()) {
            if (!request.serverId().get().equals(self)) {
                if (binding != null && !binding.bound) {
                    bindings.remove(mac); // the client took another server's offer
                }
                return null;
            }
            Optional<Ipv4Address> wanted = request.requested();
            if (binding == null || wanted.isEmpty() || !wanted.get().equals(binding.address)) {
                return nak(request, self, "not the address offered");
            }
            return bind(request, self, mac, binding.address);
        }
        Ipv4Address wanted = request.requested().orElse(request.clientAddress());
        if (wanted.isUnspecified()) {
            return nak(request, self, "no address asked for");
        }
        if (!inPool(wanted)) {
            return nak(request, self, wanted + " is not in this server's pool");
        }
        if (binding != null && binding.address.equals(wanted) || isFree(wanted, mac, self)) {
            return bind(request, self, mac, wanted);
        }
        return nak(request, self, wanted + " is another client's");
    }

    private DhcpRepr bind(DhcpRepr request, Ipv4Address self, MacAddress mac, Ipv4Address address) {
        bindings.put(mac, new Binding(address, true, now + Micros.ofSeconds(leaseSeconds)));
        declined.remove(address);
        return lease(DhcpRepr.reply(DhcpMessageType.ACK, request, self), address)
                .withAddresses(request.clientAddress(), address);
    }

    private DhcpRepr lease(DhcpRepr reply, Ipv4Address address) {
        long t1 = leaseSeconds / 2;
        long t2 = leaseSeconds * 7 / 8;
        return reply.withAddresses(Ipv4Address.UNSPECIFIED, address).withLease((int) leaseSeconds, (int) t1, (int) t2);
    }

    private static DhcpRepr nak(DhcpRepr request, Ipv4Address self, String why) {
        return DhcpRepr.reply(DhcpMessageType.NAK, request, self).withBroadcast(true).withMessage(why);
    }

    private boolean inPool(Ipv4Address address) {
        return Integer.compareUnsigned(address.bits(), first.bits()) >= 0
                && Integer.compareUnsigned(address.bits(), last.bits()) <= 0;
    }

    private boolean isFree(Ipv4Address address, MacAddress mac, Ipv4Address self) {
        // Like a server that does not ping first, it does not know who else uses an address;
        // the client's ARP probe finds out (RFC 5227), and a DECLINE sets it aside.
        if (!inPool(address) || address.equals(self)) {
            return false;
        }
        Long setAside = declined.get(address);
        if (setAside != null && setAside > now) {
            return false;
        }
        for (Map.Entry<MacAddress, Binding> e : bindings.entrySet()) {
            if (!e.getKey().equals(mac) && e.getValue().address.equals(address) && e.getValue().until > now) {
                return false;
            }
        }
        return true;
    }

    private Ipv4Address firstFree(MacAddress mac, Ipv4Address self) {
        for (long a = first.bits() & 0xFFFF_FFFFL; a <= (last.bits() & 0xFFFF_FFFFL); a++) {
            Ipv4Address candidate = Ipv4Address.of((int) a);
            if (isFree(candidate, mac, self)) {
                return candidate;
            }
        }
        return null;
    }
}
