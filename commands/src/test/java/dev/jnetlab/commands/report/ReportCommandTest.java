package dev.jnetlab.commands.report;

import static dev.jnetlab.host.plot.SvgAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.standard.StandardCommands;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.NetworkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report FILE.html}: one self-contained file with every section and every connection's pictures. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private static final ReportSources SOURCES = new ReportSources() {
        @Override
        public List<String> recentLines() {
            return List.of("12:00:00.000000 tx tcp <SYN>", "line & more");
        }

        @Override
        public Optional<String> lab(Session session) {
            return Optional.of("lab tcp-handshake: step 2 of 4");
        }
    };

    private VirtualConsole console() {
        return new VirtualConsole(NetworkConfig.defaults(1),
                StandardCommands.registry().register(() -> new ReportCommand(SOURCES)));
    }

    @Test
    void holdsEverySectionAndEachConnectionsPicturesInline() throws Exception {
        VirtualConsole console = console();
        console.ok("tcp connect 192.168.69.100:7");
        console.ok("tcp send 1 hello");
        console.ok("sleep 1");
        Path file = dir.resolve("session.html");
        String said = console.ok("report " + file).text();
        assertTrue(said.startsWith("wrote " + file + " (1 connection,"), said);
        String html = Files.readString(file);
        for (String id : List.of("interface", "counters", "sockets", "faults", "connections", "tcp-1", "trace", "lab")) {
            assertTrue(html.contains("id=\"" + id + "\""), "section " + id);
        }
        assertTrue(html.contains("line &amp; more"), "the trace's lines, escaped");
        assertTrue(html.contains("step 2 of 4"), "the lab's progress");
        Matcher svg = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(html);
        int pictures = 0;
        while (svg.find()) {
            parse(svg.group());
            pictures++;
        }
        assertEquals(3, pictures, "the flow graph, the time-sequence graph, the congestion chart");
    }

    @Test
    void fetchesNothing() throws Exception {
        VirtualConsole console = console();
        console.ok("tcp connect 192.168.69.100:7");
        console.ok("sleep 1");
        Path file = dir.resolve("r.html");
        console.ok("report " + file);
        String html = Files.readString(file).replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("<script")
                || html.contains("<link") || html.contains("src="), "no address, script or link to fetch");
    }

    @Test
    void onATopologyItDrawsTheNetworkWithEveryNodeAndLink() throws Exception {
        VirtualConsole console = new VirtualConsole("routed", NetworkConfig.defaults(1),
                StandardCommands.registry().register(() -> new ReportCommand(SOURCES)));
        Path file = dir.resolve("routed.html");
        console.ok("report " + file);
        String html = Files.readString(file);
        Matcher section = Pattern.compile("<section id=\"network\">.*?(<svg .*?</svg>)", Pattern.DOTALL).matcher(html);
        assertTrue(section.find(), "a network section with its picture");
        String svg = section.group(1);
        parse(svg);
        for (String id : List.of("node-h1", "node-r1", "node-h2", "link-h1-r1", "link-r1-h2")) {
            assertTrue(svg.contains("id=\"" + id + "\""), id);
        }
    }

    @Test
    void withoutATopologyThereIsNoNetworkPicture() throws Exception {
        Path file = dir.resolve("pair.html");
        console().ok("report " + file);
        assertFalse(Files.readString(file).contains("id=\"network\""));
    }

    @Test
    void aMissingDirectoryIsSaidAsCaptureSaysIt() {
        Path file = dir.resolve("nowhere").resolve("x.html");
        console().failsWith("report " + file, "cannot write " + file + ": its directory does not exist");
    }

    @Test
    void refusesAFileThatIsNotHtml() {
        console().failsWith("report out.txt", "the report is HTML: give a file name ending in .html, not out.txt");
    }
}
