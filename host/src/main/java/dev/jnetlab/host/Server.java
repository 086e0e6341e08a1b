package dev.jnetlab.host;

import dev.jnetlab.host.settings.SocketSettings;
import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.SynCookieMode;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import java.util.LinkedHashMap;

/**
 * A server on a {@link Host}, started by {@code serve NAME [PORT]} (or from the start on the
 * simulated peer): a TCP listener with a backlog whose connections are accepted into the host's
 * socket set and served, each by its own {@link Connection}, until closed; and, for the services
 * that have one, a UDP socket on the same port. Never blocks; every poll does what can be done
 * now, for the connections something happened to since the last (the socket set's activity:
 * a segment arrived, a timer closed one) and those just accepted, not for every connection it
 * holds, so that thousands of idle ones cost nothing. Stopping it closes the listener and sends a FIN on every connection (the host removes
 * them once their closing handshake is done).
 */
public abstract class Server implements Service {
    /** Connections that may wait for acceptance, per server. */
    public static final int BACKLOG = TcpListener.DEFAULT_BACKLOG;

    private final String name;
    private final int port;
    private final boolean tcp;
    private final boolean udp;
    protected Host host;
    private SocketHandle<TcpListener> listener;
    private UdpSocket udpSocket;
    /** By socket, in the order accepted. */
    private final LinkedHashMap<TcpSocket, Connection> connections = new LinkedHashMap<>();
    private final int rxCapacity;
    private final int txCapacity;
    /** A scratch buffer for UDP datagrams. */
    protected final byte[] datagram = new byte[UdpSocket.MAX_PAYLOAD];
    /** The instant of the poll in progress, for servers whose answers depend on time (DHCP's leases). */
    protected long now;

    protected Server(String name, int port, boolean udp, int rxCapacity, int txCapacity) {
        this(name, port, true, udp, rxCapacity, txCapacity);
    }

    /** A server with a TCP listener or not (DHCP has none), a UDP socket or not. */
    protected Server(String name, int port, boolean tcp, boolean udp, int rxCapacity, int txCapacity) {
        this.name = name;
        this.port = port;
        this.tcp = tcp;
        this.udp = udp;
        this.rxCapacity = rxCapacity;
        this.txCapacity = txCapacity;
    }

    /**
     * Opens the listener (and the UDP socket) on {@code host}; the caller then adds the server
     * with {@link Host#addService}.
     *
     * @throws IllegalArgumentException when the port is taken (the message says by what)
     */
    public final Server start(Host host) {
        return start(host, BACKLOG, TcpListener.DEFAULT_MAX_HALF_OPEN, SynCookieMode.WHEN_FULL);
    }

    /**
     * As {@link #start(Host)}, with the listener's queues sized as given and its cookies sent as
     * {@code cookies} says (the console's {@code set tcp.backlog}, {@code tcp.half-open} and
     * {@code tcp.syncookies}).
     */
    public final Server start(Host host, int backlog, int maxHalfOpen, SynCookieMode cookies) {
        this.host = host;
        if (tcp) {
            listener = host.sockets().add(new TcpListener(new Endpoint(0, port), backlog, maxHalfOpen,
                    () -> new TcpSocket(rxCapacity, txCapacity)).setSynCookieMode(cookies));
        }
        if (udp) {
            UdpSocket socket = newUdpSocket();
            SocketHandle<UdpSocket> handle = host.sockets().add(socket);
            try {
                socket.bind(port);
            } catch (SocketException.Bind e) {
                host.sockets().remove(handle);
                if (listener != null) {
                    host.sockets().remove(listener);
                }
                throw new IllegalArgumentException("UDP port " + port + ": " + e.getMessage(), e);
            }
            udpSocket = socket;
        }
        return this;
    }

    /** The UDP socket a service with UDP opens. */
    protected UdpSocket newUdpSocket() {
        return new UdpSocket();
    }

    @Override
    public final String name() {
        return name;
    }

    public final int port() {
        return port;
    }

    /** {@code TCP and UDP 7}, for {@code serve}'s list. */
    public String where() {
        return (udp ? tcp ? "TCP and UDP " : "UDP " : "TCP ") + port;
    }

    /** Whether {@code handle} is this server's TCP listener (it has one only while it runs, and only with TCP). */
    public final boolean owns(SocketHandle<?> handle) {
        return listener != null && listener.equals(handle);
    }

    /**
     * The settings its connections are made with, read back from one made as they are: exact
     * whatever a socket's defaults are, and made only when asked ({@code tcp show} of its listener).
     */
    public final SocketSettings connectionSettings() {
        return SocketSettings.of(new TcpSocket(rxCapacity, txCapacity));
    }

    /** How many connections are being served. */
    public final int connectionCount() {
        return connections.size();
    }

    /** A new connection's handler. */
    protected abstract Connection connection(TcpSocket socket);

    /** Answers a datagram of {@code length} octets in {@link #datagram} from {@code from}. */
    protected void datagram(UdpSocket socket, IpEndpoint from, int length) throws SocketException.Send {
    }

    @Override
    public final void poll(long now) {
        if (host == null) {
            return;
        }
        this.now = now;
        if (listener != null && host.sockets().contains(listener)) {
            while (true) {
                var accepted = host.sockets().accept(listener);
                if (accepted.isEmpty()) {
                    break;
                }
                TcpSocket socket = host.sockets().get(accepted.get());
                Connection connection = connection(socket);
                connections.put(socket, connection);
                serve(connection); // what came before the accept is waiting
            }
        }
        SocketSet sockets = host.sockets();
        for (int i = 0; i < sockets.tcpActivityCount() && !connections.isEmpty(); i++) {
            Connection connection = connections.get(sockets.tcpActivityAt(i));
            if (connection != null) {
                serve(connection);
            }
        }
        if (udpSocket != null) {
            try {
                while (udpSocket.canRecv() && udpSocket.canSend(udpSocket.peekLength())) {
                    int length = udpSocket.recv(datagram, 0, datagram.length);
                    datagram(udpSocket, udpSocket.lastSender(), length);
                }
            } catch (SocketException e) {
                // a datagram too large for the send queue: dropped, as UDP may
            }
        }
    }

    /** Lets {@code connection} do what it can now; closes and releases it when it is done. */
    private void serve(Connection connection) {
        TcpSocket socket = connection.socket;
        boolean open;
        try {
            open = socket.state() != TcpState.CLOSED && connection.serve();
        } catch (TcpException e) {
            open = false;
        }
        if (!open) {
            socket.close();
            host.releaseServed(socket);
            connections.remove(socket);
        }
    }

    @Override
    public final void close(long now) {
        if (listener != null && host.sockets().contains(listener)) {
            host.sockets().get(listener).close();
            host.sockets().remove(listener);
        }
        listener = null;
        for (Connection connection : connections.values()) {
            connection.socket.close();
            host.releaseServed(connection.socket);
        }
        connections.clear();
        if (udpSocket != null) {
            udpSocket.close();
            host.removeSocket(udpSocket);
            udpSocket = null;
        }
    }

    /** Free room in a socket's send queue. */
    protected static int room(TcpSocket socket) {
        return socket.maySend() ? socket.sendCapacity() - socket.sendQueue() : 0;
    }

    /** One connection of a server. */
    protected abstract static class Connection {
        protected final TcpSocket socket;

        protected Connection(TcpSocket socket) {
            this.socket = socket;
        }

        /**
         * Does what can be done now; false when the server is done with the connection (the
         * server then closes it). End of stream from the client is a {@link TcpException.Recv}.
         */
        protected abstract boolean serve() throws TcpException;
    }
}
