package dev.jnetlab.console.web;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.link.FaultCommand;
import dev.jnetlab.commands.report.ReportSources;
import dev.jnetlab.commands.report.SessionPictures;
import dev.jnetlab.host.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * What the web view shows at one moment: the topology, the frames since the last moment, each
 * connection's flow graph and time-sequence graph, the faults, the lab, the last lines said.
 * Its records are the JSON of each server-sent event.
 */
final class LiveState {
    /** A node of the topology: this host, the peer. */
    record Node(String name, String address, String mac, String role) {
    }

    record Connection(String handle, String title, int segments, String ladder, String plot) {
    }

    /**
     * @param sequence counts the events, so the page (and a test) sees that it changed
     */
    record Snapshot(long sequence, String device, List<Node> nodes, List<FrameFeed.FrameLine> frames,
                    List<Connection> connections, String faults, String lab, List<String> trace) {
    }

    private LiveState() {
    }

    static Snapshot of(long sequence, Session session, FrameFeed feed, ReportSources sources)
            throws CommandException, InterruptedException {
        List<Node> nodes = session.stack((network, now) -> {
            List<Node> out = new ArrayList<>();
            out.add(new Node("this host", network.config().address().toString(), network.config().mac().toString(),
                    "console"));
            if (network.isVirtual()) {
                out.add(new Node("the peer", Network.PEER_ADDRESS.toString(), Network.PEER_MAC.toString(), "peer"));
            } else {
                out.add(new Node("the kernel", "behind " + network.deviceName(), "", "peer"));
            }
            return out;
        });
        String device = session.stack((network, now) -> network.deviceName() + ": " + network.deviceDescription());
        List<Connection> connections = new ArrayList<>();
        for (SessionPictures.ConnectionPictures c : SessionPictures.of(session)) {
            connections.add(new Connection(c.handle(), c.title(), c.segments(), c.ladder(), c.timeSequence()));
        }
        String faults = new FaultCommand().execute(session).text();
        List<String> recent = sources.recentLines();
        return new Snapshot(sequence, device, nodes, feed.take(), connections, faults,
                sources.lab(session).orElse("no lab is running"),
                recent.subList(Math.max(0, recent.size() - 30), recent.size()));
    }
}
