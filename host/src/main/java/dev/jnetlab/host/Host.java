package dev.jnetlab.host;

import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.iface.InterfaceConfig;
import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.Socket;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One complete stack: an {@link Interface} on a device, its {@link SocketSet}, and the
 * {@link Service}s that run on it. The console's own host is one; the simulated peer of the
 * virtual network is another. A new socket is added to {@link #sockets()} (its handle, as
 * {@code udp#3}, is what the person types); a new server is added with {@link #addService}.
 *
 * <p>Not thread-safe: the stack's event loop owns it (ARCHITECTURE.md §2); commands reach it inside
 * {@code Session.stack(...)}.
 */
public final class Host {
    private final String name;
    private final Interface iface;
    private final SocketSet sockets;
    private final Device device;
    private final Map<String, Service> services = new LinkedHashMap<>();
    /** The same services in the same order, walked by index on every poll: no iterator to collect. */
    private final List<Service> polled = new ArrayList<>();
    /** Connections closed by their owner and left to finish their closing handshake; removed once CLOSED. */
    private final List<TcpSocket> released = new ArrayList<>();
    /** A server's connections it closed: as {@link #released}, and replaced by a TIME-WAIT record once in TIME-WAIT. */
    private final List<TcpSocket> served = new ArrayList<>();

    /**
     * @param name   how the host is called in messages ({@code this host}, {@code peer})
     * @param config its interface's configuration; its seed also seeds the socket set
     * @param device what the interface polls (the top of a device chain)
     * @throws IllegalArgumentException when the configuration is refused by the interface (an
     *     address that is not a host's, a gateway on none of its networks)
     */
    public Host(String name, InterfaceConfig config, Device device) {
        this.name = name;
        this.iface = new Interface(config);
        this.sockets = iface.newSocketSet();
        this.device = Objects.requireNonNull(device, "device");
    }

    public String name() {
        return name;
    }

    public Interface iface() {
        return iface;
    }

    public SocketSet sockets() {
        return sockets;
    }

    /** The device the interface polls. */
    public Device device() {
        return device;
    }

    /**
     * Removes {@code socket} from the set, whatever its handle: for code that holds the socket
     * and not its handle (a service closing, a command cancelled before it learned its handle).
     * Returns false if the socket is not in the set.
     */
    public boolean removeSocket(Socket socket) {
        return sockets.handleOf(socket).map(sockets::remove).orElse(false);
    }

    /**
     * Hands {@code socket} over to the host: its owner has closed (or aborted) it, and the host
     * removes it from the set once it is CLOSED with nothing left to send (after TIME-WAIT, after
     * the RST of an abort). Until then it stays listed, so its closing states can be watched.
     */
    public void release(TcpSocket socket) {
        if (!released.contains(socket)) {
            released.add(socket);
        }
    }

    /**
     * Hands over a connection a server has closed: as {@link #release}, except that once it is
     * in TIME-WAIT it leaves the set for a TIME-WAIT record ({@code SocketSet.retireToTimeWait}),
     * which answers for it without its buffers: thousands of closed connections a second cost a
     * few numbers each.
     */
    public void releaseServed(TcpSocket socket) {
        served.add(socket);
    }

    /**
     * Receives, lets every service do its work, then transmits, and removes released connections
     * that are done. The services run between the interface's two halves, so that the ACKs carry
     * the window their reading freed and what they queue leaves in the same poll (an ACK written
     * before they read advertises only what was free before, half the window in a bulk transfer).
     */
    public void poll(long now) {
        iface.ingress(now, device, sockets);
        for (int i = 0; i < polled.size(); i++) {
            polled.get(i).poll(now);
        }
        sockets.clearTcpActivity(); // the services have seen it; what egress notes waits for the next poll
        iface.egress(now, device, sockets);
        for (int i = released.size() - 1; i >= 0; i--) {
            TcpSocket socket = released.get(i);
            if (socket.state() == TcpState.CLOSED && !socket.hasSomethingToSend()) {
                removeSocket(socket);
                released.remove(i);
            }
        }
        for (int i = served.size() - 1; i >= 0; i--) {
            TcpSocket socket = served.get(i);
            if (socket.hasSomethingToSend()) {
                continue;
            }
            TcpState state = socket.state();
            if (state == TcpState.CLOSED) {
                removeSocket(socket);
            } else if (state == TcpState.TIME_WAIT) {
                sockets.retireToTimeWait(now, socket);
            } else {
                continue;
            }
            served.set(i, served.get(served.size() - 1));
            served.remove(served.size() - 1);
        }
    }

    /** The earliest of the interface's, the device's and the services' next deadlines. */
    public long pollAt(long now) {
        long at = iface.pollAt(now, device, sockets);
        if (sockets.tcpActivityCount() > 0) {
            at = Math.min(at, now); // a timer closed a connection a service holds: it should hear at once
        }
        for (int i = 0; i < polled.size(); i++) {
            at = Math.min(at, polled.get(i).pollAt(now));
        }
        return at;
    }

    /**
     * Starts {@code service}, polled from the next poll on.
     *
     * @throws IllegalArgumentException when a service of that name runs here already
     */
    public void addService(Service service) {
        if (services.putIfAbsent(service.name(), service) != null) {
            throw new IllegalArgumentException(service.name() + " is running on " + name + " already");
        }
        polled.add(service);
    }

    /** Stops and closes the service called {@code serviceName}; false if none runs here. */
    public boolean removeService(String serviceName, long now) {
        Service service = services.remove(serviceName);
        if (service == null) {
            return false;
        }
        polled.remove(service);
        service.close(now);
        return true;
    }

    public Optional<Service> service(String serviceName) {
        return Optional.ofNullable(services.get(serviceName));
    }

    /** The services running here, in the order they were started. */
    public List<Service> services() {
        return List.copyOf(services.values());
    }

    /**
     * The first half of a graceful close: stops every service, closes UDP and ICMP sockets,
     * stops the listeners, and sends a FIN on every TCP connection. The connections stay in the
     * set to finish their handshake; {@link #closeSettled()} says when they have.
     */
    public void beginClose(long now) {
        for (Service service : new ArrayList<>(services.values())) {
            service.close(now);
        }
        services.clear();
        polled.clear();
        for (SocketHandle<?> handle : sockets.allHandles()) {
            Socket socket = sockets.get(handle);
            if (socket instanceof UdpSocket udp) {
                udp.close();
                sockets.remove(handle);
            } else if (socket instanceof IcmpSocket icmp) {
                icmp.close();
                sockets.remove(handle);
            } else if (socket instanceof TcpListener listener) {
                listener.close();
            } else if (socket instanceof TcpSocket tcp) {
                tcp.close();
                release(tcp);
            }
        }
    }

    /** Whether every TCP connection has finished closing (CLOSED or TIME-WAIT, nothing left to send). */
    public boolean closeSettled() {
        for (SocketHandle<?> handle : sockets.allHandles()) {
            if (sockets.get(handle) instanceof TcpSocket tcp) {
                TcpState state = tcp.state();
                if ((state != TcpState.CLOSED && state != TcpState.TIME_WAIT) || tcp.hasSomethingToSend()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * For a connection that did not finish closing in time: aborts it, so that its peer hears an
     * RST on the next poll ({@link #closeSettled()} is true again once it is sent).
     */
    public void abortUnsettled() {
        for (SocketHandle<?> handle : sockets.allHandles()) {
            if (sockets.get(handle) instanceof TcpSocket tcp && tcp.state() != TcpState.CLOSED
                    && tcp.state() != TcpState.TIME_WAIT) {
                tcp.abort();
            }
        }
    }

    /** The second half: aborts what has not finished closing, and removes every socket that is left. */
    public void finishClose(long now) {
        for (Service service : new ArrayList<>(services.values())) {
            service.close(now);
        }
        services.clear();
        polled.clear();
        for (SocketHandle<?> handle : sockets.allHandles()) {
            Socket socket = sockets.get(handle);
            if (socket instanceof UdpSocket udp) {
                udp.close();
            } else if (socket instanceof IcmpSocket icmp) {
                icmp.close();
            } else if (socket instanceof TcpListener listener) {
                listener.close();
            } else if (socket instanceof TcpSocket tcp && tcp.state() != TcpState.TIME_WAIT) {
                tcp.abort();
            }
            sockets.remove(handle);
        }
        released.clear();
    }

    @Override
    public String toString() {
        return name + " " + iface;
    }
}
