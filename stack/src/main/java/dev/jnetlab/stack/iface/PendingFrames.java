package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;

/**
 * Frames waiting for ARP to resolve their next hop, so that the datagram that started the
 * resolution is sent when the reply comes instead of being lost (the first ping of a
 * conversation; smoltcp's issue #597). Linux keeps such a queue too ({@code unres_qlen}).
 *
 * <p>A pool of preallocated frame slots shared by all neighbors, with a bound per neighbor:
 * {@code total} slots in all, at most {@code perNeighbor} for one next hop. A frame is kept
 * whole, with every header but the destination MAC address, which is written when the reply
 * gives it. Each frame also has a deadline: the end of the resolution it waits for. The slots
 * are sized to the device's largest frame on the first poll (and again only if a device with
 * larger frames comes), never per frame.
 */
final class PendingFrames {
    private final int perNeighbor;
    private final byte[][] frames;
    private final int[] lengths;
    private final int[] nextHops;
    private final long[] deadlines;
    /** Arrival order: larger is later; 0 is a free slot. */
    private final long[] order;
    private long lastOrder;
    private int used;
    private int frameSize;

    PendingFrames(int total, int perNeighbor) {
        this.perNeighbor = perNeighbor;
        this.frames = new byte[total][];
        this.lengths = new int[total];
        this.nextHops = new int[total];
        this.deadlines = new long[total];
        this.order = new long[total];
    }

    /** Makes every slot hold a frame of {@code maxFrameSize} octets; allocates only when they grow. */
    void ensureFrameSize(int maxFrameSize) {
        if (maxFrameSize <= frameSize) {
            return;
        }
        for (int i = 0; i < frames.length; i++) {
            byte[] bigger = new byte[maxFrameSize];
            if (frames[i] != null) {
                System.arraycopy(frames[i], 0, bigger, 0, lengths[i]);
            }
            frames[i] = bigger;
        }
        frameSize = maxFrameSize;
    }

    /** Whether {@code count} more frames for {@code nextHop} fit. */
    boolean hasRoom(int nextHop, int count) {
        return used + count <= frames.length && countFor(nextHop) + count <= perNeighbor;
    }

    /** How many frames wait for {@code nextHop}. */
    int countFor(int nextHop) {
        int count = 0;
        for (int i = 0; i < frames.length; i++) {
            if (order[i] != 0 && nextHops[i] == nextHop) {
                count++;
            }
        }
        return count;
    }

    int size() {
        return used;
    }

    /** Takes a free slot for a frame to {@code nextHop}; the caller writes it into {@link #frame} and sets its length. Call {@link #hasRoom} first. */
    int reserve(int nextHop, long deadline) {
        for (int i = 0; i < frames.length; i++) {
            if (order[i] == 0) {
                order[i] = ++lastOrder;
                nextHops[i] = nextHop;
                deadlines[i] = deadline;
                lengths[i] = 0;
                used++;
                return i;
            }
        }
        throw new IllegalStateException("no free pending slot: hasRoom was not asked");
    }

    byte[] frame(int slot) {
        return frames[slot];
    }

    int length(int slot) {
        return lengths[slot];
    }

    void setLength(int slot, int length) {
        lengths[slot] = length;
    }

    int nextHop(int slot) {
        return nextHops[slot];
    }

    /** The oldest frame waiting for {@code nextHop}, or -1. */
    int oldestFor(int nextHop) {
        int oldest = -1;
        for (int i = 0; i < frames.length; i++) {
            if (order[i] != 0 && nextHops[i] == nextHop && (oldest < 0 || order[i] < order[oldest])) {
                oldest = i;
            }
        }
        return oldest;
    }

    int capacity() {
        return frames.length;
    }

    boolean isUsed(int slot) {
        return order[slot] != 0;
    }

    /** Arrival order of a used slot: larger is later. */
    long order(int slot) {
        return order[slot];
    }

    /** The oldest frame of all, or -1. */
    int oldest() {
        int oldest = -1;
        for (int i = 0; i < frames.length; i++) {
            if (order[i] != 0 && (oldest < 0 || order[i] < order[oldest])) {
                oldest = i;
            }
        }
        return oldest;
    }

    /** A frame whose deadline has passed, or -1. */
    int expired(long now) {
        for (int i = 0; i < frames.length; i++) {
            if (order[i] != 0 && now >= deadlines[i]) {
                return i;
            }
        }
        return -1;
    }

    void free(int slot) {
        if (order[slot] != 0) {
            order[slot] = 0;
            used--;
        }
    }

    /** Drops every frame; returns how many. */
    int clear() {
        int dropped = used;
        for (int i = 0; i < frames.length; i++) {
            order[i] = 0;
        }
        used = 0;
        return dropped;
    }

    long nextDeadline() {
        long at = Micros.NEVER;
        for (int i = 0; i < frames.length; i++) {
            if (order[i] != 0) {
                at = Math.min(at, deadlines[i]);
            }
        }
        return at;
    }
}
