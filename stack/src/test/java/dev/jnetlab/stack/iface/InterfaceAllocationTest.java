package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.TwoStacks.A_IP;
import static dev.jnetlab.stack.iface.TwoStacks.B_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md §4 for the interface and its sockets: a long UDP exchange, with pings and a
 * fragmented datagram now and then, between two stacks on a virtual wire allocates nothing per
 * frame once warm. The loop below is written to allocate nothing itself (no lambdas, no boxing),
 * so whatever the meter sees is the stack's.
 */
class InterfaceAllocationTest {
    private static final int ROUNDS = 4_000;
    private static final int SMALL = 200;
    private static final int LARGE = 3_000;

    private final TwoStacks net = new TwoStacks();
    private final UdpSocket client = new UdpSocket();
    private final UdpSocket server = new UdpSocket();
    private final IcmpSocket ping = new IcmpSocket();
    private final byte[] out = Frames.pattern(LARGE, 1);
    private final byte[] in = new byte[LARGE];
    private int idleSteps;
    private int sequence;

    @Test
    void aLongExchangeAllocatesNothingPerFrame() throws Exception {
        net.aSockets.add(client);
        net.aSockets.add(ping);
        net.bSockets.add(server);
        client.bind(1000);
        server.bind(2000);
        ping.bind(77);

        AllocationMeter.assertNoAllocationPerFrame(ROUNDS * 8, this::exchange);

        InterfaceStats a = net.a.stats();
        assertEquals(0, a.totalDrops() + net.b.stats().totalDrops(), a.nonZero().toString());
        assertEquals(2 * ROUNDS, a.get(InterfaceCounter.ICMP_ECHO_REPLIES_IN));
    }

    private void exchange() {
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int length = round % 10 == 9 ? LARGE : SMALL;
                client.sendTo(B_IP.bits(), 2000, out, 0, length);
                runUntilServerHasData();
                int n = server.recv(in, 0, in.length);
                server.sendTo(server.lastRemoteAddress(), server.lastRemotePort(), in, 0, n);
                runUntilClientHasData();
                if (client.recv(in, 0, in.length) != length) {
                    throw new AssertionError("round " + round);
                }
                ping.sendEcho(B_IP.bits(), sequence++ & 0xFFFF, out, 0, 56);
                runUntilPingHasReply();
                ping.recv(in, 0, in.length);
            }
        } catch (SocketException e) {
            throw new AssertionError(e);
        }
    }

    private void runUntilServerHasData() {
        while (!server.canRecv()) {
            step();
        }
    }

    private void runUntilClientHasData() {
        while (!client.canRecv()) {
            step();
        }
    }

    private void runUntilPingHasReply() {
        while (!ping.canRecv()) {
            step();
        }
    }

    private void step() {
        long now = net.clock.now();
        net.a.poll(now, net.wire.a(), net.aSockets);
        net.b.poll(now, net.wire.b(), net.bSockets);
        long next = Math.min(net.a.pollAt(now, net.wire.a(), net.aSockets), net.b.pollAt(now, net.wire.b(), net.bSockets));
        if (next == Micros.NEVER) {
            if (++idleSteps > 2) {
                throw new AssertionError("the exchange stalled at " + now + " between " + A_IP + " and " + B_IP);
            }
            return;
        }
        idleSteps = 0;
        net.clock.advanceTo(Math.max(now, next));
    }
}
