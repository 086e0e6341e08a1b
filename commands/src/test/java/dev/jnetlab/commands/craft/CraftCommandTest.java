package dev.jnetlab.commands.craft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.craft.CraftCommand.Crafted;
import dev.jnetlab.commands.craft.SendCommand.Sent;
import dev.jnetlab.commands.craft.SrCommand.Exchange;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.time.Micros;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** craft, send and sr: frames made by hand, on the virtual network. */
class CraftCommandTest {
    private static final String PEER = "192.168.69.100";
    private final VirtualConsole console = new VirtualConsole();

    @Nested
    class Craft {
        @Test
        void buildsTheFrameOfTheIssueAndShowsItAsTheTracerWouldAndInHex() {
            Crafted crafted = console.ok("craft tcp to 192.168.69.100:7 flags S seq 1000 win 512 opt mss=536,sack-ok",
                    Crafted.class);
            assertEquals("IP 192.168.69.1.20 > 192.168.69.100.7: Flags [S], seq 1000, win 512, "
                    + "options [mss 536,sackOK,eol], length 0", crafted.line());
            assertEquals(14 + 20 + 28, crafted.length());
            List<String> lines = crafted.text().lines().toList();
            assertEquals(crafted.line(), lines.get(0));
            assertEquals("\t0x0000:  0200 0000 0002 0200 0000 0001 0800 4500  ..............E.", lines.get(1),
                    "to the peer's MAC, learnt by ARP, from this host's");
            assertTrue(lines.get(lines.size() - 1).startsWith("62 octets crafted"), crafted.text());
        }

        @Test
        void fillsInDefaultsAsScapyDoes() {
            Map<String, Object> fields = console.ok("craft tcp to 192.168.69.100:80", Crafted.class).fields();
            assertEquals(20L, fields.get("sport"));
            assertEquals((long) 0x002, fields.get("flags"), "SYN");
            assertEquals(8192L, fields.get("win"));
            assertEquals(64L, fields.get("ttl"));
            assertEquals("192.168.69.1", fields.get("from"));
            assertEquals("02:00:00:00:00:01", fields.get("src-mac"));
            assertEquals("02:00:00:00:00:02", fields.get("dst-mac"));
        }

        @Test
        void putsNothingOnTheLinkButArp() {
            console.ok("ping -c 1 192.168.69.100");
            console.ok("trace on");
            console.ok("craft icmp echo to 192.168.69.100 ttl 1");
            assertTrue(console.output().stream().noneMatch(line -> line.contains(" tx: ")), console.output().toString());
        }

        @Test
        void anArpRequestGoesToEveryoneAndAReplyToTheOneAsked() {
            assertEquals("ARP, Request who-has 192.168.69.100 tell 192.168.69.1, length 28",
                    console.ok("craft arp request to 192.168.69.100", Crafted.class).line());
            Crafted reply = console.ok("craft arp reply to 192.168.69.100 from 192.168.69.1 from-mac 02:00:00:00:00:09",
                    Crafted.class);
            assertEquals("ARP, Reply 192.168.69.1 is-at 02:00:00:00:00:09, length 28", reply.line());
            assertEquals("02:00:00:00:00:02", reply.fields().get("to-mac"));
        }

        @Test
        void rawTakesTheWholeFrameInHex() {
            Crafted raw = console.ok("craft raw ffffffffffff 020000000001 88b5 00", Crafted.class);
            assertEquals(15, raw.length());
            assertTrue(raw.line().contains("ethertype Unknown (0x88b5)"), raw.line());
        }

        @Test
        void wrongValuesAreAllowedOnPurposeAndShownAsWrong() {
            assertTrue(console.ok("craft tcp to 192.168.69.100:7 csum 0", Crafted.class).line()
                    .matches(".* \\[TCP: bad checksum 0x0000, should be 0x[0-9a-f]{4}\\]"));
            assertTrue(console.ok("craft udp to 192.168.69.100:7 data hello len 99", Crafted.class).line()
                    .contains("[UDP: length 99"));
            assertTrue(console.ok("craft tcp to 192.168.69.100:7 flags SR", Crafted.class).line()
                    .endsWith("[TCP: SYN with RST]"));
            assertTrue(console.ok("craft icmp echo to 192.168.69.100 ip-csum 0x1234", Crafted.class).line()
                    .contains("[IPv4: bad checksum 0x1234"));
        }

        @Test
        void theJsonFormCarriesTheLineTheOctetsAndEveryField() throws Exception {
            Outcome outcome = console.run("craft tcp to 192.168.69.100:7 flags S seq 1000 opt mss=536,sack-ok");
            JsonNode json = new ObjectMapper().readTree(new JsonResults().toJson(outcome));
            JsonNode result = json.has("result") ? json.get("result") : json;
            assertEquals(1000, result.at("/fields/seq").asLong(), json.toString());
            assertEquals("mss=536,sack-ok", result.at("/fields/opt").asText(), json.toString());
            assertEquals("tcp", result.get("layer").asText());
            assertTrue(result.get("hex").asText().startsWith("0200000000020200000000010800"), json.toString());
        }
    }

    /** Every field crafted is the field read back from the octets through the wire views. */
    @Nested
    class RoundTrip {
        static Stream<Arguments> everyField() {
            String ip = " ttl 7 ip-id 4660 tos 0xb8 df mf frag 1480 ip-len 1000 ip-csum 0xbeef proto 99";
            String ether = " src-mac 02:00:00:00:00:33 dst-mac 02:00:00:00:00:44 ethertype 0x0801";
            return Stream.of(
                    Arguments.of("tcp to 10.0.0.2:8080 from 10.0.0.1:1234 flags FSRPAUECN seq 4294967295 ack 123456 "
                            + "win 65535 urg 9 opt mss=1460,sack-ok,nop,wscale=14,ts=4000000000:1,sack=1-2/3-4 off 15 "
                            + "csum 0xabcd data \"hi\\x00there\"" + ip + ether),
                    Arguments.of("udp to 10.0.0.2:7 from 10.0.0.1:9 len 3 csum 0 data text" + ip + ether),
                    Arguments.of("icmp type 13 code 2 to 10.0.0.2 from 10.0.0.9 id 65535 seq 77 csum 0x0102 data x" + ip + ether),
                    Arguments.of("arp op 9 to 10.0.0.2 to-mac 02:00:00:00:00:55 from 10.0.0.1 from-mac 02:00:00:00:00:66" + ether),
                    Arguments.of("raw 0102030405060708090a0b0c0d0e0f"));
        }

        @ParameterizedTest
        @MethodSource("everyField")
        void everyGivenFieldReadsBackAsGiven(String line) throws CommandException {
            List<String> words = words(line);
            Draft draft = DraftParser.parse(words);
            byte[] octets = Hex.parse(console.ok("craft " + line, Crafted.class).hex());
            Map<String, Object> read = FrameFields.read(draft.layer(), octets);
            draft.given().forEach((field, value) -> assertEquals(value, read.get(field), field + " in " + line));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "tcp to 192.168.69.100:7 seq 0         | seq   | 0",
            "tcp to 192.168.69.100:7 flags SA      | flags | 18",
            "tcp to 192.168.69.100:7 flags S.      | flags | 18",
            "tcp to 192.168.69.100:7 flags none    | flags | 0",
            "tcp to 192.168.69.100:7 win 0x10      | win   | 16",
            "icmp echo-reply to 192.168.69.100     | type  | 0",
            "icmp echo to 192.168.69.100           | type  | 8",
            "arp reply to 192.168.69.100           | op    | 2",
        })
        void valuesAreReadAsWritten(String line, String field, long expected) {
            Crafted crafted = console.ok("craft " + line, Crafted.class);
            assertEquals(expected, FrameFields.read(CraftLayer.of(crafted.layer()), Hex.parse(crafted.hex())).get(field));
        }

        private List<String> words(String line) {
            List<String> words = new ArrayList<>();
            for (String word : line.split(" ")) {
                words.add(word.startsWith("\"") ? word.substring(1, word.length() - 1).replace("\\x00", "\0") : word);
            }
            return words;
        }
    }

    /** Nonsense is refused with one line that starts with the field it is about. */
    @Nested
    class Refusals {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "craft                                            | LAYER: which layer? (tcp, udp, icmp, arp, raw)",
            "craft tpc to 192.168.69.100:7                    | LAYER: 'tpc' is not one of tcp, udp, icmp, arp, raw (did you mean tcp?)",
            "craft tcp to 192.168.69.100:7 seq 4294967296     | seq: 4294967296 does not fit in 32 bits (0 to 4294967295)",
            "craft tcp to 192.168.69.100:7 seq -1             | seq: -1 counts from a connection's SND.NXT: name it with 'like H'",
            "craft icmp echo to 192.168.69.100 seq -1         | seq: not a number: '-1' (0 to 65535, or 0x hexadecimal)",
            "craft tcp like 7 flags R                         | no socket tcp#7 is open (no tcp socket is)",
            "craft icmp echo to 192.168.69.100 ttl 256        | ttl: 256 does not fit in 8 bits (0 to 255)",
            "craft tcp to 192.168.69.100:7 win lots           | win: not a number: 'lots' (0 to 65535, or 0x hexadecimal)",
            "craft tcp to 192.168.69.100:7 flags SX           | flags: 'X' in 'SX' is not a flag (F S R P A U E C N, or tcpdump's . for ACK and W for CWR; none for none)",
            "craft tcp to 192.168.69.100:7 opt mss            | opt: mss needs a value (mss=536)",
            "craft tcp to 192.168.69.100:7 opt foo=1          | opt: 'foo=1' is not an option (mss=N, sack-ok, wscale=N, ts=VAL:ECR, sack=LEFT-RIGHT/..., nop)",
            "craft tcp to 192.168.69.100:7 opt ts=1:1,ts=1:1,ts=1:1,ts=1:1,ts=1:1 | opt: 50 octets of options, more than the 40 a TCP header holds",
            "craft tcp to 192.168.69.100                      | to: which port? '192.168.69.100' (to IP:PORT)",
            "craft tcp flags S                                | to: where to? (tcp to IP:PORT)",
            "craft tcp to 192.168.69.300:7                    | to: not an IPv4 address: '192.168.69.300' (four numbers 0-255 separated by dots, like 192.168.69.1)",
            "craft icmp echo to 192.168.69.100:7              | to: icmp has no ports: '192.168.69.100:7'",
            "craft icmp echo to 192.168.69.100 frag 5         | frag: 5 is not a multiple of 8 (the offset is in 8-octet units)",
            "craft tcp to 192.168.69.100:7 seq                | seq: needs a value",
            "craft udp to 192.168.69.100:7 src-mac 02:00      | src-mac: not a MAC address: '02:00' (six hex octets separated by colons, like 02:00:00:00:00:01)",
            "craft raw 0102030                                | HEX: 7 hex digits, an odd number: a digit is missing",
            "craft raw 01zz                                   | HEX: 'zz' is not a hex octet (in '01zz')",
            "send                                             | nothing to send: 'craft LAYER WORDS...' makes a frame first",
        })
        void withOneLineNamingTheField(String line, String message) {
            Outcome.Failure failure = console.fails(line);
            assertEquals(message, failure.message(), line);
        }

        @Test
        void anUnknownFieldListsTheLayersFields() {
            String message = console.fails("craft udp to 192.168.69.100:7 flags S").message();
            assertEquals("flags: not a field of udp (fields: to, from, len, csum, data, ttl, ip-id, tos, df, mf, frag, "
                    + "proto, ip-len, ip-csum, src-mac, dst-mac, ethertype) (did you mean frag?)", message);
        }

        @Test
        void aNextHopThatDoesNotAnswerArpIsNamed() {
            assertEquals("dst-mac: 192.168.69.7 did not answer ARP within 1 s; give its MAC address with dst-mac MAC",
                    console.fails("craft tcp to 192.168.69.7:7").message());
        }

        @Test
        void aFrameLargerThanTheLinkCarriesIsRefusedWhenSent() {
            console.ok("craft raw " + "00".repeat(1515));
            assertEquals("length: 1515 octets, more than the 1514 of the largest frame this link carries",
                    console.fails("send").message());
        }
    }

    @Nested
    class Send {
        @Test
        void putsTheLastCraftedFrameOnTheLinkWhereTheTracerSeesIt() {
            console.ok("craft icmp echo to 192.168.69.100 id 7 seq 3");
            console.ok("trace on icmp");
            Sent sent = console.ok("send", Sent.class);
            assertEquals("sent 42 octets: IP 192.168.69.1 > 192.168.69.100: ICMP echo request, id 7, seq 3, length 8",
                    sent.text());
            console.idle(10_000);
            List<String> trace = console.output().stream().filter(line -> line.contains("x: IP")).toList();
            assertEquals(2, trace.size(), trace.toString());
            assertTrue(trace.get(0).endsWith("tx: IP 192.168.69.1 > 192.168.69.100: ICMP echo request, id 7, seq 3, length 8"));
            assertTrue(trace.get(1).endsWith("rx: IP 192.168.69.100 > 192.168.69.1: ICMP echo reply, id 7, seq 3, length 8"));
        }

        @Test
        void theFrameMonitorSeesItAsLabsAndLaddersDo() {
            List<Direction> seen = new ArrayList<>();
            console.ok("craft udp to 192.168.69.100:9 data x");
            console.stack((network, now) -> {
                network.link().monitor().add((at, direction, frame, offset, length) -> seen.add(direction));
                return null;
            });
            console.ok("send");
            assertEquals(List.of(Direction.TX), seen);
        }

        @Test
        void aBadChecksumReachesThePeerWhichDropsItAndCountsWhy() {
            console.ok("craft tcp to 192.168.69.100:7 csum 0; send");
            console.idle(10_000);
            long drops = console.stack((network, now) ->
                    network.peer().orElseThrow().iface().stats().get(InterfaceCounter.DROP_BAD_CHECKSUM));
            assertEquals(1, drops);
        }
    }

    /** send -c N --rand-source CIDR: a flood of forged sources, as hping3 --rand-source. */
    @Nested
    class Flood {
        /** The source addresses and ports of the frames this host sends while {@code line} runs. */
        private List<String> sourcesOf(VirtualConsole on, String line) {
            List<String> sources = new ArrayList<>();
            on.stack((network, now) -> {
                network.link().monitor().add((at, direction, frame, offset, length) -> {
                    if (direction == Direction.TX) {
                        Map<String, Object> fields = FrameFields.read(CraftLayer.UDP,
                                Arrays.copyOfRange(frame, offset, offset + length));
                        sources.add(fields.get("from") + ":" + fields.get("sport"));
                    }
                });
                return null;
            });
            on.ok(line);
            return sources;
        }

        @Test
        void sendsNCopiesEachFromAnAddressOfTheNetworkAndAPortFrom1024Up() {
            console.ok("craft udp to 192.168.69.100:9 data x");
            List<String> sources = sourcesOf(console, "send -c 50 --rand-source 198.51.100.0/24");
            assertEquals(50, sources.size());
            for (String source : sources) {
                String[] parts = source.split(":");
                assertTrue(parts[0].startsWith("198.51.100.") && !parts[0].endsWith(".0") && !parts[0].endsWith(".255"),
                        source);
                assertTrue(Integer.parseInt(parts[1]) >= 1024, source);
            }
            assertTrue(sources.stream().distinct().count() >= 49, () -> "forged sources vary: " + sources);
        }

        @Test
        void theSameSeedForgesTheSameSources() {
            VirtualConsole again = new VirtualConsole();
            console.ok("craft udp to 192.168.69.100:9 data x");
            again.ok("craft udp to 192.168.69.100:9 data x");
            assertEquals(sourcesOf(console, "send -c 5 --rand-source 10.9.0.0/16"),
                    sourcesOf(again, "send -c 5 --rand-source 10.9.0.0/16"));
        }

        @Test
        void aSourcePortTheFrameNamesIsKept() {
            console.ok("craft udp to 192.168.69.100:9 from :5353 data x");
            assertTrue(sourcesOf(console, "send -c 3 --rand-source 10.9.0.0/16").stream().allMatch(s -> s.endsWith(":5353")));
        }

        @Test
        void withoutRandSourceTheSameFrameGoesNTimes() {
            console.ok("craft udp to 192.168.69.100:9 from :4000 data x");
            List<String> sources = sourcesOf(console, "send -c 3");
            assertEquals(List.of("192.168.69.1:4000", "192.168.69.1:4000", "192.168.69.1:4000"), sources);
            assertEquals("sent 3 frames of 43 octets; the last: IP 192.168.69.1.4000 > 192.168.69.100.9: UDP, length 1",
                    console.ok("send -c 3").text());
        }

        @Test
        void aSynFloodFillsAListenersHalfOpenQueueAndTheRestAreAnsweredWithCookies() {
            VirtualConsole routed = new VirtualConsole("routed");
            routed.ok("tcp listen 80 --half-open 8");
            // r1 knows h1 already: a flood that finds it resolving loses what its ARP queue cannot hold.
            routed.ok("h2: ping -c 1 h1");
            routed.ok("h2: craft tcp to h1:80 flags S");
            assertEquals("sent 40 frames of 54 octets, each from a random address of 198.51.100.0/24; the last: ",
                    routed.ok("h2: send -c 40 --rand-source 198.51.100.0/24").text().replaceFirst("the last: .*", "the last: "));
            routed.idle(Micros.ofMillis(100));
            String shown = routed.ok("tcp show 1").text();
            assertTrue(shown.contains("0 of 128 waiting, 8 half-open (at most 8)"), shown);
            assertTrue(shown.contains("cookies:      32 sent, 0 validated, 0 rejected"), shown);
        }

        @Test
        void spacedOutByMinusIOnTheStacksClock() {
            console.ok("craft udp to 192.168.69.100:9 data x");
            long start = console.stack((network, now) -> now);
            console.ok("send -c 3 -i 0.5");
            long took = console.stack((network, now) -> now) - start;
            assertTrue(took >= Micros.ofMillis(1000) && took < Micros.ofMillis(1100), () -> "took " + took + " µs");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "send -c 0|-c: not a number from 1 to 100000: '0'",
            "send -i -1|-i: SEC must be from 0 to 60, not -1",
            "send --rand-source 10.9.0.0/33|--rand-source",
            "craft arp request to 192.168.69.100; send -c 2 --rand-source 10.9.0.0/16|--rand-source: the last frame was crafted as arp, which has no IP source to change (craft tcp, udp or icmp)"})
        void badOptionsAreOneLine(String lines, String message) {
            String[] commands = lines.split("; ");
            console.ok("craft udp to 192.168.69.100:9 data x");
            for (int i = 0; i < commands.length - 1; i++) {
                console.ok(commands[i]);
            }
            String got = console.fails(commands[commands.length - 1]).message();
            assertTrue(got.startsWith(message), got);
        }
    }

    /** like H: a segment in a connection's own numbers, as its next segment would carry them. */
    @Nested
    class LikeAConnection {
        private long[] numbers() {
            return console.stack((network, now) -> {
                var socket = network.local().sockets().get(dev.jnetlab.commands.args.Handles.find(network.local().sockets(),
                        "1", dev.jnetlab.stack.socket.tcp.TcpSocket.class, "a TCP connection"));
                var block = socket.controlBlock(now);
                return new long[] {block.sndNxt() & 0xFFFF_FFFFL, block.rcvNxt() & 0xFFFF_FFFFL,
                    socket.localEndpoint().port()};
            });
        }

        @Test
        void takesTheEndpointsSndNxtRcvNxtAndAck() {
            console.ok("tcp connect 192.168.69.100:7");
            long[] connection = numbers();
            Map<String, Object> fields = console.ok("craft tcp like 1", Crafted.class).fields();
            assertEquals(connection[0], fields.get("seq"));
            assertEquals(connection[1], fields.get("ack"));
            assertEquals(connection[2], fields.get("sport"));
            assertEquals(7L, fields.get("dport"));
            assertEquals((long) 0x010, fields.get("flags"), "ACK");
        }

        @Test
        void relativeNumbersCountFromThem() {
            console.ok("tcp connect 192.168.69.100:7");
            long[] connection = numbers();
            Map<String, Object> fields = console.ok("craft tcp like tcp#1 flags R seq +100 ack -1", Crafted.class).fields();
            assertEquals((connection[0] + 100) & 0xFFFF_FFFFL, fields.get("seq"));
            assertEquals((connection[1] - 1) & 0xFFFF_FFFFL, fields.get("ack"));
            assertEquals((long) 0x004, fields.get("flags"));
        }

        @Test
        void anInWindowResetIsAnsweredWithAChallengeAckAndTheExactOneResets() {
            console.ok("tcp connect 192.168.69.100:7");
            long[] connection = numbers();
            Exchange challenged = console.ok("sr tcp like 1 flags R seq +1", Exchange.class);
            assertEquals(1, challenged.answers().size(), challenged.text());
            assertEquals((long) 0x010, challenged.answers().get(0).fields().get("flags"), "a bare ACK: RFC 5961 §3.2");
            assertEquals(connection[0], challenged.answers().get(0).fields().get("ack"));
            assertTrue(console.ok("sr --timeout 1 tcp like 1 flags R seq +0", Exchange.class).answers().isEmpty(),
                    "the exact reset is taken silently");
            assertTrue(console.ok("sr --timeout 1 tcp like 1 flags R seq +1", Exchange.class).answers().isEmpty(),
                    "the connection is gone: a reset for none is dropped");
        }
    }

    @Nested
    class SendAndReceive {
        @Test
        void aSynToTheEchoPortIsAnsweredWithSynAckThatAcknowledgesItsSequencePlusOne() {
            Exchange exchange = console.ok("sr tcp to 192.168.69.100:7 flags S seq 1000", Exchange.class);
            assertEquals(1, exchange.answers().size(), exchange.text());
            String answer = exchange.answers().get(0).line();
            assertTrue(answer.matches("IP 192\\.168\\.69\\.100\\.7 > 192\\.168\\.69\\.1\\.20: Flags \\[S\\.\\], seq \\d+, "
                    + "ack 1001, win \\d+, options \\[.*\\], length 0"), answer);
            assertEquals(1001L, exchange.answers().get(0).fields().get("ack"));
            assertTrue(exchange.text().startsWith("sent: IP 192.168.69.1.20 > 192.168.69.100.7: Flags [S], seq 1000"),
                    exchange.text());
            assertTrue(exchange.text().contains("\nreceived 1 answer:\nIP 192.168.69.100.7 > "), exchange.text());
        }

        @Test
        void aSynToAClosedPortIsAnsweredWithRst() {
            Exchange exchange = console.ok("sr tcp to 192.168.69.100:4444 flags S seq 1000", Exchange.class);
            assertTrue(exchange.answers().get(0).line().contains("Flags [R.], seq 0, ack 1001"), exchange.text());
        }

        @Test
        void anEchoIsAnsweredWithItsReply() {
            Exchange exchange = console.ok("sr icmp echo to 192.168.69.100 id 9 seq 4 data ping", Exchange.class);
            assertEquals("IP 192.168.69.100 > 192.168.69.1: ICMP echo reply, id 9, seq 4, length 12",
                    exchange.answers().get(0).line());
            assertEquals(0.5, exchange.answers().get(0).timeMs(), 1e-9, "one round trip of the virtual wire");
        }

        @Test
        void aNodeOfTheTopologyIsAnAddressAsForPing() {
            VirtualConsole routed = new VirtualConsole("routed");
            assertTrue(routed.ok("craft icmp to h2", Crafted.class).line().startsWith("IP 10.0.1.10 > 10.0.2.10: ICMP"),
                    () -> routed.ok("craft icmp to h2").text());
            Exchange exchange = routed.ok("sr icmp echo to h2 id 9 seq 1", Exchange.class);
            assertEquals("IP 10.0.2.10 > 10.0.1.10: ICMP echo reply, id 9, seq 1, length 8",
                    exchange.answers().get(0).line());
            assertTrue(routed.ok("sr udp to h2:4444 data x", Exchange.class).answers().get(0).line()
                    .contains("ICMP 10.0.2.10 udp port 4444 unreachable"));
        }

        @Test
        void aDatagramToAClosedPortIsAnsweredWithPortUnreachable() {
            Exchange exchange = console.ok("sr udp to 192.168.69.100:4444 data x", Exchange.class);
            assertTrue(exchange.answers().get(0).line().endsWith("ICMP 192.168.69.100 udp port 4444 unreachable, length 37"),
                    exchange.text());
        }

        @Test
        void anArpRequestIsAnsweredWithTheReply() {
            Exchange exchange = console.ok("sr arp request to 192.168.69.100", Exchange.class);
            assertEquals("ARP, Reply 192.168.69.100 is-at 02:00:00:00:00:02, length 28", exchange.answers().get(0).line());
        }

        @Test
        void aSegmentWithABadChecksumGetsNoAnswer() {
            Exchange exchange = console.ok("sr --timeout 0.5 tcp to 192.168.69.100:7 flags S seq 1000 csum 0", Exchange.class);
            assertTrue(exchange.answers().isEmpty());
            assertTrue(exchange.text().endsWith("\nno answer within 0.5 s"), exchange.text());
        }

        @Test
        void keepsTheFrameSoThatSendRepeatsIt() {
            console.ok("sr icmp echo to 192.168.69.100 id 9 seq 4");
            assertEquals("sent 42 octets: IP 192.168.69.1 > 192.168.69.100: ICMP echo request, id 9, seq 4, length 8",
                    console.ok("send").text());
        }

        @Test
        void aBadTimeoutIsRefused() {
            assertEquals("--timeout: SEC must be more than 0 and at most 3600, not 0",
                    console.fails("sr --timeout 0 icmp echo to 192.168.69.100").message());
            assertFalse(Arrays.asList(console.output().toArray()).stream().anyMatch(line -> line.toString().contains("tx:")));
        }
    }
}
