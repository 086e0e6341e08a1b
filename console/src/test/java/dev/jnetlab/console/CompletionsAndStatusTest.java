package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.testing.VirtualConsole;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What tab completion offers by argument label, and what the status line says. */
class CompletionsAndStatusTest {
    private final VirtualConsole console = new VirtualConsole();

    @Test
    void handlesAreTheOpenSockets() {
        console.ok("udp bind 7; udp bind 9");
        assertEquals(List.of("udp#1", "udp#2"), Completions.values(console.session(), "H"));
    }

    @Test
    void settingsAreTheNamesSetAndTcpSetTake() {
        assertTrue(Completions.values(console.session(), "KIND.OPTION VALUE").containsAll(
                List.of("tcp.sack", "tcp.buffer", "tcp.cc", "udp.ttl", "icmp.ttl")));
        assertTrue(Completions.values(console.session(), "OPTION").containsAll(List.of("nagle", "sack", "ttl", "df")));
    }

    @Test
    void addressesAreThisHostsTheGatewayTheArpCacheAndThePeer() {
        assertEquals(List.of("192.168.69.1", "192.168.69.100"), Completions.values(console.session(), "IP"));
        console.ok("arp add 192.168.69.50 02:00:00:00:00:50");
        assertEquals(List.of("192.168.69.1", "192.168.69.100", "192.168.69.50"), Completions.values(console.session(), "IP"));
    }

    @Test
    void networksAreThisHostsAndItsRoutes() {
        console.ok("route add 10.0.0.0/8 via 192.168.69.100");
        assertEquals(List.of("10.0.0.0/8", "192.168.69.0/24", "192.168.69.1/24", "default"),
                Completions.values(console.session(), "CIDR"));
    }

    @Test
    void choicesAndWords() {
        assertEquals(List.of("on", "off"), Completions.values(console.session(), "on|off"));
        assertEquals(List.of("via"), Completions.values(console.session(), "via"));
        assertEquals("arp", Completions.values(console.session(), "FILTER").get(0));
        assertEquals(List.of(), Completions.values(console.session(), "PCT"));
    }

    @Test
    void craftOffersItsLayersThenItsFieldWords() {
        assertEquals(List.of("tcp", "udp", "icmp", "arp", "raw"), Completions.values(console.session(), "tcp|udp|icmp|arp|raw"));
        List<String> fields = Completions.values(console.session(), "FIELD");
        assertTrue(fields.containsAll(List.of("to", "from", "flags", "seq", "opt", "ttl", "dst-mac")), fields.toString());
    }

    @Test
    void theStatusLineSaysWhereARunningLabIs() {
        assertEquals("", StatusLine.lab(java.util.Optional.empty()));
        assertEquals(" | lab arp-ping: step 2 of 4", StatusLine.lab(java.util.Optional.of(
                new dev.jnetlab.labs.engine.LabProgress("arp-ping", 2, 4, false, false))));
        assertEquals(" | lab arp-ping: step 2 of 4, done", StatusLine.lab(java.util.Optional.of(
                new dev.jnetlab.labs.engine.LabProgress("arp-ping", 2, 4, true, false))));
        assertEquals(" | lab arp-ping: complete", StatusLine.lab(java.util.Optional.of(
                new dev.jnetlab.labs.engine.LabProgress("arp-ping", 4, 4, true, true))));
    }

    @Test
    void theStatusLineSaysWhereWhatAndWhichFaults() {
        assertEquals("virtual0 192.168.69.1/24 | 0 sockets", StatusLine.of(console.session()));
        console.ok("udp bind 7; fault drop 10; fault delay 20; trace on icmp");
        assertEquals("virtual0 192.168.69.1/24 | 1 socket | faults: drop 10%, delay 20ms | trace: icmp",
                StatusLine.of(console.session()));
        console.ok("ip add 10.0.0.1/8; trace off; fault off; udp bind 9");
        assertEquals("virtual0 192.168.69.1/24,10.0.0.1/8 | 2 sockets", StatusLine.of(console.session()));
    }

    @Test
    void theStatusLineCountsTheSocketsThatSocketsLists() {
        console.ok("resolve peer.lab");
        assertEquals("no sockets are open", console.ok("sockets").text());
        assertEquals("virtual0 192.168.69.1/24 | 0 sockets", StatusLine.of(console.session()), "not the resolver's socket");
    }
}
