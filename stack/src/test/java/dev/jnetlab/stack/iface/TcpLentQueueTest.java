package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.TwoStacks.B_IP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.time.Micros;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TcpSocket#send(TcpSocket.OctetsLent)} and {@link TcpSocket#recv(TcpSocket.OctetsLent)}:
 * the socket's queues lent in place, one contiguous run a call, over a connection between two
 * stacks on a virtual wire.
 */
class TcpLentQueueTest {
    private static final int QUEUE = 4096;
    private final TwoStacks net = new TwoStacks();
    private TcpSocket client;
    private TcpSocket server;
    /** The lengths of the runs lent, in order. */
    private final List<Integer> lent = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        SocketHandle<TcpListener> listener = net.bSockets.add(
                new TcpListener(new Endpoint(0, 80), 1, () -> new TcpSocket(QUEUE, QUEUE)));
        client = new TcpSocket(QUEUE, QUEUE);
        SocketHandle<TcpSocket> handle = net.aSockets.add(client);
        net.a.connect(net.clock.now(), net.aSockets, handle, new Endpoint(B_IP.bits(), 80), 0);
        assertTrue(net.runUntil(() -> {
            net.bSockets.accept(listener).ifPresent(accepted -> server = net.bSockets.get(accepted));
            return server != null;
        }, Micros.ofSeconds(1)));
    }

    /** A writer that fills {@code count} octets of what it is lent with 1, 2, 3 ... from {@code first}. */
    private TcpSocket.OctetsLent counting(int first, int count) {
        return (array, offset, length) -> {
            lent.add(length);
            int n = Math.min(count, length);
            for (int i = 0; i < n; i++) {
                array[offset + i] = (byte) (first + i);
            }
            return n;
        };
    }

    /** A reader that takes everything it is lent into {@code into} from {@code at}. */
    private TcpSocket.OctetsLent taking(byte[] into, int at) {
        return (array, offset, length) -> {
            lent.add(length);
            System.arraycopy(array, offset, into, at, length);
            return length;
        };
    }

    private static byte[] counted(int first, int count) {
        byte[] expected = new byte[count];
        for (int i = 0; i < count; i++) {
            expected[i] = (byte) (first + i);
        }
        return expected;
    }

    @Test
    void whatTheWriterFillsInPlaceIsSentAndTheReaderIsLentItInPlace() throws Exception {
        assertEquals(1000, client.send(counting(7, 1000)));
        assertEquals(List.of(QUEUE), lent, "the whole free queue, in one run");
        assertEquals(1000, client.sendQueue());
        assertTrue(net.runUntil(() -> server.recvQueue() == 1000, Micros.ofSeconds(1)));

        byte[] read = new byte[1000];
        assertEquals(1000, server.recv(taking(read, 0)));
        assertArrayEquals(counted(7, 1000), read);
        assertEquals(0, server.recvQueue(), "what the reader took left the queue");
    }

    @Test
    void whatTheReaderDoesNotTakeStaysQueuedForTheNextRead() throws Exception {
        client.send(counting(0, 300));
        assertTrue(net.runUntil(() -> server.recvQueue() == 300, Micros.ofSeconds(1)));

        assertEquals(100, server.recv((array, offset, length) -> 100));
        byte[] rest = new byte[200];
        assertEquals(200, server.recv(taking(rest, 0)));
        assertArrayEquals(Arrays.copyOfRange(counted(0, 300), 100, 300), rest);
    }

    @Test
    void nothingIsLentWhileTheSendQueueIsFullOrNothingWasReceived() throws Exception {
        assertEquals(QUEUE, client.send(counting(0, QUEUE)));
        lent.clear();
        assertEquals(0, client.send(counting(0, QUEUE)));
        assertEquals(0, server.recv(taking(new byte[QUEUE], 0)));
        assertEquals(List.of(), lent);
    }

    @Test
    void queuesThatWrapAreLentOneRunACall() throws Exception {
        client.send(counting(0, 3000));
        assertTrue(net.runUntil(() -> client.sendQueue() == 0 && server.recvQueue() == 3000, Micros.ofSeconds(1)));
        server.recv(taking(new byte[3000], 0));
        lent.clear();

        assertEquals(QUEUE - 3000, client.send(counting(0, QUEUE)), "up to the end of the array");
        assertEquals(3000, client.send(counting(QUEUE - 3000, 3000)), "then from its start");
        assertEquals(List.of(QUEUE - 3000, 3000), lent);
        assertTrue(net.runUntil(() -> server.recvQueue() == QUEUE, Micros.ofSeconds(1)));

        lent.clear();
        byte[] read = new byte[QUEUE];
        int first = server.recv(taking(read, 0));
        int second = server.recv(taking(read, first));
        assertEquals(List.of(QUEUE - 3000, 3000), lent, "the receive queue wraps at the same place");
        assertEquals(QUEUE, first + second);
        assertArrayEquals(counted(0, QUEUE), read);
    }

    @Test
    void aClaimBeyondTheRunLentIsRefusedAndQueuesNothing() throws Exception {
        assertThrows(IllegalStateException.class, () -> client.send((array, offset, length) -> length + 1));
        assertThrows(IllegalStateException.class, () -> client.send((array, offset, length) -> -1));
        assertEquals(0, client.sendQueue());
    }
}
