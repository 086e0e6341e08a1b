package dev.jnetlab.commands.craft;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import picocli.CommandLine.Command;

/** {@code send}: puts the last crafted frame on the link, as it is. */
@Command(name = "send", customSynopsis = "send",
        description = "Puts the frame the last 'craft' made on the link, as it is (again each time).",
        footer = {"craft icmp echo to 192.168.69.100 ttl 1", "send"})
public final class SendCommand implements ConsoleCommand {
    private final CraftedFrames frames;

    /** @param frames where the console keeps its last crafted frame, shared with the other crafting commands */
    public SendCommand(CraftedFrames frames) {
        this.frames = frames;
    }


    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        CraftedFrame frame = frames.last().orElseThrow(() ->
                new CommandException("nothing to send: 'craft LAYER WORDS...' makes a frame first"));
        Injection.send(session, frame);
        return new Sent(frame.length(), frame.line());
    }

    /**
     * @param length the frame's octets
     * @param line   the frame as the tracer prints it
     */
    public record Sent(int length, String line) implements CommandResult {
        @Override
        public String text() {
            return "sent " + length + " octets: " + line;
        }
    }
}
