package dev.jnetlab.commands.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code set}, {@code tcp set H} and {@code udp set H} at the prompt. */
class SetCommandTest {
    private final VirtualConsole console = new VirtualConsole();

    private JsonNode json(String line) throws Exception {
        return new ObjectMapper().readTree(new JsonResults().toJson(console.run(line))).get("result");
    }

    @Nested
    class Set {
        @Test
        void aloneListsEverySettingWithItsValueAndOrigin() {
            String text = console.ok("set").text();
            assertTrue(text.lines().findFirst().orElseThrow().matches("setting +value +from"), text);
            assertTrue(text.lines().skip(1).findFirst().orElseThrow().matches("tcp\\.cc +cubic +default"), text);
            assertEquals(SocketOption.values().length + 2, text.lines().count(), "the header, the sockets' and ipv6.addr-gen");
            for (SocketOption option : SocketOption.values()) {
                assertTrue(text.contains(option.qualifiedName() + " "), option.qualifiedName());
            }
            assertTrue(text.lines().anyMatch(l -> l.matches("ipv6\\.addr-gen +eui64 +default")), text);
        }

        @Test
        void changesTheDefaultsOfTheSocketsMadeFromThenOn() {
            assertEquals("tcp.sack off (sockets made from now on)", console.ok("set tcp.sack off").text());
            assertEquals("tcp.sndbuf 32K, tcp.rcvbuf 32K (sockets made from now on)", console.ok("set tcp.buffer 32K").text());
            assertTrue(console.ok("set").text().lines().anyMatch(l -> l.matches("tcp\\.sack +off +set")));
            console.ok("tcp connect 192.168.69.100:7");
            assertTrue(console.ok("tcp show 1").text().contains("SACK off"));
        }

        @Test
        void hyStartIsOnWithCubicUnlessSetOff() {
            console.ok("tcp connect 192.168.69.100:7");
            assertTrue(console.ok("tcp show 1").text().contains("slow start:   HyStart++ slow start"),
                    console.ok("tcp show 1").text());
            assertEquals("tcp.hystart off (sockets made from now on)", console.ok("set tcp.hystart off").text());
            console.ok("tcp connect 192.168.69.100:7");
            assertTrue(console.ok("tcp show 2").text().contains("slow start:   HyStart++ off"),
                    console.ok("tcp show 2").text());
        }

        @Test
        void theListenersQueuesAreDefaultsForTcpListenAndServe() {
            assertEquals("tcp.backlog 2 (sockets made from now on)", console.ok("set tcp.backlog 2").text());
            console.ok("set tcp.half-open 1");
            console.ok("tcp listen 8080");
            assertTrue(console.ok("tcp show 1").text().contains("0 of 2 waiting, 0 half-open (at most 1)"),
                    console.ok("tcp show 1").text());
            console.ok("tcp listen 8081 --backlog 9");
            assertTrue(console.ok("tcp show 2").text().contains("0 of 9 waiting, 0 half-open (at most 1)"),
                    "an option of listen wins");
            console.ok("serve http 8082");
            TcpListener served = console.stack((network, now) -> (TcpListener)
                    network.local().sockets().get(network.local().sockets().handle("tcp", 3).orElseThrow()));
            assertEquals(List.of(2, 1), List.of(served.backlog(), served.maxHalfOpen()), "serve's listener too");
        }

        @Test
        void resetTakesEveryChangeBack() {
            console.ok("set tcp.nagle off; set udp.ttl 3");
            String text = console.ok("set --reset").text();
            assertTrue(text.startsWith("every setting is back to its default\n"), text);
            assertTrue(text.lines().skip(2).allMatch(l -> l.endsWith("default")), text);
        }

        @Test
        void theJsonFormHasEverySettingAsFields() throws Exception {
            console.ok("set tcp.cc reno");
            JsonNode settings = json("set").get("settings");
            assertEquals(SocketOption.values().length + 1, settings.size(), "the sockets' settings and ipv6.addr-gen");
            assertEquals("ipv6.addr-gen", settings.get(SocketOption.values().length).get("name").asText());
            JsonNode cc = settings.get(0);
            assertEquals("tcp.cc", cc.get("name").asText());
            assertEquals("reno", cc.get("value").asText());
            assertEquals("set", cc.get("origin").asText());
            assertEquals(List.of("settings"), fields(json("set tcp.sack off")));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "set tcp.sack|set tcp.sack: what value? (set KIND.OPTION VALUE, such as set tcp.sack off)",
            "set tcp.sack maybe|sack: 'maybe' is not on or off",
            "set sack off|'sack' is not a setting: settings are named KIND.OPTION, KIND one of tcp, udp, icmp "
                    + "(set tcp.sack off); 'set' lists them",
            "set --reset tcp.sack|set --reset takes nothing more (it resets every setting)",
            "set tcp.sack off now|'now' is more than set takes",
        })
        void badInputIsOneLine(String line, String message) {
            console.failsWith(line, message);
        }
    }

    @Nested
    class TcpSet {
        @Test
        void changesAnOpenConnection() {
            console.ok("tcp connect 192.168.69.100:7");
            assertEquals("tcp#1: nagle off", console.ok("tcp set 1 nagle off").text());
            assertEquals("tcp#1: rto-min 200ms", console.ok("tcp set tcp#1 rto-min 200ms").text());
            String show = console.ok("tcp show 1").text();
            assertTrue(show.contains("Nagle off"), show);
            assertTrue(show.contains("rto-min 200ms"), show);
        }

        @Test
        void refusesWhatOnlyTheHandshakeCarriesWithTheReason() {
            console.ok("tcp connect 192.168.69.100:7");
            console.failsWith("tcp set 1 sack off", "tcp#1: sack: the option is offered in the SYN, and this connection is"
                    + " ESTABLISHED already: set tcp.sack off before tcp connect, or tcp set it on a listener for the"
                    + " connections it accepts");
            console.failsWith("tcp set 1 cc cubic", "tcp#1: cc: the algorithm is chosen when the connection opens, and"
                    + " this connection is ESTABLISHED already: set tcp.cc cubic before tcp connect, or tcp set it on a"
                    + " listener for the connections it accepts");
            console.failsWith("tcp set 1 buffer 1K", "tcp#1: sndbuf: the buffers are made with the socket, and this"
                    + " connection is ESTABLISHED already: set tcp.sndbuf 1K before tcp connect, or tcp set it on a"
                    + " listener for the connections it accepts");
        }

        @Test
        void onAListenerSetsTheConnectionsItAccepts() {
            console.ok("tcp listen 8080");
            assertEquals("tcp#1: cc reno (for the connections it accepts from now on)",
                    console.ok("tcp set 1 cc reno").text());
            assertTrue(console.ok("tcp show 1").text().contains("cc reno"));
            console.ok("tcp connect 192.168.69.1:8080");
            console.idle(dev.jnetlab.stack.time.Micros.ofMillis(10));
            assertTrue(console.ok("tcp show 3").text().contains("congestion: reno"), "the accepted connection");
            assertTrue(console.ok("tcp show 2").text().contains("congestion: cubic"), "the connecting one: the default");
        }

        @Test
        void aListenersQueuesAreSizedWhenItIsMadeNotAfter() {
            console.ok("tcp listen 8080");
            console.failsWith("tcp set 1 backlog 4", "tcp#1: backlog: a listener's queues are sized when it is made: "
                    + "tcp listen PORT --backlog N makes one with another");
            console.ok("tcp connect 192.168.69.100:7");
            console.failsWith("tcp set 2 half-open 4", "tcp#2: half-open: a listener's queues are sized when it is made, "
                    + "not a connection's: set tcp.half-open 4 before tcp listen, or tcp listen PORT --half-open 4");
        }

        @Test
        void aBadOptionOrValueIsOneLine() {
            console.ok("tcp connect 192.168.69.100:7");
            console.failsWith("tcp set 1 rto-min 90s rto-max", "'rto-max' is more than tcp set takes");
            console.failsWith("tcp set 1 ttl 3", "'ttl' is not a tcp option; they are: buffer, cc, sndbuf, rcvbuf, "
                    + "nagle, delack, delack-timeout, sack, timestamps, rack, hystart, wscale, mss, rto-min, rto-max, "
                    + "initial-window, keepalive, keepalive-interval, keepalive-count, user-timeout, time-wait, "
                    + "backlog, half-open, syncookies");
            console.failsWith("tcp set 1 rto-min 90s", "tcp#1: rto-min 90s is above this socket's rto-max, 60s: "
                    + "raise rto-max first");
        }
    }

    @Nested
    class UdpSetAndClose {
        @Test
        void udpSetChangesOneSocket() {
            console.ok("udp bind 0");
            assertEquals("udp#1: ttl 5", console.ok("udp set 1 ttl 5").text());
            assertEquals("udp#1: buffer 1K", console.ok("udp set 1 buffer 1K").text());
        }

        @Test
        void aBufferSmallerThanWhatIsQueuedIsRefusedAndNothingIsLost() {
            console.ok("udp bind 0; udp send 1 192.168.69.100:7 hello");
            console.idle(dev.jnetlab.stack.time.Micros.ofMillis(10));
            console.failsWith("udp set 1 buffer 4", "udp#1: buffer 4: 5 octets are queued now, more than 4: read them "
                    + "(udp recv) first, or choose at least 5");
            console.ok("udp set 1 buffer 5");
            assertTrue(console.ok("udp recv 1").text().contains("hello"), "the queued datagram survives the resize");
            assertEquals("udp#1: buffer 4", console.ok("udp set 1 buffer 4").text());
        }

        @Test
        void initialWindowAndKeepAliveTimingsAreOptionsOfTheirOwn() {
            assertEquals("tcp.initial-window 10 (sockets made from now on)", console.ok("set tcp.initial-window 10").text());
            assertEquals("tcp.keepalive 30s (sockets made from now on)", console.ok("set tcp.keepalive-idle 30s").text());
            console.ok("set tcp.keepalive-interval 5s; set tcp.keepalive-count 3");
            String listing = console.ok("set").text();
            for (String row : List.of("tcp.initial-window", "tcp.keepalive ", "tcp.keepalive-interval", "tcp.keepalive-count")) {
                assertTrue(listing.lines().anyMatch(l -> l.startsWith(row) && l.endsWith("set")), row + " in\n" + listing);
            }
            console.ok("tcp connect 192.168.69.100:9");
            String shown = console.ok("tcp show 1").text();
            assertTrue(shown.contains("initial-window 10"), shown);
            assertTrue(shown.contains("keep-alive:   idle 30s, every 5s, 3 probes"), shown);
            console.failsWith("tcp set 1 initial-window 4", "tcp#1: initial-window: it is the window the connection "
                    + "opened with, and this connection is ESTABLISHED already: set tcp.initial-window 4 before tcp "
                    + "connect, or tcp set it on a listener for the connections it accepts");
            console.failsWith("set tcp.initial-window many", "initial-window: 'many' is not a whole number, or auto");
            console.failsWith("set tcp.buffer -5",
                    "tcp.buffer: '-5' is not a size such as 65536, 64K or 1M (K, M, G are 2^10, 2^20, 2^30)");
            assertEquals("tcp.initial-window auto (sockets made from now on)", console.ok("set tcp.initial-window auto").text());
        }

        @Test
        void udpCloseFreesThePort() throws Exception {
            console.ok("udp bind 6969; udp send 1 192.168.69.100:7 hi");
            console.idle(dev.jnetlab.stack.time.Micros.ofMillis(10));
            assertEquals("udp#1 closed: 0.0.0.0:6969 is free (2 octets unread were dropped)",
                    console.ok("udp close 1").text());
            assertEquals("udp#2 bound to 0.0.0.0:6969", console.ok("udp bind 6969").text());
            console.failsWith("udp close 1", "no socket udp#1 is open (open: udp#2)");
            assertEquals(List.of("handle", "local", "dropped"), fields(json("udp close 2")));
        }
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
