package dev.jnetlab.commands.link;

import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.host.Link;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.Topology;
import dev.jnetlab.stack.phy.CaptureFileException;
import dev.jnetlab.stack.phy.FilterSyntaxException;
import dev.jnetlab.stack.phy.LinkCapture;
import dev.jnetlab.stack.phy.PcapFile;
import dev.jnetlab.stack.phy.PcapReader;
import dev.jnetlab.stack.phy.TraceFilter;
import dev.jnetlab.stack.wire.OneLinePrinter;
import dev.jnetlab.stack.phy.PcapWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "capture", customSynopsis = "capture | capture start FILE | capture start link NAME FILE | capture stop "
        + "[link NAME] | capture read FILE [FILTER]",
        description = "Writes every frame this host receives and sends to a pcap file (tcpdump -r and Wireshark read it); "
                + "on a topology, the node the prompt is on, or a link both ways.",
        footer = {"capture start /tmp/ping.pcap", "capture", "capture stop", "capture read /tmp/ping.pcap icmp",
                "capture start link r1-h2 /tmp/r1-h2.pcap"},
        subcommands = {CaptureCommand.Start.class, CaptureCommand.Stop.class, CaptureCommand.Read.class})
public final class CaptureCommand implements ConsoleCommand {

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> state(network.link()));
    }

    static CaptureState state(Link link) {
        PcapWriter writer = link.capture();
        Optional<PcapFile> file = writer.capture();
        String failure = writer.failure().map(CaptureFileException::getMessage).orElse(null);
        return file.map(f -> new CaptureState(true, f.path().toString(), f.frames(), failure))
                .orElseGet(() -> new CaptureState(false, null, 0, failure));
    }

    @Command(name = "start", customSynopsis = "capture start FILE | capture start link NAME FILE",
            description = "Starts writing every frame to FILE (replacing what it held): this node's, or on a topology "
                    + "those put on the link NAME, both ways.",
            footer = {"capture start ping.pcap", "capture start link r1-h2 r1-h2.pcap"})
    public static final class Start implements ConsoleCommand {
        @Parameters(paramLabel = "FILE", arity = "1..3")
        private List<String> words;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            Optional<String> linkName = linkName(words, 3, "capture start link NAME FILE");
            Path file = Path.of(words.get(words.size() - 1));
            if (linkName.isEmpty() && words.size() != 1) {
                throw new CommandException("capture start FILE, or capture start link NAME FILE; not '"
                        + String.join(" ", words) + "'");
            }
            Optional<String> running = session.stack((network, now) -> linkName.isPresent()
                    ? link(network, linkName.get()).capture().map(f -> f.path().toString())
                    : network.link().capture().capture().map(f -> f.path().toString()));
            if (running.isPresent()) {
                throw new CommandException("a capture to " + running.get() + " is running already ("
                        + (linkName.isPresent() ? "capture stop link " + linkName.get() : "capture stop") + " ends it)");
            }
            long epoch = session.stack((network, now) -> network.config().epochMicros());
            PcapFile pcap;
            try {
                pcap = PcapFile.create(file, epoch);
            } catch (CaptureFileException e) {
                throw new CommandException(e.getMessage());
            }
            return session.stack((network, now) -> {
                if (linkName.isPresent()) {
                    LinkCapture capture = link(network, linkName.get());
                    capture.start(pcap);
                    return state(capture);
                }
                network.link().capture().start(pcap);
                return state(network.link());
            });
        }
    }

    /**
     * The link a {@code capture} command names after the word {@code link}, or empty when its
     * words do not start with it; {@code words} is then {@code link NAME [FILE]}.
     */
    static Optional<String> linkName(List<String> words, int size, String usage) throws CommandException {
        if (words.isEmpty() || !words.get(0).equals("link")) {
            return Optional.empty();
        }
        if (words.size() != size) {
            throw new CommandException(usage + "; 'topo' lists the links");
        }
        return Optional.of(words.get(1));
    }

    /** The capture of the topology's link called {@code name}. */
    static LinkCapture link(Network network, String name) throws CommandException {
        Topology topology = network.topology().orElseThrow(() -> new CommandException(
                "links are captured on a topology ('jnetlab --topology " + BuiltinTopologies.MANY_NODES + "'); 'capture start FILE' "
                        + "captures this host's"));
        return topology.linkCapture(name).orElseThrow(() -> new CommandException("no link called " + name + " (links: "
                + String.join(", ", topology.wires().keySet()) + ")"));
    }

    static CaptureState state(LinkCapture capture) {
        Optional<PcapFile> file = capture.capture();
        String failure = capture.failure().map(CaptureFileException::getMessage).orElse(null);
        return file.map(f -> new CaptureState(true, f.path().toString(), f.frames(), failure))
                .orElseGet(() -> new CaptureState(false, null, 0, failure));
    }

    @Command(name = "stop", customSynopsis = "capture stop | capture stop link NAME",
            description = "Stops the capture (this node's, or the link NAME's) and closes its file.",
            footer = {"capture stop", "capture stop link r1-h2"})
    public static final class Stop implements ConsoleCommand {
        @Parameters(paramLabel = "link NAME", arity = "0..2")
        private List<String> words = List.of();

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            Optional<String> linkName = linkName(words, 2, "capture stop link NAME");
            if (linkName.isEmpty() && !words.isEmpty()) {
                throw new CommandException("capture stop, or capture stop link NAME; not '" + String.join(" ", words) + "'");
            }
            return session.stack((network, now) -> {
                if (linkName.isPresent()) {
                    LinkCapture capture = link(network, linkName.get());
                    if (capture.capture().isEmpty()) {
                        throw new CommandException(capture.failure().map(IOException::getMessage)
                                .orElse("no capture is running on " + linkName.get() + " (capture start link "
                                        + linkName.get() + " FILE starts one)"));
                    }
                    return stopped(capture::stop);
                }
                PcapWriter writer = network.link().capture();
                if (writer.capture().isEmpty()) {
                    throw new CommandException(writer.failure().map(IOException::getMessage)
                            .orElse("no capture is running (capture start FILE starts one)"));
                }
                return stopped(writer::stop);
            });
        }

        /** What stopping a capture closed. */
        private interface Stopping {
            PcapFile stop() throws CaptureFileException;
        }

        private static CaptureState stopped(Stopping stopping) throws CommandException {
            PcapFile closed;
            try {
                closed = stopping.stop();
            } catch (CaptureFileException e) {
                throw new CommandException(e.getMessage());
            }
            return new CaptureState(false, closed.path().toString(), closed.frames(), null);
        }
    }

    @Command(name = "read", customSynopsis = "capture read FILE [FILTER]",
            description = "Prints the frames of a pcap or pcapng file as the trace prints them (as tcpdump -r does), those FILTER "
                    + "matches (a trace on expression), with the seconds since the file's first frame.",
            footer = {"capture read /tmp/ping.pcap", "capture read /tmp/lab.pcap tcp and port 80"})
    public static final class Read implements ConsoleCommand {
        @Parameters(index = "0", paramLabel = "FILE")
        private Path file;
        @Parameters(index = "1..*", arity = "0..*", paramLabel = "FILTER")
        private List<String> filterWords = List.of();

        @Override
        public CommandResult execute(Session session) throws CommandException {
            TraceFilter filter = null;
            if (!filterWords.isEmpty()) {
                try {
                    filter = TraceFilter.parse(String.join(" ", filterWords));
                } catch (FilterSyntaxException e) {
                    throw new CommandException("FILTER: " + e.getMessage());
                }
            }
            PcapReader.Capture capture;
            try {
                capture = PcapReader.read(file);
            } catch (CaptureFileException e) {
                throw new CommandException(e.getMessage());
            }
            OneLinePrinter printer = new OneLinePrinter();
            List<Frame> frames = new ArrayList<>();
            long first = capture.records().isEmpty() ? 0 : capture.records().get(0).micros();
            for (PcapReader.Record record : capture.records()) {
                byte[] octets = record.frame();
                if (filter == null || filter.accepts(octets, 0, octets.length)) {
                    frames.add(new Frame(record.micros() - first, printer.format(octets)));
                }
            }
            return new Read.Frames(file.toString(), capture.records().size(), frames, capture.cutShort());
        }

        /** One frame as {@code capture read} prints it: @param micros since the file's first frame */
        public record Frame(long micros, String line) {
        }

        /**
         * @param total    frames in the file
         * @param shown    those the filter matched
         * @param cutShort whether the file ended inside a frame's record
         */
        public record Frames(String file, int total, List<Frame> shown, boolean cutShort) implements CommandResult {
            @Override
            public String text() {
                StringBuilder out = new StringBuilder();
                for (Frame frame : shown) {
                    out.append(String.format(java.util.Locale.ROOT, "%10.6f ", frame.micros() / 1e6)).append(frame.line())
                            .append('\n');
                }
                out.append(total).append(total == 1 ? " frame" : " frames").append(" in ").append(file);
                if (shown.size() != total) {
                    out.append(", ").append(shown.size()).append(" shown");
                }
                return out.append(cutShort ? "; the file ends inside a frame (a capture still running?)" : "").toString();
            }
        }
    }

    /**
     * @param capturing whether a capture is running
     * @param file      the capture's file: the running one, or the one just stopped; null when none
     * @param frames    frames written to it
     * @param failure   why the last capture stopped by itself (a full disk), or null
     */
    public record CaptureState(boolean capturing, String file, long frames, String failure) implements CommandResult {
        @Override
        public String text() {
            String frameCount = frames + (frames == 1 ? " frame" : " frames");
            if (capturing) {
                return "capturing to " + file + " (" + frameCount + " so far)";
            }
            String text = file == null ? "no capture is running" : "capture stopped: " + frameCount + " written to " + file;
            return failure == null ? text : text + "; " + failure;
        }
    }
}
