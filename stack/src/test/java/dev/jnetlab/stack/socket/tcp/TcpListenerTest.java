package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_ADDR;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.time.Micros;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A port with a backlog: many pending connections, each accepted as its own socket. */
class TcpListenerTest {

    static final int L = LOCAL_SEQ;
    static final int CLIENT = 0x0A000001;

    /** Builds listeners whose sockets come from a counting factory. */
    static final class Fixture {
        int made;
        final TcpListener listener;
        final TcpHarness h;

        Fixture(int backlog, int maxHalfOpen) {
            listener = new TcpListener(LOCAL, backlog, maxHalfOpen, () -> {
                made++;
                return TcpHarness.newSocket(64, 64);
            });
            h = new TcpHarness(listener);
        }

        /** Client {@code n} (port 40000 + n, ISS 1000 * n) sends its SYN; returns the SYN,ACK. */
        Seg syn(int n) {
            h.from(CLIENT, 40_000 + n);
            h.send(seg().syn().seq(1000 * n).win(512).mss(1460));
            List<TcpHarness.Addressed> out = h.drainAddressed();
            assertEquals(1, out.size(), () -> "one SYN,ACK expected: " + out);
            assertEquals(40_000 + n, out.get(0).port());
            return out.get(0).seg();
        }

        /** Client {@code n} completes its handshake. */
        void ack(int n) {
            h.from(CLIENT, 40_000 + n);
            h.send(seg().seq(1000 * n + 1).ack(L + 1).win(512));
        }

        void connect(int n) {
            syn(n);
            ack(n);
            assertEquals(List.of(), h.drainAddressed());
        }
    }

    @Nested
    class Handshakes {
        @Test
        void aSynIsAnsweredAndTheCompletedConnectionIsAccepted() {
            Fixture f = new Fixture(4, 4);
            assertEquals(seg().syn().seq(L).ack(1001).win(64).mss(1460), f.syn(1));
            assertEquals(Optional.empty(), f.listener.accept());
            assertEquals(1, f.listener.halfOpenCount());
            f.ack(1);
            TcpSocket socket = f.listener.accept().orElseThrow();
            assertEquals(TcpState.ESTABLISHED, socket.state());
            assertEquals(new Endpoint(CLIENT, 40_001), socket.remoteEndpoint());
            assertEquals(LOCAL, socket.localEndpoint());
            assertEquals(Optional.empty(), f.listener.accept());
        }

        @Test
        void severalConnectionsWaitOnOnePortAndAreAcceptedInOrderOfCompletion() {
            Fixture f = new Fixture(4, 4);
            f.syn(1);
            f.syn(2);
            f.syn(3);
            f.ack(3);
            f.ack(1);
            f.ack(2);
            assertEquals(3, f.listener.readyCount());
            assertEquals(40_003, f.listener.accept().orElseThrow().remotePort());
            assertEquals(40_001, f.listener.accept().orElseThrow().remotePort());
            assertEquals(40_002, f.listener.accept().orElseThrow().remotePort());
            assertEquals(3, f.listener.acceptedCount());
        }

        @Test
        void dataSentBeforeAcceptIsAcknowledgedAndKept() throws TcpException {
            Fixture f = new Fixture(4, 4);
            f.connect(1);
            f.h.send(seg().seq(1001).ack(L + 1).win(512).data("early bird"));
            assertEquals(List.of(new TcpHarness.Addressed(CLIENT, 40_001, seg().seq(L + 1).ack(1011).win(54))),
                    f.h.drainAddressed());
            TcpSocket socket = f.listener.accept().orElseThrow();
            byte[] buffer = new byte[64];
            assertEquals(10, socket.recv(buffer, 0, 64));
        }

        @Test
        void clientsWithTheSamePortOnDifferentAddressesAreDistinct() {
            Fixture f = new Fixture(4, 4);
            f.h.from(CLIENT, 5000).send(seg().syn().seq(100).win(512));
            f.h.from(CLIENT + 1, 5000).send(seg().syn().seq(900).win(512));
            assertEquals(2, f.h.drainAddressed().size());
            assertEquals(2, f.listener.halfOpenCount());
            f.h.from(CLIENT + 1, 5000).send(seg().seq(901).ack(L + 1).win(512));
            assertEquals(CLIENT + 1, f.listener.accept().orElseThrow().remoteAddress());
        }

        @Test
        void aRetransmittedSynReachesItsHalfOpenConnection() {
            Fixture f = new Fixture(4, 4);
            Seg synAck = f.syn(1);
            assertEquals(synAck, f.syn(1));
            assertEquals(1, f.listener.halfOpenCount());
            assertEquals(1, f.made);
        }

        @Test
        void theFactoryConfiguresTheConnections() {
            TcpListener listener = new TcpListener(LOCAL, 2, () -> TcpHarness.newSocket(1 << 20, 64));
            TcpHarness h = new TcpHarness(listener);
            h.send(seg().syn().seq(5).win(512).mss(1200).ws(3).sackOk());
            assertEquals(seg().syn().seq(L).ack(6).win(65535).mss(1460).ws(5).sackOk(), h.drainAddressed().get(0).seg());
        }

        @Test
        void itListensOnOneAddressOrOnAll() {
            TcpListener one = new TcpListener(LOCAL, 2, () -> TcpHarness.newSocket(64, 64));
            TcpListener all = new TcpListener(new Endpoint(0, 80), 2, () -> TcpHarness.newSocket(64, 64));
            TcpSegment syn = seg().syn().seq(5).fill(new TcpSegment(), 5555, 80);
            assertTrue(one.accepts(LOCAL_ADDR, CLIENT, syn));
            assertFalse(one.accepts(LOCAL_ADDR + 1, CLIENT, syn));
            assertTrue(all.accepts(LOCAL_ADDR + 1, CLIENT, syn));
            assertFalse(all.accepts(LOCAL_ADDR, CLIENT, seg().syn().seq(5).fill(new TcpSegment(), 5555, 81)));
        }

        @Test
        void badArgumentsAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> new TcpListener(new Endpoint(LOCAL_ADDR, 0), 1, () -> new TcpSocket(64, 64)));
            assertThrows(IllegalArgumentException.class, () -> new TcpListener(LOCAL, 0, () -> new TcpSocket(64, 64)));
        }
    }

    @Nested
    class AsAListeningPort {
        @Test
        void anAckForNoConnectionIsAnsweredWithAnRst() {
            Fixture f = new Fixture(4, 4);
            f.h.from(CLIENT, 7).send(seg().seq(1).ack(4242).win(512));
            assertEquals(List.of(new TcpHarness.Addressed(CLIENT, 7, seg().rst().seq(4242))), f.h.drainAddressed());
        }

        @Test
        void anRstOrABareSegmentIsIgnored() {
            Fixture f = new Fixture(4, 4);
            f.h.from(CLIENT, 7).send(seg().rst().seq(1));
            f.h.send(seg().fin().seq(1));
            assertEquals(List.of(), f.h.drainAddressed());
            assertEquals(0, f.made);
        }

        @Test
        void nothingIsArmedWhileNothingIsPending() {
            Fixture f = new Fixture(4, 4);
            assertEquals(Micros.NEVER, f.listener.pollAt(0));
            f.syn(1);
            assertEquals(Micros.ofSeconds(1), f.listener.pollAt(0));
        }
    }

    @Nested
    class Bounds {
        @Test
        void aFullBacklogDropsNewSynsSilentlyUntilAnAccept() {
            Fixture f = new Fixture(2, 4);
            f.connect(1);
            f.connect(2);
            f.h.from(CLIENT, 40_003).send(seg().syn().seq(3000).win(512));
            assertEquals(List.of(), f.h.drainAddressed());
            assertEquals(1, f.listener.synsDroppedBacklogFull());
            f.listener.accept().orElseThrow();
            f.syn(3);
        }

        @Test
        void whenTooManyAreHalfOpenTheOldestIsDropped() {
            Fixture f = new Fixture(4, 2);
            f.syn(1);
            f.syn(2);
            f.syn(3);
            assertEquals(2, f.listener.halfOpenCount());
            assertEquals(1, f.listener.halfOpenEvicted());
            // Client 1's ACK now matches nothing: the port answers it with an RST.
            f.h.from(CLIENT, 40_001).send(seg().seq(1001).ack(L + 1).win(512));
            assertEquals(List.of(new TcpHarness.Addressed(CLIENT, 40_001, seg().rst().seq(L + 1))),
                    f.h.drainAddressed());
            f.ack(2);
            f.ack(3);
            assertEquals(2, f.listener.readyCount());
            assertEquals(2, f.made);
        }

        @Test
        void aSynFloodNeitherExhaustsMemoryNorLocksOutARealClient() {
            Fixture f = new Fixture(4, 8);
            for (int i = 0; i < 1000; i++) {
                f.h.from(0x0B000000 + i, 1024 + i).send(seg().syn().seq(i * 7).win(512));
                if (i == 500) {
                    // The real client's SYN in the middle of the flood...
                    f.h.from(CLIENT, 40_001).send(seg().syn().seq(1000).win(512).mss(1460));
                }
                if (i == 505) {
                    // ...and its ACK, one round trip (five forged SYNs) later.
                    f.ack(1);
                }
                f.h.drainAddressed();
            }
            assertEquals(8, f.listener.halfOpenCount());
            assertTrue(f.made <= 9, () -> "sockets made: " + f.made);
            TcpSocket real = f.listener.accept().orElseThrow();
            assertEquals(40_001, real.remotePort());
            assertEquals(TcpState.ESTABLISHED, real.state());
        }

        @Test
        void anRstRecyclesAHalfOpenSocket() {
            Fixture f = new Fixture(4, 4);
            f.syn(1);
            f.h.from(CLIENT, 40_001).send(seg().rst().seq(1001));
            assertEquals(0, f.listener.halfOpenCount());
            f.syn(2);
            assertEquals(1, f.made);
        }

        @Test
        void aHalfOpenConnectionThatGetsNoAckIsRecycled() {
            Fixture f = new Fixture(4, 4);
            TcpSocket[] made = new TcpSocket[1];
            TcpListener listener = new TcpListener(LOCAL, 4, 4, () -> {
                made[0] = TcpHarness.newSocket(64, 64).setMaxRetransmissions(1);
                return made[0];
            });
            TcpHarness h = new TcpHarness(listener);
            h.from(CLIENT, 9).send(seg().syn().seq(1).win(512));
            assertEquals(1, h.drainAddressed().size());
            h.at(1000);
            assertEquals(1, h.drainAddressed().size());
            h.at(3000);
            assertEquals(0, h.drainAddressed().size());
            assertEquals(0, listener.halfOpenCount());
            assertEquals(TcpState.CLOSED, made[0].state());
            assertEquals(Micros.NEVER, listener.pollAt(h.now()));
            assertEquals(0, f.made);
        }

        @Test
        void aConnectionResetBeforeItIsAcceptedLeavesTheQueue() {
            Fixture f = new Fixture(4, 4);
            f.connect(1);
            f.h.from(CLIENT, 40_001).send(seg().rst().seq(1001));
            assertEquals(0, f.listener.readyCount());
            assertEquals(Optional.empty(), f.listener.accept());
        }

        @Test
        void aConnectionClosedByThePeerBeforeAcceptIsStillHandedOut() {
            Fixture f = new Fixture(4, 4);
            f.connect(1);
            f.h.from(CLIENT, 40_001).send(seg().fin().seq(1001).ack(L + 1).win(512).data("bye"));
            assertEquals(1, f.h.drainAddressed().size());
            TcpSocket socket = f.listener.accept().orElseThrow();
            assertEquals(TcpState.CLOSE_WAIT, socket.state());
            assertEquals(3, socket.recvQueue());
        }
    }

    @Nested
    class Closing {
        @Test
        void closeResetsEveryPendingConnectionAndTakesNoMoreSyns() {
            Fixture f = new Fixture(4, 4);
            f.connect(1);
            f.syn(2);
            f.listener.close();
            List<TcpHarness.Addressed> out = f.h.drainAddressed();
            assertEquals(2, out.size());
            assertTrue(out.stream().allMatch(a -> a.seg().is(TcpSegment.RST)));
            assertFalse(f.listener.isOpen());
            TcpSegment syn = seg().syn().seq(5).fill(new TcpSegment(), 5555, 80);
            assertFalse(f.listener.accepts(LOCAL_ADDR, CLIENT, syn));
            assertEquals(Optional.empty(), f.listener.accept());
            assertEquals(0, f.listener.halfOpenCount());
        }
    }
}
