package dev.jnetlab.commands.craft;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.dns.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code craft LAYER WORDS...}: builds a frame field by field, shows it as the tracer would
 * and in hex, and keeps it for {@code send}. Nothing goes on the link yet.
 */
@Command(name = "craft", customSynopsis = "craft tcp|udp|icmp|arp|raw WORDS...",
        description = {"Builds a frame from named fields, defaults filled in (this host's addresses, lengths, "
                + "checksums), shows it as the tracer would and in hex, and keeps it for 'send'. Wrong values are "
                + "allowed on purpose (csum 0, ip-len 99, flags SR).",
            "tcp: to IP:PORT from [IP][:PORT] like H (a connection's endpoints, SND.NXT, RCV.NXT; then seq +N, ack -N count "
                + "from them) flags S|SA|R|RA|F|FA|PA|... seq N ack N win N urg N "
                + "opt mss=N,sack-ok,wscale=N,ts=VAL:ECR,sack=L-R,nop off WORDS csum N data TEXT",
            "udp: to IP:PORT from [IP][:PORT] len N csum N data TEXT",
            "icmp: echo|echo-reply|type N code N to IP from IP id N seq N csum N data TEXT",
            "arp: request|reply|op N to IP to-mac MAC from IP from-mac MAC",
            "every IP layer: ttl N ip-id N tos N df mf frag OCTETS proto N ip-len N ip-csum N",
            "every layer: src-mac MAC dst-mac MAC ethertype N;  raw HEX: the whole frame"},
        footer = {"craft tcp to 192.168.69.100:7 flags S seq 1000 win 512 opt mss=536,sack-ok",
                "craft icmp echo to 192.168.69.100 ttl 1",
                "craft tcp like tcp#1 flags R seq +100      (a reset 100 octets into connection 1's window)",
                "craft udp to 192.168.69.100:7 data hello csum 0",
                "craft arp reply to 192.168.69.100 from 192.168.69.1 from-mac 02:00:00:00:00:09",
                "craft raw ffffffffffff020000000001 0806 ..."})
public final class CraftCommand implements ConsoleCommand {
    private final CraftedFrames frames;

    /** @param frames where the console keeps its last crafted frame, shared with the other crafting commands */
    public CraftCommand(CraftedFrames frames) {
        this.frames = frames;
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "tcp|udp|icmp|arp|raw")
    private String layer;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "FIELD")
    private List<String> words = new ArrayList<>();

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        CraftedFrame frame = Injection.craft(session, DraftParser.parse(all(layer, words),
                (word, text) -> Names.address(session, word, text)));
        frames.keep(frame);
        return Crafted.of(frame);
    }

    static List<String> all(String layer, List<String> words) {
        List<String> all = new ArrayList<>();
        if (layer == null) {
            return all;
        }
        all.add(layer);
        all.addAll(words);
        return all;
    }

    /**
     * A crafted frame.
     *
     * @param layer  the layer it was crafted as
     * @param length its octets
     * @param line   the frame as the tracer prints it
     * @param hex    its octets in hexadecimal, no spaces
     * @param fields every field read back from the octets, by the word that sets it
     */
    public record Crafted(String layer, int length, String line, String hex, Map<String, Object> fields)
            implements CommandResult {
        static Crafted of(CraftedFrame frame) {
            return new Crafted(frame.layer().word(), frame.length(), frame.line(), Hex.compact(frame.octets()),
                    FrameFields.forJson(FrameFields.read(frame.layer(), frame.octets())));
        }

        @Override
        public String text() {
            return line + "\n" + new CraftedFrame(CraftLayer.RAW, Hex.parse(hex)).hexDump()
                    + "\n" + length + " octets crafted: 'send' puts them on the link; 'sr' with the same words crafts, sends and waits for the answer";
        }
    }
}
