package dev.jnetlab.commands.dns;

import dev.jnetlab.host.Host;
import dev.jnetlab.host.InternalUdpSocket;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.Service;
import dev.jnetlab.host.Topology;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.dns.DnsResolver;
import dev.jnetlab.stack.socket.dns.DnsTransmit;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * This host's stub resolver at work: a {@link DnsResolver} with a UDP socket on an ephemeral
 * port, and a TCP connection to port 53 for each answer that came back truncated (RFC 1035
 * section 4.2.2: each message after a two-octet length). One per host, found by
 * {@link #of(Network)}; its servers are the virtual peer on the virtual network, a topology's
 * host that runs {@code dns} on a topology, then whatever
 * DHCP configures.
 */
public final class ResolverService implements Service {
    public static final String NAME = "resolver";
    private static final int TCP_BUFFER = 8192;

    private final Host host;
    private final DnsResolver resolver;
    private final InternalUdpSocket udp;
    private final byte[] datagram = new byte[UdpSocket.MAX_PAYLOAD];
    private final List<TcpQuery> tcp = new ArrayList<>();

    /** A query asked again over TCP: its connection and the reply as it arrives. */
    private static final class TcpQuery {
        final int query;
        final SocketHandle<TcpSocket> handle;
        final TcpSocket socket;
        final byte[] message;
        final ByteArrayOutputStream reply = new ByteArrayOutputStream();
        boolean sent;

        TcpQuery(int query, SocketHandle<TcpSocket> handle, TcpSocket socket, byte[] message) {
            this.query = query;
            this.handle = handle;
            this.socket = socket;
            this.message = message;
        }
    }

    private ResolverService(Host host, List<Ipv4Address> servers, long seed) {
        this.host = host;
        this.resolver = new DnsResolver(servers, seed);
        try {
            this.udp = new InternalUdpSocket(host.sockets(), 0);
        } catch (SocketException.Bind e) {
            throw new IllegalStateException("no UDP port for the resolver: " + e.getMessage(), e);
        }
    }

    /** This host's resolver, started the first time it is asked for. */
    public static ResolverService of(Network network) {
        Host host = network.local();
        return host.service(NAME).map(ResolverService.class::cast).orElseGet(() -> {
            List<Ipv4Address> servers = network.isVirtual() ? List.of(Network.PEER_ADDRESS.address())
                    : network.topology().flatMap(Topology::nameServer).map(List::of).orElse(List.of());
            ResolverService service = new ResolverService(host, servers, network.config().seed());
            host.addService(service);
            return service;
        });
    }

    public DnsResolver resolver() {
        return resolver;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void poll(long now) {
        UdpSocket socket = udp.socket();
        if (socket == null) {
            return; // no port free to open it again: the next poll tries
        }
        try {
            while (socket.canRecv()) {
                int length = socket.recv(datagram, 0, datagram.length);
                resolver.process(now, Ipv4Address.of(socket.lastRemoteAddress()), socket.lastRemotePort(), datagram, 0,
                        length);
            }
        } catch (SocketException.Recv e) {
            // nothing left to read
        }
        pollTcp(now);
        DnsTransmit transmit;
        while ((transmit = resolver.poll(now)) != null) {
            if (transmit instanceof DnsTransmit.Udp datagramOut) {
                try {
                    socket.sendTo(datagramOut.server().bits(), 53, datagramOut.message(), 0, datagramOut.message().length);
                } catch (SocketException.Send e) {
                    // lost like a datagram on the wire: the resolver's timer asks again
                }
            } else if (transmit instanceof DnsTransmit.Tcp stream) {
                connect(now, stream);
            }
        }
    }

    private void connect(long now, DnsTransmit.Tcp stream) {
        TcpSocket socket = new TcpSocket(TCP_BUFFER, TCP_BUFFER);
        SocketHandle<TcpSocket> handle = host.sockets().addInternal(socket);
        try {
            host.iface().connect(now, host.sockets(), handle, new Endpoint(stream.server().bits(), 53), 0);
        } catch (TcpException.Connect e) {
            host.sockets().remove(handle);
            resolver.tcpFailed(now, stream.query());
            return;
        }
        tcp.add(new TcpQuery(stream.query(), handle, socket, stream.message()));
    }

    private void pollTcp(long now) {
        byte[] chunk = new byte[TCP_BUFFER];
        for (int i = tcp.size() - 1; i >= 0; i--) {
            TcpQuery q = tcp.get(i);
            boolean done = false;
            try {
                if (!q.sent && q.socket.state() == TcpState.ESTABLISHED) {
                    byte[] framed = new byte[2 + q.message.length];
                    framed[0] = (byte) (q.message.length >>> 8);
                    framed[1] = (byte) q.message.length;
                    System.arraycopy(q.message, 0, framed, 2, q.message.length);
                    q.socket.send(framed, 0, framed.length);
                    q.sent = true;
                }
                while (q.socket.canRecv()) {
                    int n = q.socket.recv(chunk, 0, chunk.length);
                    q.reply.write(chunk, 0, n);
                }
                byte[] got = q.reply.toByteArray();
                if (got.length >= 2 && got.length >= 2 + ((got[0] & 0xFF) << 8 | got[1] & 0xFF)) {
                    int length = (got[0] & 0xFF) << 8 | got[1] & 0xFF;
                    resolver.processTcp(now, q.query, java.util.Arrays.copyOfRange(got, 2, 2 + length));
                    done = true;
                } else if (q.socket.state() == TcpState.CLOSED || !q.socket.mayRecv() && q.sent) {
                    resolver.tcpFailed(now, q.query);
                    done = true;
                }
            } catch (TcpException e) {
                resolver.tcpFailed(now, q.query);
                done = true;
            }
            if (done) {
                q.socket.close();
                host.release(q.socket);
                tcp.remove(i);
            }
        }
    }

    @Override
    public boolean owns(SocketHandle<?> handle) {
        return udp.is(handle) || tcp.stream().anyMatch(q -> q.handle.equals(handle));
    }

    @Override
    public long pollAt(long now) {
        // A TCP connection's progress comes with its frames, which poll the host anyway.
        return resolver.pollAt();
    }

    @Override
    public void close(long now) {
        for (TcpQuery q : tcp) {
            q.socket.abort();
            host.release(q.socket);
        }
        tcp.clear();
        udp.close();
    }
}
