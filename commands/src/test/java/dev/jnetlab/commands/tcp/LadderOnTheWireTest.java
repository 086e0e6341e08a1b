package dev.jnetlab.commands.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.commands.testing.VirtualConsole;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code tcp ladder H} draws what happened on the wire: every segment the fault injector
 * dropped, either way, with the word {@code lost}; windows in octets, scaled; and the ladder
 * of a connection whose socket has gone (a passive close ends at its last ACK).
 */
class LadderOnTheWireTest {

    private static int count(String text, String word) {
        int n = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void everyFrameTheLinkDroppedIsDrawnLost() {
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(2));
        console.ok("tcp connect 192.168.69.100:7");
        console.ok("trace on tcp");
        console.ok("fault drop 30");
        for (int i = 0; i < 6; i++) {
            console.ok("tcp send 1 hello-" + i);
            console.ok("sleep 1");
        }
        console.ok("fault off");
        console.ok("sleep 20");
        String trace = String.join("\n", console.output());
        String ladder = console.ok("tcp ladder 1").text();
        int dropped = count(trace, "dropped (drop-chance)");
        assertTrue(dropped >= 2, "the seed drops some frames: " + trace);
        assertEquals(dropped, count(ladder, " lost "), "one 'lost' per frame the trace reports dropped:\n" + ladder);
        assertTrue(ladder.contains("X lost -") || ladder.contains("- lost X"), ladder);
        assertTrue(ladder.contains("retransmission"), ladder);
    }

    @Test
    void windowsAreDrawnScaled() {
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(1));
        console.ok("tcp connect 192.168.69.100:9");
        console.ok("tcp send 1 hello");
        console.ok("sleep 1");
        String ladder = console.ok("tcp ladder 1").text();
        Matcher win = Pattern.compile("win (\\d+)").matcher(ladder);
        int largest = 0;
        while (win.find()) {
            largest = Math.max(largest, Integer.parseInt(win.group(1)));
        }
        // discard's 256 KiB receive queue is a window only a scale can carry: the field alone is at most 65535.
        assertTrue(largest > 65535, "the peer's window in octets, scaled:\n" + ladder);
    }

    @Test
    void aPassiveCloseIsDrawnAfterTheSocketHasGone() {
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(1));
        console.ok("tcp connect 192.168.69.100:80");
        console.ok("tcp send 1 \"GET / HTTP/1.0\\r\\n\\r\\n\"");
        console.ok("sleep 1");
        console.ok("tcp recv 1");
        console.ok("tcp close 1");
        console.ok("sleep 1");
        assertFalse(console.ok("sockets").text().contains("tcp#1"), "the socket is gone after its last ACK");
        String ladder = console.ok("tcp ladder 1").text();
        assertTrue(ladder.contains("CLOSE-WAIT") && ladder.contains("LAST-ACK"), ladder);
        assertEquals(ladder, console.ok("tcp ladder tcp#1").text(), "by its printed handle too");
    }

    /**
     * RFC 8985 §7: the tail of a flight lost, the last segment goes again two round trips after
     * the last ACK, marked as the probe it is; the SACK it draws lets RACK repair the rest, all
     * long before the 200 ms retransmission timer (which would draw a plain retransmission).
     */
    @Test
    void aLostTailRepairedByATailLossProbeIsMarkedTlp() {
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(1));
        console.ok("tcp connect 192.168.69.100:9");
        console.ok("tcp set 1 nagle off");
        console.ok("tcp send 1 head");
        console.ok("sleep 0.0001");
        console.ok("fault drop 100 out tcp");
        console.ok("tcp send 1 " + "t".repeat(3000));
        console.ok("sleep 0.0001");
        console.ok("fault off");
        console.ok("sleep 2");
        String ladder = console.ok("tcp ladder 1").text();
        assertEquals(1, count(ladder, " TLP retransmit "), ladder);
        assertFalse(ladder.contains(" retransmission "), "no timeout:\n" + ladder);
        assertTrue(ladder.contains("ack 3005"), "the tail repaired:\n" + ladder);
    }

    /** RFC 8985 §6.2: the first segment lost, the SACKs of the later ones make RACK retransmit it, marked. */
    @Test
    void aLossRackFoundByTimeIsMarkedRack() {
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(1));
        console.ok("tcp connect 192.168.69.100:9");
        console.ok("tcp set 1 nagle off");
        console.ok("fault drop 100 out tcp");
        console.ok("tcp send 1 first");
        console.ok("sleep 0.0001");
        console.ok("fault off");
        console.ok("tcp send 1 second");
        console.ok("tcp send 1 third");
        console.ok("tcp send 1 fourth");
        console.ok("sleep 2");
        String ladder = console.ok("tcp ladder 1").text();
        assertEquals(1, count(ladder, " RACK retransmit "), ladder);
        assertFalse(ladder.contains(" retransmission ") || ladder.contains("TLP"), ladder);
        assertTrue(ladder.contains("ack 23"), "repaired:\n" + ladder);
    }
}
