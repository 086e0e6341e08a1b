package dev.jnetlab.host;

import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.UdpSocket;

/**
 * The UDP socket a host's own service keeps open (the resolver's, the DHCP client's), as an
 * internal socket of the host's set ({@link SocketSet#addInternal}): the user neither sees nor
 * types it. Should it leave the set anyway (code that closed what it did not open), the next
 * {@link #socket()} opens it again on the same port, or on a new ephemeral one, so that the
 * service goes on working rather than failing on every poll.
 */
public final class InternalUdpSocket {
    private final SocketSet sockets;
    /** The port asked for; 0 for an ephemeral one. */
    private final int port;
    private SocketHandle<UdpSocket> handle;

    /**
     * Opens the socket bound to {@code port} (0 for an ephemeral port).
     *
     * @throws SocketException.Bind if the port is taken
     */
    public InternalUdpSocket(SocketSet sockets, int port) throws SocketException.Bind {
        this.sockets = sockets;
        this.port = port;
        this.handle = open();
    }

    private SocketHandle<UdpSocket> open() throws SocketException.Bind {
        UdpSocket socket = new UdpSocket();
        SocketHandle<UdpSocket> added = sockets.addInternal(socket);
        try {
            socket.bind(port);
        } catch (SocketException.Bind e) {
            sockets.remove(added);
            throw e;
        }
        return added;
    }

    /** The socket, opened again if it left the set; null if it left and its port is taken now (the next call tries again). */
    public UdpSocket socket() {
        if (!sockets.contains(handle)) {
            try {
                handle = open();
            } catch (SocketException.Bind e) {
                return null;
            }
        }
        return sockets.get(handle);
    }

    /** Whether {@code other} names this socket. */
    public boolean is(SocketHandle<?> other) {
        return handle.equals(other);
    }

    /** Closes the socket and takes it out of the set. */
    public void close() {
        if (sockets.contains(handle)) {
            sockets.get(handle).close();
            sockets.remove(handle);
        }
    }
}
