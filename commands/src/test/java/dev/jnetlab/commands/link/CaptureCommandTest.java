package dev.jnetlab.commands.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.link.CaptureCommand.CaptureState;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** capture: a pcap file of what this host received and sent, which tcpdump reads. */
class CaptureCommandTest {
    private final VirtualConsole console = new VirtualConsole();

    @TempDir
    Path dir;

    @Test
    void aPingCapturedIsReadBackByTcpdump() throws Exception {
        Path file = dir.resolve("ping.pcap");
        assertEquals(new CaptureState(true, file.toString(), 0, null), console.ok("capture start " + file, CaptureState.class));
        console.ok("ping -c 2 192.168.69.100");
        assertEquals("capturing to " + file + " (6 frames so far)", console.ok("capture").text());
        assertEquals("capture stopped: 6 frames written to " + file, console.ok("capture stop").text());

        ExternalTool.Output read = ExternalTool.require("tcpdump", "tcpdump").run(dir, "-nn", "-r", file.toString());
        assertEquals(0, read.exitStatus(), read.err().toString());
        List<String> lines = read.out();
        assertEquals(6, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("ARP, Request who-has 192.168.69.100 tell 192.168.69.1, length 28"), lines.get(0));
        assertTrue(lines.get(2).contains("IP 192.168.69.1 > 192.168.69.100: ICMP echo request"), lines.get(2));
        assertTrue(lines.get(3).contains("IP 192.168.69.100 > 192.168.69.1: ICMP echo reply"), lines.get(3));
    }

    @Test
    void framesOutsideTheCaptureAreNotInIt() throws Exception {
        Path file = dir.resolve("later.pcap");
        console.ok("ping -c 1 192.168.69.100");
        console.ok("capture start " + file);
        console.ok("ping -c 1 192.168.69.100");
        console.ok("capture stop");
        console.ok("ping -c 1 192.168.69.100");
        assertEquals(24 + 2 * (16 + 98), Files.size(file), "the file header and the two frames of one ping");
    }

    @Test
    void readPrintsTheFramesAsTheTraceDoesWithTheirTimesAndAFilter() {
        Path file = dir.resolve("read.pcap");
        console.ok("trace on; capture start " + file + "; ping -c 2 192.168.69.100; capture stop");
        List<String> traced = console.output().stream().filter(l -> l.contains(" tx: ") || l.contains(" rx: "))
                .map(l -> l.substring(l.indexOf("x: ") + 3)).toList();
        String text = console.ok("capture read " + file).text();
        List<String> lines = text.lines().toList();
        assertEquals(7, lines.size(), text);
        for (int i = 0; i < 6; i++) {
            assertEquals(traced.get(i), lines.get(i).substring(11), "frame " + (i + 1) + " as the trace printed it");
        }
        assertTrue(lines.get(0).startsWith("  0.000000 "), lines.get(0));
        assertEquals("6 frames in " + file, lines.get(6));
        String icmp = console.ok("capture read " + file + " icmp and src host 192.168.69.100").text();
        assertEquals(2, icmp.lines().filter(l -> l.contains("ICMP echo reply")).count(), icmp);
        assertTrue(icmp.endsWith("6 frames in " + file + ", 2 shown"), icmp);
    }

    @Test
    void readRefusesWhatIsNoPcapFileInOneLine() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "these are not frames at all");
        console.failsWith("capture read " + text, text + " is not a capture file (its first octets are neither pcap's"
                + " magic number nor a pcapng section header)");
        console.failsWith("capture read " + dir.resolve("none.pcap"), "cannot read " + dir.resolve("none.pcap")
                + ": no such file");
        Path file = dir.resolve("cut.pcap");
        console.ok("capture start " + file + "; ping -c 1 192.168.69.100; capture stop");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 10));
        assertTrue(console.ok("capture read " + file).text().endsWith("3 frames in " + file
                + "; the file ends inside a frame (a capture still running?)"));
        assertTrue(console.fails("capture read " + file + " tcp and").message().startsWith("FILTER: "));
    }

    @Test
    void statusWithoutACapture() {
        assertEquals("no capture is running", console.ok("capture").text());
    }

    @Test
    void oneCaptureAtATime() {
        Path file = dir.resolve("one.pcap");
        console.ok("capture start " + file);
        console.failsWith("capture start " + dir.resolve("two.pcap"),
                "a capture to " + file + " is running already (capture stop ends it)");
        assertTrue(Files.notExists(dir.resolve("two.pcap")), "the second file was not made");
    }

    @Test
    void stoppingWhatIsNotRunning() {
        console.failsWith("capture stop", "no capture is running (capture start FILE starts one)");
    }

    @Test
    void aFileThatCannotBeMadeSaysWhy() {
        Path file = dir.resolve("no/such/dir/x.pcap");
        console.failsWith("capture start " + file, "cannot create capture file " + file + ": its directory does not exist");
    }
}
