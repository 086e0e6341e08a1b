package dev.jnetlab.commands.craft;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.text.Suggestions;
import dev.jnetlab.commands.text.SyntaxException;
import dev.jnetlab.commands.text.TextEscapes;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.Octets;
import dev.jnetlab.stack.wire.SackRange;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code LAYER WORDS...} into a {@link Draft}: each field word is followed by its value
 * ({@code seq 1000}, {@code to 192.168.69.100:7}, {@code opt mss=536,sack-ok}) except the bare
 * ones ({@code df}, {@code echo}). A value only has to fit its field: one that makes the frame
 * wrong (a bad checksum, a length that lies, SYN with RST) is what crafting is for. Anything
 * else is refused with one line that starts with the field's word.
 */
public final class DraftParser {
    private static final String FLAG_LETTERS = "FSRPA.UEWCN";
    private static final int[] FLAG_BITS = {TcpFlags.FIN, TcpFlags.SYN, TcpFlags.RST, TcpFlags.PSH, TcpFlags.ACK,
        TcpFlags.ACK, TcpFlags.URG, TcpFlags.ECE, TcpFlags.CWR, TcpFlags.CWR, TcpFlags.NS};

    private DraftParser() {
    }

    /**
     * How an address word ({@code to h2}) becomes an address: the console's names
     * ({@code Names.address}: a node of the topology, else DNS), or dotted quads only.
     */
    @FunctionalInterface
    public interface AddressNames {
        Ipv4Address address(String word, String text) throws CommandException, InterruptedException;
    }

    /** The draft that {@code words} (the layer first) describe, with dotted-quad addresses only. */
    public static Draft parse(List<String> words) throws CommandException {
        try {
            return parse(words, DraftParser::dottedQuad);
        } catch (InterruptedException e) {
            throw new AssertionError("a dotted quad is read without waiting", e);
        }
    }

    private static Ipv4Address dottedQuad(String word, String text) throws CommandException {
        try {
            return Ipv4Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(word + ": " + e.getMessage());
        }
    }

    /** The draft that {@code words} (the layer first) describe, its addresses read by {@code names}. */
    public static Draft parse(List<String> words, AddressNames names) throws CommandException, InterruptedException {
        if (words.isEmpty()) {
            throw new CommandException("LAYER: which layer? (" + layerWords() + ")");
        }
        CraftLayer layer = CraftLayer.of(words.get(0));
        if (layer == null) {
            throw new CommandException("LAYER: '" + words.get(0) + "' is not one of " + layerWords()
                    + Suggestions.didYouMean(words.get(0), layerWordList()));
        }
        Draft draft = new Draft(layer);
        if (layer == CraftLayer.RAW) {
            draft.put("raw", hex(String.join("", words.subList(1, words.size()))));
            return draft;
        }
        List<String> known = layer.words();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (!known.contains(word)) {
                throw new CommandException(word + ": not a field of " + layer.word() + " (fields: "
                        + String.join(", ", known) + ")" + Suggestions.didYouMean(word, known));
            }
            if (CraftLayer.isBare(word)) {
                bare(draft, word);
                continue;
            }
            if (i + 1 >= words.size()) {
                throw new CommandException(word + ": needs a value");
            }
            value(draft, word, words.get(++i), names);
        }
        for (String field : List.of("seq", "ack")) {
            if (draft.has(field + "-offset") && !draft.has("like")) {
                throw new CommandException(field + ": " + draft.get(field + "-offset", Long.class).orElseThrow()
                        + " counts from a connection's " + (field.equals("seq") ? "SND.NXT" : "RCV.NXT")
                        + ": name it with 'like H'");
            }
        }
        if (!draft.has("to") && !draft.has("like")) {
            throw new CommandException("to: where to? (" + layer.word() + " to IP" + (layer == CraftLayer.TCP
                    || layer == CraftLayer.UDP ? ":PORT" : "") + ")");
        }
        return draft;
    }

    private static String layerWords() {
        return String.join(", ", layerWordList());
    }

    private static List<String> layerWordList() {
        List<String> names = new ArrayList<>();
        for (CraftLayer layer : CraftLayer.values()) {
            names.add(layer.word());
        }
        return names;
    }

    private static void bare(Draft draft, String word) {
        switch (word) {
            case "df", "mf" -> draft.put(word, Boolean.TRUE);
            case "echo" -> draft.put("type", 8L);
            case "echo-reply" -> draft.put("type", 0L);
            case "request" -> draft.put("op", 1L);
            case "reply" -> draft.put("op", 2L);
            default -> throw new AssertionError(word);
        }
    }

    private static void value(Draft draft, String word, String text, AddressNames names)
            throws CommandException, InterruptedException {
        CraftLayer layer = draft.layer();
        switch (word) {
            case "to", "from" -> {
                boolean ports = layer == CraftLayer.TCP || layer == CraftLayer.UDP;
                endpoint(draft, word, text, ports, names);
            }
            case "to-mac", "from-mac", "src-mac", "dst-mac" -> draft.put(word, mac(word, text));
            case "flags" -> draft.put(word, flags(text));
            case "seq", "ack" -> {
                if (layer == CraftLayer.TCP && (text.startsWith("+") || text.startsWith("-"))) {
                    long offset = number(word, text.substring(1), 31);
                    draft.put(word + "-offset", text.startsWith("-") ? -offset : offset);
                } else {
                    draft.put(word, number(word, text, layer == CraftLayer.TCP ? 32 : 16));
                }
            }
            case "like" -> draft.put(word, text);
            case "win", "urg", "csum", "ip-id", "ip-csum", "len", "ip-len", "id", "op", "ethertype" ->
                    draft.put(word, number(word, text, 16));
            case "ttl", "tos", "proto", "type", "code" -> draft.put(word, number(word, text, 8));
            case "off" -> draft.put(word, number(word, text, 4));
            case "frag" -> {
                long octets = number(word, text, 16);
                if (octets % 8 != 0) {
                    throw new CommandException("frag: " + text + " is not a multiple of 8 (the offset is in 8-octet units)");
                }
                draft.put(word, octets);
            }
            case "opt" -> draft.put(word, options(text));
            case "data" -> {
                try {
                    draft.put(word, Octets.of(TextEscapes.decode(text)));
                } catch (SyntaxException e) {
                    throw new CommandException("data: " + e.getMessage());
                }
            }
            default -> throw new AssertionError(word);
        }
    }

    /** {@code IP}, {@code IP:PORT} or {@code :PORT} (from only); a port only where the layer has one; IP may be a name. */
    private static void endpoint(Draft draft, String word, String text, boolean ports, AddressNames names)
            throws CommandException, InterruptedException {
        int colon = text.lastIndexOf(':');
        String address = colon < 0 ? text : text.substring(0, colon);
        if (colon >= 0) {
            if (!ports) {
                throw new CommandException(word + ": " + draft.layer().word() + " has no ports: '" + text + "'");
            }
            draft.put(word.equals("to") ? "dport" : "sport", number(word + " port", text.substring(colon + 1), 16));
        } else if (ports && word.equals("to")) {
            throw new CommandException("to: which port? '" + text + "' (to IP:PORT)");
        }
        if (!address.isEmpty() || word.equals("to")) {
            draft.put(word, address.isEmpty() ? dottedQuad(word, address) : names.address(word, address));
        }
    }

    private static MacAddress mac(String word, String text) throws CommandException {
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(word + ": " + e.getMessage());
        }
    }

    /** A number of at most {@code bits} bits, in decimal or {@code 0x} hexadecimal. */
    static long number(String word, String text, int bits) throws CommandException {
        long max = (1L << bits) - 1;
        boolean hex = text.startsWith("0x") || text.startsWith("0X");
        String digits = hex ? text.substring(2) : text;
        long value;
        try {
            if (digits.isEmpty() || digits.length() > 10 || digits.charAt(0) == '+' || digits.charAt(0) == '-') {
                throw new NumberFormatException();
            }
            value = Long.parseLong(digits, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            throw new CommandException(word + ": not a number: '" + text + "' (0 to " + max + ", or 0x hexadecimal)");
        }
        if (value > max) {
            throw new CommandException(word + ": " + text + " does not fit in " + bits + " bits (0 to " + max + ")");
        }
        return value;
    }

    /**
     * TCP flags as letters, in any order: tcpdump's ({@code S}, {@code .} for ACK, {@code W} for
     * CWR) or scapy's ({@code A} for ACK, {@code C} for CWR); {@code none}; or a number.
     */
    static long flags(String text) throws CommandException {
        if (text.equals("none")) {
            return 0;
        }
        if (Character.isDigit(text.charAt(0))) {
            return number("flags", text, 9);
        }
        long bits = 0;
        for (char c : text.toCharArray()) {
            int at = FLAG_LETTERS.indexOf(Character.toUpperCase(c));
            if (at < 0) {
                throw new CommandException("flags: '" + c + "' in '" + text + "' is not a flag (F S R P A U E C N, "
                        + "or tcpdump's . for ACK and W for CWR; none for none)");
            }
            bits |= FLAG_BITS[at];
        }
        return bits;
    }

    /** {@code mss=536,sack-ok,wscale=7,ts=VAL:ECR,sack=LEFT-RIGHT/LEFT-RIGHT,nop}, in the order they go in the header. */
    static List<TcpOption> options(String text) throws CommandException {
        List<TcpOption> options = new ArrayList<>();
        int length = 0;
        for (String item : text.split(",", -1)) {
            int eq = item.indexOf('=');
            String name = eq < 0 ? item : item.substring(0, eq);
            String value = eq < 0 ? null : item.substring(eq + 1);
            TcpOption option = switch (name) {
                case "nop" -> TcpOption.NOP;
                case "sack-ok" -> TcpOption.SACK_PERMITTED;
                case "mss" -> new TcpOption.MaxSegmentSize((int) number("opt mss", need(name, value, "536"), 16));
                case "wscale" -> new TcpOption.WindowScale((int) number("opt wscale", need(name, value, "7"), 8));
                case "ts" -> timestamps(need(name, value, "VAL:ECR"));
                case "sack" -> sack(need(name, value, "LEFT-RIGHT"));
                default -> throw new CommandException("opt: '" + item + "' is not an option (mss=N, sack-ok, wscale=N, "
                        + "ts=VAL:ECR, sack=LEFT-RIGHT/..., nop)");
            };
            if (eq >= 0 && (option == TcpOption.NOP || option == TcpOption.SACK_PERMITTED)) {
                throw new CommandException("opt: " + name + " takes no value: '" + item + "'");
            }
            length += option.length();
            options.add(option);
        }
        if (length > 40) {
            throw new CommandException("opt: " + length + " octets of options, more than the 40 a TCP header holds");
        }
        return options;
    }

    private static String need(String name, String value, String example) throws CommandException {
        if (value == null || value.isEmpty()) {
            throw new CommandException("opt: " + name + " needs a value (" + name + "=" + example + ")");
        }
        return value;
    }

    private static TcpOption timestamps(String value) throws CommandException {
        String[] parts = value.split(":", -1);
        if (parts.length != 2) {
            throw new CommandException("opt: ts is ts=VAL:ECR, not ts=" + value);
        }
        return new TcpOption.Timestamps((int) number("opt ts", parts[0], 32), (int) number("opt ts", parts[1], 32));
    }

    private static TcpOption sack(String value) throws CommandException {
        List<SackRange> blocks = new ArrayList<>();
        for (String block : value.split("/", -1)) {
            String[] edges = block.split("-", -1);
            if (edges.length != 2) {
                throw new CommandException("opt: a SACK block is LEFT-RIGHT, not " + block);
            }
            blocks.add(new SackRange((int) number("opt sack", edges[0], 32), (int) number("opt sack", edges[1], 32)));
        }
        if (blocks.size() > 4) {
            throw new CommandException("opt: a SACK option has 1 to 4 blocks, not " + blocks.size());
        }
        return new TcpOption.Sack(blocks);
    }

    /** The octets of {@code craft raw HEX}: hex digits, with colons or nothing between octets. */
    private static Octets hex(String text) throws CommandException {
        String digits = text.replace(":", "");
        if (digits.isEmpty()) {
            throw new CommandException("HEX: the frame's octets in hexadecimal (raw 02000000000202000000000108 ...)");
        }
        if (digits.length() % 2 != 0) {
            throw new CommandException("HEX: " + digits.length() + " hex digits, an odd number: a digit is missing");
        }
        byte[] octets = new byte[digits.length() / 2];
        for (int i = 0; i < octets.length; i++) {
            int high = Character.digit(digits.charAt(2 * i), 16);
            int low = Character.digit(digits.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                throw new CommandException("HEX: '" + digits.substring(2 * i, 2 * i + 2) + "' is not a hex octet"
                        + (digits.length() > 2 ? " (in '" + text + "')" : ""));
            }
            octets[i] = (byte) (high << 4 | low);
        }
        return Octets.of(octets);
    }
}
