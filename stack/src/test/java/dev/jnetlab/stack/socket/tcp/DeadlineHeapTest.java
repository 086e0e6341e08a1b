package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpRepr;
import dev.jnetlab.testing.AllocationMeter;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The deadline heap of a socket set: connections by the instant each next wants a dispatch,
 * asked again only when something happened to them. A connection here is a socket whose SYN
 * went at some instant, so its deadline is that instant plus the initial RTO of one second
 * (RFC 6298 section 2.1).
 */
class DeadlineHeapTest {
    static final long RTO = Micros.ofSeconds(1);
    static final int LOCAL = 0x0A000001;
    static final int REMOTE = 0x0A000002;

    final DeadlineHeap heap = new DeadlineHeap();
    final TcpRepr out = new TcpRepr();
    int nextPort = 40000;

    /** A socket in the heap whose SYN went at {@code sentAt}: due at {@code sentAt + RTO}. */
    TcpSocket synSentAt(long sentAt) throws TcpException {
        TcpSocket socket = new TcpSocket(64, 64).setIsnSource((now, local, localPort, remote, remotePort) -> 1000);
        heap.add(socket);
        socket.connect(sentAt, new Endpoint(LOCAL, nextPort++), new Endpoint(REMOTE, 80));
        assertTrue(socket.dispatch(sentAt, out));
        socket.sent(sentAt, out);
        heap.changed(socket);
        return socket;
    }

    List<TcpSocket> takeDue(long now) {
        List<TcpSocket> due = new ArrayList<>();
        for (int i = 0, n = heap.takeDue(now); i < n; i++) {
            due.add(heap.due(i));
        }
        return due;
    }

    @Test
    void theEarliestDeadlineIsReadOffTheTop() throws TcpException {
        synSentAt(300);
        synSentAt(100);
        synSentAt(200);

        assertEquals(100 + RTO, heap.earliest(400));
        assertEquals(3, heap.size());
    }

    @Test
    void aPollTakesOnlyTheDueConnectionsEarliestFirst() throws TcpException {
        TcpSocket late = synSentAt(300);
        TcpSocket early = synSentAt(100);
        TcpSocket middle = synSentAt(200);

        assertEquals(List.of(early, middle), takeDue(250 + RTO));
        assertEquals(300 + RTO, heap.earliest(250 + RTO), "the late one stays");
        assertSame(late, takeDue(300 + RTO).get(0));
    }

    @Test
    void aConnectionTakenDueAndThenRemovedIsNotHeldOnTo() throws TcpException {
        WeakReference<TcpSocket> gone = takenDueThenRemoved();

        takeDue(100 + 2 * RTO); // the next poll: nothing due
        System.gc();

        assertNull(gone.get(), "a burst of due connections that then closed must not stay reachable from the heap");
    }

    private WeakReference<TcpSocket> takenDueThenRemoved() throws TcpException {
        TcpSocket socket = synSentAt(100);
        assertEquals(List.of(socket), takeDue(100 + RTO));
        heap.remove(socket);
        return new WeakReference<>(socket);
    }

    @Test
    void connectionsDueAtTheSameInstantComeOutInTheOrderTheyWereAdded() throws TcpException {
        List<TcpSocket> added = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            added.add(synSentAt(100));
        }
        assertEquals(added, takeDue(100 + RTO));
    }

    @Test
    void aConnectionWithNothingArmedIsNotInTheHeap() {
        TcpSocket closed = new TcpSocket(64, 64);
        heap.add(closed);

        assertEquals(Micros.NEVER, heap.earliest(0));
        assertEquals(0, heap.size());
    }

    @Test
    void aConnectionIsAskedAgainOnceHoweverManyThingsHappenedToIt() throws TcpException {
        TcpSocket socket = synSentAt(100);
        heap.earliest(100);
        long before = heap.visits();

        socket.setNagle(false);
        socket.setKeepAlive(Micros.ofSeconds(60));
        heap.changed(socket);
        heap.earliest(200);

        assertEquals(before + 1, heap.visits());
    }

    @Test
    void whatTheOwnerDoesMovesTheDeadline() throws TcpException {
        TcpSocket socket = synSentAt(100);
        assertEquals(100 + RTO, heap.earliest(200));

        socket.abort(); // in SYN-SENT: closed, no reset (RFC 9293 section 3.10.5), no timer

        assertEquals(Micros.NEVER, heap.earliest(200));
    }

    @Test
    void aParkedConnectionIsLeftOutUntilUnparked() throws TcpException {
        TcpSocket socket = synSentAt(100);
        heap.park(socket);
        heap.changed(socket);

        assertEquals(Micros.NEVER, heap.earliest(200));
        assertTrue(heap.isParked(socket));

        heap.unpark(300, socket);
        assertFalse(heap.isParked(socket));
        assertEquals(100 + RTO, heap.earliest(300));
    }

    @Test
    void aRemovedConnectionIsForgottenWhereverItWas() throws TcpException {
        TcpSocket inHeap = synSentAt(100);
        TcpSocket stale = synSentAt(50);
        heap.remove(inHeap);
        heap.remove(stale);

        assertEquals(Micros.NEVER, heap.earliest(200));
        heap.add(stale); // free to join a heap again
    }

    @Test
    void aConnectionBelongsToOneHeap() throws TcpException {
        TcpSocket socket = synSentAt(100);
        assertThrows(IllegalArgumentException.class, () -> new DeadlineHeap().add(socket));
    }

    @Test
    void updatesAllocateNothing() throws TcpException {
        List<TcpSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            sockets.add(synSentAt(i));
        }
        long allocated = AllocationMeter.minimumBytesAllocatedBy(() -> {
            for (int i = 0; i < sockets.size(); i++) {
                heap.changed(sockets.get(i));
            }
            heap.earliest(0);
            int due = heap.takeDue(5000 + RTO);
            for (int i = 0; i < due; i++) {
                heap.reschedule(0, heap.due(i));
            }
        }, 3);
        assertTrue(allocated < AllocationMeter.TINY, allocated + " octets for 10,000 updates");
    }
}
