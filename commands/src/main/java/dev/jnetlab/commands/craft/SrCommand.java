package dev.jnetlab.commands.craft;

import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.dns.Names;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.OneLinePrinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sr LAYER WORDS...}: crafts a frame as {@code craft} does, sends it, and waits for the
 * answer, as scapy's {@code sr1}: the first frame that answers it (and any that came with it),
 * or none when {@code --timeout} passes first. The frame is kept, so {@code send} repeats it.
 */
@Command(name = "sr", customSynopsis = "sr [--timeout SEC] tcp|udp|icmp|arp|raw WORDS...",
        description = "Crafts a frame (the words of 'craft'), sends it, waits for the answer and prints it, "
                + "as scapy's sr1 does.",
        footer = {"sr tcp to 192.168.69.100:7 flags S seq 1000", "sr icmp echo to 192.168.69.100 id 7 seq 1",
                "sr --timeout 0.5 tcp to 192.168.69.100:7 flags R seq 5"})
public final class SrCommand implements ConsoleCommand {
    private final CraftedFrames frames;

    /** @param frames where the console keeps its last crafted frame, shared with the other crafting commands */
    public SrCommand(CraftedFrames frames) {
        this.frames = frames;
    }

    static final double DEFAULT_TIMEOUT = 2;

    @Option(names = "--timeout", paramLabel = "SEC", description = "seconds to wait for the answer (default 2)")
    private double timeout = DEFAULT_TIMEOUT;

    @Parameters(index = "0", arity = "0..1", paramLabel = "tcp|udp|icmp|arp|raw")
    private String layer;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "FIELD")
    private List<String> words = new ArrayList<>();

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        if (!(timeout > 0 && timeout <= 3600)) {
            throw new CommandException("--timeout: SEC must be more than 0 and at most 3600, not " + Arguments.shown(timeout));
        }
        CraftedFrame frame = Injection.craft(session, DraftParser.parse(CraftCommand.all(layer, words),
                (word, text) -> Names.address(session, word, text)));
        frames.keep(frame);
        List<Injection.Answer> answers = Injection.exchange(session, frame, Micros.ofSeconds(timeout));
        OneLinePrinter printer = new OneLinePrinter();
        List<Answer> shown = new ArrayList<>();
        for (Injection.Answer answer : answers) {
            byte[] octets = answer.octets();
            shown.add(new Answer(printer.format(octets), answer.afterMicros() / 1000.0, Hex.compact(octets),
                    FrameFields.forJson(FrameFields.read(FrameFields.layerOf(octets), octets))));
        }
        return new Exchange(frame.line(), timeout, shown);
    }

    /**
     * One frame that answered.
     *
     * @param line   as the tracer prints it
     * @param timeMs how long after the frame was sent it came
     * @param hex    its octets
     * @param fields its fields, by the words of {@code craft}
     */
    public record Answer(String line, double timeMs, String hex, Map<String, Object> fields) {
    }

    /**
     * What {@code sr} sent and what answered it.
     *
     * @param sent       the frame sent, as the tracer prints it
     * @param timeoutSec how long it would have waited
     * @param answers    the answers, first first; empty when none came in time
     */
    public record Exchange(String sent, double timeoutSec, List<Answer> answers) implements CommandResult {
        @Override
        public String text() {
            StringBuilder out = new StringBuilder("sent: ").append(sent).append('\n');
            if (answers.isEmpty()) {
                return out.append("no answer within ").append(seconds(timeoutSec)).append(" s").toString();
            }
            out.append("received ").append(answers.size()).append(answers.size() == 1 ? " answer:" : " answers:");
            for (Answer answer : answers) {
                out.append('\n').append(answer.line()).append(String.format(Locale.ROOT, "  (%.3f ms)", answer.timeMs()));
            }
            return out.toString();
        }

        private static String seconds(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
    }
}
