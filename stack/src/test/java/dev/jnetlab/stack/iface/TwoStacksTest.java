package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.TwoStacks.A_IP;
import static dev.jnetlab.stack.iface.TwoStacks.B_IP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.IcmpMessage;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.UdpDatagram;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Octets;
import org.junit.jupiter.api.Test;

/** Two stacks on a virtual wire: ping and UDP both ways, ARP expiry and re-resolution, a fragmented 8,000-octet datagram. */
class TwoStacksTest {
    private final TwoStacks net = new TwoStacks();

    private static IcmpSocket icmp(SocketSet set, int id) throws Exception {
        IcmpSocket socket = new IcmpSocket();
        set.add(socket);
        socket.bind(id);
        return socket;
    }

    private static UdpSocket udp(SocketSet set, int port) throws Exception {
        UdpSocket socket = new UdpSocket();
        set.add(socket);
        socket.bind(port);
        return socket;
    }

    private IcmpMessage ping(IcmpSocket socket, Ipv4Address to, int seq, byte[] data) throws Exception {
        socket.sendEcho(to, seq, data);
        assertTrue(net.runUntil(socket::canRecv, Micros.ofSeconds(5)), "no reply to ping " + seq);
        return socket.recv();
    }

    @Test
    void pingBothWaysFirstPacketIncluded() throws Exception {
        IcmpSocket fromA = icmp(net.aSockets, 100);
        IcmpSocket fromB = icmp(net.bSockets, 200);

        for (int seq = 1; seq <= 5; seq++) {
            byte[] data = Octets.of(("ping " + seq).getBytes()).toByteArray();
            IcmpMessage reply = ping(fromA, B_IP, seq, data);
            assertTrue(reply.isEchoReply());
            assertEquals(B_IP, reply.from());
            assertEquals(A_IP, reply.to());
            assertEquals(seq, reply.sequence());
            assertEquals(Octets.of(data), reply.data());
            net.idle(Micros.ofSeconds(1));
        }
        IcmpMessage back = ping(fromB, A_IP, 1, new byte[56]);
        assertEquals(A_IP, back.from());

        assertEquals(1, net.a.stats().get(InterfaceCounter.ARP_REQUESTS_OUT), "one resolution, then the cache");
        assertEquals(0, net.b.stats().get(InterfaceCounter.ARP_REQUESTS_OUT), "B learned A from A's request");
        assertEquals(0, net.a.stats().totalDrops() + net.b.stats().totalDrops());
    }

    @Test
    void udpBothWays() throws Exception {
        UdpSocket server = udp(net.bSockets, 6969);
        UdpSocket client = udp(net.aSockets, 0);

        client.sendTo(new Endpoint(B_IP.bits(), 6969), "question".getBytes(), 0, 8);
        assertTrue(net.runUntil(server::canRecv, Micros.ofSeconds(5)));
        UdpDatagram question = server.recvFrom();
        assertArrayEquals("question".getBytes(), question.data());
        assertEquals(IpEndpoint.of(new Endpoint(A_IP.bits(), client.localPort())), question.remote());

        server.sendTo(question.remote(), "answer".getBytes(), 0, 6);
        assertTrue(net.runUntil(client::canRecv, Micros.ofSeconds(5)));
        UdpDatagram answer = client.recvFrom();
        assertArrayEquals("answer".getBytes(), answer.data());
        assertEquals(IpEndpoint.of(new Endpoint(B_IP.bits(), 6969)), answer.remote());
    }

    @Test
    void arpGoesStaleAfterAMinuteAndIsConfirmedAgainWithoutLoss() throws Exception {
        IcmpSocket fromA = icmp(net.aSockets, 1);
        ping(fromA, B_IP, 1, new byte[8]);
        assertEquals(NeighborState.REACHABLE, net.a.neighbors(net.clock.now()).get(0).state());

        net.idle(Micros.ofSeconds(61));
        assertEquals(NeighborState.STALE, net.a.neighbors(net.clock.now()).get(0).state());
        IcmpMessage reply = ping(fromA, B_IP, 2, new byte[8]);

        assertEquals(2, reply.sequence());
        assertEquals(2, net.a.stats().get(InterfaceCounter.ARP_REQUESTS_OUT));
        assertEquals(NeighborState.REACHABLE, net.a.neighbors(net.clock.now()).get(0).state());
        assertEquals(0, net.a.stats().totalDrops() + net.b.stats().totalDrops());
    }

    @Test
    void an8000OctetDatagramBothWaysInFragments() throws Exception {
        UdpSocket onA = udp(net.aSockets, 1000);
        UdpSocket onB = udp(net.bSockets, 2000);
        byte[] big = Frames.pattern(8000, 11);
        byte[] bigger = Frames.pattern(8000, 99);

        onA.sendTo(B_IP.bits(), 2000, big, 0, big.length);
        assertTrue(net.runUntil(onB::canRecv, Micros.ofSeconds(5)));
        assertArrayEquals(big, onB.recvFrom().data());
        onB.sendTo(A_IP.bits(), 1000, bigger, 0, bigger.length);
        assertTrue(net.runUntil(onA::canRecv, Micros.ofSeconds(5)));
        assertArrayEquals(bigger, onA.recvFrom().data());

        for (Interface host : new Interface[] {net.a, net.b}) {
            InterfaceStats stats = host.stats();
            assertEquals(1, stats.get(InterfaceCounter.DATAGRAMS_FRAGMENTED));
            assertEquals(6, stats.get(InterfaceCounter.FRAGMENTS_OUT));
            assertEquals(6, stats.get(InterfaceCounter.FRAGMENTS_IN));
            assertEquals(1, stats.get(InterfaceCounter.DATAGRAMS_REASSEMBLED));
            assertEquals(0, stats.totalDrops());
        }
    }

    @Test
    void aPingToNobodyEndsAsHostUnreachable() throws Exception {
        IcmpSocket fromA = icmp(net.aSockets, 5);
        fromA.sendEcho(Ipv4Address.parse("192.168.69.77"), 1, new byte[8]);

        assertTrue(net.runUntil(fromA::canRecv, Micros.ofSeconds(10)));
        assertEquals("Destination Host Unreachable", fromA.recv().describe());
        assertEquals(3, net.a.stats().get(InterfaceCounter.ARP_REQUESTS_OUT));
    }

    @Test
    void aDatagramToAClosedPortComesBackAsPortUnreachable() throws Exception {
        UdpSocket onA = udp(net.aSockets, 1000);
        onA.sendTo(B_IP.bits(), 9, new byte[4], 0, 4);
        net.idle(Micros.ofSeconds(1));

        assertEquals(1, net.b.stats().get(InterfaceCounter.ICMP_ERRORS_OUT));
        assertEquals(1, net.a.stats().get(InterfaceCounter.ICMP_ERRORS_IN));
    }
}
