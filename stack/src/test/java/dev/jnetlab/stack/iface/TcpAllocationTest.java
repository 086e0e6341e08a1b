package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md §4 for TCP through the interface: once a connection is up, a long transfer both ways
 * between two stacks on a virtual wire (2 % of frames dropped and 1 % duplicated, so loss
 * recovery and SACK run too) allocates nothing per segment: not the receive path (view,
 * descriptor, options), not the dispatch (frame written in the device's buffer, payload copied
 * from the send queue), not the counters. The loop is written to allocate nothing itself.
 * The same holds over IPv6 (fd00::a to fd00::b, through the neighbor cache of NDP).
 */
class TcpAllocationTest {
    private static final int CHUNK = 4 * 1024 * 1024;
    private static final FaultConfig FAULTS = FaultConfig.NONE.withDropPercent(2).withDuplicatePercent(1);

    private final TcpOverWire net = new TcpOverWire(Micros.ofMillis(1), FAULTS, 11);
    private final byte[] out = TcpOverFaultyWireTest.data(CHUNK, 5);
    private final byte[] in = new byte[64 * 1024];
    private TcpSocket client;
    private TcpSocket server;
    private int sentA;
    private int sentB;
    private long gotA;
    private long gotB;
    private long targetA;
    private long targetB;

    @Test
    void aLongTransferBothWaysAllocatesNothingPerSegment() throws TcpException {
        client = new TcpSocket(256 * 1024, 256 * 1024);
        SocketHandle<TcpSocket> handle = net.aSockets.add(client);
        SocketHandle<TcpListener> listener = net.bSockets.add(new TcpListener(new Endpoint(TcpOverWire.B_IP.bits(), 80), 1,
                () -> new TcpSocket(256 * 1024, 256 * 1024)));
        net.a.connect(net.clock.now(), net.aSockets, handle, new Endpoint(TcpOverWire.B_IP.bits(), 80), 0);
        for (int i = 0; i < 1000 && server == null; i++) {
            net.pollBoth();
            server = net.bSockets.accept(listener).map(net.bSockets::get).orElse(null);
            net.advance();
        }
        assertEquals(TcpState.ESTABLISHED, client.state());
        measure();
    }

    @Test
    void aLongTransferBothWaysOverIpv6AllocatesNothingPerSegment() throws TcpException {
        Ipv6Address b6 = Ipv6Address.parse("fd00::b");
        net.a.addAddress(Ipv6Address.parse("fd00::a"), 64);
        net.b.addAddress(b6, 64);
        for (int i = 0; i < 1000 && net.clock.now() < Micros.ofSeconds(2); i++) {
            net.pollBoth(); // duplicate address detection: a second of silence for each address
            net.advance();
        }
        client = new TcpSocket(256 * 1024, 256 * 1024);
        SocketHandle<TcpSocket> handle = net.aSockets.add(client);
        SocketHandle<TcpListener> listener = net.bSockets.add(new TcpListener(new Endpoint(0, 80), 1,
                () -> new TcpSocket(256 * 1024, 256 * 1024)));
        net.a.connect(net.clock.now(), net.aSockets, handle, new IpEndpoint(b6, 80), 0);
        for (int i = 0; i < 1000 && server == null; i++) {
            net.pollBoth();
            server = net.bSockets.accept(listener).map(net.bSockets::get).orElse(null);
            net.advance();
        }
        assertEquals(TcpState.ESTABLISHED, client.state());
        assertTrue(client.isIpv6() && server.isIpv6());
        measure();
    }

    private void measure() {
        AllocationMeter.assertNoAllocationPerFrame(2 * CHUNK / 1460 * 2, this::transferBothWays);

        assertEquals(TcpState.ESTABLISHED, server.state());
        InterfaceStats a = net.a.stats();
        assertTrue(a.get(InterfaceCounter.TCP_RETRANSMISSIONS) > 0, "losses were recovered from: " + a.nonZero());
        assertTrue(a.get(InterfaceCounter.TCP_OUT) > 2 * CHUNK / 1460, "two runs of 4 MiB: " + a.nonZero());
    }

    /** 4 MiB from A to B and 4 MiB from B to A, read as they come. */
    private void transferBothWays() {
        try {
            sentA = 0;
            sentB = 0;
            targetA = gotA + CHUNK;
            targetB = gotB + CHUNK;
            while (gotA < targetA || gotB < targetB) {
                if (sentA < CHUNK) {
                    sentA += client.send(out, sentA, CHUNK - sentA);
                }
                if (sentB < CHUNK) {
                    sentB += server.send(out, sentB, CHUNK - sentB);
                }
                while (client.canRecv()) {
                    gotA += client.recv(in, 0, in.length);
                }
                while (server.canRecv()) {
                    gotB += server.recv(in, 0, in.length);
                }
                net.pollBoth();
                if (!net.advance()) {
                    throw new AssertionError("the transfer stalled");
                }
            }
        } catch (TcpException e) {
            throw new AssertionError(e);
        }
    }
}
