package dev.jnetlab.commands.plot;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.host.ladder.SvgLadder;
import dev.jnetlab.host.plot.CaptureConnections;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plot pcap FILE}: the same pictures as {@code tcp plot}, of a connection in a capture file. */
@Command(name = "plot", customSynopsis = "plot pcap FILE [--conn N] [--cwnd] [--svg FILE] [--ladder-svg FILE]",
        description = "Plots a TCP connection of a capture (jnetlab's --pcap or capture, tcpdump -w's pcap, "
                + "tshark's pcapng, -i any's Linux cooked frames), from the end that sent the data.",
        subcommands = PlotCommand.Pcap.class)
public final class PlotCommand {

    @Command(name = "pcap", customSynopsis = "plot pcap FILE [--conn N] [--cwnd] [--svg FILE] [--ladder-svg FILE] "
            + "[--width N] [--ascii]",
            description = "Plots connection N (default 1, in order of appearance) of capture FILE as 'tcp plot' does "
                    + "(--cwnd: the octets in flight the wire shows); the capture's connections are listed first.",
            footer = {"plot pcap run.pcap", "plot pcap run.pcap --conn 2 --svg conn2.svg"})
    public static final class Pcap implements ConsoleCommand {
        @Parameters(paramLabel = "FILE")
        private String file;
        @Option(names = "--conn", paramLabel = "N", description = "which connection (default 1)")
        private String conn;
        @Option(names = "--cwnd", description = "octets in flight over time")
        private boolean cwnd;
        @Option(names = "--svg", paramLabel = "FILE", description = "write the plot as SVG to FILE")
        private String svg;
        @Option(names = "--ladder-svg", paramLabel = "FILE", description = "write the connection's flow graph as SVG")
        private String ladderSvg;
        @Option(names = "--width", paramLabel = "N", description = "columns to draw in")
        private String width;
        @Option(names = "--ascii", description = "plain ASCII letters, no colour")
        private boolean ascii;

        @Override
        public CommandResult execute(Session session) throws CommandException {
            int number = conn == null ? 1 : Arguments.intInRange("--conn", conn, 1, Integer.MAX_VALUE);
            Integer columns = width == null ? null : Arguments.intInRange("--width", width, 40, 1000);
            PlotStyle style = PlotStyle.ofEnvironment().width(columns).ascii(ascii);
            CaptureConnections capture;
            try {
                capture = CaptureConnections.read(Path.of(file));
            } catch (InvalidPathException e) {
                throw new CommandException("not a file name: " + file);
            } catch (IOException e) {
                throw new CommandException(e.getMessage());
            }
            if (capture.connections().isEmpty()) {
                throw new CommandException(file + " has no TCP segment over IPv4 and Ethernet");
            }
            if (number > capture.connections().size()) {
                throw new CommandException("--conn " + number + ": " + file + " has " + capture.connections().size()
                        + " TCP connection" + (capture.connections().size() == 1 ? "" : "s"));
            }
            CaptureConnections.Recorded recorded;
            try {
                recorded = capture.record(number);
            } catch (IOException e) {
                throw new CommandException(e.getMessage());
            }
            CaptureConnections.Connection c = recorded.connection();
            String name = "connection " + number + " " + c.sender() + " -> " + c.receiver();
            if (ladderSvg != null) {
                Pictures.write(ladderSvg, SvgLadder.render(recorded.ladder()));
            }
            Pictures.Plot plot = Pictures.plot(name, recorded.samples(), cwnd, svg, style);
            StringBuilder list = new StringBuilder();
            for (CaptureConnections.Connection each : capture.connections()) {
                list.append(each.number() == number ? "* " : "  ").append(each.number()).append(": ")
                        .append(each.sender()).append(" -> ").append(each.receiver()).append(", ")
                        .append(each.segments()).append(" segments, ").append(each.octets()).append(" octets\n");
            }
            return new Pictures.Plot(plot.connection(), plot.samples(), plot.svg(),
                    plot.svg() == null ? list + plot.picture() : plot.picture());
        }
    }
}
