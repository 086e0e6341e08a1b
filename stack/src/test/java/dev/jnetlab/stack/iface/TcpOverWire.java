package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultInjector;
import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.function.Supplier;

/**
 * Two stacks on a {@link VirtualWire}, host A (192.168.69.1) behind a {@link FaultInjector}
 * (so every frame, both ways, crosses it once), host B (192.168.69.2) on the bare wire, on one
 * {@link VirtualClock}. {@link #transfer} has A connect to a listener on B and both send a
 * buffer as fast as their send queues take it, read everything, and close when done; the loop
 * jumps the clock from deadline to deadline, as an event loop would, and allocates nothing
 * itself (no lambdas, no boxing), so the allocation test can run it under the meter.
 */
final class TcpOverWire {
    static final Ipv4Address A_IP = Ipv4Address.parse("192.168.69.1");
    static final Ipv4Address B_IP = Ipv4Address.parse("192.168.69.2");
    static final int PORT = 6969;

    final VirtualClock clock = new VirtualClock();
    final VirtualWire wire;
    final FaultInjector injector;
    final Interface a;
    final Interface b;
    final SocketSet aSockets;
    final SocketSet bSockets;
    private final Device aDevice;
    private final Device bDevice;
    private final byte[] chunk = new byte[65536];

    /**
     * @param latency one-way latency of the wire
     * @param faults  what the injector on A's side does
     * @param seed    seeds the faults and both interfaces
     */
    TcpOverWire(long latency, FaultConfig faults, long seed) {
        wire = new VirtualWire(1500, latency, 1024);
        injector = new FaultInjector(wire.a(), faults, seed, 4096);
        aDevice = injector;
        bDevice = wire.b();
        a = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:0a"), new Ipv4Cidr(A_IP, 24)).withSeed(seed));
        b = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:0b"), new Ipv4Cidr(B_IP, 24)).withSeed(~seed));
        aSockets = a.newSocketSet();
        bSockets = b.newSocketSet();
    }

    /** One round of the event loops at the current instant. */
    void pollBoth() {
        long now = clock.now();
        a.poll(now, aDevice, aSockets);
        b.poll(now, bDevice, bSockets);
    }

    /** Moves the clock to the earlier of both stacks' next deadlines; false if neither waits for anything. */
    boolean advance() {
        long now = clock.now();
        long next = Math.min(a.pollAt(now, aDevice, aSockets), b.pollAt(now, bDevice, bSockets));
        if (next == Micros.NEVER) {
            return false;
        }
        clock.advanceTo(Math.max(now, next));
        return true;
    }

    /** What a transfer did. */
    static final class Result {
        TcpSocket client;
        TcpSocket server;
        long receivedByA;
        long receivedByB;
        long virtualMicros;
        long rounds;
    }

    /**
     * A connects to a listener on B; A sends {@code toB}, B sends {@code toA}, each reading into
     * {@code intoA}/{@code intoB} and closing once all is sent; until both sockets are closed
     * (or in TIME-WAIT) with everything received, or {@code maxVirtual} of stack time.
     */
    Result transfer(Supplier<TcpSocket> sockets, byte[] toB, byte[] toA, byte[] intoA, byte[] intoB, long maxVirtual,
                    Result result) throws TcpException {
        TcpSocket client = sockets.get();
        SocketHandle<TcpSocket> clientHandle = aSockets.add(client);
        SocketHandle<TcpListener> listener = bSockets.add(new TcpListener(new Endpoint(B_IP.bits(), PORT), 1, sockets));
        a.connect(clock.now(), aSockets, clientHandle, new Endpoint(B_IP.bits(), PORT), 0);
        TcpSocket server = null;
        int sentA = 0;
        int sentB = 0;
        int gotA = 0;
        int gotB = 0;
        boolean closedA = false;
        boolean closedB = false;
        long start = clock.now();
        long rounds = 0;
        while (true) {
            rounds++;
            pollBoth();
            if (server == null) {
                SocketHandle<TcpSocket> accepted = bSockets.accept(listener).orElse(null);
                if (accepted != null) {
                    server = bSockets.get(accepted);
                }
            }
            if (client.maySend() && sentA < toB.length) {
                sentA += client.send(toB, sentA, toB.length - sentA);
            }
            gotA += drain(client, intoA, gotA);
            if (!closedA && sentA == toB.length && client.state().isSynchronized()) {
                client.close();
                closedA = true;
            }
            if (server != null) {
                if (server.maySend() && sentB < toA.length) {
                    sentB += server.send(toA, sentB, toA.length - sentB);
                }
                gotB += drain(server, intoB, gotB);
                if (!closedB && sentB == toA.length) {
                    server.close();
                    closedB = true;
                }
            }
            boolean done = server != null && gotA == toA.length && gotB == toB.length
                    && finished(client) && finished(server);
            if (done || clock.now() - start > maxVirtual || !advance()) {
                break;
            }
        }
        result.client = client;
        result.server = server;
        result.receivedByA = gotA;
        result.receivedByB = gotB;
        result.virtualMicros = clock.now() - start;
        result.rounds = rounds;
        return result;
    }

    static boolean finished(TcpSocket socket) {
        return socket.state() == TcpState.CLOSED || socket.state() == TcpState.TIME_WAIT;
    }

    private int drain(TcpSocket socket, byte[] sink, int at) throws TcpException.Recv {
        int total = 0;
        while (socket.canRecv()) {
            int room = Math.min(chunk.length, sink.length - at - total);
            if (room == 0) {
                throw new AssertionError("received more than was sent: " + (at + total) + " and more");
            }
            int n = socket.recv(sink, at + total, room);
            total += n;
        }
        return total;
    }
}
