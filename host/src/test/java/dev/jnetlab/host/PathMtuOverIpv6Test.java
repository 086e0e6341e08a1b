package dev.jnetlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.stack.forward.Router;
import dev.jnetlab.stack.forward.RouterCounter;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.PathMtuEntry;
import dev.jnetlab.stack.socket.IcmpMessage;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Path MTU discovery over IPv6 on the built-in {@code pmtu} topology, on the virtual clock:
 * h1 and h2 on links of 1500 octets, r1 and r2 between them over one of 1280. r1 never
 * fragments (RFC 8200 section 5): it answers what does not fit with Packet Too Big (RFC 4443
 * section 3.2), which lowers h1's path MTU toward h2 (RFC 8201) and the MSS of the TCP
 * connection it quotes, which sends what was lost again at once, smaller; a later connection
 * to h2 starts from the path MTU h1 learnt.
 */
class PathMtuOverIpv6Test {
    static final Ipv6Address H2 = Ipv6Address.parse("fd00:2::10");
    static final int DISCARD = 9;

    final VirtualClock clock = new VirtualClock();
    final List<String> output = new ArrayList<>();
    final Network network = Network.topology(NetworkConfig.defaults(7), BuiltinTopologies.named("pmtu").orElseThrow(), clock,
            output::add);
    final VirtualDriver driver = new VirtualDriver(clock, network);
    final Router r1 = network.topology().orElseThrow().router("r1").orElseThrow();

    @BeforeEach
    void addressesPastDad() throws Exception {
        assertNotNull(driver.await(Micros.ofSeconds(5),
                now -> network.local().iface().sourceAddressFor(H2).orElse(null)), "h1 has an address for h2 after DAD");
    }

    /** A connection from h1 to h2's discard service, established. */
    TcpSocket connect() throws Exception {
        TcpSocket socket = new TcpSocket(65536, 65536);
        SocketHandle<TcpSocket> handle = network.local().sockets().add(socket);
        network.local().iface().connect(clock.now(), network.local().sockets(), handle, new IpEndpoint(H2, DISCARD), 0);
        assertNotNull(driver.await(Micros.ofSeconds(5), now -> socket.state() == TcpState.ESTABLISHED ? true : null));
        return socket;
    }

    /** Sends {@code octets} on {@code socket} and runs until every one is acknowledged. */
    void sendAll(TcpSocket socket, int octets) throws Exception {
        byte[] data = new byte[octets];
        int[] queued = {0};
        assertNotNull(driver.await(Micros.ofSeconds(30), now -> {
            try {
                if (queued[0] < octets) {
                    queued[0] += socket.send(data, queued[0], octets - queued[0]);
                }
            } catch (TcpException.Send e) {
                throw new AssertionError(e);
            }
            TcpControlBlock tcb = socket.controlBlock(now);
            return queued[0] == octets && tcb.sendQueued() == 0 && tcb.inFlight() == 0 ? true : null;
        }), "all of it acknowledged");
    }

    @Test
    void packetTooBigFromR1ShrinksTheConnectionsSegmentsAndWhatWasLostGoesAgainAtOnce() throws Exception {
        TcpSocket socket = connect();
        assertEquals(1500, socket.controlBlock(clock.now()).pathMtu(), "h1's link");

        sendAll(socket, 200_000);

        TcpControlBlock tcb = socket.controlBlock(clock.now());
        assertTrue(r1.counter(RouterCounter.DROP_TOO_BIG) > 0, "r1 refused the first full-sized segments");
        assertEquals(1280, tcb.pathMtu(), "the MTU r1 named");
        assertTrue(tcb.sendMss() <= 1280 - TcpSocket.HEADERS_LENGTH_IPV6, "segments within 1280 less 60: " + tcb.sendMss());
        assertTrue(tcb.retransmissions() > 0, "what r1 dropped went again");
        assertEquals(0, tcb.timeouts(), "at once, not when the retransmission timer ran out");
        assertEquals("packet too big (MTU 1280) from fd00:1::1", tcb.lastIcmpError());
        assertEquals(0, network.local().iface().stats().get(InterfaceCounter.DATAGRAMS_FRAGMENTED),
                "the segments were made smaller, not cut into fragments");
        assertTrue(tcb.toString().contains("path MTU 1280"), tcb.toString());
    }

    @Test
    void theInterfaceRemembersThePathMtuAndAConnectionOpenedLaterStartsFromIt() throws Exception {
        sendAll(connect(), 50_000);
        assertEquals(List.of(1280), network.local().iface().ipv6PathMtus(clock.now()).stream().map(PathMtuEntry::mtu).toList());
        long refused = r1.counter(RouterCounter.DROP_TOO_BIG);

        TcpSocket later = connect();
        assertEquals(1280, later.controlBlock(clock.now()).pathMtu(), "from the start");
        sendAll(later, 200_000);

        assertEquals(refused, r1.counter(RouterCounter.DROP_TOO_BIG), "nothing of it was too big for r1");
        assertEquals(0, later.controlBlock(clock.now()).retransmissions());
    }

    @Test
    void anIcmpSocketHearsR1sPacketTooBigAboutItsRequestAndItsNextRequestCrossesInFragments() throws Exception {
        IcmpSocket socket = new IcmpSocket();
        network.local().sockets().add(socket);
        socket.bind(0x6b00);
        socket.sendEcho(H2, 1, new byte[1400], 0, 1400);
        assertNotNull(driver.await(Micros.ofSeconds(1), t -> socket.canRecv() ? true : null));

        IcmpMessage error = socket.recv();
        assertEquals(Ipv6Address.parse("fd00:1::1"), error.from());
        assertEquals(Icmpv6Packet.TYPE_PACKET_TOO_BIG, error.type());
        assertEquals(1, error.sequence(), "matched by the quoted request's identifier and sequence");
        assertEquals("Packet too big: mtu=1280", error.describe());

        // h2's reply to the second is too big for r2, which tells h2; the third is answered both ways in fragments.
        socket.sendEcho(H2, 2, new byte[1400], 0, 1400);
        driver.await(Micros.ofSeconds(1), t -> null);
        socket.sendEcho(H2, 3, new byte[1400], 0, 1400);
        assertNotNull(driver.await(Micros.ofSeconds(1), t -> socket.canRecv() ? true : null));
        IcmpMessage reply = socket.recv();
        assertTrue(reply.isEchoReply());
        assertEquals(3, reply.sequence());
        assertEquals(1400, reply.data().length());
        assertEquals(62, reply.ttl(), "two routers took one each from the hop limit");
    }

    @Test
    void r1RefusesAnEchoRequestTooBigForTheNarrowLinkAndH1SendsTheNextInFragments() throws Exception {
        long now = clock.now();
        assertTrue(network.local().iface().sendEchoRequest(now, H2, 0x6a00, 1, 1400));
        assertNotNull(driver.await(Micros.ofSeconds(1),
                t -> network.local().iface().ipv6PathMtus(t).isEmpty() ? null : true), "Packet Too Big came back");
        assertEquals(1, r1.counter(RouterCounter.DROP_TOO_BIG));
        assertEquals(0, r1.counter(RouterCounter.DROP_TOO_BIG_DONT_FRAGMENT), "IPv6 has no Don't Fragment: r1 never cuts");
        assertFalse(network.local().iface().echoReplyAt(0x6a00, 1, now) >= 0);

        // The reply to the next is too big for r2 the same way: h2 learns, and the third crosses both ways.
        for (int seq = 2; seq <= 3; seq++) {
            network.local().iface().sendEchoRequest(clock.now(), H2, 0x6a00, seq, 1400);
            driver.await(Micros.ofSeconds(1), t -> null);
        }
        assertTrue(network.local().iface().echoReplyAt(0x6a00, 3, now) >= 0, "the third was answered");
        assertTrue(network.local().iface().stats().get(InterfaceCounter.DATAGRAMS_FRAGMENTED) >= 2, "h1 fragmented 2 and 3");
        assertEquals(1, r1.counter(RouterCounter.DROP_TOO_BIG), "and r1 forwarded the fragments");
    }
}
