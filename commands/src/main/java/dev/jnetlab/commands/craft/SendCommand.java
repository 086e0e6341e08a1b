package dev.jnetlab.commands.craft;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.stack.rand.SplitMix64;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code send [-c N] [-i SEC] [--rand-source CIDR]}: puts the last crafted frame on the link,
 * as it is, or N times, each from a source drawn from CIDR, as hping3's {@code --rand-source}
 * does for a SYN flood (RFC 4987 §2).
 */
@Command(name = "send", customSynopsis = "send [-c N] [-i SEC] [--rand-source CIDR]",
        description = {"Puts the frame the last 'craft' made on the link, as it is (again each time).",
            "With -c N it is sent N times, -i SEC apart (default 0: one after the other). With --rand-source CIDR "
                + "each copy comes from an address of CIDR, and, for TCP and UDP unless the frame names its source "
                + "port, from a port from 1024 up, drawn from the console's seed (--seed): a flood of forged sources."},
        footer = {"craft icmp echo to 192.168.69.100 ttl 1", "send",
                "craft tcp to 10.0.1.10:80 flags S", "send -c 40 --rand-source 198.51.100.0/24"})
public final class SendCommand implements ConsoleCommand {
    /** The most copies one send puts on the link. */
    static final int MAX_COUNT = 100_000;
    /** The lowest source port drawn: above the well-known ones, as a forging tool does. */
    static final int LOWEST_PORT = 1024;

    private final CraftedFrames frames;

    /** @param frames where the console keeps its last crafted frame, shared with the other crafting commands */
    public SendCommand(CraftedFrames frames) {
        this.frames = frames;
    }

    @Option(names = "-c", paramLabel = "N", description = "how many copies (default 1)")
    private String count;

    @Option(names = "-i", paramLabel = "SEC", description = "seconds between copies (default 0)")
    private double interval;

    @Option(names = "--rand-source", paramLabel = "CIDR", description = "each copy from a random address of CIDR")
    private String randomSource;

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        int copies = count == null ? 1 : Arguments.intInRange("-c", count, 1, MAX_COUNT);
        if (!(interval >= 0 && interval <= 60)) {
            throw new CommandException("-i: SEC must be from 0 to 60, not " + Arguments.shown(interval));
        }
        Ipv4Cidr sources = randomSource == null ? null : Arguments.cidr("--rand-source", randomSource);
        CraftedFrame frame = frames.last().orElseThrow(() ->
                new CommandException("nothing to send: 'craft LAYER WORDS...' makes a frame first"));
        if (sources != null && !frame.hasIpSource()) {
            throw new CommandException("--rand-source: the last frame was crafted as " + frame.layer().word()
                    + ", which has no IP source to change (craft tcp, udp or icmp)");
        }
        long seed = session.stack((network, now) -> network.config().seed());
        SplitMix64 random = sources == null ? null : frames.sources(() -> seed);
        long gap = Micros.ofSeconds(interval);
        CraftedFrame sent = frame;
        for (int i = 0; i < copies; i++) {
            if (i > 0 && gap > 0) {
                session.driver().await(gap, now -> null);
            }
            sent = sources == null ? frame : frame.from(draw(sources, random),
                    LOWEST_PORT + random.nextInt(0x1_0000 - LOWEST_PORT));
            try {
                Injection.send(session, sent);
            } catch (CommandException e) {
                throw new CommandException(i == 0 ? e.getMessage() : "after " + i + " of " + copies + " frames: "
                        + e.getMessage() + (gap == 0 ? " (-i SEC spaces them out)" : ""));
            }
        }
        return new Sent(sent.length(), sent.line(), copies, randomSource == null ? null : sources.toString());
    }

    /**
     * An address of {@code network} drawn from {@code random}: not the network's own address nor
     * its broadcast, where it has them (a prefix up to /30), which no host uses.
     */
    static Ipv4Address draw(Ipv4Cidr network, SplitMix64 random) {
        int hostBits = 32 - network.prefixLen();
        int base = network.network().bits();
        if (hostBits == 0) {
            return network.network();
        }
        if (hostBits == 1) {
            return Ipv4Address.of(base + random.nextInt(2));
        }
        long hosts = (1L << hostBits) - 2;
        return Ipv4Address.of(base + 1 + random.nextInt((int) Math.min(hosts, Integer.MAX_VALUE)));
    }

    /**
     * @param length  the octets of a frame (the last one sent)
     * @param line    the last frame sent, as the tracer prints it
     * @param count   how many were sent
     * @param sources the network the sources were drawn from; null when the frame went as crafted
     */
    public record Sent(int length, String line, int count, String sources) implements CommandResult {
        @Override
        public String text() {
            if (count == 1 && sources == null) {
                return "sent " + length + " octets: " + line;
            }
            return "sent " + count + (count == 1 ? " frame" : " frames") + " of " + length + " octets"
                    + (sources == null ? "" : ", each from a random address of " + sources) + "; the last: " + line;
        }
    }
}
