package dev.jnetlab.commands.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnetlab.commands.ip.PingCommand.Ping;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.commands.topology.ClockCommand.ClockState;
import dev.jnetlab.commands.topology.TracerouteCommand.Trace;
import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.host.topology.TopologyYaml;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.time.Micros;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology commands on {@code routed} (h1 — r1 — h2), {@code lan} and the pair. */
class TopologyCommandsTest {

    /** Binds UDP port 5000 on the current host; its handle (the host's services hold the first ones). */
    static String udpBind(VirtualConsole console) {
        java.util.regex.Matcher handle = java.util.regex.Pattern.compile("udp#\\d+").matcher(console.ok("udp bind 5000").text());
        assertTrue(handle.find());
        return handle.group();
    }

    @Nested
    class OnWan {
        final VirtualConsole console = new VirtualConsole("wan");

        @Test
        void topoCountsTheFramesTheSlowLinksQueueDroppedAtItsTail(@TempDir Path dir) throws Exception {
            assertTrue(console.ok("topo").text().contains("r1.eth1 ──[20ms 2Mbit/s queue 20 mtu 1500 loss 1.0%]── r2.eth1"),
                    "nothing dropped yet, nothing said");
            Path file = dir.resolve("big.bin");
            java.nio.file.Files.write(file, new byte[300_000]);
            console.ok("tcp connect h3:9");
            console.ok("tcp send 1 --file " + file);
            console.ok("sleep 2");
            long dropped = console.session().stack((network, now) ->
                    network.topology().orElseThrow().wires().get("r1-r2").tailDrops(true));
            assertTrue(dropped > 0, "slow start overfills the 20-frame queue");
            String text = console.ok("topo").text();
            assertTrue(text.contains("r1.eth1 ──[20ms 2Mbit/s queue 20 mtu 1500 loss 1.0% tail drops " + dropped + "/0]── r2.eth1"),
                    text);
            JsonNode slow = new ObjectMapper().readTree(console.ok("topo --json").text()).get("links").get(3);
            assertEquals(dropped, slow.get("tailDropsAToB").asLong());
            assertEquals(0, slow.get("tailDropsBToA").asLong());
            long[] frames = console.session().stack((network, now) -> {
                var wire = network.topology().orElseThrow().wires().get("r1-r2");
                return new long[] {wire.frames(true), wire.frames(false)};
            });
            assertTrue(frames[0] > 200 && frames[1] > 100, "data one way, ACKs the other");
            assertEquals(frames[0], slow.get("framesAToB").asLong());
            assertEquals(frames[1], slow.get("framesBToA").asLong());
        }

        @Test
        void topoShowsTheFramesWaitingInTheSlowLinksQueueWhileATransferRuns(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("big.bin");
            java.nio.file.Files.write(file, new byte[300_000]);
            console.ok("tcp connect h3:9");
            console.ok("tcp send 1 --file " + file);
            String text = console.ok("topo").text();
            int queued = console.session().stack((network, now) ->
                    network.topology().orElseThrow().wires().get("r1-r2").queued(true, now));
            assertTrue(queued > 0, "the queue holds what the sender sent faster than the link clocks out");
            assertTrue(text.contains(" queued " + queued + "/0]── r2.eth1"), text);
            assertEquals(queued, new ObjectMapper().readTree(console.ok("topo --json").text()).get("links").get(3)
                    .get("queuedAToB").asInt());
        }
    }

    /** pmtu: h1 — r1 ═ r2 — h2, the link between the routers 1280 octets, dual-stack. */
    @Nested
    class OnPmtu {
        final VirtualConsole console = new VirtualConsole("pmtu");

        @Test
        void aBigPingOverIpv6IsRefusedByR1WithPacketTooBigAndTheThirdIsAnsweredInFragments() {
            Ping ping = console.ok("ping -6 -c 3 -s 1400 h2", Ping.class);
            assertEquals(List.of("PING h2(fd00:2::10) 1400 data bytes",
                    "From fd00:1::1 icmp_seq=1 Packet too big: mtu=1280"), console.output().subList(0, 2));
            assertTrue(console.output().get(2).startsWith("1408 bytes from fd00:2::10: icmp_seq=3 ttl=62 time="),
                    console.output().toString());
            assertEquals(3, ping.transmitted());
            assertEquals(1, ping.received());
            assertEquals(1, ping.errors());
            assertTrue(ping.text().startsWith("--- h2 ping statistics ---\n3 packets transmitted, 1 received, +1 errors, "),
                    ping.text());
        }

        @Test
        void tcpOverIpv6HearsPacketTooBigFromR1AndTcpShowShowsThePathMtu() {
            console.ok("tcp connect [fd00:2::10]:9");
            console.ok("tcp send 1 --file /bin/bash");
            console.ok("sleep 1");
            String show = console.ok("tcp show 1").text();
            assertTrue(show.contains("MSS:          send 1208, receive 1440 (peer announced 1440), path MTU 1280\n"), show);
            assertTrue(show.contains("ICMP:         packet too big (MTU 1280) from fd00:1::1\n"), show);
            assertTrue(console.ok("route").text().contains("  fd00:2::10 mtu 1280 expires in "));
        }

        @Test
        void aSecondConnectionOverIpv6StartsFromThePathMtuTheFirstLearnt() {
            console.ok("tcp connect [fd00:2::10]:9");
            console.ok("tcp send 1 --file /bin/bash");
            console.ok("sleep 1");
            console.ok("tcp connect [fd00:2::10]:7");
            String show = console.ok("tcp show 2").text();
            assertTrue(show.contains("path MTU 1280\n"), show);
            assertFalse(show.contains("ICMP:"), "no Packet Too Big was needed: " + show);
        }

        @Test
        void afterRouteFlushCacheANewConnectionLearnsAgain() {
            console.ok("tcp connect [fd00:2::10]:9");
            console.ok("tcp send 1 --file /bin/bash");
            console.ok("sleep 1");
            console.ok("route flush cache");
            console.ok("tcp connect [fd00:2::10]:9");
            assertTrue(console.ok("tcp show 2").text().contains("path MTU 1500\n"));
            console.ok("tcp send 2 --file /bin/bash");
            console.ok("sleep 1");
            assertTrue(console.ok("tcp show 2").text().contains("ICMP:         packet too big (MTU 1280) from fd00:1::1\n"));
        }
    }

    @Nested
    class OnRouted {
        final VirtualConsole console = new VirtualConsole("routed");

        @Test
        void nodeNamesAreAddressesAndARouterTakesOneFromTheTtl() {
            Ping ping = console.ok("ping -c 1 h2", Ping.class);
            assertEquals(1, ping.received());
            assertEquals("PING h2 (10.0.2.10) 56(84) bytes of data.", console.output().get(0), "the name first, as iputils");
            assertTrue(console.output().get(1).startsWith("64 bytes from 10.0.2.10: icmp_seq=1 ttl=63 time="),
                    console.output().get(1));
        }

        @Test
        void anIpv6PingCrossesTheRouterWhichTakesOneFromTheHopLimit() {
            Ping ping = console.ok("ping -c 1 fd00:2::10", Ping.class);
            assertEquals(1, ping.received());
            assertTrue(console.output().get(1).startsWith("64 bytes from fd00:2::10: icmp_seq=1 ttl=63 time="),
                    console.output().get(1));
        }

        @Test
        void theRouterAnswersAnIpv6PingToItsFarAddress() {
            Ping ping = console.ok("ping -c 1 fd00:2::1", Ping.class);
            assertEquals(1, ping.received());
            assertTrue(console.output().get(1).startsWith("64 bytes from fd00:2::1: icmp_seq=1 ttl=64 time="),
                    console.output().get(1));
        }

        @Test
        void pingWithTtlOneHearsTimeExceededFromTheRouter() {
            console.ok("ping -c 1 -t 1 h2");
            assertEquals("From 10.0.1.1 icmp_seq=1 Time to live exceeded", console.output().get(1));
        }

        @Test
        void pingRefusesATtlOutOfRange() {
            console.failsWith("ping -t 0 h2", "-t: TTL must be from 1 to 255, not 0");
        }

        @Test
        void tracerouteNumbersEachHopAndEndsAtTheDestination() {
            Trace trace = console.ok("traceroute h2", Trace.class);
            List<String> lines = console.output();
            assertEquals("traceroute to h2 (10.0.2.10), 30 hops max, 60 byte packets", lines.get(0));
            assertTrue(lines.get(1).matches(" 1  r1 \\(10\\.0\\.1\\.1\\)  \\d+\\.\\d{3} ms  \\d+\\.\\d{3} ms  \\d+\\.\\d{3} ms"),
                    lines.get(1));
            assertTrue(lines.get(2).matches(" 2  h2 \\(10\\.0\\.2\\.10\\)( +\\d+\\.\\d{3} ms){3}"), lines.get(2));
            assertEquals(3, lines.size());
            assertTrue(trace.reached());
        }

        @Test
        void tracerouteWithIcmpProbesEndsWithTheEchoReply() {
            Trace trace = console.ok("traceroute -I -q 1 10.0.2.10", Trace.class);
            assertEquals(2, trace.hops().size());
            assertEquals("10.0.1.1", trace.hops().get(0).probes().get(0).from());
            assertEquals("10.0.2.10", trace.hops().get(1).probes().get(0).from());
        }

        @Test
        void aTraceIntoANetworkNoRouterKnowsEndsWithNetUnreachable() {
            Trace trace = console.ok("traceroute -q 1 -w 1 -m 5 10.9.0.1", Trace.class);
            // r1 looks up the route before the TTL, as Linux: the first probe already hears !N.
            assertTrue(console.output().get(1).matches(" 1  r1 \\(10\\.0\\.1\\.1\\)  \\S+ ms !N"), console.output().get(1));
            assertEquals(1, trace.hops().size());
            assertTrue(trace.reached(), "an unreachable ends the trace, as Linux's does");
        }

        @Test
        void thePromptMovesWithNodeAndOneCommandRunsElsewhereWithNameColon() {
            assertEquals("on h1 (hosts: h1, h2)", console.ok("node").text());
            console.ok("node h2");
            assertEquals("10.0.2.10/24", console.stack((network, now) -> network.local().iface().addresses().get(0).toString()));
            Ping ping = console.ok("h1: ping -c 1 h2", Ping.class);
            assertEquals(1, ping.received());
            assertEquals("on h2 (hosts: h1, h2)", console.ok("node").text(), "back where it was");
            console.failsWith("node r1", "r1 is a router: commands run on hosts (h1, h2)");
            console.failsWith("h7: ping h1", "no node called h7 (hosts: h1, h2)");
        }

        @Test
        void tcpConnectsToANodeByName() {
            console.ok("tcp connect h2:7");
            console.idle(1_000_000);
            assertTrue(console.ok("sockets").text().contains("ESTABLISHED"), console.ok("sockets").text());
        }

        @Test
        void topoDrawsTheNodesAndLinks() {
            String text = console.ok("topo").text();
            assertTrue(text.startsWith("routed: 3 nodes, 2 links; the prompt is on h1"), text);
            assertTrue(text.contains("<r1> router  eth0 10.0.1.1/24, eth1 10.0.2.1/24"), text);
            assertTrue(text.contains("h1 ──[100us 100Mbit/s queue 100 mtu 1500]── r1.eth0"), text);
        }

        @Test
        void topoJsonIsOneObjectWithTheNodesAndLinks() throws Exception {
            JsonNode json = new ObjectMapper().readTree(console.ok("topo --json").text());
            assertEquals("routed", json.get("name").asText());
            assertEquals(3, json.get("nodes").size());
            assertEquals("r1.eth1", json.get("links").get(1).get("a").asText());
        }

        @Test
        void topoSaveWritesAFileThatStartsTheSameNetwork(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("net.yaml");
            console.ok("topo save " + file);
            assertEquals(BuiltinTopologies.named("routed").orElseThrow(), TopologyYaml.read(file));
        }

        @Test
        void topoSaveSaysWhyAFileCannotBeWritten(@TempDir Path dir) {
            Path file = dir.resolve("missing").resolve("net.yaml");
            console.failsWith("topo save " + file, "FILE: cannot write " + file + ": its directory does not exist");
        }

        @Test
        void clockStepDeliversExactlyNFramesEachWithItsNode() {
            console.idle(Micros.ofSeconds(20)); // past IPv6's start-up (DAD, MLD reports, router solicitations)
            console.ok("clock pause");
            console.ok("udp send " + udpBind(console) + " h2:7 hello");
            ClockState one = console.ok("clock step", ClockState.class);
            assertEquals(1, one.events().size());
            assertTrue(one.events().get(0).matches("r1 at \\S+ in: .*ARP.*"), one.events().get(0));
            ClockState four = console.ok("clock step 4", ClockState.class);
            assertEquals(4, four.events().size());
            assertTrue(four.events().get(0).startsWith("h1 "), "r1's ARP reply: " + four.events());
            assertTrue(four.events().get(1).startsWith("r1 "), "the datagram: " + four.events());
            assertTrue(four.events().get(2).startsWith("h2 "), "r1's ARP request for h2: " + four.events());
            assertTrue(four.text().endsWith("clock paused"), four.text());
        }

        @Test
        void aPausedNetworkDeliversNothingHoweverLongRealTimeRunsUntilItRunsAgain() {
            console.ok("clock pause");
            String handle = udpBind(console);
            console.ok("udp send " + handle + " h2:7 hello");
            console.idle(10_000_000);
            assertEquals(Long.valueOf(0), console.<Long>stack((network, now) -> network.topology().orElseThrow().host("h2").orElseThrow()
                    .host().iface().stats().get(InterfaceCounter.FRAMES_IN)));
            console.ok("clock run");
            assertEquals(handle + ": from 10.0.2.10:7, 5 octets: hello", console.ok("udp recv " + handle + " --wait 1").text());
        }

        /** The handshake walked frame by frame: connect returns at once, each step moves one frame. */
        @Test
        void tcpConnectOnAPausedClockReturnsAtOnceAndClockStepWalksTheHandshake() {
            console.ok("ping -c 1 h2");
            console.ok("clock pause");
            dev.jnetlab.commands.tcp.TcpCommand.Connecting connecting =
                    console.ok("tcp connect h2:7", dev.jnetlab.commands.tcp.TcpCommand.Connecting.class);
            assertEquals("SYN-SENT", connecting.state());
            assertTrue(connecting.text().endsWith("(SYN-SENT); the clock is paused: 'clock step' moves the handshake one "
                    + "frame at a time, 'clock run' lets it finish"), connecting.text());
            ClockState syn = console.ok("clock step 2", ClockState.class);
            assertTrue(syn.events().get(0).startsWith("r1 ") && syn.events().get(1).startsWith("h2 "), syn.events().toString());
            assertTrue(syn.events().get(1).contains("Flags [S]"), syn.events().toString());
            ClockState synAck = console.ok("clock step 2", ClockState.class);
            assertTrue(synAck.events().get(1).startsWith("h1 ") && synAck.events().get(1).contains("Flags [S.]"),
                    synAck.events().toString());
            assertTrue(console.ok("tcp show " + connecting.handle()).text().contains("ESTABLISHED"),
                    "h1 has the SYN-ACK and has answered it");
        }

        @Test
        void clockSpeedAndItsLimits() {
            assertEquals("clock running at speed 0.1", console.ok("clock speed 0.1").text());
            console.failsWith("clock speed 0", "clock speed: from 0.001 to 1000 times real time, not 0");
            console.failsWith("clock step 99999999999999", "N: from 1 to 10000 frame events, not 99999999999999");
            console.failsWith("clock step", "the clock runs: 'clock pause' first");
        }
    }

    @Nested
    class OnThePair {
        final VirtualConsole console = new VirtualConsole();

        @Test
        void topoShowsThisHostAndThePeer() {
            String text = console.ok("topo").text();
            assertTrue(text.startsWith("pair: 2 nodes, 1 link; the prompt is on this"), text);
            assertTrue(text.contains("[peer] host  192.168.69.100/24"), text);
        }

        @Test
        void theClockAndOtherNodesNeedATopology() {
            console.failsWith("clock pause", "the simulation clock runs a topology: start with 'jnetlab --topology lan|routed|wan|pmtu|dumbbell|FILE'");
            console.failsWith("node h2", "there is one node here; 'jnetlab --topology lan|routed|wan|pmtu|dumbbell|FILE' has more");
        }
    }

    @Test
    void onTheLanEveryHostIsOneHopAway() {
        VirtualConsole console = new VirtualConsole("lan");
        console.ok("traceroute -q 1 h4");
        assertTrue(console.output().get(1).startsWith(" 1  h4 (10.0.0.4)"), console.output().get(1));
    }
}
