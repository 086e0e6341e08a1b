package dev.jnetlab.labs.check;

import java.util.Objects;

/**
 * A topology link's counters at one moment, as {@code topo} shows them: the frames it took,
 * those its queues dropped at the tail, and those waiting in its queues now, each way.
 *
 * @param name the link's name as {@code topo} prints it ({@code r1-r2})
 * @param a    the node at its first end ({@code r1})
 * @param b    the node at its other end
 */
public record LinkCounters(String name, String a, String b, long framesAToB, long framesBToA, long tailDropsAToB,
                           long tailDropsBToA, int queuedAToB, int queuedBToA) {
    public LinkCounters {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
    }

    /**
     * {@code field} of the frames leaving {@code from} (one of {@link #a} and {@link #b}), or
     * of both ways added up when {@code from} is null.
     */
    public long value(LinkField field, String from) {
        long aToB = switch (field) {
            case FRAMES -> framesAToB;
            case TAIL_DROPS -> tailDropsAToB;
            case QUEUED -> queuedAToB;
        };
        long bToA = switch (field) {
            case FRAMES -> framesBToA;
            case TAIL_DROPS -> tailDropsBToA;
            case QUEUED -> queuedBToA;
        };
        if (from == null) {
            return aToB + bToA;
        }
        return from.equals(a) ? aToB : bToA;
    }
}
