package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.time.Micros;

/**
 * A bounded first-in first-out queue of frames in preallocated slots, each with a time stamp:
 * the queue of {@link Loopback} and of each direction of a {@link VirtualWire}.
 *
 * <p>A frame is written straight into the next free slot ({@link #tail()}, then
 * {@link #push}) and read in place from the oldest ({@link #head()}, then {@link #pop}),
 * so nothing is copied or allocated per frame. The head slot stays occupied until it is
 * popped, which is what lets a receiver transmit a reply while it still holds the frame.
 */
final class FrameRing {
    private final byte[][] frames;
    private final int[] lengths;
    private final long[] stamps;
    private int head;
    private int count;

    FrameRing(int capacity, int frameSize) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a frame queue needs at least one slot, not " + capacity);
        }
        frames = new byte[capacity][frameSize];
        lengths = new int[capacity];
        stamps = new long[capacity];
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    boolean isFull() {
        return count == frames.length;
    }

    /** The free slot the next frame is written into; only valid when not {@link #isFull()}. */
    byte[] tail() {
        return frames[(head + count) % frames.length];
    }

    /** Appends the frame written into {@link #tail()}: its length and time stamp. */
    void push(int length, long stamp) {
        int slot = (head + count) % frames.length;
        lengths[slot] = length;
        stamps[slot] = stamp;
        count++;
    }

    byte[] head() {
        return frames[head];
    }

    int headLength() {
        return lengths[head];
    }

    /** The oldest frame's time stamp, {@link Micros#NEVER} when empty. */
    long headStamp() {
        return count == 0 ? Micros.NEVER : stamps[head];
    }

    void pop() {
        head = (head + 1) % frames.length;
        count--;
    }
}
