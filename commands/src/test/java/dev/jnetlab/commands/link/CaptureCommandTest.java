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
