package dev.jnetlab.commands.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.link.CaptureCommand.CaptureState;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.stack.phy.PcapReader;
import dev.jnetlab.stack.wire.OneLinePrinter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture and trace per node and per link on {@code routed} (h1 — r1 — h2), each capture read
 * back from its file: a link's file holds both directions, each frame once, in the order sent;
 * a node's file holds what that node's interface saw.
 */
class TopologyCaptureTest {
    final VirtualConsole console = new VirtualConsole("routed");
    @TempDir
    Path dir;

    static List<String> lines(Path file) throws Exception {
        OneLinePrinter printer = new OneLinePrinter();
        return PcapReader.read(file).records().stream().map(r -> printer.format(r.frame())).toList();
    }

    @Nested
    class OfALink {
        @Test
        void holdsBothDirectionsEachFrameOnceInTheOrderSent() throws Exception {
            Path file = dir.resolve("r1-h2.pcap");
            console.idle(20_000_000); // past IPv6's start-up (DAD, MLD reports, r1's advertisements) on routed
            console.ok("capture start link r1-h2 " + file);
            console.ok("ping -c 2 h2");
            CaptureState stopped = console.ok("capture stop link r1-h2", CaptureState.class);

            List<String> frames = lines(file);
            assertEquals(6, frames.size(), String.join("\n", frames));
            assertEquals(6, stopped.frames());
            assertTrue(frames.get(0).contains("ARP, Request who-has 10.0.2.10 tell 10.0.2.1"), frames.get(0));
            assertTrue(frames.get(1).contains("ARP, Reply 10.0.2.10 is-at"), frames.get(1));
            for (int i = 2; i < 6; i += 2) {
                assertTrue(frames.get(i).contains("10.0.1.10 > 10.0.2.10: ICMP echo request"), frames.get(i));
                assertTrue(frames.get(i + 1).contains("10.0.2.10 > 10.0.1.10: ICMP echo reply"), frames.get(i + 1));
            }
        }

        @Test
        void isNamedEitherWayRoundAndNothingElseCrossesIntoIt() throws Exception {
            Path file = dir.resolve("h2-r1.pcap");
            console.idle(20_000_000); // past IPv6's start-up (r1's advertisements, SLAAC's DAD, MLD reports) on routed
            console.ok("capture start link h2-r1 " + file);
            console.ok("capture start link h1-r1 " + dir.resolve("h1-r1.pcap"));
            console.ok("ping -c 1 -t 1 h2");
            console.ok("capture stop link h2-r1");
            console.ok("capture stop link r1-h1");

            assertEquals(List.of(), lines(file), "the ping died at r1: nothing on r1-h2");
            assertEquals(4, lines(dir.resolve("h1-r1.pcap")).size(), "ARP both ways, the request, time exceeded");
        }

        @Test
        void aWrongNameOrASecondStartIsOneLine() {
            console.failsWith("capture start link r1-h9 " + dir.resolve("x.pcap"), "no link called r1-h9 (links: h1-r1, r1-h2)");
            console.failsWith("capture start link r1-h2", "capture start link NAME FILE; 'topo' lists the links");
            console.failsWith("capture stop link r1-h2", "no capture is running on r1-h2 (capture start link r1-h2 FILE starts one)");
            console.ok("capture start link r1-h2 " + dir.resolve("a.pcap"));
            console.failsWith("capture start link r1-h2 " + dir.resolve("b.pcap"),
                    "a capture to " + dir.resolve("a.pcap") + " is running already (capture stop link r1-h2 ends it)");
        }

        @Test
        void onThePairThereAreNoLinksToName() {
            VirtualConsole pair = new VirtualConsole();
            pair.failsWith("capture start link this-peer " + dir.resolve("x.pcap"),
                    "links are captured on a topology ('jnetlab --topology lan|routed|wan|pmtu|dumbbell|FILE'); 'capture start FILE' "
                            + "captures this host's");
        }
    }

    @Nested
    class OfANode {
        @Test
        void nodeH2ThenCaptureStartCapturesH2sInterface() throws Exception {
            Path file = dir.resolve("h2.pcap");
            console.idle(20_000_000); // past IPv6's start-up (r1's advertisements, SLAAC's DAD, MLD reports) on routed
            console.ok("node h2");
            console.ok("capture start " + file);
            console.ok("h1: ping -c 1 h2");
            console.ok("capture stop");

            List<String> frames = lines(file);
            assertEquals(4, frames.size(), String.join("\n", frames));
            assertTrue(frames.get(0).contains("ARP, Request who-has 10.0.2.10 tell 10.0.2.1"), frames.get(0));
            assertTrue(frames.get(3).contains("10.0.2.10 > 10.0.1.10: ICMP echo reply"), frames.get(3));
        }

        @Test
        void traceOnTracesTheNodeThePromptIsOnFromItsSideAndStaysThereWhenThePromptMoves() {
            console.ok("node h2");
            console.ok("trace on icmp");
            console.ok("node h1");
            console.takeOutput();
            console.ok("ping -c 1 h2");

            List<String> traced = console.output().stream().filter(l -> l.contains("ICMP echo")).toList();
            assertEquals(2, traced.size(), String.join("\n", console.output()));
            assertTrue(traced.get(0).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{6} rx: IP 10\\.0\\.1\\.10 > 10\\.0\\.2\\.10: ICMP echo request.*"),
                    "h2 received the request: " + traced.get(0));
            assertTrue(traced.get(1).matches("\\S+ tx: IP 10\\.0\\.2\\.10 > 10\\.0\\.1\\.10: ICMP echo reply.*"),
                    "h2 sent the reply: " + traced.get(1));
        }
    }

    @Nested
    class TraceOfALink {
        @Test
        void printsEachFrameThatCrossesItWithTheWayItWent() {
            console.idle(20_000_000); // past IPv6's start-up on routed
            assertEquals("link h2-r1: trace on: icmp", console.ok("trace on link h2-r1 icmp").text());
            console.takeOutput();
            console.ok("ping -c 1 h2");

            List<String> traced = console.output().stream().filter(l -> l.contains("ICMP echo")).toList();
            assertEquals(2, traced.size(), String.join("\n", console.output()));
            assertTrue(traced.get(0).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{6} r1-h2 r1 > h2: IP 10\\.0\\.1\\.10 > 10\\.0\\.2\\.10: "
                    + "ICMP echo request.*"), traced.get(0));
            assertTrue(traced.get(1).matches("\\S+ r1-h2 h2 > r1: IP 10\\.0\\.2\\.10 > 10\\.0\\.1\\.10: ICMP echo reply.*"),
                    traced.get(1));
        }

        @Test
        void aPingThatDiesAtR1NeverCrossesTheLinkBeyondIt() {
            console.idle(20_000_000);
            console.ok("trace on link r1-h2");
            console.takeOutput();
            console.ok("ping -c 1 -t 1 h2");
            assertTrue(console.output().stream().noneMatch(l -> l.contains("r1-h2")), String.join("\n", console.output()));
        }

        @Test
        void offStopsItAndBadNamesAreOneLine() {
            console.idle(20_000_000);
            console.ok("trace on link r1-h2");
            assertEquals("link r1-h2: trace off", console.ok("trace off link r1-h2").text());
            console.takeOutput();
            console.ok("ping -c 1 h2");
            assertTrue(console.output().stream().noneMatch(l -> l.contains("r1-h2")), String.join("\n", console.output()));
            console.failsWith("trace on link r1-h9", "no link called r1-h9 (links: h1-r1, r1-h2)");
            console.failsWith("trace on link", "link: which link? (as 'topo' names it: trace on link r1-h2)");
            new VirtualConsole().failsWith("trace on link this-peer", "links are traced on a topology ('jnetlab --topology "
                    + "lan|routed|wan|pmtu|dumbbell|FILE'); 'trace on' traces this host's");
        }
    }
}
