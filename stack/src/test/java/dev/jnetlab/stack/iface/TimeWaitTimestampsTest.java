package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.TcpInterfaceTest.PEER_ISS;
import static dev.jnetlab.stack.iface.TcpInterfaceTest.PORT;
import static dev.jnetlab.stack.iface.TcpInterfaceTest.fromPeer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpOption;
import dev.jnetlab.stack.wire.TcpRepr;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A TIME-WAIT record of a connection that used timestamps: it keeps TS.Recent and our TSval
 * clock, answers with timestamps as the socket would (RFC 7323), and lets a new SYN for the same
 * four numbers reopen the connection by the rules of RFC 6191.
 */
class TimeWaitTimestampsTest {
    /** The peer's TSval clock: its SYN carries this, each later segment one more. */
    static final int PEER_TS = 50_000;

    final Harness h = new Harness();
    int serverFin;
    int serverTsVal;

    static List<TcpOption> ts(int tsVal, int tsEcr) {
        return List.of(new TcpOption.Timestamps(tsVal, tsEcr));
    }

    void serverClosesFirstAndIsRetired(boolean peerUsesTimestamps) {
        h.knowPeer();
        SocketHandle<TcpListener> listener = h.sockets.add(new TcpListener(new Endpoint(0, PORT), 4,
                () -> new TcpSocket(4096, 4096)));
        List<TcpOption> synOptions = peerUsesTimestamps
                ? List.of(new TcpOption.MaxSegmentSize(1460), new TcpOption.Timestamps(PEER_TS, 0))
                : List.of(new TcpOption.MaxSegmentSize(1460));
        h.receive(fromPeer(PEER_ISS, 0, TcpFlags.SYN, synOptions, ""));
        TcpRepr synAck = h.sentOne().tcp();
        h.receive(fromPeer(PEER_ISS + 1, synAck.seq() + 1, TcpFlags.ACK,
                peerUsesTimestamps ? ts(PEER_TS + 1, synAck.tsVal()) : List.of(), ""));
        TcpSocket server = h.sockets.get(h.sockets.accept(listener).orElseThrow());
        server.close();
        h.poll();
        TcpRepr fin = h.sentOne().tcp();
        serverFin = fin.seq();
        serverTsVal = fin.tsVal();
        h.receive(fromPeer(PEER_ISS + 1, serverFin + 1, TcpFlags.ACK | TcpFlags.FIN,
                peerUsesTimestamps ? ts(PEER_TS + 2, serverTsVal) : List.of(), ""));
        h.sentOne(); // the ACK of the peer's FIN
        assertEquals(TcpState.TIME_WAIT, server.state());
        assertTrue(h.sockets.retireToTimeWait(h.now(), server));
    }

    /** A SYN for the same four numbers, with this sequence number and, if given, TSval. */
    byte[] syn(int seq, Integer tsVal) {
        List<TcpOption> options = tsVal == null ? List.of(new TcpOption.MaxSegmentSize(1460))
                : List.of(new TcpOption.MaxSegmentSize(1460), new TcpOption.Timestamps(tsVal, 0));
        return fromPeer(seq, 0, TcpFlags.SYN, options, "");
    }

    @Nested
    class Rfc7323TimestampsInTimeWait {
        @BeforeEach
        void retired() {
            serverClosesFirstAndIsRetired(true);
        }

        @Test
        void itsAcksCarryOurClockAndEchoTsRecent() {
            h.advance(Micros.ofMillis(1500));
            h.receive(fromPeer(PEER_ISS + 1, serverFin + 1, TcpFlags.ACK | TcpFlags.FIN, ts(PEER_TS + 3, serverTsVal), ""));

            TcpRepr ack = h.sentOne().tcp();
            assertTrue(ack.hasTimestamps(), "as the socket's would");
            assertEquals(PEER_TS + 3, ack.tsEcr(), "TS.Recent follows the peer's newer segment");
            assertEquals(serverTsVal + 1500, ack.tsVal(), "our clock went on, in milliseconds");
        }

        @Test
        void anOlderSegmentIsAnsweredButChangesNothing() {
            h.receive(fromPeer(PEER_ISS + 1, serverFin + 1, TcpFlags.ACK | TcpFlags.FIN, ts(PEER_TS - 10, serverTsVal), ""));

            assertEquals(PEER_TS + 2, h.sentOne().tcp().tsEcr(), "PAWS (section 5.3): TS.Recent stays");
            h.advance(TcpSocket.DEFAULT_TIME_WAIT);
            h.receive(fromPeer(PEER_ISS + 1, serverFin + 1, TcpFlags.ACK, ts(PEER_TS + 3, serverTsVal), ""));
            assertTrue(h.sentOne().tcp().isRst(), "the old FIN did not restart the TIME-WAIT");
        }
    }

    @Nested
    class Rfc6191ReuseWithTimestamps {
        @BeforeEach
        void retired() {
            serverClosesFirstAndIsRetired(true);
        }

        @Test
        void aSynWithANewerTimestampOpensANewConnectionWhateverItsSequenceNumber() {
            h.receive(syn(PEER_ISS - 100_000, PEER_TS + 10));

            TcpRepr synAck = h.sentOne().tcp();
            assertEquals(TcpFlags.of(TcpFlags.SYN | TcpFlags.ACK), TcpFlags.of(synAck.flags()));
            assertEquals(PEER_ISS - 99_999, synAck.ackNumber());
            assertEquals(0, h.sockets.timeWaitRecords());
        }

        @Test
        void aSynWithTheSameTimestampNeedsASequenceNumberBeyond() {
            h.receive(syn(PEER_ISS - 100_000, PEER_TS + 2));
            TcpRepr ack = h.sentOne().tcp();
            assertEquals(TcpFlags.of(TcpFlags.ACK), TcpFlags.of(ack.flags()), "refused: the record answers");
            assertEquals(1, h.sockets.timeWaitRecords());

            h.receive(syn(PEER_ISS + 100_000, PEER_TS + 2));
            assertTrue(h.sentOne().tcp().isSyn());
            assertEquals(0, h.sockets.timeWaitRecords());
        }

        @Test
        void aSynWithAnOlderTimestampIsRefusedEvenBeyondTheSequenceNumbers() {
            h.receive(syn(PEER_ISS + 100_000, PEER_TS - 1));

            TcpRepr ack = h.sentOne().tcp();
            assertEquals(TcpFlags.of(TcpFlags.ACK), TcpFlags.of(ack.flags()));
            assertEquals(PEER_ISS + 2, ack.ackNumber());
            assertEquals(1, h.sockets.timeWaitRecords());
        }

        @Test
        void aSynWithoutTimestampsFallsBackToTheSequenceNumber() {
            h.receive(syn(PEER_ISS - 100_000, null));
            assertEquals(TcpFlags.of(TcpFlags.ACK), TcpFlags.of(h.sentOne().tcp().flags()));

            h.receive(syn(PEER_ISS + 100_000, null));
            assertTrue(h.sentOne().tcp().isSyn());
        }
    }

    @Nested
    class Rfc6191ReuseWithoutTimestamps {
        @BeforeEach
        void retired() {
            serverClosesFirstAndIsRetired(false);
        }

        @Test
        void itsAcksCarryNoTimestamps() {
            h.receive(fromPeer(PEER_ISS + 1, serverFin + 1, TcpFlags.ACK | TcpFlags.FIN, ""));

            assertEquals(false, h.sentOne().tcp().hasTimestamps());
        }

        @Test
        void aSynThatWouldUseTimestampsOpensANewConnection() {
            h.receive(syn(PEER_ISS - 100_000, PEER_TS));

            assertTrue(h.sentOne().tcp().isSyn());
            assertEquals(0, h.sockets.timeWaitRecords());
        }

        @Test
        void aSynWithoutTimestampsNeedsASequenceNumberBeyond() {
            h.receive(syn(PEER_ISS - 100_000, null));
            assertEquals(TcpFlags.of(TcpFlags.ACK), TcpFlags.of(h.sentOne().tcp().flags()));

            h.receive(syn(PEER_ISS + 100_000, null));
            assertTrue(h.sentOne().tcp().isSyn());
        }
    }
}
