package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheUsageOfTheContractAndSucceeds() {
        assertEquals(0, run("--help"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Usage: jnetlab [DEVICE] [options]"), text);
        for (String option : List.of("--raw IFACE", "--ip CIDR", "--mac MAC", "--gateway IP", "--pcap FILE",
                "--drop-chance PCT", "--corrupt-chance PCT", "--size-limit OCTETS", "--tx-rate-limit PKTS",
                "--rx-rate-limit PKTS", "--shaping-interval MS", "--seed N", "--serve", "-c 'CMD; CMD'",
                "--script FILE", "--json", "--lab ID", "--tcpdump IFACE")) {
            assertTrue(text.contains(option), () -> "usage lacks " + option);
        }
    }

    @Test
    void badUsageExitsTwoWithOneLineAndAHint() {
        assertEquals(2, run("--ip", "nonsense"));
        assertEquals("jnetlab: --ip: 'nonsense' is not an address with a prefix, "
                + "as in 192.168.69.1/24\nTry 'jnetlab --help' for the options.\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tap0 tap1|jnetlab: 'tap1' is more than jnetlab takes",
        "--seed abc|jnetlab: --seed: 'abc' is not a whole number",
        "--serve --serve|jnetlab: --serve is given twice: give it once",
        "--bogus|jnetlab: jnetlab has no option --bogus",
        "--ip|jnetlab: --ip needs a value: --ip CIDR",
    })
    void badUsageIsSaidInTheConsolesWords(String args, String message) {
        assertEquals(2, run(args.split(" ")));
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith(message), said);
    }

    @Test
    void theHistoryFollowsHomeAsTheShellHasIt() {
        assertEquals(java.nio.file.Path.of("/home/ada/.jnetlab_history"), Main.historyFile("/home/ada", "/root"));
        assertEquals(java.nio.file.Path.of("/root/.jnetlab_history"), Main.historyFile(null, "/root"));
    }

    @Test
    void aDeviceThatCannotBeOpenedExitsThreeAndSaysWhy() {
        assertEquals(3, run("--tcpdump", "no-such-if0"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("jnetlab: "), message);
        assertTrue(message.contains("no-such-if0"), message);
    }

    @Test
    void colourOnlyOnARealTerminalAndNeverWithNoColorSet() {
        assertTrue(Main.colour(null, true, "xterm-256color"));
        assertFalse(Main.colour("", true, "xterm-256color"), "NO_COLOR set, even empty");
        assertFalse(Main.colour("1", true, "xterm-256color"));
        assertFalse(Main.colour(null, false, "xterm-256color"), "no console: output piped");
        assertFalse(Main.colour(null, true, "dumb"));
        assertFalse(Main.colour(null, true, "dumb-color"));
    }
}
