package dev.jnetlab.commands.link;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.host.Link;
import dev.jnetlab.stack.phy.CaptureFileException;
import dev.jnetlab.stack.phy.PcapFile;
import dev.jnetlab.stack.phy.PcapWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "capture", customSynopsis = "capture | capture start FILE | capture stop",
        description = "Writes every frame this host receives and sends to a pcap file (tcpdump -r and Wireshark read it).",
        footer = {"capture start /tmp/ping.pcap", "capture", "capture stop"},
        subcommands = {CaptureCommand.Start.class, CaptureCommand.Stop.class})
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

    @Command(name = "start", customSynopsis = "capture start FILE",
            description = "Starts writing every frame to FILE (replacing what it held).",
            footer = {"capture start ping.pcap"})
    public static final class Start implements ConsoleCommand {
        @Parameters(paramLabel = "FILE")
        private Path file;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            Optional<String> running = session.stack((network, now) ->
                    network.link().capture().capture().map(f -> f.path().toString()));
            if (running.isPresent()) {
                throw new CommandException("a capture to " + running.get() + " is running already (capture stop ends it)");
            }
            long epoch = session.stack((network, now) -> network.config().epochMicros());
            PcapFile pcap;
            try {
                pcap = PcapFile.create(file, epoch);
            } catch (CaptureFileException e) {
                throw new CommandException(e.getMessage());
            }
            return session.stack((network, now) -> {
                network.link().capture().start(pcap);
                return state(network.link());
            });
        }
    }

    @Command(name = "stop", customSynopsis = "capture stop", description = "Stops the capture and closes its file.",
            footer = {"capture stop"})
    public static final class Stop implements ConsoleCommand {
        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> {
                PcapWriter writer = network.link().capture();
                if (writer.capture().isEmpty()) {
                    throw new CommandException(writer.failure().map(IOException::getMessage)
                            .orElse("no capture is running (capture start FILE starts one)"));
                }
                PcapFile closed;
                try {
                    closed = writer.stop();
                } catch (CaptureFileException e) {
                    throw new CommandException(e.getMessage());
                }
                return new CaptureState(false, closed.path().toString(), closed.frames(), null);
            });
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
