package dev.jnetlab.stack.socket;

/**
 * A first-in first-out queue of {@code int}s kept in step with a
 * {@link dev.jnetlab.stack.storage.PacketBuffer} of the same packet capacity: one more word per
 * datagram where the buffer's one {@code long} of metadata is full (the local address a UDP
 * datagram arrived on, the TTL of an ICMP message). Preallocated; allocates nothing.
 */
final class IntRing {
    private final int[] values;
    private int front;
    private int count;

    IntRing(int capacity) {
        this.values = new int[capacity];
    }

    void push(int value) {
        if (count == values.length) {
            throw new IllegalStateException("out of step with its packet buffer");
        }
        int slot = front + count;
        values[slot >= values.length ? slot - values.length : slot] = value;
        count++;
    }

    int front() {
        if (count == 0) {
            throw new IllegalStateException("out of step with its packet buffer");
        }
        return values[front];
    }

    void pop() {
        front();
        front = front + 1 == values.length ? 0 : front + 1;
        count--;
    }

    void clear() {
        front = 0;
        count = 0;
    }
}
