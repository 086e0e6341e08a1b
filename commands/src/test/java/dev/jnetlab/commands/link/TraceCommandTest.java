package dev.jnetlab.commands.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.link.TraceCommand.TraceState;
import dev.jnetlab.commands.testing.VirtualConsole;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** trace: every frame this host receives and sends, as lines in the output. */
class TraceCommandTest {
    private final VirtualConsole console = new VirtualConsole();

    private List<String> traceLines() {
        return console.output().stream().filter(line -> line.matches("(?s)\\d\\d:\\d\\d:\\d\\d\\.\\d{6} .*")).toList();
    }

    @Test
    void traceOnIcmpShowsTheEchoRequestsAndRepliesWithTimeAndDirection() {
        assertEquals("trace on: icmp", console.ok("trace on icmp").text());
        console.ok("ping -c 2 192.168.69.100");
        List<String> lines = traceLines();
        assertEquals(4, lines.size(), lines.toString());
        Pattern request = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{6} tx: IP 192\\.168\\.69\\.1 > 192\\.168\\.69\\.100: "
                + "ICMP echo request, id \\d+, seq 1, length 64");
        assertTrue(request.matcher(lines.get(0)).matches(), lines.get(0));
        assertTrue(lines.get(0).startsWith("00:00:00.000500 tx:"), "sent once ARP had answered: " + lines.get(0));
        assertTrue(lines.get(1).startsWith("00:00:00.001000 rx: IP 192.168.69.100 > 192.168.69.1: ICMP echo reply, id "),
                lines.get(1));
        assertTrue(lines.get(3).startsWith("00:00:01.000500 rx: "), lines.get(3));
    }

    @Test
    void theTraceLinesComeBeforeTheReplyLineThatTheyCaused() {
        console.ok("trace on icmp");
        console.ok("ping -c 1 192.168.69.100");
        List<String> output = console.output();
        assertTrue(output.get(1).contains(" tx: "), output.toString());
        assertTrue(output.get(2).contains(" rx: "), output.toString());
        assertTrue(output.get(3).startsWith("64 bytes from"), output.toString());
    }

    @Test
    void minusVShowsTheIpv4HeaderAsTcpdumpDoesWithTheAddressesOnASecondLine() {
        assertEquals("trace on: icmp, -v", console.ok("trace on -v icmp").text());
        console.ok("ping -c 1 -s 2000 192.168.69.100");
        List<String> lines = traceLines();
        assertTrue(lines.get(0).matches("(?s)\\S+ tx: IP \\(tos 0x0, ttl 64, id \\d+, offset 0, flags \\[\\+\\], proto ICMP \\(1\\), "
                + "length 1500\\)\n    192\\.168\\.69\\.1 > 192\\.168\\.69\\.100: ICMP echo request, id \\d+, seq 1, length 1480"),
                lines.get(0));
        assertTrue(lines.get(1).matches("(?s)\\S+ tx: IP \\(tos 0x0, ttl 64, id \\d+, offset 1480, flags \\[none\\], proto ICMP \\(1\\), "
                + "length 548\\)\n    192\\.168\\.69\\.1 > 192\\.168\\.69\\.100: ip-proto-1"), lines.get(1));
    }

    @Test
    void minusEShowsTheMacAddressesAndTheEtherType() {
        assertEquals("trace on: arp, -e", console.ok("trace on -e arp").text());
        console.ok("ping -c 1 192.168.69.100");
        assertEquals("00:00:00.000000 tx: 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: "
                + "Request who-has 192.168.69.100 tell 192.168.69.1, length 28", traceLines().get(0));
        assertEquals("00:00:00.000500 rx: 02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype ARP (0x0806), length 42: "
                + "Reply 192.168.69.100 is-at 02:00:00:00:00:02, length 28", traceLines().get(1));
    }

    @Test
    void bothLevelsTogetherWithAFilterAndTraceOnAgainWithoutThemDropsThem() {
        assertEquals("trace on: tcp and port 7, -v, -e", console.ok("trace on -v -e tcp and port 7").text());
        console.ok("tcp connect 192.168.69.100:7");
        String syn = traceLines().get(0);
        assertTrue(syn.matches("(?s)\\S+ tx: 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 \\(0x0800\\), length \\d+: "
                + "\\(tos 0x0, ttl 64, id \\d+, offset 0, flags \\[DF\\], proto TCP \\(6\\), length \\d+\\)\n    "
                + "192\\.168\\.69\\.1\\.\\d+ > 192\\.168\\.69\\.100\\.7: Flags \\[S\\], cksum 0x[0-9a-f]{4} \\(correct\\), seq .*"),
                syn);
        assertEquals("trace on: every frame", console.ok("trace on").text());
        console.takeOutput();
        console.ok("ping -c 1 192.168.69.100");
        assertTrue(traceLines().get(0).contains(" tx: IP 192.168.69.1 > 192.168.69.100: ICMP"), traceLines().get(0));
    }

    @Test
    void traceOnWithoutAFilterShowsArpToo() {
        assertEquals("trace on: every frame", console.ok("trace on").text());
        console.ok("ping -c 1 192.168.69.100");
        assertEquals("00:00:00.000000 tx: ARP, Request who-has 192.168.69.100 tell 192.168.69.1, length 28",
                traceLines().get(0));
        assertEquals("00:00:00.000500 rx: ARP, Reply 192.168.69.100 is-at 02:00:00:00:00:02, length 28", traceLines().get(1));
    }

    @Test
    void hexFollowsEachFrameWithItsOctets() {
        console.ok("trace on arp");
        assertEquals("trace on: arp, with hex", console.ok("trace hex on").text());
        console.ok("arp add 192.168.69.9 02:00:00:00:00:09; ping -c 1 -W 1 192.168.69.99");
        String first = console.output().stream().filter(line -> line.contains(" tx: ARP")).findFirst().orElseThrow();
        List<String> lines = first.lines().toList();
        assertEquals(4, lines.size(), first);
        assertEquals("\t0x0000:  ffff ffff ffff 0200 0000 0001 0806 0001  ................", lines.get(1));
        assertEquals("\t0x0020:  0000 0000 0000 c0a8 4563                 ........Ec", lines.get(3));
    }

    @Test
    void faultsAppearInTheTraceBesideTheirFrames() {
        console.ok("ping -c 1 192.168.69.100; fault drop 100; trace on icmp");
        console.takeOutput();
        console.ok("ping -c 1 -W 1 192.168.69.100");
        List<String> lines = traceLines();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(" tx: IP 192.168.69.1 > 192.168.69.100: ICMP echo request"), lines.get(0));
        assertTrue(lines.get(1).endsWith(" tx: dropped (drop-chance)"), lines.get(1));
    }

    @Test
    void traceOffStopsTheLines() {
        console.ok("trace on");
        assertEquals(new TraceState(false, false, "", false, false), console.ok("trace off", TraceState.class));
        console.ok("ping -c 1 192.168.69.100");
        assertEquals(List.of(), traceLines());
    }

    @Test
    void traceAloneSaysWhatIsTraced() {
        assertEquals("trace off", console.ok("trace").text());
        console.ok("trace on udp and port 53");
        assertEquals(new TraceState(true, false, "udp and port 53", false, false), console.ok("trace", TraceState.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "trace hex maybe;on|off: 'maybe' is not one of on, off",
        "trace on;",
    })
    void badInput(String line, String message) {
        if (message == null) {
            console.ok(line);
        } else {
            console.failsWith(line, message);
        }
    }

    @Test
    void aBadFilterSaysWhereAndWhatInOneLine() {
        String message = console.fails("trace on icmp and").message();
        assertTrue(message.startsWith("FILTER: "), message);
        assertEquals(1, message.lines().count(), message);
        assertEquals("trace off", console.ok("trace").text(), "a bad filter leaves the trace as it was");
    }
}
