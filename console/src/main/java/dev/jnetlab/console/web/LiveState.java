package dev.jnetlab.console.web;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.link.FaultCommand;
import dev.jnetlab.commands.report.NetworkDiagram;
import dev.jnetlab.commands.report.ReportSources;
import dev.jnetlab.commands.report.SessionPictures;
import java.util.ArrayList;
import java.util.List;

/**
 * What the web view shows at one moment: the network (every node and link, the faults on each
 * link, the prompt's node) as data and as its picture, the frames since the last moment with
 * the link each crossed, each connection's flow graph and time-sequence graph, the faults,
 * the lab, the last lines said. Its records are the JSON of each server-sent event.
 */
final class LiveState {

    record Connection(String handle, String title, int segments, String ladder, String plot) {
    }

    /**
     * @param sequence counts the events, so the page (and a test) sees that it changed
     */
    record Snapshot(long sequence, String device, String current, List<NetworkDiagram.Node> nodes,
                    List<NetworkDiagram.Link> links, String network, List<FrameFeed.FrameLine> frames,
                    List<Connection> connections, String faults, String lab, List<String> trace) {
    }

    private LiveState() {
    }

    static Snapshot of(long sequence, Session session, FrameFeed feed, ReportSources sources)
            throws CommandException, InterruptedException {
        NetworkDiagram.Diagram diagram = session.stack((network, now) -> NetworkDiagram.of(network));
        String current = diagram.nodes().stream().filter(NetworkDiagram.Node::current).map(NetworkDiagram.Node::name)
                .findFirst().orElse("");
        String device = session.stack((network, now) -> network.deviceName() + ": " + network.deviceDescription());
        List<Connection> connections = new ArrayList<>();
        for (SessionPictures.ConnectionPictures c : SessionPictures.of(session)) {
            connections.add(new Connection(c.handle(), c.title(), c.segments(), c.ladder(), c.timeSequence()));
        }
        String faults = new FaultCommand().execute(session).text();
        List<String> recent = sources.recentLines();
        return new Snapshot(sequence, device, current, diagram.nodes(), diagram.links(), NetworkDiagram.svg(diagram),
                feed.take(), connections, faults,
                sources.lab(session).orElse("no lab is running"),
                recent.subList(Math.max(0, recent.size() - 30), recent.size()));
    }
}
