package dev.jnetlab.stack.phy;

/**
 * Which frames a {@link FaultInjector}'s faults hit: those crossing in one direction or both,
 * and of those, the ones a filter accepts (a {@link TraceFilter}: {@code tcp},
 * {@code port 80}, {@code host 192.168.69.100 and not arp}). The console's
 * {@code fault drop 10 in tcp}. A frame outside the scope passes untouched and draws no
 * random number, so the faults the others meet do not depend on it.
 *
 * @param rx     whether received frames are hit
 * @param tx     whether sent frames are hit
 * @param filter which frames are hit; {@link FrameFilter#ALL} for every one
 */
public record FaultScope(boolean rx, boolean tx, FrameFilter filter) {
    /** Every frame, both ways: where an injector starts. */
    public static final FaultScope EVERY_FRAME = new FaultScope(true, true, FrameFilter.ALL);

    public FaultScope {
        if (!rx && !tx) {
            throw new IllegalArgumentException("a fault scope needs at least one direction");
        }
        if (filter == null) {
            throw new IllegalArgumentException("a filter is required (FrameFilter.ALL for every frame)");
        }
    }

    /** Whether frames crossing in {@code direction} may be hit. */
    public boolean covers(Direction direction) {
        return direction == Direction.RX ? rx : tx;
    }

    /** Whether some frames are passed over for the filter's sake. */
    public boolean filtered() {
        return filter != FrameFilter.ALL;
    }

    /**
     * The scope in the console's words: empty for every frame both ways, otherwise
     * {@code in}, {@code out}, the filter, or both joined: {@code in, tcp}.
     */
    public String describe() {
        String direction = rx && tx ? "" : rx ? "in" : "out";
        if (!filtered()) {
            return direction;
        }
        return direction.isEmpty() ? filter.toString() : direction + ", " + filter;
    }
}
