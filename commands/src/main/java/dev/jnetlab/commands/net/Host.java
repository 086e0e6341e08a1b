package dev.jnetlab.commands.net;

import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.iface.InterfaceConfig;
import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.Socket;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketSet;
import dev.jnetlab.stack.socket.UdpSocket;
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
 * <p>Not thread-safe: the stack's event loop owns it (DESIGN §2); commands reach it inside
 * {@code Session.stack(...)}.
 */
public final class Host {
    private final String name;
    private final Interface iface;
    private final SocketSet sockets;
    private final Device device;
    private final Map<String, Service> services = new LinkedHashMap<>();

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
        for (SocketHandle<?> handle : sockets.handles()) {
            if (sockets.get(handle) == socket) {
                return sockets.remove(handle);
            }
        }
        return false;
    }

    /** Moves frames, then lets every service do its work. */
    public void poll(long now) {
        iface.poll(now, device, sockets);
        for (Service service : services.values()) {
            service.poll(now);
        }
    }

    /** The earliest of the interface's, the device's and the services' next deadlines. */
    public long pollAt(long now) {
        long at = iface.pollAt(now, device, sockets);
        for (Service service : services.values()) {
            at = Math.min(at, service.pollAt(now));
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
    }

    /** Stops and closes the service called {@code serviceName}; false if none runs here. */
    public boolean removeService(String serviceName, long now) {
        Service service = services.remove(serviceName);
        if (service == null) {
            return false;
        }
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
     * Stops every service and closes and removes every socket: what {@code quit} does. UDP and
     * ICMP sockets just close; connection-oriented sockets close as their kind requires.
     */
    public void close(long now) {
        for (Service service : new ArrayList<>(services.values())) {
            service.close(now);
        }
        services.clear();
        for (SocketHandle<?> handle : sockets.handles()) {
            Socket socket = sockets.get(handle);
            if (socket instanceof UdpSocket udp) {
                udp.close();
            } else if (socket instanceof IcmpSocket icmp) {
                icmp.close();
            }
            sockets.remove(handle);
        }
    }

    @Override
    public String toString() {
        return name + " " + iface;
    }
}
