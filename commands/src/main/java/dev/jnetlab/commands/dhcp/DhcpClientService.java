package dev.jnetlab.commands.dhcp;

import dev.jnetlab.host.Output;
import dev.jnetlab.commands.dns.ResolverService;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.InternalUdpSocket;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.Service;
import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.iface.NeighborEntry;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FrameMonitor;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.dhcp.DhcpClient;
import dev.jnetlab.stack.socket.dhcp.DhcpEvent;
import dev.jnetlab.stack.socket.dhcp.DhcpLease;
import dev.jnetlab.stack.socket.dhcp.DhcpTransmit;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.UdpPacket;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * This host's DHCP client at work: a {@link DhcpClient} with
 * <ul>
 *   <li>a UDP socket on port 68, through which the server's answers arrive (broadcast before
 *       the client has its address, since it sets the BROADCAST flag) and renewals go out by
 *       unicast;</li>
 *   <li>frames of its own ({@link RawFrames}) for what the IP layer cannot send: messages from
 *       0.0.0.0, broadcasts, ARP probes;</li>
 *   <li>a listener on the link's {@link FrameMonitor} for the ARP packets that betray a
 *       conflict (RFC 5227).</li>
 * </ul>
 * It configures the interface from the lease (the address, the default route through the
 * router) and the resolver's servers from it, and takes them away when the lease goes.
 */
public final class DhcpClientService implements Service, FrameMonitor.Listener {
    public static final String NAME = "dhcp-client";

    private final Host host;
    private final FrameMonitor monitor;
    private final Output output;
    private final ResolverService resolver;
    private final List<Ipv4Address> staticServers;
    private final MacAddress mac;
    private final DhcpClient client;
    private final InternalUdpSocket udp;
    private final byte[] datagram = new byte[UdpSocket.MAX_PAYLOAD];
    private final ArrayDeque<DhcpTransmit> pending = new ArrayDeque<>();
    private final ArpPacket arp = new ArpPacket();
    private final EthernetFrame eth = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final UdpPacket udpView = new UdpPacket();
    /** The address and MAC the last server answer came from. */
    private int serverAddress;
    private long serverMac;
    /** The gateway the lease set, to take away with it. */
    private Ipv4Address gatewaySet;

    private DhcpClientService(Network network) {
        this.host = network.local();
        this.monitor = network.link().monitor();
        this.output = network.output();
        this.resolver = ResolverService.of(network);
        this.staticServers = resolver.resolver().servers();
        this.mac = host.iface().mac();
        this.client = new DhcpClient(mac, network.config().seed());
        try {
            this.udp = new InternalUdpSocket(host.sockets(), DhcpClient.CLIENT_PORT);
        } catch (SocketException.Bind e) {
            throw new IllegalArgumentException("UDP port 68: " + e.getMessage(), e);
        }
        monitor.add(this);
    }

    /** This host's DHCP client, made (not started) the first time it is asked for. */
    public static DhcpClientService of(Network network) {
        return network.local().service(NAME).map(DhcpClientService.class::cast).orElseGet(() -> {
            DhcpClientService service = new DhcpClientService(network);
            network.local().addService(service);
            return service;
        });
    }

    /** The client, if this host ever ran one. */
    public static Optional<DhcpClientService> find(Network network) {
        return network.local().service(NAME).map(DhcpClientService.class::cast);
    }

    public DhcpClient client() {
        return client;
    }

    @Override
    public String name() {
        return NAME;
    }

    public void start(long now) {
        client.start(now);
        applyEvents();
    }

    public boolean renew(long now) {
        return client.renew(now);
    }

    /**
     * Sends the RELEASE (if a lease is held) and takes the configuration away; true if there was
     * a lease. The RELEASE is written at once, from the lease's address to the MAC the server's
     * answers came from: once the address is gone the IP layer could no
     * longer send it, and RFC 2131 section 4.4.6 has it sent once, never again.
     */
    public boolean release(long now) {
        DhcpTransmit.Message release = client.release(now);
        if (release != null) {
            MacAddress server = release.destination().bits() == serverAddress ? MacAddress.of(serverMac)
                    : host.iface().neighbors(now).stream().filter(n -> n.address().equals(release.destination()))
                            .findFirst().flatMap(NeighborEntry::mac).orElse(MacAddress.BROADCAST);
            RawFrames.sendDhcp(host.iface(), host.device(), now, mac, server, release.source(), release.destination(), release.message());
        }
        applyEvents();
        return release != null;
    }

    @Override
    public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
        if (direction != Direction.RX || eth.wrap(frame, offset, length).check() != null) {
            return;
        }
        if (eth.payloadEtherTypeValue() == EtherType.IPV4.value()) {
            noteServer();
            return;
        }
        if (eth.payloadEtherTypeValue() != EtherType.ARP.value()
                || arp.wrap(frame, eth.payloadOffset(), eth.payloadLength()).check() != null) {
            return;
        }
        boolean probe = arp.operationValue() == 1 && arp.senderProtocolAddr() == 0;
        DhcpTransmit.Message decline = client.arpSeen(now, Ipv4Address.of(arp.senderProtocolAddr()),
                MacAddress.of(arp.senderHardwareAddr()), Ipv4Address.of(arp.targetProtocolAddr()), probe);
        if (decline != null) {
            pending.add(decline);
        }
    }

    /** Remembers which MAC a server's answer (UDP 67 to 68) came from, for the RELEASE. */
    private void noteServer() {
        if (ip.wrap(eth.buffer(), eth.payloadOffset(), eth.payloadLength()).check() != null
                || ip.protocolValue() != IpProtocol.UDP.value() || ip.isFragment()
                || udpView.wrap(ip.buffer(), ip.payloadOffset(), ip.payloadLength()).check() != null
                || udpView.srcPort() != DhcpClient.SERVER_PORT || udpView.dstPort() != DhcpClient.CLIENT_PORT) {
            return;
        }
        serverAddress = ip.source();
        serverMac = eth.source();
    }

    @Override
    public void poll(long now) {
        UdpSocket socket = udp.socket();
        if (socket == null) {
            return; // port 68 was taken since: the next poll tries again
        }
        try {
            while (socket.canRecv()) {
                int length = socket.recv(datagram, 0, datagram.length);
                client.process(now, Ipv4Address.of(socket.lastRemoteAddress()), datagram, 0, length);
            }
        } catch (SocketException.Recv e) {
            // nothing left to read
        }
        DhcpTransmit transmit;
        while ((transmit = client.poll(now)) != null) {
            pending.add(transmit);
        }
        applyEvents();
        while (!pending.isEmpty()) {
            if (!send(now, pending.peek())) {
                return; // the device is busy: the next poll tries again
            }
            pending.remove();
        }
    }

    private boolean send(long now, DhcpTransmit transmit) {
        if (transmit instanceof DhcpTransmit.Probe probe) {
            return RawFrames.sendProbe(host.iface(), host.device(), now, mac, probe.target());
        }
        DhcpTransmit.Message message = (DhcpTransmit.Message) transmit;
        if (message.source().isUnspecified() || message.destination().isBroadcast()) {
            return RawFrames.sendDhcp(host.iface(), host.device(), now, mac, MacAddress.BROADCAST, message.source(), message.destination(),
                    message.message());
        }
        byte[] wire = new byte[message.message().bufferLen()];
        message.message().emit(new dev.jnetlab.stack.wire.DhcpPacket().wrap(wire, 0, wire.length));
        UdpSocket socket = udp.socket();
        if (socket == null) {
            return true; // lost like a datagram on the wire: the client's timer asks again
        }
        try {
            socket.sendTo(message.destination().bits(), DhcpClient.SERVER_PORT, wire, 0, wire.length);
        } catch (SocketException.Send e) {
            // lost like a datagram on the wire: the client's timer asks again
        }
        return true;
    }

    private void applyEvents() {
        DhcpEvent event;
        while ((event = client.takeEvent()) != null) {
            Interface iface = host.iface();
            if (event instanceof DhcpEvent.Configured configured) {
                DhcpLease lease = configured.lease();
                if (!configured.renewal()) {
                    iface.addAddress(lease.address());
                    if (lease.router().isPresent() && iface.defaultGateway().isEmpty()) {
                        iface.setDefaultGateway(lease.router().get());
                        gatewaySet = lease.router().get();
                    }
                    if (!lease.dnsServers().isEmpty()) {
                        resolver.resolver().setServers(lease.dnsServers());
                    }
                }
                output.println("dhcp: " + (configured.renewal() ? "renewed " : "bound to ") + lease.address()
                        + " from " + lease.server() + " for " + lease.leaseSeconds() + " s"
                        + lease.router().map(r -> ", router " + r).orElse("")
                        + (lease.dnsServers().isEmpty() ? "" : ", dns " + join(lease.dnsServers())));
            } else if (event instanceof DhcpEvent.Deconfigured gone) {
                iface.removeAddress(gone.lease().address().address());
                if (gatewaySet != null) {
                    iface.removeRoute(new Ipv4Cidr(Ipv4Address.UNSPECIFIED, 0));
                    gatewaySet = null;
                }
                resolver.resolver().setServers(staticServers);
                output.println("dhcp: " + gone.lease().address() + " given up: " + gone.why());
            } else if (event instanceof DhcpEvent.Declined declined) {
                output.println("dhcp: " + declined.offered().address().address() + " is in use by " + declined.byMac()
                        + ": declined (RFC 5227), asking again in 10 s");
            }
        }
    }

    private static String join(List<Ipv4Address> addresses) {
        return String.join(", ", addresses.stream().map(Ipv4Address::toString).toList());
    }

    @Override
    public boolean owns(SocketHandle<?> handle) {
        return udp.is(handle);
    }

    @Override
    public long pollAt(long now) {
        return pending.isEmpty() ? client.pollAt() : now;
    }

    @Override
    public void close(long now) {
        monitor.remove(this);
        udp.close();
    }

    /** The state and the lease in a line, for {@code iface}. */
    public String summary(long now) {
        String state = client.state().name();
        return client.lease().map(l -> state + " " + l.address() + " from " + l.server() + ", expires in "
                + secondsUntil(now, l.expiresAt()) + " s").orElse(state);
    }

    /** Seconds from {@code now} to {@code at}, rounded up, for {@code dhcp show}. */
    static long secondsUntil(long now, long at) {
        return Math.max(0, (at - now + Micros.PER_SECOND - 1) / Micros.PER_SECOND);
    }
}
