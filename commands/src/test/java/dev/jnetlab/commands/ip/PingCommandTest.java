package dev.jnetlab.commands.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.ip.PingCommand.Ping;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.commands.udp.SocketsCommand.Sockets;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.time.Micros;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ping} on the virtual network: the wire's 250 µs each way make every round trip 0.5 ms. */
class PingCommandTest {
    private final VirtualConsole console = new VirtualConsole();

    @Nested
    class ThePeerAnswers {

        @Test
        void eachReplyIsALineAsItComesThenTheStatistics() {
            Ping ping = console.ok("ping -c 3 192.168.69.100", Ping.class);
            assertEquals(List.of(
                    "PING 192.168.69.100 (192.168.69.100) 56(84) bytes of data.",
                    "64 bytes from 192.168.69.100: icmp_seq=1 ttl=64 time=1.00 ms",
                    "64 bytes from 192.168.69.100: icmp_seq=2 ttl=64 time=0.500 ms",
                    "64 bytes from 192.168.69.100: icmp_seq=3 ttl=64 time=0.500 ms"), console.output());
            assertEquals("--- 192.168.69.100 ping statistics ---\n"
                    + "3 packets transmitted, 3 received, 0% packet loss, time 2000ms\n"
                    + "rtt min/avg/max/mdev = 0.500/0.667/1.000/0.236 ms", ping.text());
        }

        @Test
        void theFirstRequestWaitsForArpTheOthersTakeTheWiresLatencyBothWays() {
            Ping ping = console.ok("ping -c 4 -i 0.5 192.168.69.100", Ping.class);
            assertEquals(List.of(1.0, 0.5, 0.5, 0.5), ping.replies().stream().map(PingCommand.Reply::timeMs).toList());
            assertEquals(new PingCommand.Rtt(0.5, 0.625, 1.0, ping.rtt().mdevMs()), ping.rtt());
            assertEquals(4, ping.received());
            assertEquals(0.0, ping.lossPercent());
        }

        @Test
        void requestsGoEveryIntervalOnTheStacksClock() {
            console.ok("ping -c 5 -i 2 192.168.69.100");
            assertEquals(Micros.ofSeconds(8) + 500, console.clock().now(), "the last reply came 0.5 ms after the fifth request");
        }

        @Test
        void theDefaultIsFourRequests() {
            assertEquals(4, console.ok("ping 192.168.69.100", Ping.class).transmitted());
        }

        @Test
        void largeRequestsAreFragmentedAndReassembledBothWays() {
            Ping ping = console.ok("ping -c 2 -s 4000 192.168.69.100", Ping.class);
            assertEquals(2, ping.received());
            assertTrue(console.output().get(0).equals("PING 192.168.69.100 (192.168.69.100) 4000(4028) bytes of data."));
            assertTrue(console.output().get(1).startsWith("4008 bytes from 192.168.69.100: icmp_seq=1 ttl=64 time="),
                    console.output().get(1));
        }

        @Test
        void afterwardsTheArpCacheKnowsThePeer() {
            console.ok("ping -c 1 192.168.69.100");
            ArpCommand.ArpTable arp = console.ok("arp", ArpCommand.ArpTable.class);
            assertEquals(1, arp.entries().size());
            ArpCommand.ArpEntry peer = arp.entries().get(0);
            assertEquals("192.168.69.100", peer.address());
            assertEquals("02:00:00:00:00:02", peer.mac());
            assertEquals("REACHABLE", peer.state());
        }

        @Test
        void itsSocketIsClosedWhenItEnds() {
            console.ok("ping -c 1 192.168.69.100");
            assertEquals(List.of(), console.ok("sockets", Sockets.class).sockets());
        }

        @Test
        void duplicatedRepliesAreMarkedAndNotCounted() {
            console.ok("fault duplicate 100");
            Ping ping = console.ok("ping -c 2 192.168.69.100", Ping.class);
            assertEquals(2, ping.received());
            assertTrue(ping.duplicates() > 0, ping.text());
            assertTrue(console.output().stream().anyMatch(line -> line.endsWith(" ms (DUP!)")), console.output().toString());
            assertTrue(ping.text().contains("2 packets transmitted, 2 received, +" + ping.duplicates() + " duplicates, 0% packet loss"),
                    ping.text());
        }
    }

    /** As iputils: a host asked for by name is named first, then its address; the statistics name it too. */
    @Test
    void aHostAskedForByNameIsNamedBeforeItsAddress() {
        Ping ping = console.ok("ping -c 1 peer.lab", Ping.class);
        assertEquals("PING peer.lab (192.168.69.100) 56(84) bytes of data.", console.output().get(0));
        assertTrue(ping.text().startsWith("--- peer.lab ping statistics ---\n"), ping.text());
        assertEquals("192.168.69.100", ping.target(), "the JSON form's target stays the address");
        assertEquals("peer.lab", ping.host());
        assertEquals(1, ping.received());
    }

    @Nested
    class NoOneAnswers {

        @Test
        void anAddressNobodyHasIsUnreachableOnceArpGivesUp() {
            Ping ping = console.ok("ping -c 3 192.168.69.50", Ping.class);
            assertEquals(List.of(
                    "PING 192.168.69.50 (192.168.69.50) 56(84) bytes of data.",
                    "From 192.168.69.1 icmp_seq=1 Destination Host Unreachable",
                    "From 192.168.69.1 icmp_seq=2 Destination Host Unreachable",
                    "From 192.168.69.1 icmp_seq=3 Destination Host Unreachable"), console.output());
            assertEquals("--- 192.168.69.50 ping statistics ---\n"
                    + "3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 3000ms", ping.text());
            assertNull(ping.rtt());
            assertEquals(3, ping.errorReplies().size());
        }

        @Test
        void aLinkThatDropsEverythingLosesEveryRequestAndPingWaitsForTheRepliesUpToW() {
            console.ok("ping -c 1 192.168.69.100"); // the peer's MAC is known from here on
            console.ok("fault drop 100");
            console.takeOutput();
            long start = console.clock().now();
            Ping ping = console.ok("ping -c 3 -W 2 192.168.69.100", Ping.class);
            assertEquals("--- 192.168.69.100 ping statistics ---\n"
                    + "3 packets transmitted, 0 received, 100% packet loss, time 4000ms", ping.text());
            assertEquals(List.of("PING 192.168.69.100 (192.168.69.100) 56(84) bytes of data."), console.output());
            assertEquals(100.0, ping.lossPercent());
            assertEquals(Micros.ofSeconds(4), console.clock().now() - start, "two requests a second apart, then -W 2");
        }

        @Test
        void aLinkThatDropsEverythingBeforeArpHasResolvedMakesThePeerUnreachable() {
            console.ok("fault drop 100");
            Ping ping = console.ok("ping -c 2 192.168.69.100", Ping.class);
            assertEquals(0, ping.received());
            assertEquals(2, ping.errors());
            assertEquals("Destination Host Unreachable", ping.errorReplies().get(0).message());
        }

        @Test
        void requestsThatCannotBeQueuedAreReportedAndNotCounted() {
            console.ok("ping -c 1 192.168.69.100; fault tx-rate 1; fault interval 60000");
            console.takeOutput();
            Ping ping = console.ok("ping -c 20 -i 0.01 -W 1 192.168.69.100", Ping.class);
            assertEquals(17, ping.transmitted(), "one goes out, then the socket's queue holds 16 and the link lets none through");
            assertEquals(3, console.output().stream().filter(line -> line.startsWith("ping: sendmsg: the send buffer is full"))
                    .count(), console.output().toString());
        }

        @Test
        void aNetworkWithoutARouteIsRefusedBeforeAnythingIsSent() {
            console.ok("route del default");
            console.failsWith("ping 10.1.2.3", "no route to 10.1.2.3: it is on none of this host's networks and there is "
                    + "no route to it ('route add default via IP' adds one)");
            assertEquals(List.of(), console.ok("sockets", Sockets.class).sockets());
            assertEquals(0L, (long) console.stack((network, now) -> network.local().iface().stats()
                    .get(InterfaceCounter.FRAMES_OUT)));
        }
    }

    @Nested
    class Cancelling {

        @Test
        void ctrlCEndsAPingWithoutCountWithTheStatisticsSoFar() throws Exception {
            AtomicReference<Outcome> outcome = new AtomicReference<>();
            Thread pinging = new Thread(() -> outcome.set(console.run("ping -c 0 192.168.69.100")));
            pinging.start();
            long end = System.nanoTime() + 10_000_000_000L;
            while (console.output().size() < 4 && System.nanoTime() < end) {
                Thread.sleep(1);
            }
            pinging.interrupt();
            pinging.join(10_000);
            assertFalse(pinging.isAlive());
            Ping ping = (Ping) ((Outcome.Success) outcome.get()).result();
            assertTrue(ping.interrupted());
            assertTrue(ping.received() >= 3, ping.text());
            assertTrue(ping.transmitted() - ping.received() <= 1, "at most the last request is unanswered: " + ping.text());
            assertTrue(ping.text().startsWith("--- 192.168.69.100 ping statistics ---\n" + ping.transmitted()
                    + " packets transmitted, " + ping.received() + " received"), ping.text());
            assertEquals(List.of(), console.ok("sockets", Sockets.class).sockets(), "its socket was closed");
        }
    }

    @Nested
    class BadArguments {

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
            "ping -c -1 192.168.69.100;-c: N must be 0 (until Ctrl-C) or more, not -1",
            "ping -i 0 192.168.69.100;-i: SEC must be from 0.01 to 3600, not 0",
            "ping -s 70000 192.168.69.100;-s: SIZE must be from 0 to 65507 octets, not 70000",
            "ping -W 0 192.168.69.100;-W: SEC must be more than 0 and at most 3600, not 0",
            "ping 192.168.69.300;IP: not an IPv4 address: '192.168.69.300' (four numbers 0-255 separated by dots, like 192.168.69.1)",
        })
        void eachSaysWhatIsWrongInOneLine(String line, String message) {
            console.failsWith(line, message);
        }

        @Test
        void aMissingAddressShowsTheUsage() {
            Outcome.Failure failure = console.fails("ping -c 3");
            assertEquals("ping needs IP", failure.message());
            assertEquals("ping [-c N] [-i SEC] [-s SIZE] [-t TTL] [-W SEC] IP", failure.usage());
        }
    }

    @Nested
    class Printing {

        @ParameterizedTest
        @CsvSource({"123,0.123", "500,0.500", "999,0.999", "1000,1.00", "1234,1.23", "9994,9.99", "9995,10.0", "12345,12.3",
                "99949,99.9", "99950,100", "123456,123", "1500000,1500"})
        void roundTripTimesHaveThreeSignificantDigitsAsIputilsPrintsThem(long micros, String text) {
            assertEquals(text, PingCommand.rttText(micros));
        }

        @ParameterizedTest
        @CsvSource({"0,0", "100,100", "25,25", "33.33333333,33.3333", "66.6666666,66.6667", "12.5,12.5"})
        void lossIsPrintedAsCsPercentG(double percent, String text) {
            assertEquals(text, PingCommand.percentText(percent));
        }

        @Test
        void theJsonFormHasTheStatisticsAndEveryReply() throws Exception {
            Outcome outcome = console.run("ping -c 2 192.168.69.100");
            JsonNode json = new ObjectMapper().readTree(new JsonResults().toJson(outcome));
            assertEquals("ping", json.get("command").asText());
            JsonNode result = json.get("result");
            assertEquals("192.168.69.100", result.get("target").asText());
            assertEquals(2, result.get("transmitted").asInt());
            assertEquals(2, result.get("received").asInt());
            assertEquals(0.0, result.get("lossPercent").asDouble());
            assertEquals(0.5, result.get("rtt").get("minMs").asDouble());
            JsonNode reply = result.get("replies").get(1);
            assertEquals(2, reply.get("seq").asInt());
            assertEquals(64, reply.get("ttl").asInt());
            assertEquals(0.5, reply.get("timeMs").asDouble());
            assertNotNull(result.get("errorReplies"));
            assertFalse(result.get("interrupted").asBoolean());
        }
    }
}
