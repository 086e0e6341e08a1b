package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.socket.tcp.TcpHandler;
import java.util.Arrays;

/**
 * The TCP handlers whose next segment waits for the ARP resolution of a next hop, so that the
 * interface neither spins on them (a socket with a segment ready says "poll me now" until it
 * is sent) nor forgets them.
 *
 * <p>A TCP segment is not parked in {@link PendingFrames} while ARP asks: it stays in its
 * socket, uncommitted, and the socket describes it again on a later poll. An entry here is a
 * (handler, next hop) pair noted when {@link Transmitter#sendTcp} found the hop unresolved.
 * While every hop a handler waits for is still being resolved, the interface leaves the
 * handler out of {@code pollAt}: the neighbor cache's own deadlines (the next request, the
 * give-up) and the ARP reply itself (a frame, which wakes the event loop) bring the next poll.
 * When the resolution fails, the entry is {@linkplain #markFailed marked}, and on the next
 * pass the segment is committed as lost, so that the socket's retransmission timer, backoff
 * and give-up take over, as they would for a segment lost on the wire.
 *
 * <p>Entries are kept across an interrupted pass (a full or refusing device) and dropped at
 * the end of a whole pass for handlers that no longer waited. Arrays grow when needed and are
 * reused: no allocation in steady state.
 */
final class ArpWaiters {
    private TcpHandler[] handlers = new TcpHandler[8];
    private int[] hops = new int[8];
    private boolean[] failed = new boolean[8];
    private boolean[] visited = new boolean[8];
    private int count;

    int size() {
        return count;
    }

    /** A pass over the handlers begins: every entry is unvisited until its handler waits again. */
    void beginPass() {
        for (int i = 0; i < count; i++) {
            visited[i] = false;
        }
    }

    /** A whole pass ended: entries of handlers that did not wait again go. */
    void endPass() {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (visited[i]) {
                handlers[kept] = handlers[i];
                hops[kept] = hops[i];
                failed[kept] = failed[i];
                visited[kept] = true;
                kept++;
            }
        }
        for (int i = kept; i < count; i++) {
            handlers[i] = null;
        }
        count = kept;
    }

    /**
     * {@code handler}'s segment waits for {@code hop}. Returns true if its resolution already
     * failed (the entry goes: the caller commits the segment as lost), false if it waits (the
     * entry is noted, or kept).
     */
    boolean waitOrFail(TcpHandler handler, int hop) {
        int i = find(handler, hop);
        if (i >= 0 && failed[i]) {
            removeAt(i);
            return true;
        }
        if (i < 0) {
            if (count == handlers.length) {
                int size = count * 2;
                handlers = Arrays.copyOf(handlers, size);
                hops = Arrays.copyOf(hops, size);
                failed = Arrays.copyOf(failed, size);
                visited = Arrays.copyOf(visited, size);
            }
            i = count++;
            handlers[i] = handler;
            hops[i] = hop;
            failed[i] = false;
        }
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
     * Whether {@code handler} waits, and should be left out of {@code pollAt}: it has an entry,
     * and every hop it waits for is still being resolved (an incomplete entry in the cache).
     * A hop that resolved, failed, or left the cache makes it due again.
     */
    boolean isWaiting(TcpHandler handler, NeighborCache neighbors) {
        boolean any = false;
        for (int i = 0; i < count; i++) {
            if (handlers[i] == handler) {
                if (failed[i] || !neighbors.isIncomplete(hops[i])) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private int find(TcpHandler handler, int hop) {
        for (int i = 0; i < count; i++) {
            if (handlers[i] == handler && hops[i] == hop) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int i) {
        count--;
        handlers[i] = handlers[count];
        hops[i] = hops[count];
        failed[i] = failed[count];
        visited[i] = visited[count];
        handlers[count] = null;
    }
}
