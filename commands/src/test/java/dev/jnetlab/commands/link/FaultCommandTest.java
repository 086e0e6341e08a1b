package dev.jnetlab.commands.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.ip.PingCommand.Ping;
import dev.jnetlab.commands.link.FaultCommand.Faults;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.stack.phy.FaultConfig;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** fault: the bad cable between this host and the virtual wire. */
class FaultCommandTest {
    private final VirtualConsole console = new VirtualConsole();

    @Nested
    class Showing {

        @Test
        void faultAloneShowsNoneAtFirst() {
            Faults faults = console.ok("fault", Faults.class);
            assertEquals("faults: off", faults.text());
            assertFalse(faults.active());
        }

        @Test
        void optionsAddUpAndOffClearsThem() {
            console.ok("fault drop 10");
            console.ok("fault delay 20 5");
            assertEquals("faults: drop 10%, delay 20ms jitter 5ms", console.ok("fault").text());
            assertEquals("faults: drop 10%, corrupt 2.5%, size-limit 600, tx-rate 10 per 100ms, rx-rate 20 per 100ms, "
                    + "delay 20ms jitter 5ms, reorder 25%, duplicate 1%", console.ok("fault corrupt 2.5%; fault size-limit 600; "
                    + "fault tx-rate 10; fault rx-rate 20; fault interval 100; fault reorder 25; fault duplicate 1").text());
            assertEquals("faults: off", console.ok("fault off").text());
        }

        @Test
        void theLaunchOptionsAreWhereItStarts() {
            VirtualConsole launched = new VirtualConsole(NetworkConfig.defaults(1)
                    .withFaults(FaultConfig.NONE.withDropPercent(15).withSizeLimit(1000)));
            assertEquals("faults: drop 15%, size-limit 1000", launched.ok("fault").text());
        }

        @Test
        void theJsonFormHasEveryOption() throws Exception {
            JsonNode json = new ObjectMapper().readTree(new JsonResults().toJson(console.run("fault delay 20 5")))
                    .get("result");
            assertTrue(json.get("active").asBoolean());
            assertEquals(20.0, json.get("delayMs").asDouble());
            assertEquals(5.0, json.get("jitterMs").asDouble());
            assertEquals(1000.0, json.get("intervalMs").asDouble());
            for (String field : new String[] {"description", "dropPercent", "corruptPercent", "sizeLimit", "txRateLimit",
                    "rxRateLimit", "reorderPercent", "duplicatePercent"}) {
                assertTrue(json.has(field), field);
            }
        }
    }

    @Nested
    class Effects {

        @Test
        void dropOneHundredLosesEveryPing() {
            console.ok("ping -c 1 192.168.69.100");
            console.ok("fault drop 100");
            Ping ping = console.ok("ping -c 5 -i 0.2 -W 1 192.168.69.100", Ping.class);
            assertEquals(5, ping.transmitted());
            assertEquals(0, ping.received());
            assertEquals(100.0, ping.lossPercent());
        }

        @Test
        void aDelayAddsToTheRoundTripTwice() {
            console.ok("ping -c 1 192.168.69.100");
            console.ok("fault delay 100");
            Ping ping = console.ok("ping -c 2 192.168.69.100", Ping.class);
            assertEquals(200.5, ping.replies().get(1).timeMs(), "100 ms each way on top of the wire's 0.5 ms");
            assertTrue(console.output().contains("64 bytes from 192.168.69.100: icmp_seq=2 ttl=64 time=201 ms"),
                    console.output().toString());
        }

        @Test
        void aSizeLimitLetsArpThroughButNotThePings() {
            console.ok("fault size-limit 60");
            Ping ping = console.ok("ping -c 2 -W 1 192.168.69.100", Ping.class);
            assertEquals(0, ping.received());
            assertEquals(0, ping.errors(), "ARP got its answer");
            assertEquals(2, console.ok("ping -c 2 -s 18 192.168.69.100", Ping.class).received(), "60-octet frames pass");
        }

        @Test
        void offRestoresThePerfectLink() {
            console.ok("fault drop 100; fault off");
            assertEquals(3, console.ok("ping -c 3 192.168.69.100", Ping.class).received());
        }

        @Test
        void theSameSeedDropsTheSameFrames() {
            console.ok("ping -c 1 192.168.69.100; fault drop 50");
            Ping first = console.ok("ping -c 20 -i 0.1 -W 1 192.168.69.100", Ping.class);
            VirtualConsole again = new VirtualConsole();
            again.ok("ping -c 1 192.168.69.100; fault drop 50");
            Ping second = again.ok("ping -c 20 -i 0.1 -W 1 192.168.69.100", Ping.class);
            assertEquals(first.replies(), second.replies());
            assertTrue(first.received() > 0 && first.received() < 20, first.text());
        }
    }

    @Nested
    class Scope {

        @Test
        void wordsAfterTheValueNarrowEveryFaultToADirectionAndAFilter() {
            assertEquals("faults: drop 10% (in, tcp)", console.ok("fault drop 10 in tcp").text());
            assertEquals("faults: drop 10%, delay 20ms jitter 5ms (in, tcp)", console.ok("fault delay 20 5").text(),
                    "a change without a scope keeps it");
            assertEquals("faults: drop 10%, delay 20ms (out)", console.ok("fault delay 20 out").text());
            assertEquals("faults: drop 10%, delay 20ms (port 80 or icmp)", console.ok("fault delay 20 port 80 or icmp").text());
            assertEquals("faults: drop 10%, delay 20ms", console.ok("fault delay 20 both").text());
            console.ok("fault drop 5 in udp");
            assertEquals("faults: off", console.ok("fault off").text());
            assertEquals("faults: drop 5%", console.ok("fault drop 5").text(), "off cleared the scope too");
        }

        @Test
        void theJsonFormSaysTheDirectionAndTheFilter() throws Exception {
            JsonNode json = new ObjectMapper().readTree(new JsonResults().toJson(console.run("fault corrupt 5 out port 80")))
                    .get("result");
            assertEquals("out", json.get("direction").asText());
            assertEquals("port 80", json.get("filter").asText());
            assertEquals("out, port 80", json.get("scope").asText());
        }

        @Test
        void dropOnTheWayInLosesThePingsRepliesButTheRequestsLeave() {
            console.ok("ping -c 1 192.168.69.100");
            console.ok("fault drop 100 in; trace on icmp");
            Ping ping = console.ok("ping -c 2 -i 0.2 -W 1 192.168.69.100", Ping.class);
            assertEquals(0, ping.received());
            List<String> trace = console.output();
            assertEquals(2, trace.stream().filter(l -> l.contains(" tx: ") && l.contains("ICMP echo request")).count(),
                    trace.toString());
            assertEquals(0, trace.stream().filter(l -> l.contains("tx: dropped")).count(), trace.toString());
            assertEquals(2, trace.stream().filter(l -> l.contains(
                    " rx: dropped (drop-chance): IP 192.168.69.100 > 192.168.69.1: ICMP echo reply")).count(),
                    "the trace names each reply lost: " + trace);
        }

        @Test
        void aFilterSparesTheFramesItDoesNotAccept() {
            console.ok("ping -c 1 192.168.69.100");
            console.ok("fault drop 100 out tcp");
            assertEquals(3, console.ok("ping -c 3 -i 0.2 192.168.69.100", Ping.class).received(), "ICMP is not TCP");
            console.ok("fault drop 100 out icmp");
            assertEquals(0, console.ok("ping -c 3 -i 0.2 -W 1 192.168.69.100", Ping.class).received());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '#', value = {
            "fault drop 10 in tcpp#SCOPE: ",
            "fault drop 10 inbound#SCOPE: ",
            "fault delay 20 5 in port#SCOPE: ",
        })
        void aBadScopeIsOneLineAndChangesNothing(String line, String start) {
            String message = console.fails(line).message();
            assertTrue(message.startsWith(start) && !message.contains("\n"), message);
            assertEquals("faults: off", console.ok("fault").text(), "nothing changed");
        }
    }

    @Nested
    class BadInput {

        @ParameterizedTest
        @CsvSource(delimiter = '#', value = {
            "fault drop 150#the drop chance must be a percentage from 0 to 100, not 150",
            "fault drop lots#PCT: 'lots' is not a percentage (0 to 100, like 10 or 2.5)",
            "fault drop 1e3#PCT: '1e3' is not a percentage (0 to 100, like 10 or 2.5)",
            "fault corrupt NaN#PCT: 'NaN' is not a percentage (0 to 100, like 10 or 2.5)",
            "fault size-limit big#N: 'big' is not a whole number 0 or more",
            "fault tx-rate 1.5#N: '1.5' is not a whole number 0 or more",
            "fault interval 0#the shaping interval must be positive, not 0us",
            "fault delay soon#MS: 'soon' is not a number of milliseconds from 0 to 3600000",
            "fault delay 20 9x#JITTER_MS: '9x' is not a number of milliseconds from 0 to 3600000",
            "fault reorder 10#reordering needs a delay: a reordered frame is one sent ahead of the delayed ones; set a delay first",
            "fault dorp 10#unknown sub-command 'dorp' of fault (did you mean drop?)",
        })
        void eachIsOneLine(String line, String message) {
            console.failsWith(line, message);
            assertEquals("faults: off", console.ok("fault").text(), "nothing changed");
        }

        @Test
        void aNegativeNumberIsRefused() {
            assertTrue(console.fails("fault size-limit -5").message().contains("-5"));
        }
    }
}
