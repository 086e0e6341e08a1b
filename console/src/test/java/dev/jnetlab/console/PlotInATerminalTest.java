package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tcp plot} in a real terminal: tmux runs the console in a 90-column window, and the
 * plot is braille dots as wide as that window; with NO_COLOR or on an ASCII locale, plain ASCII. Under {@code CI=true}
 * a missing tmux fails the test instead of skipping it.
 */
class PlotInATerminalTest {
    private static final int SECONDS = 60;
    private static final int WIDTH = 90;

    private static List<String> plot(Path home, String environment) throws Exception {
        Path launcher = Tmux.consoleLauncher(home, environment + " ");
        try (Tmux tmux = new Tmux("plot", WIDTH, 40, home)) {
            tmux.waitFor("$", 10);
            tmux.enter("sh " + launcher);
            tmux.waitFor("jnetlab>", SECONDS);
            tmux.enter("tcp connect 192.168.69.100:9");
            tmux.waitFor("connected", SECONDS);
            tmux.enter("tcp send 1 hello");
            tmux.waitFor("queued 5 octets", SECONDS);
            tmux.enter("sleep 0.2");
            tmux.waitFor("jnetlab> sleep 0.2", SECONDS);
            tmux.enter("tcp plot 1");
            List<String> screen = tmux.waitFor("data sent", SECONDS);
            tmux.enter("quit");
            return screen;
        }
    }

    @Test
    void theTimeSequenceGraphIsBrailleAsWideAsTheWindow(@TempDir Path home) throws Exception {
        Tmux.require();
        List<String> screen = plot(home, "LC_ALL=C.UTF-8");
        assertTrue(screen.stream().anyMatch(row -> row.chars().anyMatch(c -> c > 0x2800 && c <= 0x28FF)),
                String.join("\n", screen));
        String axis = screen.stream().filter(row -> row.matches(" *\\+-+")).findFirst().orElseThrow();
        assertTrue(axis.length() == WIDTH, "the x axis runs to the window's edge: " + axis.length());
    }

    @Test
    void onAnAsciiLocaleItIsPlainAsciiToo(@TempDir Path home) throws Exception {
        Tmux.require();
        List<String> screen = plot(home, "LC_ALL=C");
        assertTrue(screen.stream().noneMatch(row -> row.contains("?")), "no braille turned into '?':\n"
                + String.join("\n", screen));
        assertTrue(screen.stream().anyMatch(row -> row.contains("| data sent")), String.join("\n", screen));
    }

    @Test
    void withNoColorItIsPlainAscii(@TempDir Path home) throws Exception {
        Tmux.require();
        List<String> screen = plot(home, "LC_ALL=C.UTF-8 NO_COLOR=1");
        assertTrue(screen.stream().noneMatch(row -> row.chars().anyMatch(c -> c >= 0x2800 && c <= 0x28FF)),
                String.join("\n", screen));
        assertTrue(screen.stream().anyMatch(row -> row.contains("| data sent")), String.join("\n", screen));
    }
}
