package dev.jnetlab.host;

import dev.jnetlab.stack.wire.OneLinePrinter;
import java.util.ArrayList;
import java.util.List;

/**
 * The frame events of a virtual network: a frame arriving at a node. Running, every frame
 * goes; paused, none does until {@link #allow} lets some through, and those are written down
 * as the tracer writes a frame, after the name of the node they reached. A
 * {@link Topology.FrameWatcher}, when one is set, sees every frame that reaches a node.
 */
final class FrameEvents {
    private final OneLinePrinter printer = new OneLinePrinter();
    private final List<String> stepped = new ArrayList<>();
    private boolean paused;
    /** The instant the network started: events say their time from it. */
    private long origin;
    private long allowance;
    /** Whoever watches frames cross the links (the web view), or null: then a frame costs one test of this field. */
    private Topology.FrameWatcher watcher;

    void setWatcher(Topology.FrameWatcher frameWatcher) {
        watcher = frameWatcher;
    }

    Topology.FrameWatcher watcher() {
        return watcher;
    }

    void setOrigin(long at) {
        origin = at;
    }

    boolean paused() {
        return paused;
    }

    void setPaused(boolean on) {
        paused = on;
        allowance = 0;
    }

    boolean mayDeliver() {
        return !paused || allowance > 0;
    }

    /** Lets {@code frames} more through while paused. */
    void allow(long frames) {
        allowance += frames;
    }

    /** Takes back what was allowed and not used. */
    void disallow() {
        allowance = 0;
    }

    long allowance() {
        return allowance;
    }

    void delivered(long now, String link, String node, byte[] frame, int offset, int length) {
        if (watcher != null) {
            watcher.crossed(now, link, node, frame, offset, length);
        }
        if (!paused) {
            return;
        }
        allowance--;
        StringBuilder line = new StringBuilder().append(node).append(' ');
        dev.jnetlab.stack.time.Micros.appendTo(line.append("at "), now - origin).append(" in: ");
        printer.appendTo(line, frame, offset, length);
        stepped.add(line.toString());
    }

    /** The events a step delivered since the last call, in order. */
    List<String> drain() {
        List<String> out = List.copyOf(stepped);
        stepped.clear();
        return out;
    }
}
