package dev.jnetlab.labs.check;

import dev.jnetlab.stack.wire.TcpOptionReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TCP options as lab files name them, as a set of bits ({@code 1 << kind}): MSS (RFC 9293),
 * WS and TS (RFC 7323), SACK-PERMITTED and SACK (RFC 2018).
 */
public final class TcpOptionNames {
    private static final Map<String, Integer> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("MSS", TcpOptionReader.KIND_MSS);
        KINDS.put("WS", TcpOptionReader.KIND_WINDOW_SCALE);
        KINDS.put("SACK-PERMITTED", TcpOptionReader.KIND_SACK_PERMITTED);
        KINDS.put("SACK", TcpOptionReader.KIND_SACK);
        KINDS.put("TS", TcpOptionReader.KIND_TIMESTAMPS);
    }

    private TcpOptionNames() {
    }

    public static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }

    /** The bit of an option name, or 0. */
    public static int bit(String name) {
        Integer kind = KINDS.get(name);
        return kind == null ? 0 : 1 << kind;
    }

    /** The bit of an option kind as it appears on the wire (kinds above 30 have none). */
    public static int bitOfKind(int kind) {
        return kind >= 0 && kind < 31 ? 1 << kind : 0;
    }

    public static String names(int bits) {
        List<String> names = new ArrayList<>();
        KINDS.forEach((name, kind) -> {
            if ((bits & (1 << kind)) != 0) {
                names.add(name);
            }
        });
        return String.join(", ", names);
    }
}
