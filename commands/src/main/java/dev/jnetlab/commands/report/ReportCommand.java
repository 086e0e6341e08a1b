package dev.jnetlab.commands.report;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.ip.IfaceCommand;
import dev.jnetlab.commands.ip.StatsCommand;
import dev.jnetlab.commands.link.FaultCommand;
import dev.jnetlab.commands.plot.Pictures;
import dev.jnetlab.commands.udp.SocketsCommand;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code report FILE.html}: the session so far as one HTML file a student can hand in. */
@Command(name = "report", customSynopsis = "report FILE.html",
        description = "Writes the session so far to FILE.html, one file that needs nothing else (no network, no "
                + "script): the interface and its counters, the sockets and the faults, every recorded connection's "
                + "flow graph and plots, the last lines of the trace, and the running lab's progress.",
        footer = {"report session.html"})
public final class ReportCommand implements ConsoleCommand {
    private final ReportSources sources;

    @Parameters(paramLabel = "FILE.html")
    private String file;

    public ReportCommand() {
        this(ReportSources.NONE);
    }

    public ReportCommand(ReportSources sources) {
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /**
     * The report written.
     *
     * @param file        where
     * @param connections connections drawn
     * @param octets      its size
     */
    public record Written(String file, int connections, int octets) implements CommandResult {
        @Override
        public String text() {
            return "wrote " + file + " (" + connections + " connection" + (connections == 1 ? "" : "s") + ", "
                    + octets + " octets)";
        }
    }

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        if (!file.endsWith(".html") && !file.endsWith(".htm")) {
            throw new CommandException("the report is HTML: give a file name ending in .html, not " + file);
        }
        String html = html(session, sources);
        Pictures.write(file, html);
        return new Written(file, SessionPictures.of(session).size(), html.length());
    }

    /** The report's text. */
    public static String html(Session session, ReportSources sources) throws CommandException, InterruptedException {
        String iface = new IfaceCommand().execute(session).text();
        String stats = new StatsCommand().execute(session).text();
        String sockets = new SocketsCommand().execute(session).text();
        String faults = new FaultCommand().execute(session).text();
        List<SessionPictures.ConnectionPictures> connections = SessionPictures.of(session);
        Optional<String> lab = sources.lab(session);
        // The pair is one line between two boxes; a topology is worth its picture.
        Optional<String> network = session.stack((n, now) -> n.topology().isPresent()
                ? Optional.of(NetworkDiagram.svg(NetworkDiagram.of(n))) : Optional.<String>empty());
        return HtmlReport.render(iface, stats, sockets, faults, network, connections, sources.recentLines(), lab);
    }
}
