package dev.jnetlab.stack.iface;

/**
 * A bounded first-in first-out queue of preallocated frame slots: the interface's loopback,
 * where a datagram it sends to one of its own addresses waits to be received on the next
 * poll, as it would cross {@code lo} on Linux. Slots are sized to the device's largest frame
 * on the first poll; nothing is allocated per frame.
 */
final class FrameQueue {
    private final byte[][] slots;
    private final int[] lengths;
    private int head;
    private int count;
    private int frameSize;

    FrameQueue(int capacity) {
        this.slots = new byte[capacity][];
        this.lengths = new int[capacity];
    }

    void ensureFrameSize(int maxFrameSize) {
        if (maxFrameSize <= frameSize) {
            return;
        }
        for (int i = 0; i < slots.length; i++) {
            byte[] bigger = new byte[maxFrameSize];
            if (slots[i] != null) {
                System.arraycopy(slots[i], 0, bigger, 0, lengths[i]);
            }
            slots[i] = bigger;
        }
        frameSize = maxFrameSize;
    }

    boolean isEmpty() {
        return count == 0;
    }

    boolean isFull() {
        return count == slots.length;
    }

    /** The slot the next frame goes into; call {@link #push} once it is written. */
    byte[] tail() {
        return slots[(head + count) % slots.length];
    }

    void push(int length) {
        lengths[(head + count) % slots.length] = length;
        count++;
    }

    byte[] head() {
        return slots[head];
    }

    int headLength() {
        return lengths[head];
    }

    void pop() {
        head = (head + 1) % slots.length;
        count--;
    }

    void clear() {
        head = 0;
        count = 0;
    }
}
