package dev.jnetlab.console.web;

import dev.jnetlab.commands.report.NetworkDiagram;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.Topology;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FrameMonitor;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames crossing the network's links, one line each, for the web view: on a topology
 * every link's, told by the {@link Topology} as each frame reaches a node; otherwise this
 * host's one link, seen by its {@link FrameMonitor}. Either way it is there only while someone
 * watches ({@link #attach} / {@link #detach}), so the packet path carries nothing for it
 * otherwise (ARCHITECTURE.md §4): unwatched, a topology's frame costs one test of a null field
 * and the pair's monitor has no listener. While watched, each frame costs one line of text,
 * and at most {@value #LIMIT} wait between two pushes (the rest are counted, not kept). Frames
 * arrive on the stack's thread, are taken on the pusher's.
 */
final class FrameFeed implements FrameMonitor.Listener, Topology.FrameWatcher {
    static final int LIMIT = 64;

    /**
     * One frame: which way it went on this host's link ({@code tx}, {@code rx}; {@code hop}
     * on a topology), the link it crossed, the node it reached, and the tracer's line for it.
     */
    record FrameLine(String direction, String link, String to, String line) {
    }

    private final Network network;
    private final List<FrameLine> pending = new ArrayList<>();
    private long skipped;

    FrameFeed(Network network) {
        this.network = network;
    }

    /** On the stack's thread: start seeing frames. */
    void attach() {
        if (network.topology().isPresent()) {
            network.topology().get().watchFrames(this);
        } else if (!network.link().monitor().isListening(this)) {
            network.link().monitor().add(this);
        }
    }

    /** On the stack's thread: stop. */
    void detach() {
        if (network.topology().isPresent()) {
            network.topology().get().watchFrames(null);
        } else {
            network.link().monitor().remove(this);
        }
        synchronized (pending) {
            pending.clear();
        }
    }

    @Override
    public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
        keep(direction.label(), NetworkDiagram.pairLink(network),
                direction == Direction.TX ? NetworkDiagram.pairPeer(network) : "this", frame, offset, length);
    }

    @Override
    public void crossed(long now, String link, String toNode, byte[] frame, int offset, int length) {
        keep("hop", link, toNode, frame, offset, length);
    }

    private void keep(String direction, String link, String to, byte[] frame, int offset, int length) {
        synchronized (pending) {
            if (pending.size() >= LIMIT) {
                skipped++;
                return;
            }
        }
        StringBuilder line = new StringBuilder(96);
        network.link().traceOutput().appendTo(line, frame, offset, length);
        synchronized (pending) {
            pending.add(new FrameLine(direction, link, to, line.toString()));
        }
    }

    /** The frames seen since the last call, and how many more were not kept. */
    List<FrameLine> take() {
        synchronized (pending) {
            List<FrameLine> out = new ArrayList<>(pending);
            if (skipped > 0) {
                out.add(new FrameLine("", "", "", "... and " + skipped + " more frames"));
                skipped = 0;
            }
            pending.clear();
            return out;
        }
    }
}
