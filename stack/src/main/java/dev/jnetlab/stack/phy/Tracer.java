package dev.jnetlab.stack.phy;

/**
 * Middleware that shows every frame crossing it, both directions, and every fault the
 * {@link FaultInjector} injects, as lines to a {@link TraceSink}: the console's
 * {@code trace on [FILTER]} / {@code trace off}.
 *
 * <p><b>Where it goes.</b> The recommended stack of devices, from the link to the stack:
 * <pre>
 *   link device (tap, raw socket, virtual wire)
 *     → FaultInjector   the bad cable
 *     → PcapWriter      records what the stack saw and sent
 *     → Tracer          shows it, and the faults
 *     → interface
 * </pre>
 * Nearest the stack, a tracer shows what the stack actually received (a corrupted frame as
 * corrupted, a dropped one not at all) and everything it sent, including frames the injector
 * then loses: the injector still has the stack write a dropped frame, so the tracer's
 * {@code tx:} line comes first and the fault line ({@code tx: dropped (drop-chance)}) after.
 * On receive the fault lines come first, then the frame as the stack got it; a received frame
 * the stack never gets is named on its fault line
 * ({@code rx: dropped (drop-chance): 192.168.69.100 > 192.168.69.1: ICMP echo request, ...}). A delayed frame
 * is shown when the stack sent it, beside its {@code tx: delayed 20ms} line. Register the
 * tracer as the injector's listener ({@code injector.setListener(tracer)}) to see the faults.
 * The pcap writer sits on the same side of the injector because {@code --pcap} records what
 * the stack saw; to record the wire instead, put a second one between the link and the injector.
 *
 * <p><b>Cost.</b> Off, it passes calls straight to the device it wraps. On, each accepted frame
 * is formatted into one reused {@link StringBuilder}; what the formatter allocates is its own
 * affair. Frames are traced in place, before the stack's receiver sees a received frame and
 * after the stack has written a transmitted one. Like every device it belongs to the event
 * loop's thread, and so do {@link #on} and {@link #off}.
 */
public final class Tracer extends FrameObserver implements FaultListener {
    private final FrameFormatter formatter;
    private final TraceSink sink;
    private final StringBuilder line = new StringBuilder(256);
    private FrameFilter filter;

    /** A tracer that is off until {@link #on} is called. */
    public Tracer(Device inner, FrameFormatter formatter, TraceSink sink) {
        super(inner);
        if (formatter == null || sink == null) {
            throw new IllegalArgumentException("a tracer needs a formatter and a sink");
        }
        this.formatter = formatter;
        this.sink = sink;
    }

    /** Starts tracing the frames {@code newFilter} accepts ({@link FrameFilter#ALL} for all); replaces any filter. */
    public void on(FrameFilter newFilter) {
        if (newFilter == null) {
            throw new IllegalArgumentException("a filter is required (FrameFilter.ALL for every frame)");
        }
        filter = newFilter;
    }

    /** Stops tracing. */
    public void off() {
        filter = null;
    }

    public boolean isOn() {
        return filter != null;
    }

    /** The filter in use; null when off. */
    public FrameFilter filter() {
        return filter;
    }

    @Override
    boolean observing() {
        return isOn();
    }

    /**
     * Shows a fault while tracing: always when no frame was taken (a transmit held back by the
     * rate limit), otherwise when the filter accepts the frame it happened to.
     */
    @Override
    public void onFault(FaultEvent event) {
        FrameFilter current = filter;
        if (current == null || (event.length() > 0 && !current.accepts(event.frame(), event.offset(), event.length()))) {
            return;
        }
        line.setLength(0);
        event.appendTo(line);
        if (event.hidesReceivedFrame()) {
            formatter.appendTo(line.append(": "), event.frame(), event.offset(), event.length());
        }
        sink.fault(event, line);
    }

    @Override
    void observe(long now, Direction direction, byte[] frame, int offset, int length) {
        if (!filter.accepts(frame, offset, length)) {
            return;
        }
        line.setLength(0);
        line.append(direction.label()).append(": ");
        formatter.appendTo(line, frame, offset, length);
        sink.frame(now, direction, frame, offset, length, line);
    }
}
