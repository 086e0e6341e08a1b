package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.time.Micros;

/**
 * Frames held back until a due time, in a bounded pool of slots: one direction of a
 * {@link FaultInjector}'s delay, as netem's time-ordered queue. A slot's array is made the first
 * time a frame needs it and kept, so a steady run allocates nothing (ARCHITECTURE.md §4), and an
 * injector that never delays a frame (every host's link starts without faults) costs no frame
 * memory: 256 eager slots each way were 775 KB a link, most of a topology's heap.
 *
 * <p>Frames leave in order of due time, and in order of arrival among equal due times. So a
 * fixed delay keeps order, and jitter reorders frames whose delays cross, as netem does. The
 * order is an index of slot numbers kept sorted by insertion; the pool holds a few hundred
 * frames at most, so the shifting costs less than any heap would, and allocates nothing.
 */
final class DelayLine {
    private final byte[][] frames;
    private final int frameSize;
    private final int[] lengths;
    /** Per slot, whether the device vouched for the frame's checksum ({@link FrameReceiver}). */
    private final boolean[] vouched;
    private final long[] due;
    /** Slot numbers of the held frames, earliest due first. */
    private final int[] order;
    /** Slot numbers not in use, as a stack. */
    private final int[] free;
    private int freeCount;
    private int count;

    DelayLine(int capacity, int frameSize) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a delay line needs at least one slot, not " + capacity);
        }
        frames = new byte[capacity][];
        this.frameSize = frameSize;
        lengths = new int[capacity];
        vouched = new boolean[capacity];
        due = new long[capacity];
        order = new int[capacity];
        free = new int[capacity];
        for (int slot = 0; slot < capacity; slot++) {
            free[slot] = capacity - 1 - slot;
        }
        freeCount = capacity;
    }

    int capacity() {
        return frames.length;
    }

    int size() {
        return count;
    }

    /** When the earliest held frame is due; {@link Micros#NEVER} when none is held. */
    long nextDue() {
        return count == 0 ? Micros.NEVER : due[order[0]];
    }

    /**
     * Copies a frame in, due at {@code at}, behind every frame due at or before then, with the
     * device's checksum mark. Returns false, copying nothing, when every slot is taken. A slot
     * used for the first time gets its array, of the device's frame size; a frame larger than
     * its slot (a GSO super-frame from a tap with offloads) makes the slot grow to hold it, once.
     */
    boolean add(long at, byte[] frame, int offset, int length, boolean checksumVouched) {
        if (count == frames.length) {
            return false;
        }
        int slot = free[--freeCount];
        if (frames[slot] == null || length > frames[slot].length) {
            frames[slot] = new byte[Math.max(frameSize, length)];
        }
        System.arraycopy(frame, offset, frames[slot], 0, length);
        lengths[slot] = length;
        vouched[slot] = checksumVouched;
        due[slot] = at;
        int position = count;
        while (position > 0 && due[order[position - 1]] > at) {
            order[position] = order[position - 1];
            position--;
        }
        order[position] = slot;
        count++;
        return true;
    }

    /** The earliest held frame, in its slot; only valid when {@link #size()} is positive. */
    byte[] head() {
        return frames[order[0]];
    }

    int headLength() {
        return lengths[order[0]];
    }

    /** Whether the device vouched for the earliest held frame's checksum. */
    boolean headVouched() {
        return vouched[order[0]];
    }

    void removeHead() {
        free[freeCount++] = order[0];
        count--;
        System.arraycopy(order, 1, order, 0, count);
    }
}
