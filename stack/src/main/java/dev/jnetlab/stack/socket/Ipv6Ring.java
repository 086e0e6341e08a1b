package dev.jnetlab.stack.socket;

/**
 * A first-in first-out queue of IPv6 addresses (two {@code long}s each) kept in step with a
 * {@link dev.jnetlab.stack.storage.PacketBuffer} of the same packet capacity, as
 * {@link IntRing} is: the buffer's one {@code long} of metadata per datagram holds an IPv4
 * address and a port, so a datagram over IPv6 keeps its address here, and one over IPv4
 * {@code ::}. Preallocated; allocates nothing.
 */
final class Ipv6Ring {
    private final long[] high;
    private final long[] low;
    private int front;
    private int count;

    Ipv6Ring(int capacity) {
        this.high = new long[capacity];
        this.low = new long[capacity];
    }

    void push(long h, long l) {
        if (count == high.length) {
            throw new IllegalStateException("out of step with its packet buffer");
        }
        int slot = front + count;
        slot = slot >= high.length ? slot - high.length : slot;
        high[slot] = h;
        low[slot] = l;
        count++;
    }

    long frontHigh() {
        requireFront();
        return high[front];
    }

    long frontLow() {
        requireFront();
        return low[front];
    }

    void pop() {
        requireFront();
        front = front + 1 == high.length ? 0 : front + 1;
        count--;
    }

    void clear() {
        front = 0;
        count = 0;
    }

    private void requireFront() {
        if (count == 0) {
            throw new IllegalStateException("out of step with its packet buffer");
        }
    }
}
