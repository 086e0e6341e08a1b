package dev.jnetlab.commands.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.ip.PingCommand.Ping;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.stack.time.Micros;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code ping -6 NAME} and {@code ping -4 NAME}: the family chosen, a name turned into an
 * address of it (a node's, the virtual peer's, a DNS record's), and one line when the name has
 * none of that family.
 */
class PingFamilyTest {
    @Nested
    class OnTheVirtualNetwork {
        private final VirtualConsole console = new VirtualConsole();

        @Test
        void minusSixPeerPingsThePeersIpv6Address() {
            Ping ping = console.ok("ping -6 -c 2 peer", Ping.class);
            assertEquals(2, ping.received(), console.output().toString());
            assertEquals("PING peer(fd00::100) 56 data bytes", console.output().get(0));
        }

        @Test
        void minusSixPeerLabToo() {
            assertEquals(1, console.ok("ping -6 -c 1 peer.lab", Ping.class).received(), console.output().toString());
        }

        @Test
        void minusFourPeerLabAsksDnsForItsARecord() {
            Ping ping = console.ok("ping -4 -c 1 peer.lab", Ping.class);
            assertEquals(1, ping.received(), console.output().toString());
            assertEquals("PING peer.lab (192.168.69.100) 56(84) bytes of data.", console.output().get(0));
        }

        @Test
        void aFamilyThatContradictsTheAddressGetsOneLine() {
            console.failsWith("ping -4 fd00::100", "IP: fd00::100 is an IPv6 address, and -4 asks for IPv4");
            console.failsWith("ping -6 192.168.69.100", "IP: 192.168.69.100 is an IPv4 address, and -6 asks for IPv6");
            console.failsWith("ping -4 -6 peer", "-4 and -6: give one family, not both");
        }
    }

    @Nested
    class OnATopology {
        @Test
        void minusSixH2PingsTheAddressH2Has() {
            VirtualConsole console = new VirtualConsole("lan");
            console.ok("ip add fd00::1/64");
            console.ok("h2: ip add fd00::2/64");
            console.idle(Micros.ofSeconds(2));
            Ping ping = console.ok("ping -6 -c 1 h2", Ping.class);
            assertEquals(1, ping.received(), console.output().toString());
            assertTrue(console.output().contains("PING h2(fd00::2) 56 data bytes"), console.output().toString());
        }

        @Test
        void aNodeWithoutAnIpv6AddressSaysHowToGiveItOne() {
            new VirtualConsole("lan").failsWith("ping -6 h3", "IP: h3 has no IPv6 address ('h3: ip add fd00::2/64' would give it one)");
        }

        @Test
        void aDnsNameWithoutAnAaaaRecordSaysSo() {
            new VirtualConsole("routed").failsWith("ping -6 h2.lab", "IP: h2.lab: no AAAA record (NODATA from 10.0.2.10)");
        }
    }
}
