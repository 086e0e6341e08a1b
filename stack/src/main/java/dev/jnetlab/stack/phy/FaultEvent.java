package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Hex;

/**
 * One fault a {@link FaultInjector} put on the link, lent to its {@link FaultListener}.
 *
 * <p>A flyweight, as a frame is: the injector owns one per direction and refills it for every
 * fault, so reporting faults allocates nothing. Read it during the listener call; keep a
 * {@link #toString()} if it must outlive the call. Its line reads, for example,
 * {@code rx: dropped (drop-chance)} or {@code tx: corrupted octet 37 (0x45 -> 0xba)}.
 */
public final class FaultEvent {

    /** What happened to the frame. */
    public enum Kind {
        /** Lost at random ({@link FaultConfig#dropPercent()}). */
        DROPPED,
        /** Dropped for being longer than {@link FaultConfig#sizeLimit()}: see {@link #limit()}. */
        OVERSIZE,
        /** Over the rate limit: dropped on rx, held back on tx. See {@link #limit()} and {@link #interval()}. */
        RATE_LIMITED,
        /** Dropped because every slot for delayed frames was taken: see {@link #limit()}. */
        QUEUE_FULL,
        /** One octet changed: see {@link #octet()}, {@link #before()}, {@link #after()}. */
        CORRUPTED,
        /** Held back for {@link #delay()}. */
        DELAYED,
        /** Sent at once, ahead of the {@link #overtaken()} frames still delayed. */
        REORDERED,
        /** Delivered twice. */
        DUPLICATED
    }

    private final Direction direction;
    private long at;
    private Kind kind;
    private byte[] frame;
    private int offset;
    private int length;
    private int octet;
    private int before;
    private int after;
    private long delay;
    private long limit;
    private long interval;
    private int overtaken;

    FaultEvent(Direction direction) {
        this.direction = direction;
    }

    /** Starts describing a new fault on the given frame (length 0 when no frame was taken). */
    FaultEvent reset(long now, Kind newKind, byte[] newFrame, int newOffset, int newLength) {
        at = now;
        kind = newKind;
        frame = newFrame;
        offset = newOffset;
        length = newLength;
        octet = 0;
        before = 0;
        after = 0;
        delay = 0;
        limit = 0;
        interval = 0;
        overtaken = 0;
        return this;
    }

    FaultEvent corrupted(int index, int oldValue, int newValue) {
        octet = index;
        before = oldValue;
        after = newValue;
        return this;
    }

    FaultEvent delayed(long micros) {
        delay = micros;
        return this;
    }

    FaultEvent limited(long newLimit, long newInterval) {
        limit = newLimit;
        interval = newInterval;
        return this;
    }

    FaultEvent reordered(int ahead) {
        overtaken = ahead;
        return this;
    }

    /** When, on the stack clock. */
    public long at() {
        return at;
    }

    public Direction direction() {
        return direction;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The frame the fault happened to, lent for the listener call: after the fault for a
     * corruption, as it was for the others. Its {@link #length()} is 0 when no frame was
     * taken: a transmit held back by the rate limit is refused before the stack writes it.
     */
    public byte[] frame() {
        return frame;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** {@link Kind#CORRUPTED}: the index of the changed octet within the frame. */
    public int octet() {
        return octet;
    }

    /** {@link Kind#CORRUPTED}: the octet's value before, 0 to 255. */
    public int before() {
        return before;
    }

    /** {@link Kind#CORRUPTED}: the octet's value after, 0 to 255, never equal to {@link #before()}. */
    public int after() {
        return after;
    }

    /** {@link Kind#DELAYED}: how long the frame is held, in microseconds. */
    public long delay() {
        return delay;
    }

    /**
     * {@link Kind#OVERSIZE}: the size limit in octets; {@link Kind#RATE_LIMITED}: frames per
     * interval; {@link Kind#QUEUE_FULL}: how many delayed frames fit.
     */
    public long limit() {
        return limit;
    }

    /** {@link Kind#RATE_LIMITED}: the shaping interval, in microseconds. */
    public long interval() {
        return interval;
    }

    /** {@link Kind#REORDERED}: how many delayed frames it went ahead of. */
    public int overtaken() {
        return overtaken;
    }

    /**
     * Whether the fault kept a received frame from the stack (dropped for any reason), so that
     * no trace line of the frame itself will follow: the tracer then names the frame on the
     * fault's line. A frame sent and then lost was traced already when the stack wrote it.
     */
    public boolean hidesReceivedFrame() {
        return direction == Direction.RX && length > 0
                && (kind == Kind.DROPPED || kind == Kind.OVERSIZE || kind == Kind.RATE_LIMITED || kind == Kind.QUEUE_FULL);
    }

    /** Appends the fault's line, {@code rx: dropped (drop-chance)}, without allocating. */
    public StringBuilder appendTo(StringBuilder out) {
        out.append(direction.label()).append(": ");
        switch (kind) {
            case DROPPED -> out.append("dropped (drop-chance)");
            case OVERSIZE -> out.append("dropped (size-limit: ").append(length).append(" > ").append(limit).append(" octets)");
            case RATE_LIMITED -> Micros.appendTo(out.append(direction == Direction.RX ? "dropped" : "held back")
                    .append(" (rate-limit: ").append(limit).append(limit == 1 ? " frame per " : " frames per "), interval)
                    .append(')');
            case QUEUE_FULL -> out.append("dropped (delay queue full: ").append(limit).append(" frames)");
            case CORRUPTED -> appendHex(appendHex(out.append("corrupted octet ").append(octet).append(" ("), before)
                    .append(" -> "), after).append(')');
            case DELAYED -> Micros.appendTo(out.append("delayed "), delay);
            case REORDERED -> out.append("reordered (sent ahead of ").append(overtaken)
                    .append(overtaken == 1 ? " delayed frame)" : " delayed frames)");
            case DUPLICATED -> out.append("duplicated");
        }
        return out;
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(48)).toString();
    }

    private static StringBuilder appendHex(StringBuilder out, int value) {
        return Hex.append(out.append("0x"), value, 2);
    }
}
