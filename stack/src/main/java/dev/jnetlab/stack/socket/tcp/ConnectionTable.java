package dev.jnetlab.stack.socket.tcp;

/**
 * The TCP connections of a {@link dev.jnetlab.stack.iface.SocketSet} by their four numbers (local address and port,
 * remote address and port), so that a received segment finds its connection with a hash and a
 * probe or two however many connections are open or idle, instead of asking each one (the
 * demultiplexing of RFC 9293 section 3.10.7, as Linux's established hash).
 *
 * <p>Open addressing with linear probing over parallel arrays (the sockets and their keys),
 * grown to keep them at most half full; removal shifts the rest of a probe run back (Knuth's
 * algorithm R), so there are no tombstones. A key may be in the table more than once (two
 * sockets that had the same four numbers, one of them closing); the caller checks each
 * candidate. Nothing is allocated except when the table grows.
 *
 * <p>Not thread-safe: the stack's event loop owns it (ARCHITECTURE.md §2).
 */
public final class ConnectionTable {
    private TcpSocket[] sockets = new TcpSocket[16];
    private int[] localAddrs = new int[16];
    private int[] remoteAddrs = new int[16];
    /** Local port in the high 16 bits, remote port in the low. */
    private int[] ports = new int[16];
    private int size;
    /** The search {@link #find} began: the next position to look at (-1: over), and its key. */
    private int cursor = -1;
    private int findLocal;
    private int findPorts;
    private int findRemote;

    public int size() {
        return size;
    }

    /** Adds {@code socket} under its current four numbers. */
    public void put(TcpSocket socket) {
        if (2 * (size + 1) > sockets.length) {
            rehash(sockets.length * 2);
        }
        insert(socket, socket.localAddress(), socket.localPort() << 16 | socket.remotePort(), socket.remoteAddress());
        size++;
    }

    /**
     * Removes {@code socket}; nothing if it is not here. Found through its current four
     * numbers, else (it forgot them: a reset socket) by looking at every position.
     */
    public void remove(TcpSocket socket) {
        int mask = sockets.length - 1;
        int portPair = socket.localPort() << 16 | socket.remotePort();
        for (int p = home(socket.localAddress(), portPair, socket.remoteAddress()); sockets[p] != null; p = (p + 1) & mask) {
            if (sockets[p] == socket) {
                removeAt(p);
                return;
            }
        }
        for (int p = 0; p < sockets.length; p++) {
            if (sockets[p] == socket) {
                removeAt(p);
                return;
            }
        }
    }

    /**
     * Starts a search for the sockets put under these four numbers; {@link #next()} gives them
     * one by one. Allocates nothing.
     */
    public void find(int localAddr, int localPort, int remoteAddr, int remotePort) {
        findLocal = localAddr;
        findPorts = localPort << 16 | remotePort;
        findRemote = remoteAddr;
        cursor = home(localAddr, findPorts, remoteAddr);
    }

    /** The next socket of the search {@link #find} began, or null when there is no other. */
    public TcpSocket next() {
        int mask = sockets.length - 1;
        while (cursor >= 0 && sockets[cursor] != null) {
            int p = cursor;
            cursor = (cursor + 1) & mask;
            if (localAddrs[p] == findLocal && ports[p] == findPorts && remoteAddrs[p] == findRemote) {
                return sockets[p];
            }
        }
        cursor = -1;
        return null;
    }

    private void insert(TcpSocket socket, int localAddr, int portPair, int remoteAddr) {
        int mask = sockets.length - 1;
        int p = home(localAddr, portPair, remoteAddr);
        while (sockets[p] != null) {
            p = (p + 1) & mask;
        }
        sockets[p] = socket;
        localAddrs[p] = localAddr;
        ports[p] = portPair;
        remoteAddrs[p] = remoteAddr;
    }

    private void removeAt(int p) {
        int mask = sockets.length - 1;
        int gap = p;
        for (int q = (gap + 1) & mask; sockets[q] != null; q = (q + 1) & mask) {
            int h = home(localAddrs[q], ports[q], remoteAddrs[q]);
            // The entry at q stays if its home lies cyclically in (gap, q]: moved, it would not be found.
            boolean stays = gap <= q ? gap < h && h <= q : gap < h || h <= q;
            if (!stays) {
                sockets[gap] = sockets[q];
                localAddrs[gap] = localAddrs[q];
                ports[gap] = ports[q];
                remoteAddrs[gap] = remoteAddrs[q];
                gap = q;
            }
        }
        sockets[gap] = null;
        size--;
        cursor = -1; // a removal during a search ends it
    }

    private void rehash(int capacity) {
        TcpSocket[] oldSockets = sockets;
        int[] oldLocal = localAddrs;
        int[] oldPorts = ports;
        int[] oldRemote = remoteAddrs;
        sockets = new TcpSocket[capacity];
        localAddrs = new int[capacity];
        ports = new int[capacity];
        remoteAddrs = new int[capacity];
        for (int p = 0; p < oldSockets.length; p++) {
            if (oldSockets[p] != null) {
                insert(oldSockets[p], oldLocal[p], oldPorts[p], oldRemote[p]);
            }
        }
        cursor = -1;
    }

    private int home(int localAddr, int portPair, int remoteAddr) {
        int h = localAddr * 0x9E3779B9;
        h = (h ^ portPair) * 0x85EBCA6B;
        h = (h ^ remoteAddr) * 0xC2B2AE35;
        return (h ^ h >>> 15) & (sockets.length - 1);
    }
}
