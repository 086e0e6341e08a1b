package dev.jnetlab.console.web;

import dev.jnetlab.host.Network;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FrameMonitor;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames crossing this host's link, one line each, for the web view: on the link's
 * {@link FrameMonitor} only while someone watches ({@link #attach} / {@link #detach}), so the
 * packet path carries nothing for it otherwise (ARCHITECTURE.md §4). While watched, each frame
 * costs one line of text, and at most {@value #LIMIT} wait between two pushes (the rest are
 * counted, not kept). Frames arrive on the stack's thread, are taken on the pusher's.
 */
final class FrameFeed implements FrameMonitor.Listener {
    static final int LIMIT = 64;

    /** One frame: which way, and the tracer's line for it. */
    record FrameLine(String direction, String line) {
    }

    private final Network network;
    private final List<FrameLine> pending = new ArrayList<>();
    private long skipped;

    FrameFeed(Network network) {
        this.network = network;
    }

    /** On the stack's thread: start seeing frames. */
    void attach() {
        if (!network.link().monitor().isListening(this)) {
            network.link().monitor().add(this);
        }
    }

    /** On the stack's thread: stop. */
    void detach() {
        network.link().monitor().remove(this);
        synchronized (pending) {
            pending.clear();
        }
    }

    @Override
    public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
        synchronized (pending) {
            if (pending.size() >= LIMIT) {
                skipped++;
                return;
            }
        }
        StringBuilder line = new StringBuilder(96);
        network.link().traceOutput().appendTo(line, frame, offset, length);
        synchronized (pending) {
            pending.add(new FrameLine(direction.label(), line.toString()));
        }
    }

    /** The frames seen since the last call, and how many more were not kept. */
    List<FrameLine> take() {
        synchronized (pending) {
            List<FrameLine> out = new ArrayList<>(pending);
            if (skipped > 0) {
                out.add(new FrameLine("", "... and " + skipped + " more frames"));
                skipped = 0;
            }
            pending.clear();
            return out;
        }
    }
}
