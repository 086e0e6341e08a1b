package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Connections that cost nothing at rest: a poll, and the question of when the next poll is
 * due, ask only the connections that have something to do (the socket set's deadline heap),
 * so 10,000 idle connections, with keep-alive timers armed, or 10,000 in TIME-WAIT, change
 * nothing in what an exchange on one other connection costs. Counted in the sockets asked
 * ({@code DeadlineHeap.visits()}: each a {@code pollAt}), not in time.
 */
class IdleConnectionsCostTest {
    static final int PORT = 80;
    static final int IDLE = 10_000;
    static final int ROUNDS = 50;
    static final long KEEP_ALIVE = Micros.ofSeconds(600);
    static final long TIME_WAIT = Micros.ofSeconds(600);

    /** Two stacks, a listener on B, and the connections opened so far (client on A, server on B). */
    static final class Lab {
        final TwoStacks s = new TwoStacks();
        final SocketHandle<TcpListener> listening = s.bSockets.add(new TcpListener(new Endpoint(0, PORT),
                () -> new TcpSocket(1024, 1024).setKeepAlive(KEEP_ALIVE).setTimeWaitDuration(TIME_WAIT)));
        final List<TcpSocket> clients = new ArrayList<>();
        final List<TcpSocket> servers = new ArrayList<>();

        /** Opens {@code n} more connections, 100 at a time, and lets them go quiet. */
        void open(int n) throws TcpException {
            for (int opened = 0; opened < n; opened += 100) {
                int batch = Math.min(100, n - opened);
                int serversBefore = servers.size();
                for (int i = 0; i < batch; i++) {
                    TcpSocket socket = new TcpSocket(1024, 1024).setKeepAlive(KEEP_ALIVE).setTimeWaitDuration(TIME_WAIT);
                    SocketHandle<TcpSocket> handle = s.aSockets.add(socket);
                    s.a.connect(s.clock.now(), s.aSockets, handle, new Endpoint(TwoStacks.B_IP.bits(), PORT), 0);
                    clients.add(socket);
                }
                assertTrue(s.runUntil(() -> {
                    for (Optional<SocketHandle<TcpSocket>> h = s.bSockets.accept(listening); h.isPresent();
                            h = s.bSockets.accept(listening)) {
                        servers.add(s.bSockets.get(h.get()));
                    }
                    return servers.size() == serversBefore + batch;
                }, Micros.ofSeconds(5)), "accepted " + servers.size());
            }
            s.idle(Micros.ofSeconds(1)); // delayed ACKs and the rest of the handshakes settle
        }

        /** The sockets both sets have asked for their deadlines so far. */
        long visits() {
            return s.aSockets.tcpDeadlines().visits() + s.bSockets.tcpDeadlines().visits();
        }

        /**
         * {@link #ROUNDS} requests of 100 octets on the last connection opened, each echoed by
         * the server and read back by the client; returns the sockets asked meanwhile.
         */
        long exchange() throws TcpException {
            TcpSocket client = clients.get(clients.size() - 1);
            TcpSocket server = servers.get(servers.size() - 1);
            byte[] request = new byte[100];
            byte[] read = new byte[100];
            long before = visits();
            for (int round = 0; round < ROUNDS; round++) {
                client.send(request, 0, request.length);
                assertTrue(s.runUntil(() -> echo(server, read) && client.recvQueue() == request.length,
                        Micros.ofSeconds(1)), "round " + round);
                client.recv(read, 0, read.length);
            }
            return visits() - before;
        }

        private static boolean echo(TcpSocket server, byte[] read) {
            try {
                if (server.recvQueue() > 0) {
                    int n = server.recv(read, 0, read.length);
                    server.send(read, 0, n);
                }
            } catch (TcpException e) {
                throw new AssertionError(e);
            }
            return true;
        }
    }

    @Nested
    class WhenTenThousandConnectionsAreIdle {
        @Test
        void anExchangeOnAnotherAsksAsManySocketsAsWithNoneIdle() throws TcpException {
            Lab alone = new Lab();
            alone.open(1);
            Lab crowded = new Lab();
            crowded.open(IDLE + 1);

            long withNone = alone.exchange();
            long withTenThousand = crowded.exchange();

            assertEquals(withNone, withTenThousand, "the idle connections are never asked");
            assertTrue(withNone <= 12 * ROUNDS, "a few sockets per request and its echo: " + withNone);
        }

        @Test
        void theirKeepAliveTimersWaitInTheHeapNotInEveryPoll() throws TcpException {
            Lab crowded = new Lab();
            crowded.open(IDLE);

            assertEquals(IDLE, crowded.s.aSockets.tcpDeadlines().size(), "each client's keep-alive deadline is in the heap");
            long before = crowded.visits();
            for (int i = 0; i < 100; i++) {
                crowded.s.pollBoth();
                crowded.s.a.pollAt(crowded.s.clock.now(), crowded.s.wire.a(), crowded.s.aSockets);
            }
            assertEquals(before, crowded.visits(), "a hundred polls with nothing due ask no socket");
        }
    }

    @Nested
    class TheActivityAServerLooksAt {
        @Test
        void namesTheConnectionsASegmentReachedNotTheIdleOnes() throws TcpException {
            Lab crowded = new Lab();
            crowded.open(1000);
            crowded.s.bSockets.clearTcpActivity();
            TcpSocket client = crowded.clients.get(500);

            client.send(new byte[10], 0, 10);
            crowded.s.pollBoth();
            crowded.s.clock.advanceTo(crowded.s.clock.now() + Micros.ofMillis(1));
            crowded.s.pollBoth();

            assertEquals(1, crowded.s.bSockets.tcpActivityCount());
            assertEquals(crowded.servers.get(500), crowded.s.bSockets.tcpActivityAt(0));
            crowded.s.bSockets.clearTcpActivity();
            assertEquals(0, crowded.s.bSockets.tcpActivityCount());
        }
    }

    @Nested
    class WhenTenThousandConnectionsAreInTimeWait {
        @Test
        void anExchangeOnAnotherAsksAsManySocketsAsWithNone() throws TcpException {
            Lab alone = new Lab();
            alone.open(1);
            Lab crowded = new Lab();
            crowded.open(IDLE + 1);
            closeAllButTheLast(crowded);

            long withNone = alone.exchange();
            long withTenThousand = crowded.exchange();

            assertEquals(withNone, withTenThousand, "the connections in TIME-WAIT are never asked");
        }

        @Test
        void eachIsAskedOnceWhenItsTimeIsUp() throws TcpException {
            Lab crowded = new Lab();
            crowded.open(IDLE);
            closeAllButTheLast(crowded);
            long before = crowded.visits();

            crowded.s.idle(TIME_WAIT + Micros.ofSeconds(1));

            assertEquals(TcpState.CLOSED, crowded.clients.get(0).state());
            long asked = crowded.visits() - before;
            assertTrue(asked >= IDLE - 1 && asked <= 2L * IDLE, "about one visit each when the timer fires: " + asked);
        }

        /** The clients close first, so they hold the TIME-WAIT, as a server's clients do. */
        private void closeAllButTheLast(Lab lab) {
            int n = lab.clients.size() - 1;
            for (int i = 0; i < n; i++) {
                lab.clients.get(i).close();
            }
            assertTrue(lab.s.runUntil(() -> {
                for (int i = 0; i < n; i++) {
                    if (lab.servers.get(i).state() == TcpState.CLOSE_WAIT) {
                        lab.servers.get(i).close();
                    }
                }
                for (int i = 0; i < n; i++) {
                    if (lab.clients.get(i).state() != TcpState.TIME_WAIT) {
                        return false;
                    }
                }
                return true;
            }, Micros.ofSeconds(5)), "every client in TIME-WAIT");
            lab.s.idle(Micros.ofSeconds(1));
        }
    }
}
