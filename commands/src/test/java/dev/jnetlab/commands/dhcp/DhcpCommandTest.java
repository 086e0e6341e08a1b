package dev.jnetlab.commands.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.Host;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.wire.DhcpMessageType;
import dev.jnetlab.stack.wire.DhcpPacket;
import dev.jnetlab.stack.wire.DhcpRepr;
import dev.jnetlab.stack.wire.MessageException;
import java.util.Optional;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.host.DhcpServer;
import java.util.List;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.InterfaceStats;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** dhcp: this host's client against the simulated peer's DHCP server, on the virtual clock. */
class DhcpCommandTest {
    private static final Ipv4Address PEER = Ipv4Address.parse("192.168.69.100");
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
        void ifaceShowsTheLease() {
            console.ok("dhcp start");
            assertTrue(console.ok("iface").text().contains(
                    "    inet 192.168.69.1/24\n    inet 192.168.69.50/24\n    default via 192.168.69.100\n"
                            + "    dhcp BOUND 192.168.69.50/24 from 192.168.69.100, expires in 3596 s\n"),
                    console.ok("iface").text());
        }

        @Test
        void itsOwnFramesAreCountedByTheInterfaceLikeEveryOther() {
            InterfaceStats before = console.stack((network, now) -> network.local().iface().stats());
            console.ok("dhcp start");
            InterfaceStats after = console.stack((network, now) -> network.local().iface().stats());
            // DISCOVER and REQUEST from 0.0.0.0, then three ARP probes: all written by the client itself.
            assertEquals(2, after.get(InterfaceCounter.UDP_OUT) - before.get(InterfaceCounter.UDP_OUT));
            assertEquals(2, after.get(InterfaceCounter.IPV4_OUT) - before.get(InterfaceCounter.IPV4_OUT));
            assertEquals(3, after.get(InterfaceCounter.ARP_REQUESTS_OUT) - before.get(InterfaceCounter.ARP_REQUESTS_OUT));
            assertEquals(5, after.get(InterfaceCounter.FRAMES_OUT) - before.get(InterfaceCounter.FRAMES_OUT));
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

    @Nested
    class AHostileServer {
        /** The peer's DHCP server replaced by a socket on port 67 that answers each DISCOVER with {@code offers}. */
        private List<String> answerWith(java.util.function.Function<DhcpRepr, DhcpRepr> offers) {
            UdpSocket socket = new UdpSocket();
            console.stack((network, now) -> {
                Host peer = network.peer().orElseThrow();
                peer.removeService(DhcpServer.NAME, now);
                peer.sockets().add(socket);
                try {
                    socket.bind(67);
                } catch (SocketException e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            console.ok("dhcp start --wait 0");
            byte[] buffer = new byte[1500];
            for (int round = 0; round < 3; round++) {
                console.idle(Micros.ofSeconds(round == 0 ? 0.01 : 8));
                console.stack((network, now) -> {
                    try {
                        while (socket.canRecv()) {
                            int n = socket.recv(buffer, 0, buffer.length);
                            DhcpRepr discover = DhcpRepr.parse(new DhcpPacket().wrap(buffer, 0, n));
                            DhcpRepr offer = offers.apply(discover);
                            byte[] wire = new byte[offer.bufferLen()];
                            offer.emit(new DhcpPacket().wrap(wire, 0, wire.length));
                            socket.sendTo(-1, 68, wire, 0, wire.length);
                        }
                    } catch (SocketException | MessageException e) {
                        throw new AssertionError(e);
                    }
                    return null;
                });
            }
            console.idle(Micros.ofMillis(10));
            return List.of(console.ok("dhcp show").text().split("\n"));
        }

        private DhcpRepr offer(DhcpRepr discover, Ipv4Address address, int lease) {
            return DhcpRepr.reply(DhcpMessageType.OFFER, discover, PEER).withAddresses(Ipv4Address.UNSPECIFIED, address)
                    .withLease(lease, lease / 2, lease * 7 / 8)
                    .withConfiguration(Optional.of(Ipv4Address.parse("255.255.255.0")), List.of(), List.of());
        }

        @Test
        void anOfferOfTheBroadcastAddressIsCountedAndDropped() {
            List<String> show = answerWith(d -> offer(d, Ipv4Address.parse("192.168.69.255"), 3600));
            assertEquals("dhcp: SELECTING", show.get(0));
            assertTrue(show.get(1).endsWith(", 3 bad_address"), show.toString());
        }

        @Test
        void aLeaseOfZeroSecondsIsCountedAndDropped() {
            List<String> show = answerWith(d -> offer(d, Ipv4Address.parse("192.168.69.77"), 0));
            assertTrue(show.get(1).endsWith(", 3 zero_lease"), show.toString());
        }
    }

    @Test
    void badUseGetsOneLine() {
        console.failsWith("dhcp renew", "dhcp renew: no lease (dhcp start gets one)");
        console.failsWith("dhcp start --wait -1", "--wait: SEC must be from 0 to 86400, not -1");
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
