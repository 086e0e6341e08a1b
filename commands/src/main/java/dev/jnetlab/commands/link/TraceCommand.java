package dev.jnetlab.commands.link;

import java.util.Optional;
import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.host.Topology;
import dev.jnetlab.host.Network;
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

@Command(name = "trace", customSynopsis = "trace | trace on [-v] [-e] [link NAME] [FILTER] | trace off [link NAME] | "
        + "trace hex on|off",
        description = "Shows every frame this host receives (rx) and sends (tx), and every fault, as it happens.",
        footer = {"trace on", "trace on icmp", "trace on tcp and port 80", "trace on host 192.168.69.100 and not arp",
                "trace on -v icmp", "trace on -e arp", "trace hex on", "trace off", "trace on link r1-h2 icmp",
                "trace off link r1-h2"},
        subcommands = {TraceCommand.On.class, TraceCommand.Off.class, TraceCommand.Hex.class})
public final class TraceCommand implements ConsoleCommand {

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> state(network.link()));
    }

    /** The trace's state; its filter text is what was typed, normalised by the filter. */
    static TraceState state(Link link) {
        return state(link.tracer(), link.traceOutput());
    }

    private static TraceState state(Tracer tracer, TraceOutput output) {
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
            List<String> rest = new ArrayList<>(words);
            Optional<String> link = link(rest);
            String text = String.join(" ", rest);
            FrameFilter filter;
            try {
                filter = text.isBlank() ? FrameFilter.ALL : TraceFilter.parse(text);
            } catch (FilterSyntaxException e) {
                throw new CommandException("FILTER: " + e.getMessage());
            }
            return session.stack((network, now) -> {
                if (link.isPresent()) {
                    Topology.LinkTrace trace = linkTrace(network, link.get());
                    on(trace.tracer(), trace.output(), filter, text);
                    return new LinkTraceState(link.get(), state(trace.tracer(), trace.output()));
                }
                on(network.link().tracer(), network.link().traceOutput(), filter, text);
                return state(network.link());
            });
        }

        private void on(Tracer tracer, TraceOutput output, FrameFilter filter, String text) {
            output.setLevels(verbose, linkLevel);
            tracer.on(filter);
            output.setFilter(text.isBlank() ? "" : filter.toString());
        }
    }

    /** {@code link NAME} at the start of the words: the name, and the words after it left as the filter's. */
    private static Optional<String> link(List<String> words) throws CommandException {
        if (words.isEmpty() || !words.get(0).equals("link")) {
            return Optional.empty();
        }
        if (words.size() < 2) {
            throw new CommandException("link: which link? (as 'topo' names it: trace on link r1-h2)");
        }
        String name = words.get(1);
        words.subList(0, 2).clear();
        return Optional.of(name);
    }

    /** The trace of a topology's link, by the name 'topo' prints (either way round). */
    private static Topology.LinkTrace linkTrace(Network network, String name) throws CommandException {
        Topology topology = network.topology().orElseThrow(() -> new CommandException(
                "links are traced on a topology ('jnetlab --topology " + BuiltinTopologies.MANY_NODES + "'); "
                        + "'trace on' traces this host's"));
        return topology.linkTrace(name).orElseThrow(() -> new CommandException("no link called " + name + " (links: "
                + String.join(", ", topology.wires().keySet()) + ")"));
    }

    @Command(name = "off", customSynopsis = "trace off [link NAME]", description = "Stops tracing (this host, or a link).",
            footer = {"trace off", "trace off link r1-h2"})
    public static final class Off implements ConsoleCommand {
        @Parameters(arity = "0..2", paramLabel = "link NAME")
        private List<String> words = new ArrayList<>();

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            List<String> rest = new ArrayList<>(words);
            Optional<String> link = link(rest);
            if (!rest.isEmpty()) {
                throw new CommandException("trace off takes nothing or 'link NAME', not '" + String.join(" ", rest) + "'");
            }
            return session.stack((network, now) -> {
                if (link.isPresent()) {
                    Topology.LinkTrace trace = linkTrace(network, link.get());
                    trace.tracer().off();
                    trace.output().setFilter("");
                    return new LinkTraceState(link.get(), state(trace.tracer(), trace.output()));
                }
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

    /** A link's trace: its name and its state. */
    public record LinkTraceState(String link, TraceState state) implements CommandResult {
        @Override
        public String text() {
            return "link " + link + ": " + state.text();
        }
    }
}
