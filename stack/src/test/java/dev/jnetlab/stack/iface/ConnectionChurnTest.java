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
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * 100,000 connections opened, used and closed between two stacks on a virtual wire and a
 * virtual clock, 100 at a time, as a busy server sees them: whatever a connection leaves
 * behind would add up, so every count of what the stacks hold (sockets, indexed connections,
 * half-open and ready connections, ARP waiters' neighbors, frames waiting for ARP) must be
 * back where it started after each round. The queues' arrays come from each set's buffer pool
 * and go back to it: after the first round no array is made any more, none stays lent, and the
 * heap after the last round is where it was after the first.
 */
class ConnectionChurnTest {
    static final int PORT = 7;
    static final int CONNECTIONS = 100_000;
    static final int AT_ONCE = 100;
    static final int BUFFER = 1024;
    static final long TIME_WAIT = Micros.ofMillis(100);

    final TwoStacks s = new TwoStacks();
    final TcpListener listener = new TcpListener(new Endpoint(0, PORT),
            () -> new TcpSocket(BUFFER, BUFFER).setTimeWaitDuration(TIME_WAIT));

    @Test
    void aHundredThousandConnectionsLeaveNothingBehind() throws TcpException {
        SocketHandle<TcpListener> listening = s.bSockets.add(listener);
        s.idle(Micros.ofMillis(1));
        int clientBaseline = s.aSockets.size();
        int serverBaseline = s.bSockets.size();
        byte[] request = {'p', 'i', 'n', 'g'};
        byte[] read = new byte[16];

        long madeAfterFirstRound = -1;
        long heapAfterFirstRound = -1;
        for (int done = 0; done < CONNECTIONS; done += AT_ONCE) {
            List<SocketHandle<TcpSocket>> clients = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                TcpSocket socket = new TcpSocket(BUFFER, BUFFER).setTimeWaitDuration(TIME_WAIT);
                SocketHandle<TcpSocket> handle = s.aSockets.add(socket);
                s.a.connect(s.clock.now(), s.aSockets, handle, new Endpoint(TwoStacks.B_IP.bits(), PORT), 0);
                clients.add(handle);
            }
            List<SocketHandle<TcpSocket>> served = new ArrayList<>();
            assertTrue(s.runUntil(() -> {
                for (Optional<SocketHandle<TcpSocket>> h = s.bSockets.accept(listening); h.isPresent();
                        h = s.bSockets.accept(listening)) {
                    served.add(h.get());
                }
                return served.size() == AT_ONCE;
            }, Micros.ofSeconds(5)), "round at " + done + ": " + served.size() + " accepted");
            for (SocketHandle<TcpSocket> client : clients) {
                s.aSockets.get(client).send(request, 0, request.length);
                s.aSockets.get(client).close();
            }
            assertTrue(s.runUntil(() -> {
                for (SocketHandle<TcpSocket> server : served) {
                    serve(s.bSockets.get(server), read);
                }
                return allClosed(clients, true) && allClosed(served, false);
            }, Micros.ofSeconds(5)), "round at " + done + " closed");
            clients.forEach(s.aSockets::remove);
            served.forEach(s.bSockets::remove);

            assertEquals(clientBaseline, s.aSockets.size());
            assertEquals(serverBaseline, s.bSockets.size());
            assertEquals(0, s.aSockets.indexedTcpConnections());
            assertEquals(0, s.bSockets.indexedTcpConnections());
            assertEquals(0, listener.halfOpenCount() + listener.readyCount());
            assertEquals(0, s.a.pendingFrames() + s.b.pendingFrames());
            assertEquals(1, s.a.neighbors(s.clock.now()).size());
            assertEquals(0, s.aSockets.bufferPool().lentOctets() + s.bSockets.bufferPool().lentOctets(),
                    "every queue's array is back in its pool");
            long made = s.aSockets.bufferPool().made() + s.bSockets.bufferPool().made();
            if (madeAfterFirstRound < 0) {
                madeAfterFirstRound = made;
                heapAfterFirstRound = usedHeap();
            }
            assertEquals(madeAfterFirstRound, made, "round at " + done + ": arrays reused, none made");
        }
        long growth = usedHeap() - heapAfterFirstRound;
        assertTrue(growth < 8 << 20, "the heap grew by " + growth + " octets over 100,000 connections");
        assertEquals(CONNECTIONS, listener.acceptedCount());
    }

    /** The heap in use after a full collection (the bound above is far from what a leak of 100,000 connections adds). */
    private static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The server reads what came and closes once the client has. */
    private static void serve(TcpSocket socket, byte[] read) {
        try {
            if (socket.state().isSynchronized() && socket.recvQueue() > 0) {
                socket.recv(read, 0, read.length);
            }
        } catch (TcpException.Recv e) {
            throw new AssertionError(e);
        }
        if (socket.state() == TcpState.CLOSE_WAIT) {
            socket.close();
        }
    }

    private boolean allClosed(List<SocketHandle<TcpSocket>> handles, boolean client) {
        for (SocketHandle<TcpSocket> handle : handles) {
            if ((client ? s.aSockets : s.bSockets).get(handle).state() != TcpState.CLOSED) {
                return false;
            }
        }
        return true;
    }
}
