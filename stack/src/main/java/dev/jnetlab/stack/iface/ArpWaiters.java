package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.socket.tcp.DeadlineHeap;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import java.util.Arrays;

/**
 * The TCP connections whose next segment waits for the ARP resolution of a next hop, so that
 * the interface neither spins on them (a socket with a segment ready says "poll me now" until
 * it is sent) nor forgets them.
 *
 * <p>A TCP segment is not parked in {@link PendingFrames} while ARP asks: it stays in its
 * socket, uncommitted, and the socket describes it again on a later poll. An entry here is a
 * connection and the next hop {@link Transmitter#sendTcp} found unresolved for it, noted per
 * connection, not per handler: a listener's half-open connections each wait alone, so a
 * SYN,ACK to a forged on-link source never holds back the listener's other connections, and
 * one whose resolution fails is lost alone. While its hop is still being resolved (an
 * incomplete entry in the cache) a connection is left out of {@code pollAt} and of the
 * dispatch pass: the neighbor cache's own deadlines (the next request, the give-up) and the ARP
 * reply itself (a frame, which wakes the event loop) bring the next poll. When the resolution
 * fails, the entry is {@linkplain #markFailed marked}, and on the next pass the segment is
 * committed as lost, so that the socket's retransmission timer, backoff and give-up take over,
 * as they would for a segment lost on the wire.
 *
 * <p>An entry also holds the connection's remote address, so that a listener's socket recycled
 * for another peer does not inherit the wait of the connection it served before. Entries are
 * kept across an interrupted pass (a full or refusing device) and dropped at the end of a whole
 * pass for connections that were neither tried nor skipped in it. The connections are found by
 * identity through an open-addressing table; arrays grow when needed and are reused: no
 * allocation in steady state.
 */
final class ArpWaiters {
    private final NeighborCache neighbors;
    private TcpSocket[] connections = new TcpSocket[8];
    private int[] remotes = new int[8];
    private int[] hops = new int[8];
    private boolean[] failed = new boolean[8];
    private boolean[] visited = new boolean[8];
    private int count;
    /** Entry + 1 by the connection's identity hash, linear probing; 0 is empty. Twice the entries' room. */
    private int[] table = new int[16];

    /** The connections left out of {@code pollAt}: those whose hop is still being resolved. */
    final TcpListener.ConnectionFilter waiting = this::isWaiting;
    /**
     * The connections left out of a dispatch pass: those waiting, and those already tried in
     * it (each connection is described at most once per pass while its hop is unresolved,
     * which bounds the pass however the cache's entries come and go).
     */
    final TcpListener.ConnectionFilter skippedInPass = this::skipInPass;

    ArpWaiters(NeighborCache neighbors) {
        this.neighbors = neighbors;
    }

    int size() {
        return count;
    }

    /** A pass over the handlers begins: every entry is unvisited until its connection is tried or skipped again. */
    void beginPass() {
        Arrays.fill(visited, 0, count, false);
    }

    /** A whole pass ended: entries of connections neither tried nor skipped go. */
    void endPass() {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (visited[i]) {
                move(i, kept++);
            }
        }
        if (kept < count) {
            Arrays.fill(connections, kept, count, null);
            count = kept;
            reindex();
        }
    }

    /**
     * The set's connections parked out of {@code deadlines} while their hop was resolved: one
     * still waiting is kept (counted as skipped in the pass), one whose resolution ended, or
     * whose peer is another now, is unparked, due again (its segment goes, or is lost).
     */
    void releaseParked(long now, DeadlineHeap deadlines) {
        for (int i = 0; i < count; i++) {
            if (deadlines.isParked(connections[i])) {
                if (stillWaiting(i)) {
                    visited[i] = true;
                } else {
                    deadlines.unpark(now, connections[i]);
                }
            }
        }
    }

    /**
     * {@code connection}'s segment waits for {@code hop}. Returns true if that resolution
     * already failed (the entry goes: the caller commits the segment as lost), false if it
     * waits (the entry is noted, or kept).
     */
    boolean waitOrFail(TcpSocket connection, int hop) {
        int i = find(connection);
        if (i >= 0 && failed[i] && hops[i] == hop && remotes[i] == connection.remoteAddress()) {
            removeAt(i);
            return true;
        }
        if (i < 0) {
            if (count == connections.length) {
                grow();
            }
            i = count++;
            connections[i] = connection;
            insert(i);
        }
        remotes[i] = connection.remoteAddress();
        hops[i] = hop;
        failed[i] = false;
        visited[i] = true;
        return false;
    }

    /** ARP gave up on {@code hop}: the segments waiting for it are lost. */
    void markFailed(int hop) {
        for (int i = 0; i < count; i++) {
            if (hops[i] == hop) {
                failed[i] = true;
            }
        }
    }

    /**
     * Whether {@code connection} waits, and should be left out of {@code pollAt}: its entry is
     * for the peer it has now, and the hop is still being resolved. A hop that resolved,
     * failed, or left the cache makes it due again.
     */
    boolean isWaiting(TcpSocket connection) {
        if (count == 0) {
            return false;
        }
        int i = find(connection);
        return i >= 0 && stillWaiting(i);
    }

    private boolean skipInPass(TcpSocket connection) {
        if (count == 0) {
            return false;
        }
        int i = find(connection);
        if (i < 0 || remotes[i] != connection.remoteAddress()) {
            return false;
        }
        if (visited[i] || stillWaiting(i)) {
            visited[i] = true; // skipped, and so kept
            return true;
        }
        return false;
    }

    private boolean stillWaiting(int i) {
        return !failed[i] && remotes[i] == connections[i].remoteAddress() && neighbors.isIncomplete(hops[i]);
    }

    private int find(TcpSocket connection) {
        int mask = table.length - 1;
        for (int p = home(connection); table[p] != 0; p = (p + 1) & mask) {
            if (connections[table[p] - 1] == connection) {
                return table[p] - 1;
            }
        }
        return -1;
    }

    private void insert(int i) {
        int mask = table.length - 1;
        int p = home(connections[i]);
        while (table[p] != 0) {
            p = (p + 1) & mask;
        }
        table[p] = i + 1;
    }

    private void reindex() {
        Arrays.fill(table, 0);
        for (int i = 0; i < count; i++) {
            insert(i);
        }
    }

    private int home(TcpSocket connection) {
        return System.identityHashCode(connection) * 0x9E3779B9 >>> Integer.numberOfLeadingZeros(table.length - 1);
    }

    private void grow() {
        int size = connections.length * 2;
        connections = Arrays.copyOf(connections, size);
        remotes = Arrays.copyOf(remotes, size);
        hops = Arrays.copyOf(hops, size);
        failed = Arrays.copyOf(failed, size);
        visited = Arrays.copyOf(visited, size);
        table = new int[size * 2];
        reindex();
    }

    private void move(int from, int to) {
        connections[to] = connections[from];
        remotes[to] = remotes[from];
        hops[to] = hops[from];
        failed[to] = failed[from];
        visited[to] = visited[from];
    }

    private void removeAt(int i) {
        count--;
        move(count, i);
        connections[count] = null;
        reindex();
    }
}
