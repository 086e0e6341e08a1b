package dev.jnetlab.commands.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.dns.ResolveCommand;
import dev.jnetlab.commands.ip.PingCommand.Ping;
import dev.jnetlab.commands.tcp.TcpCommand;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.commands.udp.SocketsCommand.Sockets;
import dev.jnetlab.commands.udp.UdpCommand.Bound;
import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.socket.SocketHandle;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The sockets the host opens for itself (the resolver's, the DHCP client's) are its own: not
 * listed by {@code sockets}, not numbered among the user's, not reachable by a typed handle.
 */
class InternalSocketsTest {
    private final VirtualConsole console = new VirtualConsole();

    @Nested
    class AfterANameLookup {
        @Test
        void socketsListsNothingTheUserDidNotOpen() {
            console.ok("resolve peer.lab");
            assertEquals(List.of(), console.ok("sockets", Sockets.class).sockets());
        }

        @Test
        void udpCloseOneFindsNoSocketAndNetworkingGoesOn() {
            console.ok("resolve peer.lab");
            assertTrue(console.fails("udp close 1").message().startsWith("no socket udp#1"),
                    () -> console.fails("udp close 1").message());
            Ping ping = console.ok("ping -c 2 -W 1 192.168.69.100", Ping.class);
            assertEquals(2, ping.received());
            assertEquals("ESTABLISHED", console.ok("tcp connect 192.168.69.100:7", TcpCommand.Connected.class).state());
            assertEquals("192.168.69.100",
                    console.ok("resolve peer.lab", ResolveCommand.Answer.class).answers().get(0).data());
        }

        @Test
        void udpSendAndRecvOneFindNoSocket() {
            console.ok("ping -c 1 peer.lab");
            assertTrue(console.fails("udp send 1 1.2.3.4:5 hi").message().startsWith("no socket udp#1"));
            assertTrue(console.fails("udp recv 1").message().startsWith("no socket udp#1"));
        }

        @Test
        void theUsersFirstSocketIsStillUdpOne() {
            console.ok("resolve peer.lab");
            console.ok("dhcp start");
            assertEquals("udp#1", console.ok("udp bind 6969", Bound.class).handle());
            assertEquals(List.of("udp#1"), console.ok("sockets", Sockets.class).sockets().stream()
                    .map(SocketsCommand.SocketLine::handle).toList());
        }
    }

    @Nested
    class ARemovedInternalSocket {
        @Test
        void doesNotBreakTheNextPollAndTheResolverOpensAnotherOne() {
            console.ok("resolve peer.lab");
            int removed = console.stack((network, now) -> {
                SocketSet sockets = network.local().sockets();
                int n = 0;
                for (SocketHandle<?> handle : sockets.allHandles()) {
                    if (handle.internal() && sockets.remove(handle)) {
                        n++;
                    }
                }
                return n;
            });
            assertEquals(1, removed, "the resolver's socket");
            assertEquals(1, console.ok("ping -c 1 192.168.69.100", Ping.class).received());
            assertEquals("192.168.69.100",
                    console.ok("resolve peer.lab", ResolveCommand.Answer.class).answers().get(0).data());
        }
    }
}
