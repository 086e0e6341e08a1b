package dev.jnetlab.commands.plot;

import dev.jnetlab.host.plot.SampleRing;
import static dev.jnetlab.host.plot.SvgAssertions.parse;
import static dev.jnetlab.host.plot.SvgAssertions.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.host.plot.Sample;
import dev.jnetlab.host.plot.SampleMark;
import dev.jnetlab.host.plot.TerminalChart;
import dev.jnetlab.stack.phy.Direction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code tcp plot H}, {@code tcp ladder H --svg FILE} and {@code plot pcap FILE} on the virtual
 * network: a transfer to the peer's discard service through a lossy link, drawn.
 */
class PlotCommandTest {
    /** Every segment sent, whatever its mark. */
    private static final String SENT = "//g[@class='data' or @class='retransmission' or @class='fast-retransmit' "
            + "or @class='rack' or @class='tlp']/line";

    @TempDir
    Path dir;

    /** A console that sent 40 segments to discard, a third of them dropped on the way. */
    private VirtualConsole lossyTransfer() {
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(3));
        console.ok("capture start " + dir.resolve("run.pcap"));
        console.ok("tcp connect 192.168.69.100:9");
        console.ok("fault drop 30");
        for (int i = 0; i < 40; i++) {
            console.ok("tcp send 1 segment-" + i);
            console.ok("sleep 0.01");
        }
        console.ok("sleep 5");
        console.ok("fault off");
        console.ok("sleep 20");
        console.ok("capture stop");
        return console;
    }

    /** Segments taking sequence space that connection 1 sent, as its ladder has them. */
    private static long sentSegments(VirtualConsole console) {
        long count = console.stack((network, now) -> network.ladders().ladder(
                network.ladders().handles().get(0)).orElseThrow().segments().stream()
                .filter(s -> s.direction() == Direction.TX && s.sequenceLength() > 0).count());
        assertTrue(count > 3, "the SYN and some data: " + count);
        return count;
    }

    @Test
    void theTimeSequenceGraphInAsciiShowsTheDataAndTheRetransmissions() {
        VirtualConsole console = lossyTransfer();
        String plot = console.ok("tcp plot 1 --ascii --width 90").text();
        List<String> lines = plot.lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.length() <= 90), plot);
        assertTrue(lines.size() >= TerminalChart.ROWS + 4, "title, rows, axis, its labels and the legend:\n" + plot);
        String drawing = String.join("\n", lines.subList(1, 1 + TerminalChart.ROWS));
        assertTrue(drawing.contains("|"), "data sent:\n" + plot);
        assertTrue(drawing.contains("R") || drawing.contains("T") || drawing.contains("K") || drawing.contains("F"),
                "a lossy link makes retransmissions:\n" + plot);
        assertTrue(String.join("\n", lines.subList(TerminalChart.ROWS + 3, lines.size())).contains("data sent"), plot);
    }

    @Test
    void aConnectionThatSentNoDataIsPlottedFromTheDataItReceived() {
        VirtualConsole console = new VirtualConsole();
        console.ok("tcp connect 192.168.69.100:19");
        console.ok("tcp recv 1 --count --wait 1");
        console.ok("tcp abort 1");
        String plot = console.ok("tcp plot 1 --ascii").text();
        List<String> lines = plot.lines().toList();
        assertTrue(lines.get(0).startsWith("tcp#1, the data it received (it sent none)"), plot);
        assertTrue(String.join("\n", lines.subList(1, 1 + TerminalChart.ROWS)).contains("|"), "chargen's data:\n" + plot);
    }

    @Test
    void aPlotOfMoreSegmentsThanAreKeptSaysItShowsTheLastOnes() {
        VirtualConsole console = new VirtualConsole();
        console.ok("tcp connect 192.168.69.100:9");
        for (int i = 0; i < 2; i++) {
            console.ok("tcp send 1 --file /bin/bash"); // some 880 segments out and 60 ACKs in, each time
            console.ok("sleep 2");
        }
        String title = console.ok("tcp plot 1 --ascii").text().lines().findFirst().orElseThrow();
        assertTrue(title.contains("(its last " + SampleRing.DEFAULT_CAPACITY + " segments; earlier ones are not kept)"),
                title);
        VirtualConsole small = new VirtualConsole();
        small.ok("tcp connect 192.168.69.100:7");
        small.ok("tcp send 1 hello");
        small.ok("sleep 0.1");
        String few = small.ok("tcp plot 1 --ascii").text().lines().findFirst().orElseThrow();
        assertTrue(few.equals("tcp#1") || !few.contains("not kept"), few);
    }

    @Test
    void withCwndItDrawsTheCongestionWindowAndTheRoundTripTimes() {
        VirtualConsole console = lossyTransfer();
        String plot = console.ok("tcp plot tcp#1 --cwnd --ascii").text();
        assertTrue(plot.contains("c cwnd") && plot.contains("f in flight"), plot);
        assertTrue(plot.contains("round-trip time") && plot.contains("o RTO"), plot);
    }

    @Test
    void theSvgOfThePlotAndOfTheLadderAreWellFormedPictures() throws Exception {
        VirtualConsole console = lossyTransfer();
        Path plot = dir.resolve("plot.svg");
        String said = console.ok("tcp plot 1 --svg " + plot).text();
        assertTrue(said.startsWith("wrote " + plot), said);
        Document svg = parse(Files.readString(plot));
        assertEquals(sentSegments(console), select(svg, SENT).getLength(), "one bar per segment sent");
        assertTrue(select(svg, "//path[@class='ack']").getLength() == 1);

        Path ladder = dir.resolve("ladder.svg");
        console.ok("tcp ladder 1 --svg " + ladder);
        Document flow = parse(Files.readString(ladder));
        assertTrue(select(flow, "//text[@class='state local' and text()='ESTABLISHED']").getLength() == 1);
        assertTrue(select(flow, "//g[contains(@class,'lost')]").getLength() > 0, "the drops are drawn lost");
    }

    @Test
    void plotPcapDrawsTheSameConnectionFromTheCapture() throws Exception {
        VirtualConsole console = lossyTransfer();
        String plot = console.ok("plot pcap " + dir.resolve("run.pcap") + " --ascii").text();
        assertTrue(plot.startsWith("* 1: 192.168.69.1:"), plot);
        assertTrue(plot.contains("-> 192.168.69.100:9"), plot);
        Path svg = dir.resolve("pcap.svg");
        Path flow = dir.resolve("pcap-ladder.svg");
        console.ok("plot pcap " + dir.resolve("run.pcap") + " --conn 1 --svg " + svg + " --ladder-svg " + flow);
        assertEquals(sentSegments(console), select(parse(Files.readString(svg)), SENT).getLength(),
                "the capture sits above the faults: it saw every segment the stack sent");
        assertTrue(select(parse(Files.readString(flow)), "//g[contains(@class,'segment') and contains(@class,'tx')]")
                .getLength() >= sentSegments(console), "the flow graph has every segment sent");
    }

    /**
     * 64 KiB to discard through a link that drops one frame in five: with SACK and RACK on (the
     * defaults), the stack's own loss recovery shows, marked as the socket said it sent them. At
     * one in five a tail is lost often enough that the run has a probe for 11 of seeds 1 to 12
     * (one in ten had one for 5 of them once RACK repaired more losses itself).
     */
    @Test
    void theStacksLossProbesAndRackRetransmissionsAreDrawnInTheirOwnMarks() throws Exception {
        Path bulk = dir.resolve("bulk.bin");
        Files.write(bulk, new byte[64 * 1024]);
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(8));
        console.ok("tcp connect 192.168.69.100:9");
        console.ok("sleep 0.1");
        console.ok("fault drop 20");
        console.ok("tcp send 1 --file " + bulk);
        console.ok("sleep 10");
        console.ok("fault off");
        console.ok("sleep 30");
        Set<SampleMark> marks = console.stack((network, now) -> network.ladders().samples(network.ladders().handles()
                .get(0)).orElseThrow()).stream().map(Sample::mark).collect(Collectors.toSet());
        assertTrue(marks.containsAll(Set.of(SampleMark.TLP, SampleMark.RACK)), marks.toString());
        Path svg = dir.resolve("marks.svg");
        console.ok("tcp plot 1 --svg " + svg);
        Document picture = parse(Files.readString(svg));
        assertEquals("T", select(picture, "//g[@class='tlp']/text").item(0).getTextContent());
        assertEquals("K", select(picture, "//g[@class='rack']/text").item(0).getTextContent());
        String ascii = console.ok("tcp plot 1 --ascii").text();
        assertTrue(ascii.contains("T tail loss probe") && ascii.contains("K SACK/RACK retransmit"), ascii);
    }

    @Test
    void badInputGetsOneLine() {
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(1));
        assertTrue(console.fails("plot pcap " + dir.resolve("none.pcap")).message().endsWith("none.pcap: no such file"));
        assertTrue(console.fails("tcp plot 7").message().contains("tcp#7"), "no such connection");
        console.ok("tcp connect 192.168.69.100:9");
        console.failsWith("tcp plot 1 --width 5", "--width: not a number from 40 to 1000: '5'");
    }
}
