package dev.jnetlab.commands.link;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.host.Link;
import dev.jnetlab.host.TraceOutput;
import dev.jnetlab.stack.phy.FilterSyntaxException;
import dev.jnetlab.stack.phy.FrameFilter;
import dev.jnetlab.stack.phy.TraceFilter;
import dev.jnetlab.stack.phy.Tracer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trace", customSynopsis = "trace | trace on [-v] [-e] [FILTER] | trace off | trace hex on|off",
        description = "Shows every frame this host receives (rx) and sends (tx), and every fault, as it happens.",
        footer = {"trace on", "trace on icmp", "trace on tcp and port 80", "trace on host 192.168.69.100 and not arp",
                "trace on -v icmp", "trace on -e arp", "trace hex on", "trace off"},
        subcommands = {TraceCommand.On.class, TraceCommand.Off.class, TraceCommand.Hex.class})
public final class TraceCommand implements ConsoleCommand {

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> state(network.link()));
    }

    /** The trace's state; its filter text is what was typed, normalised by the filter. */
    static TraceState state(Link link) {
        Tracer tracer = link.tracer();
        TraceOutput output = link.traceOutput();
        return new TraceState(tracer.isOn(), output.hex(), tracer.isOn() ? output.filter() : "",
                tracer.isOn() && output.verbose(), tracer.isOn() && output.linkLevel());
    }

    @Command(name = "on", customSynopsis = "trace on [-v] [-e] [FILTER]",
            description = "Traces the frames FILTER accepts (all without one): arp, icmp, udp, tcp, ip6, icmp6, host IP, port N, "
                    + "src/dst, combined with and, or, not and parentheses.",
            footer = {"trace on", "trace on icmp", "trace on udp and port 6969", "trace on not arp",
                "trace on -v icmp      (IP id, offset, flags, TTL, as tcpdump -v)",
                "trace on -e arp       (MAC addresses and EtherType, as tcpdump -e)"})
    public static final class On implements ConsoleCommand {
        @Option(names = "-v", description = "the IPv4 header's fields (tos, ttl, id, offset, flags, proto, length) "
                + "and the TCP checksum, as tcpdump -v prints them")
        private boolean verbose;

        @Option(names = "-e", description = "the MAC addresses and EtherType of each frame, as tcpdump -e prints them")
        private boolean linkLevel;

        @Parameters(arity = "0..*", paramLabel = "FILTER")
        private List<String> words = new ArrayList<>();

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            String text = String.join(" ", words);
            FrameFilter filter;
            try {
                filter = text.isBlank() ? FrameFilter.ALL : TraceFilter.parse(text);
            } catch (FilterSyntaxException e) {
                throw new CommandException("FILTER: " + e.getMessage());
            }
            return session.stack((network, now) -> {
                network.link().traceOutput().setLevels(verbose, linkLevel);
                network.link().tracer().on(filter);
                network.link().traceOutput().setFilter(text.isBlank() ? "" : filter.toString());
                return state(network.link());
            });
        }
    }

    @Command(name = "off", customSynopsis = "trace off", description = "Stops tracing.", footer = {"trace off"})
    public static final class Off implements ConsoleCommand {
        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> {
                network.link().tracer().off();
                network.link().traceOutput().setFilter("");
                return state(network.link());
            });
        }
    }

    @Command(name = "hex", customSynopsis = "trace hex on|off",
            description = "Follows each traced frame with its octets, as tcpdump -XX prints them (or stops).",
            footer = {"trace hex on", "trace hex off"})
    public static final class Hex implements ConsoleCommand {
        @Parameters(paramLabel = "on|off")
        private String onOff;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            boolean on = Arguments.choice("on|off", onOff, "on", "off").equals("on");
            return session.stack((network, now) -> {
                network.link().traceOutput().setHex(on);
                return state(network.link());
            });
        }
    }

    /**
     * @param on     whether frames are being traced
     * @param hex    whether each frame is followed by a hex dump
     * @param filter the filter in use, empty for every frame (or when off)
     * @param verbose   whether lines carry the IPv4 header's fields ({@code -v})
     * @param linkLevel whether lines carry the MAC addresses and EtherType ({@code -e})
     */
    public record TraceState(boolean on, boolean hex, String filter, boolean verbose, boolean linkLevel)
            implements CommandResult {
        @Override
        public String text() {
            if (!on) {
                return "trace off" + (hex ? " (hex on)" : "");
            }
            return "trace on" + (filter.isEmpty() ? ": every frame" : ": " + filter) + (verbose ? ", -v" : "")
                    + (linkLevel ? ", -e" : "") + (hex ? ", with hex" : "");
        }
    }
}
