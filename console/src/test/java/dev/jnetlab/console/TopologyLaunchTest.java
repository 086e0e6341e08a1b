package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jnetlab --topology NAME|FILE}, run in this process as the launcher runs it, in real time. */
class TopologyLaunchTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.run(List.of(args), new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void routedStartsOnH1AndReachesH2ThroughTheRouter() {
        assertEquals(0, run("--topology", "routed", "-c", "node; ping -c 1 h2; traceroute -q 1 h2"), err.toString());
        String text = out();
        assertTrue(text.contains("on h1 (hosts: h1, h2)"), text);
        assertTrue(text.contains("64 bytes from 10.0.2.10: icmp_seq=1 ttl=63"), text);
        assertTrue(text.contains(" 1  r1 (10.0.1.1)"), text);
        assertTrue(text.contains(" 2  h2 (10.0.2.10)"), text);
    }

    @Test
    void aLabOnATopologyStartsTheConsoleOnItAndItsSolutionPasses() {
        assertEquals(0, run("--lab", "routing", "-c", "topo; traceroute h2; lab check"), err.toString());
        assertTrue(out().contains("routed: 3 nodes, 2 links; the prompt is on h1"), out());
        assertTrue(out().contains("Step 1 of 3 done"), out());
    }

    @Test
    void aLabOnAnotherTopologyIsRefusedWithTheCommandThatStartsIt() {
        assertEquals(2, run("--topology", "lan", "--lab", "routing", "-c", "topo"));
        assertTrue(err.toString().contains("jnetlab: --lab routing: lab routing runs on the routed topology, and this "
                + "console is on lan; start it with 'jnetlab --topology routed --lab routing'"), err.toString());
    }

    @Test
    void aTopologyFileStartsAndASavedOneStartsTheSameNetwork() throws Exception {
        Path saved = dir.resolve("wan.yaml");
        assertEquals(0, run("--topology", "wan", "-c", "topo save " + saved), err.toString());
        out.reset();
        assertEquals(0, run("--topology", saved.toString(), "-c", "topo; h4: ping -c 1 h1"), err.toString());
        assertTrue(out().contains("wan: 8 nodes, 7 links; the prompt is on h1"), out());
        assertTrue(out().contains("ttl=62"), out());
    }

    @Test
    void aBadFileIsOneLineWithItsPlaceAndExitStatusTwo() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "nodes:\n  - {name: h1, kind: hub}\nlinks: []\n");
        assertEquals(2, run("--topology", file.toString(), "-c", "topo"));
        assertTrue(err.toString().contains(file + ":2:22: kind is host, router, switch or tap, not 'hub'"), err.toString());
    }

    @Test
    void anUnknownNameIsNeitherBuiltInNorAFile() {
        assertEquals(2, run("--topology", "mesh", "-c", "topo"));
        assertTrue(err.toString().contains("--topology mesh: neither a built-in topology (pair, lan, routed, wan, pmtu, dumbbell) nor a file"),
                err.toString());
    }

    @Test
    void aTopologyIsVirtualAndTakesNoDevice() {
        assertEquals(2, run("--topology", "lan", "tap0"));
        assertTrue(err.toString().contains("--topology is a virtual network: it takes no DEVICE or --raw"), err.toString());
    }
}
