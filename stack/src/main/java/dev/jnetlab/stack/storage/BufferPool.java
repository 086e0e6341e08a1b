package dev.jnetlab.stack.storage;

import java.util.Arrays;

/**
 * The byte arrays behind the sockets' queues, kept for reuse: a queue that empties gives its
 * array back here and one that fills again takes one, so a connection at rest holds no buffer
 * (Linux's sockets likewise hold their memory in buffers allocated as data comes and freed as
 * it goes, not in queues reserved for the connection's lifetime), and a server that opens and
 * closes connections all day reuses the same arrays instead of making garbage of them.
 *
 * <p>Bounded: at most {@link #limit()} octets wait here; an array given back beyond that is
 * left to the garbage collector, so a burst of connections does not stay resident once it is
 * over. Arrays are kept by size, exactly (the queues of one service all have the same
 * capacity, so a few sizes cover a host), and are handed out as they were given back, with
 * old contents: a ring only ever reads what it wrote.
 *
 * <p>Nothing here allocates except an array the pool has none of, and the size table when a
 * new size appears. Not thread-safe: the stack's event loop owns it (ARCHITECTURE.md §2).
 */
public final class BufferPool {
    /**
     * The octets a pool keeps for reuse unless told otherwise: 8 MiB, 128 of the services' 64 KiB
     * arrays, as many as 100 HTTP connections at once hold (each a send queue's array until its
     * answer is acknowledged). What a bigger burst made is the garbage collector's once it is
     * over: kept here it would stay resident after the load (32 MiB were a quarter of the
     * process's memory after bench/load's cases).
     */
    public static final long DEFAULT_LIMIT = 8L << 20;

    private final long limit;
    private int[] sizes = new int[4];
    private byte[][][] free = new byte[4][][];
    private int[] counts = new int[4];
    private int classes;
    private long pooledOctets;
    private long lentOctets;
    private long made;

    /** A pool that keeps up to {@link #DEFAULT_LIMIT} octets. */
    public BufferPool() {
        this(DEFAULT_LIMIT);
    }

    /** A pool that keeps up to {@code limit} octets for reuse. */
    public BufferPool(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a pool's limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    /** An array of exactly {@code size} octets: one given back earlier, else a new one. */
    public byte[] take(int size) {
        int c = classOf(size);
        byte[] array;
        if (c >= 0 && counts[c] > 0) {
            array = free[c][--counts[c]];
            free[c][counts[c]] = null;
            pooledOctets -= size;
        } else {
            array = new byte[size];
            made++;
        }
        lentOctets += size;
        return array;
    }

    /** Takes back an array {@link #take} gave; kept for reuse while the pool is under its limit. */
    public void give(byte[] array) {
        int size = array.length;
        lentOctets -= size;
        if (pooledOctets + size > limit) {
            return; // over the bound: the garbage collector has it
        }
        int c = classOf(size);
        if (c < 0) {
            c = addClass(size);
        }
        if (counts[c] == free[c].length) {
            free[c] = Arrays.copyOf(free[c], counts[c] * 2);
        }
        free[c][counts[c]++] = array;
        pooledOctets += size;
    }

    /** An array {@link #take} gave will not come back (its ring moved to another pool): no longer counted as lent. */
    public void forget(byte[] array) {
        lentOctets -= array.length;
    }

    /** The most octets kept for reuse. */
    public long limit() {
        return limit;
    }

    /** Octets waiting here for reuse. */
    public long pooledOctets() {
        return pooledOctets;
    }

    /** Arrays waiting here for reuse. */
    public int pooledBuffers() {
        int n = 0;
        for (int c = 0; c < classes; c++) {
            n += counts[c];
        }
        return n;
    }

    /** Octets taken and not given back: what the queues hold now. */
    public long lentOctets() {
        return lentOctets;
    }

    /** Arrays made because none of the size was waiting, in all. */
    public long made() {
        return made;
    }

    private int classOf(int size) {
        for (int c = 0; c < classes; c++) {
            if (sizes[c] == size) {
                return c;
            }
        }
        return -1;
    }

    private int addClass(int size) {
        if (classes == sizes.length) {
            sizes = Arrays.copyOf(sizes, classes * 2);
            free = Arrays.copyOf(free, classes * 2);
            counts = Arrays.copyOf(counts, classes * 2);
        }
        sizes[classes] = size;
        free[classes] = new byte[8][];
        return classes++;
    }
}
