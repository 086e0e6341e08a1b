package dev.jnetlab.commands.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> COMMANDS = List.of("arp", "capture", "fault", "help", "iface", "ip",
            "lab", "ping", "quit", "route", "serve", "sleep", "sockets", "stats", "tcp", "trace", "udp");

    @Test
    void aSlipOfOneLetter() {
        assertEquals(List.of("ping"), Suggestions.closest("pign", COMMANDS));
        assertEquals(List.of("trace"), Suggestions.closest("tarce", COMMANDS));
        assertEquals(List.of("sockets"), Suggestions.closest("sokets", COMMANDS));
    }

    @Test
    void aPrefixSuggestsEveryCommandItStarts() {
        assertEquals(List.of("serve", "sleep", "sockets", "stats"), Suggestions.closest("s", COMMANDS));
        assertEquals(List.of("capture"), Suggestions.closest("cap", COMMANDS));
    }

    @Test
    void shortWordsOnlySuggestWhatIsOneEditAway() {
        assertEquals(List.of("tcp", "udp"), Suggestions.closest("ucp", COMMANDS));
        assertEquals(List.of(), Suggestions.closest("xyz", COMMANDS));
    }

    @Test
    void nothingCloseIsNothing() {
        assertEquals(List.of(), Suggestions.closest("frobnicate", COMMANDS));
    }

    @Test
    void distanceCountsASwapAsOneEdit() {
        assertEquals(1, Suggestions.distance("tcp", "tpc"));
        assertEquals(3, Suggestions.distance("", "arp"));
        assertEquals(0, Suggestions.distance("arp", "arp"));
    }
}
