package dev.jnetlab.labs.check;

import dev.jnetlab.stack.wire.TcpFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** TCP flag names as lab files write them: {@code SYN}, {@code ACK}, ... */
public final class Flags {
    /** In header order, as RFC 9293 and RFC 3168 name them. */
    private static final Map<String, Integer> BY_NAME = Map.of(
            "FIN", TcpFlags.FIN, "SYN", TcpFlags.SYN, "RST", TcpFlags.RST, "PSH", TcpFlags.PSH,
            "ACK", TcpFlags.ACK, "URG", TcpFlags.URG, "ECE", TcpFlags.ECE, "CWR", TcpFlags.CWR, "NS", TcpFlags.NS);
    private static final List<String> ORDER = List.of("SYN", "FIN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS");

    private Flags() {
    }

    /** The names, in the order they are listed in errors. */
    public static List<String> names() {
        return ORDER;
    }

    /** The bit of a flag name (upper case), or -1. */
    public static int bit(String name) {
        return BY_NAME.getOrDefault(name, -1);
    }

    /** {@code "SYN, ACK"}. */
    public static String names(int bits) {
        List<String> names = new ArrayList<>();
        for (String name : ORDER) {
            if ((bits & BY_NAME.get(name)) != 0) {
                names.add(name);
            }
        }
        return String.join(", ", names);
    }
}
