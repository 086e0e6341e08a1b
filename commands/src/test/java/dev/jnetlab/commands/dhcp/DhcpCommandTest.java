package dev.jnetlab.commands.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** dhcp: this host's client against the simulated peer's DHCP server, on the virtual clock. */
class DhcpCommandTest {
    private final VirtualConsole console = new VirtualConsole();

    @Nested
    class Start {
        @Test
        void getsTheFirstAddressOfThePeersPoolWithItsRouterAndDnsServer() {
            DhcpCommand.Show.Lease lease = console.ok("dhcp start", DhcpCommand.Show.Lease.class);
            assertEquals("BOUND", lease.state());
            assertEquals("192.168.69.50/24", lease.address());
            assertEquals("192.168.69.100", lease.server());
            assertEquals("192.168.69.100", lease.router());
            assertEquals(List.of("192.168.69.100"), lease.dns());
            assertEquals(3600, lease.lease());
            List<Ipv4Cidr> addresses = console.stack((network, now) -> network.local().iface().addresses());
            assertTrue(addresses.contains(Ipv4Cidr.parse("192.168.69.50/24")), addresses.toString());
            assertTrue(console.takeOutput().contains(
                    "dhcp: bound to 192.168.69.50/24 from 192.168.69.100 for 3600 s, router 192.168.69.100, dns 192.168.69.100"));
        }

        @Test
        void probesTheAddressWithArpForFourSecondsBeforeUsingIt() {
            long before = console.clock().now();
            console.ok("dhcp start");
            long took = console.clock().now() - before;
            assertTrue(took >= Micros.ofSeconds(4) && took < Micros.ofSeconds(5), "took " + Micros.format(took));
        }

        @Test
        void declinesAnAddressThatAnotherHostAnswersFor() {
            // The peer has 192.168.69.50 as well (its server does not check), so it answers the probe.
            console.stack((network, now) -> network.peer().orElseThrow().iface()
                    .addAddress(Ipv4Cidr.parse("192.168.69.50/24")));
            DhcpCommand.Show.Lease lease = console.ok("dhcp start", DhcpCommand.Show.Lease.class);
            assertEquals("192.168.69.51/24", lease.address());
            assertTrue(console.takeOutput().stream().anyMatch(line -> line.startsWith(
                    "dhcp: 192.168.69.50 is in use by 02:00:00:00:00:02: declined")));
        }
    }

    @Nested
    class Lifetime {
        @Test
        void renewGetsTheSameAddressAgainWithItsTimesFromNow() {
            console.ok("dhcp start");
            console.idle(Micros.ofSeconds(100));
            DhcpCommand.Show.Lease renewed = console.ok("dhcp renew", DhcpCommand.Show.Lease.class);
            assertEquals("192.168.69.50/24", renewed.address());
            assertEquals(1800, renewed.t1());
        }

        @Test
        void theLeaseIsRenewedAtT1WithoutBeingAsked() {
            console.ok("dhcp start");
            console.idle(Micros.ofSeconds(1801));
            assertTrue(console.takeOutput().contains(
                    "dhcp: renewed 192.168.69.50/24 from 192.168.69.100 for 3600 s, router 192.168.69.100, dns 192.168.69.100"));
            assertEquals("BOUND", console.ok("dhcp show", DhcpCommand.Show.Lease.class).state());
        }

        @Test
        void releaseGivesTheAddressBackAndRemovesIt() {
            console.ok("dhcp start");
            assertEquals("dhcp: released 192.168.69.50/24 to 192.168.69.100", console.ok("dhcp release").text());
            List<Ipv4Cidr> addresses = console.stack((network, now) -> network.local().iface().addresses());
            assertEquals(List.of(Ipv4Cidr.parse("192.168.69.1/24")), addresses);
            console.idle(Micros.ofMillis(10));
            List<DhcpServer.Lease> leases = console.stack((network, now) -> ((DhcpServer) network.peer().orElseThrow()
                    .service(DhcpServer.NAME).orElseThrow()).leases(now));
            assertEquals(List.of(), leases, "the server forgot the binding");
        }

        @Test
        void showSaysWhatTheClientHolds() {
            console.ok("dhcp start"); // bound at 4.001 s: the ACK came at 0.001 s, then 4 s of probing
            console.idle(Micros.ofSeconds(10));
            assertEquals("dhcp: BOUND 192.168.69.50/24 from 192.168.69.100\n"
                    + "    lease 3600 s: renew in 1786 s, rebind in 3136 s, expires in 3586 s\n"
                    + "    router 192.168.69.100, dns 192.168.69.100\n"
                    + "    messages: 2 sent, 2 taken", console.ok("dhcp show").text());
        }
    }

    @Test
    void badUseGetsOneLine() {
        console.failsWith("dhcp renew", "dhcp renew: no lease (dhcp start gets one)");
        console.failsWith("dhcp start --wait -1", "--wait: SEC must be from 0 to 86400, not -1.0");
    }

    @Test
    void withoutAServerStartSaysSoAndKeepsTrying() {
        console.stack((network, now) -> network.peer().orElseThrow().removeService(DhcpServer.NAME, now));
        console.failsWith("dhcp start --wait 10", "dhcp: no lease after 10 s (SELECTING): is a DHCP server on this link? "
                + "The client keeps trying; dhcp show follows it");
        assertEquals(Ipv4Address.parse("192.168.69.1"), console.stack((network, now) ->
                network.local().iface().addresses().get(0).address()));
    }
}
