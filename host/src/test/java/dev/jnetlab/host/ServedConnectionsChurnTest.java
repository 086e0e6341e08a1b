package dev.jnetlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.iface.InterfaceConfig;
import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * 20,000 HTTP requests to {@code serve http}, one connection each, 100 at a time, between two
 * hosts on a virtual wire and a virtual clock, as {@code ab} makes them: what the server's side
 * keeps per connection (its handler, the socket until its close is done, the TIME-WAIT record
 * after, the queues' arrays) must all be given back, so every count is where it started once
 * the TIME-WAITs are over, and the heap after the last round is where it was once the TIME-WAIT
 * records came to their steady number. The stack's own churn test ({@code ConnectionChurnTest})
 * opens and closes 100,000 connections between sockets alone; this one covers the host and its
 * servers over them, which bench/load's jnetlab runs, with a fifth as many to stay quick.
 */
class ServedConnectionsChurnTest {
    static final int CONNECTIONS = 20_000;
    static final int AT_ONCE = 100;
    static final byte[] REQUEST = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    /** Virtual time between rounds: 200 rounds over 100 s, so a 10 s TIME-WAIT holds the last 20 rounds' connections. */
    static final long ROUND_GAP = Micros.ofMillis(500);

    final VirtualClock clock = new VirtualClock();
    final VirtualWire wire = new VirtualWire(1500, 100, VirtualWire.DEFAULT_CAPACITY);
    final Host client = new Host("client",
            InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:0a"), Ipv4Cidr.parse("192.168.69.100/24")), wire.a());
    final Host server = new Host("server",
            InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:0b"), Ipv4Cidr.parse("192.168.69.1/24")), wire.b());

    @Test
    void twentyThousandRequestsLeaveNothingBehind() throws TcpException {
        Server http = Servers.create("http", 80).start(server);
        server.addService(http);
        run(() -> false, Micros.ofMillis(1));
        int serverBaseline = server.sockets().size();
        int clientBaseline = client.sockets().size();
        byte[] answer = new byte[4096];

        long madeAtSteadyState = -1;
        long heapAtSteadyState = -1;
        for (int done = 0; done < CONNECTIONS; done += AT_ONCE) {
            List<Fetch> fetches = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                TcpSocket socket = new TcpSocket(4096, 4096);
                SocketHandle<TcpSocket> handle = client.sockets().add(socket);
                client.iface().connect(clock.now(), client.sockets(), handle, Endpoint.parse("192.168.69.1:80"), 0);
                fetches.add(new Fetch(socket));
            }
            int[] answered = {0};
            assertTrue(run(() -> {
                for (Fetch fetch : fetches) {
                    if (!fetch.done && fetch.step(answer)) {
                        client.release(fetch.socket);
                        answered[0]++;
                    }
                }
                return answered[0] == AT_ONCE && http.connectionCount() == 0;
            }, Micros.ofSeconds(5)), "round at " + done + ": " + answered[0] + " answered");
            run(() -> false, ROUND_GAP);

            assertEquals(0, http.connectionCount(), "the server holds no handler of a finished request");
            assertEquals(serverBaseline, server.sockets().size(), "every served socket left the set (a TIME-WAIT record stands in)");
            assertEquals(0, server.sockets().indexedTcpConnections());
            assertEquals(0, server.sockets().bufferPool().lentOctets(), "every queue's array is back in the pool");
            assertTrue(server.sockets().timeWaitRecords() <= 11 * AT_ONCE * Micros.ofSeconds(1) / ROUND_GAP,
                    "TIME-WAIT records of the last 10 s only: " + server.sockets().timeWaitRecords());
            if (done == 25 * AT_ONCE) { // the TIME-WAIT records have come to their steady number
                madeAtSteadyState = server.sockets().bufferPool().made();
                heapAtSteadyState = usedHeap();
            }
            if (madeAtSteadyState >= 0) {
                assertEquals(madeAtSteadyState, server.sockets().bufferPool().made(), "round at " + done + ": arrays reused, none made");
            }
        }
        long growth = usedHeap() - heapAtSteadyState;
        assertTrue(growth < 8 << 20, "the heap grew by " + growth + " octets over " + CONNECTIONS + " requests");

        run(() -> false, Micros.ofSeconds(11));
        assertEquals(0, server.sockets().timeWaitRecords(), "every TIME-WAIT is over");
        assertEquals(serverBaseline, server.sockets().size());
        assertEquals(clientBaseline, client.sockets().size(), "the client's sockets are gone too");
    }

    /** One request as a client makes it: sent once connected, the answer read to its end, then closed. */
    private static final class Fetch {
        final TcpSocket socket;
        boolean sent;
        boolean done;

        Fetch(TcpSocket socket) {
            this.socket = socket;
        }

        /** Does what can be done now; true when the answer has ended and the socket is closed. */
        boolean step(byte[] answer) {
            try {
                if (!sent && socket.state() == TcpState.ESTABLISHED) {
                    sent = socket.send(REQUEST, 0, REQUEST.length) == REQUEST.length;
                }
                while (socket.recv(answer, 0, answer.length) > 0) {
                    // the page is not what this test is about
                }
            } catch (TcpException.Recv end) {
                socket.close();
                done = true;
            } catch (TcpException.Send e) {
                throw new AssertionError(e);
            }
            return done;
        }
    }

    /** Polls both hosts, jumping the clock from deadline to deadline, until {@code done} or {@code micros} of stack time. */
    private boolean run(BooleanSupplier done, long micros) {
        long end = Micros.plus(clock.now(), micros);
        for (int round = 0; round < 1_000_000; round++) {
            long now = clock.now();
            client.poll(now);
            server.poll(now);
            if (done.getAsBoolean()) {
                return true;
            }
            long next = Math.min(client.pollAt(now), server.pollAt(now));
            if (next > end) {
                clock.advanceTo(Math.max(now, end));
                client.poll(clock.now());
                server.poll(clock.now());
                return done.getAsBoolean();
            }
            clock.advanceTo(Math.max(now, next));
        }
        throw new AssertionError("the two hosts never settled");
    }

    /** The heap in use after a full collection (the bound above is far from what a leak of 100,000 connections adds). */
    private static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
