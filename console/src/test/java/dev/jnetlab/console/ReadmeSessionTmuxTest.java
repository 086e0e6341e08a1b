package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's console session as a person types it, in a real terminal: tmux runs
 * {@code jnetlab} (this build's classes, on the virtual network) in an 80-column window, the
 * test types the README's commands, presses Tab and Ctrl-C, and reads the screen. Under
 * {@code CI=true} a missing tmux fails the test instead of skipping it.
 */
class ReadmeSessionTmuxTest {
    private static final int SECONDS = 60;

    @Test
    void theReadmesSessionAsAPersonTypesIt(@TempDir Path home) throws Exception {
        Tmux.require();
        Path launcher = Tmux.consoleLauncher(home, "");
        try (Tmux tmux = new Tmux("readme", 80, 40, home)) {
            tmux.waitFor("$", 10);
            tmux.enter("sh " + launcher);
            tmux.waitFor("jnetlab>", SECONDS);

            // Tab completes the command, as README's "Tab completes commands" says.
            tmux.type("pin");
            tmux.keys("Tab");
            tmux.waitFor("jnetlab> ping", 10);
            tmux.enter(" -c 3 192.168.69.100");
            tmux.waitFor("3 packets transmitted, 3 received, 0% packet loss", SECONDS);

            tmux.enter("arp");
            tmux.waitFor("192.168.69.100  02:00:00:00:00:02  REACHABLE", SECONDS);
            tmux.enter("udp bind 6969");
            tmux.waitFor("udp#1 bound to 0.0.0.0:6969", SECONDS);
            tmux.enter("udp send udp#1 192.168.69.100:7 hello\\n");
            tmux.waitFor("udp#1: sent 6 octets to 192.168.69.100:7", SECONDS);
            tmux.enter("sockets");
            // The peer's echo has answered: six octets wait in the receive queue.
            tmux.waitFor("udp#1   udp   *:6969  *:*     bound  6       0", SECONDS);
            tmux.enter("fault drop 100");
            tmux.waitFor("faults: drop 100%", SECONDS);
            tmux.enter("trace on icmp");
            tmux.waitFor("trace on: icmp", SECONDS);
            tmux.enter("ping -c 2 -W 1 192.168.69.100");
            tmux.waitFor("2 packets transmitted, 0 received, 100% packet loss", SECONDS);
            assertTrue(tmux.history().stream().anyMatch(l -> l.contains("tx: dropped")), "the trace shows the drops");
            tmux.enter("fault off");
            tmux.waitFor("faults: off", SECONDS);
            tmux.enter("trace off");

            // Ctrl-C cancels a command, and the screen shows one ^C, not the terminal's and the console's.
            tmux.enter("sleep 60");
            Thread.sleep(500);
            tmux.keys("C-c");
            tmux.waitFor("sleep cancelled", SECONDS);
            assertTrue(tmux.screen().stream().noneMatch(l -> l.contains("^C^C")), String.join("\n", tmux.screen()));

            // Help fits 80 columns: no line of it is wider, so the terminal breaks no word.
            tmux.enter("help tcp");
            tmux.waitFor("examples:", SECONDS);
            List<String> all = tmux.history();
            List<String> help = all.subList(all.lastIndexOf("jnetlab> help tcp"), all.size());
            assertTrue(help.size() > 10, help.toString());
            assertTrue(help.stream().allMatch(l -> l.length() <= 80),
                    "lines wider than 80 columns: " + help.stream().filter(l -> l.length() > 80).toList());

            // A bad command is one line in the console's words.
            tmux.enter("sleep abc");
            tmux.waitFor("SEC: 'abc' is not a number", SECONDS);

            tmux.waitFor("the status line", l -> l.startsWith("virtual0 192.168.69.1/24 | 1 socket"), SECONDS);
            tmux.enter("quit");
            tmux.waitFor("a shell prompt after quit", l -> l.equals("$"), SECONDS);
            List<String> screen = tmux.screen();
            assertFalse(screen.stream().anyMatch(l -> l.startsWith("virtual0 192.168.69.1/24 |")),
                    "the status line is gone:\n" + String.join("\n", screen));
        }
        // The history is $HOME's, not the JVM's user.home.
        List<String> history = Files.readAllLines(home.resolve(".jnetlab_history"));
        assertTrue(history.stream().anyMatch(l -> l.endsWith("udp bind 6969")), history.toString());
        assertEquals(1, history.stream().filter(l -> l.endsWith("arp")).count(), history.toString());
    }
}
