package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jnetlab --web [PORT]} on the command line, and {@code report} in the console's registry. */
class WebLaunchTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void webPrintsTheUrlItServesAtStartAndTheConsoleWritesAReport() throws Exception {
        Path report = dir.resolve("r.html");
        assertEquals(0, run("--web", "0", "-c", "trace on tcp; tcp connect 192.168.69.100:7; sleep 0.1; report " + report),
                err.toString(StandardCharsets.UTF_8));
        String first = out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertTrue(first.matches("jnetlab: the live web view is at http://127\\.0\\.0\\.1:\\d+/"), first);
        assertTrue(Files.readString(report).contains("id=\"tcp-1\""), "the console's report command");
        assertTrue(Files.readString(report).contains("Flags [S]"), "with the trace lines the console said");
    }

    @Test
    void theReportHasTheRunningLabsStepAndItsReport() throws Exception {
        Path report = dir.resolve("lab.html");
        assertEquals(0, run("--lab", "tcp-handshake", "-c", "report " + report), err.toString(StandardCharsets.UTF_8));
        String html = Files.readString(report);
        String lab = html.substring(html.indexOf("<section id=\"lab\">"));
        assertTrue(lab.contains("lab tcp-handshake: step 1 of "), lab);
        assertTrue(!lab.contains("No lab is running"), lab);
    }

    @Test
    void withoutAPortItIsTheDefaultOnLoopback() throws Exception {
        LaunchOptions.Launch launch = LaunchOptions.parse(List.of("--web"));
        assertEquals(new LaunchOptions.Web(InetAddress.getLoopbackAddress(), LaunchOptions.DEFAULT_WEB_PORT),
                launch.web().orElseThrow());
        assertEquals(InetAddress.getByName("0.0.0.0"),
                LaunchOptions.parse(List.of("--web", "80", "--web-address", "0.0.0.0")).web().orElseThrow().address());
        assertTrue(LaunchOptions.parse(List.of()).web().isEmpty());
    }

    @Test
    void badWebOptionsAreOneLine() {
        assertEquals(2, run("--web", "http"));
        assertEquals("jnetlab: --web http: a port is a number from 0 to 65535 (0: any free port)",
                err.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
        err.reset();
        assertEquals(2, run("--web-address", "0.0.0.0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("jnetlab: --web-address is where --web listens"));
    }
}
