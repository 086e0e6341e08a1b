package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jnetlab -c}, {@code --script} and {@code --json} on the virtual network, run in this
 * process as the launcher runs them, in real time; and the exit statuses of ARCHITECTURE.md §5.
 */
class RunModesTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private int run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    private int run(InputStream in, String... args) {
        return Main.run(List.of(args), in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> out() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class Commands {

        @Test
        void labStartsWithTheLabLoadedAndItsChecksRunAfterEveryCommandWithAsciiMarks() {
            assertEquals(0, run("--lab", "arp-ping", "-c",
                    "arp flush; trace on arp or icmp; ping -c 3 -i 0.2 192.168.69.100; arp; lab status"), err());
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("arp-ping"), text);
            assertTrue(text.indexOf("arp-ping") < text.indexOf("PING 192.168.69.100"), "the lab comes first: " + text);
            assertTrue(text.contains("[x]"), "ASCII marks without a terminal: " + text);
            assertTrue(text.contains("[x] Step 1 is done"), text);
            assertFalse(text.contains("\u2713"), text);
            assertEquals("", err());
        }

        @Test
        void theLabCommandIsRegistered() {
            assertEquals(0, run("-c", "lab list"), err());
            String text = out.toString(StandardCharsets.UTF_8);
            for (String id : List.of("arp-ping", "udp-socat", "tcp-handshake", "fragmentation")) {
                assertTrue(text.contains(id), text);
            }
        }

        @Test
        void resultsAndOutputLinesArePrintedInOrder() {
            assertEquals(0, run("-c", "ping -c 3 -i 0.2 192.168.69.100; arp"), err());
            List<String> lines = out();
            assertEquals("PING 192.168.69.100 (192.168.69.100) 56(84) bytes of data.", lines.get(0));
            for (int seq = 1; seq <= 3; seq++) {
                assertTrue(lines.get(seq).startsWith("64 bytes from 192.168.69.100: icmp_seq=" + seq + " ttl=64 time="),
                        lines.get(seq));
            }
            assertEquals("--- 192.168.69.100 ping statistics ---", lines.get(4));
            assertTrue(lines.get(5).startsWith("3 packets transmitted, 3 received, 0% packet loss"), lines.get(5));
            assertTrue(lines.get(6).startsWith("rtt min/avg/max/mdev = "), lines.get(6));
            assertTrue(lines.get(7).startsWith("address         MAC                state      age"), lines.get(7));
            assertTrue(lines.get(8).startsWith("192.168.69.100  02:00:00:00:00:02  REACHABLE  "), lines.get(8));
            assertEquals("", err());
        }

        @Test
        void theFirstFailingCommandStopsTheRunWithStatusOneAndItsMessage() {
            assertEquals(1, run("-c", "fault drop 10; route add 10.0.0.0/8 via 10.9.9.9; fault"));
            assertEquals(List.of("faults: drop 10%"), out(), "nothing after the failure ran");
            assertEquals("jnetlab: IP: the gateway 10.9.9.9 is on none of the interface's networks [192.168.69.1/24]: "
                    + "it must be a neighbor\n", err());
        }

        @Test
        void aWrongCommandGetsItsUsageLineToo() {
            assertEquals(1, run("-c", "udp bind"));
            assertEquals("jnetlab: udp bind needs PORT\nusage: udp bind [ADDR:]PORT\n", err());
        }

        @Test
        void quitEndsEarlyAndSucceeds() {
            assertEquals(0, run("-c", "fault; quit; frobnicate"));
            assertEquals(List.of("faults: off"), out());
        }

        @Test
        void theLaunchOptionsConfigureTheStack() {
            assertEquals(0, run("--ip", "192.168.69.7/24", "--mac", "02:00:00:00:00:07", "--drop-chance", "20",
                    "--seed", "42", "-c", "iface; fault"));
            String text = String.join("\n", out());
            assertTrue(text.contains("link/ether 02:00:00:00:00:07"), text);
            assertTrue(text.contains("inet 192.168.69.7/24"), text);
            assertTrue(text.contains("seed 42"), text);
            assertTrue(text.contains("faults: drop 20%"), text);
        }

        @Test
        void ipGivenTwiceGivesAnAddressOfEachFamilyAndThePeerAnswersOnIpv6() {
            assertEquals(0, run("--ip", "192.168.69.7/24", "--ip", "fd00::7/64", "-c", "ping -c 1 -s 2000 fd00::100; iface"),
                    err());
            String text = String.join("\n", out());
            assertTrue(text.contains("inet 192.168.69.7/24"), text);
            assertTrue(text.contains("inet6 fd00::7/64 preferred manual"), text);
            assertTrue(text.contains("1 packets transmitted, 1 received"), text);
        }

        @Test
        void theSameSeedGivesTheSameEphemeralPort() {
            run("--seed", "5", "-c", "udp bind 0");
            List<String> first = out();
            out.reset();
            run("--seed", "5", "-c", "udp bind 0");
            assertEquals(first, out());
        }

        @Test
        void pcapCapturesFromTheStart() throws Exception {
            Path file = dir.resolve("run.pcap");
            assertEquals(0, run("--pcap", file.toString(), "-c", "ping -c 1 192.168.69.100"), err());
            assertEquals(24 + 16 + 42 + 16 + 42 + 2 * (16 + 98), Files.size(file), "ARP both ways, then the ping");
        }
    }

    @Nested
    class Scripts {

        @Test
        void aFileRunsLineByLineWithCommentsAndBlankLines() throws Exception {
            Path script = dir.resolve("demo.jnl");
            Files.writeString(script, "# a demo\n\nudp bind 6969   # the socket\nsockets\n");
            assertEquals(0, run("--script", script.toString()), err());
            assertEquals(List.of("udp#1 bound to 0.0.0.0:6969", "handle  kind  local   remote  state  recv-q  send-q",
                    "udp#1   udp   *:6969  *:*     bound  0       0"), out());
        }

        @Test
        void aFailureNamesItsLine() throws Exception {
            Path script = dir.resolve("bad.jnl");
            Files.writeString(script, "fault\n\nfault drop 200\nfault\n");
            assertEquals(1, run("--script", script.toString()));
            assertEquals("jnetlab: line 3: the drop chance must be a percentage from 0 to 100, not 200\n", err());
            assertEquals(List.of("faults: off"), out());
        }

        @Test
        void aLineThatCannotBeSplitFails() throws Exception {
            Path script = dir.resolve("quote.jnl");
            Files.writeString(script, "udp bind 7\nudp send 1 192.168.69.100:7 'open\n");
            assertEquals(1, run("--script", script.toString()));
            assertEquals("jnetlab: line 2: the quote ' is never closed\n", err());
        }

        @Test
        void dashReadsTheScriptFromStandardInput() {
            InputStream in = new ByteArrayInputStream("fault drop 5\nquit\nfault off\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(0, run(in, "--script", "-"), err());
            assertEquals(List.of("faults: drop 5%"), out());
        }

        @Test
        void withoutATerminalStandardInputIsReadAsAScript() {
            InputStream in = new ByteArrayInputStream("fault drop 5\nping -c 1 192.168.69.100\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(0, run(in), err());
            assertEquals("faults: drop 5%", out().get(0));
            assertFalse(out().stream().anyMatch(line -> line.contains("jnetlab>")), "no prompts: " + out());
        }

        @Test
        void aScriptThatDoesNotExistIsBadUsage() {
            assertEquals(2, run("--script", dir.resolve("none.jnl").toString()));
            assertEquals("jnetlab: cannot read the script " + dir.resolve("none.jnl") + ": there is no such file\n", err());
        }
    }

    @Nested
    class Json {

        @Test
        void withALabStandardOutputStillCarriesOnlyOneObjectPerCommand() throws Exception {
            assertEquals(0, run("--json", "--lab", "arp-ping", "-c",
                    "arp flush; trace on arp or icmp; ping -c 3 -i 0.2 192.168.69.100; arp; lab check"), err());
            List<String> lines = out();
            assertEquals(5, lines.size(), lines.toString());
            JsonNode check = json.readTree(lines.get(4));
            assertEquals("lab check", check.get("command").asText());
            assertTrue(check.get("result").get("stepDone").asBoolean(), lines.get(4));
            assertTrue(err().contains("Step 1 of 4 done"), "the lab's own lines go to standard error: " + err());
        }

        @Test
        void stdoutCarriesOneObjectPerCommandAndNothingElse() throws Exception {
            assertEquals(0, run("--json", "-c", "ping -c 2 -i 0.2 192.168.69.100; udp bind 6969; sockets; stats"), err());
            List<String> lines = out();
            assertEquals(4, lines.size(), lines.toString());
            List<String> commands = new ArrayList<>();
            for (String line : lines) {
                JsonNode node = json.readTree(line);
                assertTrue(node.get("ok").asBoolean(), line);
                commands.add(node.get("command").asText());
            }
            assertEquals(List.of("ping", "udp bind", "sockets", "stats"), commands);
            JsonNode ping = json.readTree(lines.get(0)).get("result");
            assertEquals(2, ping.get("received").asInt());
            assertEquals("udp#1", json.readTree(lines.get(1)).get("result").get("handle").asText());
            assertEquals("0.0.0.0:6969", json.readTree(lines.get(2)).get("result").get("sockets").get(0).get("local").asText());
            assertTrue(json.readTree(lines.get(3)).get("result").get("counters").has("frames_in"));
        }

        @Test
        void outputLinesGoToStandardError() {
            run("--json", "-c", "ping -c 1 192.168.69.100");
            assertTrue(err().startsWith("PING 192.168.69.100 (192.168.69.100) 56(84) bytes of data.\n64 bytes from"), err());
        }

        @Test
        void aFailureIsAnObjectToo() throws Exception {
            assertEquals(1, run("--json", "-c", "fault; ping; fault"));
            List<String> lines = out();
            assertEquals(2, lines.size());
            JsonNode failure = json.readTree(lines.get(1));
            assertEquals("ping", failure.get("command").asText());
            assertFalse(failure.get("ok").asBoolean());
            assertEquals("ping needs IP", failure.get("error").asText());
            assertEquals("ping [-c N] [-i SEC] [-s SIZE] [-t TTL] [-W SEC] IP", failure.get("usage").asText());
            assertEquals("", err());
        }

        @Test
        void scriptsToo() throws Exception {
            InputStream in = new ByteArrayInputStream("iface\nroute\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(0, run(in, "--json", "--script", "-"));
            assertEquals("virtual0", json.readTree(out().get(0)).get("result").get("name").asText());
            assertEquals("static", json.readTree(out().get(1)).get("result").get("routes").get(1).get("origin").asText());
        }
    }

    @Nested
    class ExitStatuses {

        @Test
        void aTapThatDoesNotExistIsThreeWithTheCommandsThatMakeIt() {
            assertEquals(3, run("nosuchtap9", "-c", "iface"));
            assertTrue(err().startsWith("jnetlab: cannot open nosuchtap9: "), err());
            assertTrue(err().contains("ip tuntap add name nosuchtap9 mode tap"), err());
            assertEquals("", out.toString(StandardCharsets.UTF_8));
        }

        @Test
        void aRawSocketOnNoInterfaceIsThree() {
            assertEquals(3, run("--raw", "nosuchif9", "-c", "iface"));
            assertTrue(err().startsWith("jnetlab: "), err());
            assertTrue(err().contains("nosuchif9"), err());
        }

        @Test
        void anUnknownLabIsBadUsageInOneLine() {
            assertEquals(2, run("--lab", "handshake", "-c", "iface"));
            assertEquals("jnetlab: --lab handshake: no lab 'handshake'; 'lab list' shows them\n", err());
            assertEquals("", out.toString(StandardCharsets.UTF_8), "no command ran");
        }

        @Test
        void serveStartsTheServerExampleAtLaunch() {
            assertEquals(0, run("--serve", "-c", "serve"));
            assertTrue(out().contains(Main.SERVING), out().toString());
            assertTrue(out().contains("this host: server-example on TCP and UDP 6969, 64-octet buffers, 0 connections"),
                    out().toString());
        }

        @Test
        void dhcpTakesTheAddressFromThePeersDhcpServerInsteadOfTheStaticOne() {
            assertEquals(0, run("--dhcp", "-c", "iface; ping -c 1 peer.lab"));
            String text = String.join("\n", out());
            assertTrue(text.contains("dhcp: BOUND 192.168.69.50/24 from 192.168.69.100"), text);
            assertTrue(text.contains("    inet 192.168.69.50/24\n    default via 192.168.69.100"), text);
            assertFalse(text.contains("inet 192.168.69.1/24"), text);
            assertTrue(text.contains("1 packets transmitted, 1 received"), text);
        }

        @Test
        void aConfigurationThatCannotWorkIsBadUsage() {
            assertEquals(2, run("--ip", "192.168.69.100/24", "-c", "iface"));
            assertEquals("jnetlab: 192.168.69.100 is the simulated peer's address on the virtual network: "
                    + "give this host another one\n", err());
        }

        @Test
        void aCaptureFileThatCannotBeMadeIsBadUsage() {
            Path file = dir.resolve("no/dir/x.pcap");
            assertEquals(2, run("--pcap", file.toString(), "-c", "iface"));
            assertEquals("jnetlab: --pcap: cannot create capture file " + file + ": its directory does not exist\n", err());
        }

        @Test
        void neverAStackTrace() {
            run("-c", "udp send 1 192.168.69.100:7 x");
            run("-c", "trace on (((");
            run("-c", "capture start /");
            assertFalse(err().contains("\tat "), err());
            assertFalse(err().contains("Exception"), err());
        }
    }
}
