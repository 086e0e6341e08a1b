package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.time.Micros;
import java.util.Arrays;

/**
 * The TCP connections of a socket set ordered by the instant each next wants its
 * {@link TcpSocket#dispatch} ({@link TcpSocket#pollAt}), so that a poll asks only the
 * connections that are due and {@code pollAt} reads the earliest deadline off the top: the
 * cost of both grows with the connections that have something to do, not with those that
 * sit idle (a server's thousands of quiet keep-alive connections, its sockets in TIME-WAIT).
 * Linux keeps a timer per socket in its timer wheel for the same reason; a binary heap does
 * here, since a connection has one deadline at a time (the earliest of its {@link TcpTimer}s,
 * or "now" when a segment is ready).
 *
 * <p><b>How a deadline changes.</b> A connection's deadline moves only when something happens
 * to it: a segment arrives, it sends, or its owner calls it (sends, reads, closes, changes an
 * option). The socket reports each such call ({@link #changed}) and the interface each segment
 * it gives or takes; the connection is then <i>stale</i>, kept on a short list, and its
 * {@code pollAt} is asked again once, at the next {@link #takeDue} or {@link #earliest}, with
 * that poll's {@code now}. A connection whose deadline is {@link Micros#NEVER} leaves the heap
 * until it is stale again.
 *
 * <p><b>Parked.</b> A connection whose segment waits for the ARP resolution of its next hop
 * would say "due now" until the segment goes; the interface parks it ({@link #park}) out of the
 * heap and brings it back ({@link #unpark}) when the resolution ends, one way or the other.
 *
 * <p><b>Intrusive.</b> Each connection carries its place in the heap, its deadline and its
 * flags in fields of its own, so an update is a sift in one array, and nothing is allocated
 * except when an array outgrows the connections it holds (the set's largest size so far).
 * Connections due at the same instant come out in the order they were added, so a run is the
 * same run however the heap is shaped. Not thread-safe: the stack's event loop owns it
 * (ARCHITECTURE.md §2).
 */
public final class DeadlineHeap {
    private TcpSocket[] heap = new TcpSocket[16];
    private int size;
    private TcpSocket[] stale = new TcpSocket[16];
    private int staleCount;
    private TcpSocket[] due = new TcpSocket[16];
    private int dueCount;
    /** The order of addition, which breaks ties between equal deadlines. */
    private long added;
    /** How many times a connection's {@code pollAt} was asked, in all (the cost tests count this, not time). */
    private long visits;

    /**
     * Takes {@code socket} in: it is stale until the next {@link #takeDue} or {@link #earliest}.
     *
     * @throws IllegalArgumentException if it is in a heap already
     */
    public void add(TcpSocket socket) {
        if (socket.deadlines != null) {
            throw new IllegalArgumentException("the socket is in a deadline heap already");
        }
        socket.deadlines = this;
        socket.deadlineOrder = added++;
        socket.deadlineSlot = -1;
        socket.deadlineAt = Micros.NEVER;
        socket.deadlineParked = false;
        socket.deadlineStale = false;
        changed(socket);
    }

    /** Lets {@code socket} go, wherever it is in here; nothing if it is not here. */
    public void remove(TcpSocket socket) {
        if (socket.deadlines != this) {
            return;
        }
        if (socket.deadlineSlot >= 0) {
            removeAt(socket.deadlineSlot);
        }
        if (socket.deadlineStale) {
            for (int i = 0; i < staleCount; i++) {
                if (stale[i] == socket) {
                    stale[i] = stale[--staleCount];
                    stale[staleCount] = null;
                    break;
                }
            }
        }
        socket.deadlines = null;
        socket.deadlineStale = false;
        socket.deadlineParked = false;
    }

    /** Something happened to {@code socket} that may move its deadline: ask it again before the next use. */
    public void changed(TcpSocket socket) {
        if (socket.deadlines != this || socket.deadlineStale || socket.deadlineParked) {
            return;
        }
        socket.deadlineStale = true;
        if (staleCount == stale.length) {
            stale = Arrays.copyOf(stale, staleCount * 2);
        }
        stale[staleCount++] = socket;
    }

    /** The earliest deadline of the connections here, parked ones left out; {@link Micros#NEVER} if none. */
    public long earliest(long now) {
        refresh(now);
        return size == 0 ? Micros.NEVER : heap[0].deadlineAt;
    }

    /**
     * Takes the connections due at {@code now} out of the heap, earliest first, and returns how
     * many; {@link #due(int)} names them. The caller gives each back with {@link #reschedule}
     * (or {@link #park}) once it has dispatched it.
     */
    public int takeDue(long now) {
        refresh(now);
        // The last batch's connections may have left the set since: holding them here would keep
        // the largest burst ever due (10,000 FIN retransmissions) reachable long after its close.
        Arrays.fill(due, 0, dueCount, null);
        dueCount = 0;
        while (size > 0 && heap[0].deadlineAt <= now) {
            TcpSocket socket = heap[0];
            removeAt(0);
            if (dueCount == due.length) {
                due = Arrays.copyOf(due, dueCount * 2);
            }
            due[dueCount++] = socket;
        }
        return dueCount;
    }

    /** The {@code index}th connection the last {@link #takeDue} took. */
    public TcpSocket due(int index) {
        return due[index];
    }

    /** Asks {@code socket} its deadline at {@code now} and puts it where that belongs (not if parked). */
    public void reschedule(long now, TcpSocket socket) {
        if (socket.deadlines != this || socket.deadlineParked) {
            return;
        }
        visits++;
        place(socket, socket.pollAt(now));
    }

    /** {@code socket}'s segment waits for ARP: out of the heap until {@link #unpark}. */
    public void park(TcpSocket socket) {
        if (socket.deadlines != this) {
            return;
        }
        if (socket.deadlineSlot >= 0) {
            removeAt(socket.deadlineSlot);
        }
        socket.deadlineParked = true;
    }

    /** Whether {@code socket} is parked here. */
    public boolean isParked(TcpSocket socket) {
        return socket.deadlines == this && socket.deadlineParked;
    }

    /** The resolution {@code socket} waited for ended: it is back, with its deadline asked again. */
    public void unpark(long now, TcpSocket socket) {
        if (!isParked(socket)) {
            return;
        }
        socket.deadlineParked = false;
        reschedule(now, socket);
    }

    /** How many connections have a deadline in the heap now (idle and parked ones are not counted). */
    public int size() {
        return size;
    }

    /** How many times a connection's {@code pollAt} was asked, in all. */
    public long visits() {
        return visits;
    }

    private void refresh(long now) {
        while (staleCount > 0) {
            TcpSocket socket = stale[--staleCount];
            stale[staleCount] = null;
            socket.deadlineStale = false;
            reschedule(now, socket);
        }
    }

    /** Puts {@code socket} in the heap at {@code at}, or out of it for {@link Micros#NEVER}. */
    private void place(TcpSocket socket, long at) {
        int slot = socket.deadlineSlot;
        socket.deadlineAt = at;
        if (at == Micros.NEVER) {
            if (slot >= 0) {
                removeAt(slot);
            }
            return;
        }
        if (slot < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            slot = size++;
            heap[slot] = socket;
            socket.deadlineSlot = slot;
        }
        siftDown(siftUp(slot));
    }

    private void removeAt(int slot) {
        TcpSocket gone = heap[slot];
        gone.deadlineSlot = -1;
        TcpSocket last = heap[--size];
        heap[size] = null;
        if (slot < size) {
            heap[slot] = last;
            last.deadlineSlot = slot;
            siftDown(siftUp(slot));
        }
    }

    private int siftUp(int slot) {
        TcpSocket socket = heap[slot];
        while (slot > 0) {
            int parent = (slot - 1) >>> 1;
            if (!before(socket, heap[parent])) {
                break;
            }
            move(heap[parent], slot);
            slot = parent;
        }
        move(socket, slot);
        return slot;
    }

    private void siftDown(int slot) {
        TcpSocket socket = heap[slot];
        while (true) {
            int child = 2 * slot + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], socket)) {
                break;
            }
            move(heap[child], slot);
            slot = child;
        }
        move(socket, slot);
    }

    private void move(TcpSocket socket, int slot) {
        heap[slot] = socket;
        socket.deadlineSlot = slot;
    }

    private static boolean before(TcpSocket a, TcpSocket b) {
        return a.deadlineAt < b.deadlineAt || a.deadlineAt == b.deadlineAt && a.deadlineOrder < b.deadlineOrder;
    }
}
