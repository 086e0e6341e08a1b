package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.TcpInterfaceTest.PEER_ISS;
import static dev.jnetlab.stack.iface.TcpInterfaceTest.PORT;
import static dev.jnetlab.stack.iface.TcpInterfaceTest.fromPeer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;

/**
 * A connection the server closed first, in TIME-WAIT, retired from the socket set into a
 * TIME-WAIT record ({@code SocketSet.retireToTimeWait}): the socket and its buffers are gone,
 * and the record answers for the four numbers as TIME-WAIT does (RFC 9293 section 3.10.7.4).
 */
class TimeWaitRecordTest {
    final Harness h = new Harness();
    TcpSocket server;
    int serverFin;

    @BeforeEach
    void serverClosesFirstAndIsRetired() {
        h.knowPeer();
        SocketHandle<TcpListener> listener = h.sockets.add(new TcpListener(new Endpoint(0, PORT), 4,
                () -> new TcpSocket(4096, 4096)));
        h.receive(fromPeer(PEER_ISS, 0, TcpFlags.SYN, List.of(new TcpOption.MaxSegmentSize(1460)), ""));
        TcpRepr synAck = h.sentOne().tcp();
        h.receive(fromPeer(PEER_ISS + 1, synAck.seq() + 1, TcpFlags.ACK, ""));
        server = h.sockets.get(h.sockets.accept(listener).orElseThrow());
        server.close();
        h.poll();
        TcpRepr fin = h.sentOne().tcp();
        assertTrue(fin.isFin());
        serverFin = fin.seq();
        h.receive(fromPeer(PEER_ISS + 1, serverFin + 1, TcpFlags.ACK | TcpFlags.FIN, ""));
        h.sentOne(); // the ACK of the peer's FIN
        assertEquals(TcpState.TIME_WAIT, server.state());

        assertTrue(h.sockets.retireToTimeWait(h.now(), server));
    }

    @Test
    void theSocketLeavesTheSetForARecord() {
        assertEquals(1, h.sockets.size(), "the listener only");
        assertEquals(1, h.sockets.timeWaitRecords());
        assertEquals(0, h.sockets.indexedTcpConnections());
        assertFalse(h.sockets.retireToTimeWait(h.now(), server), "not in the set any more");
    }

    @Test
    void aRetransmittedFinIsAcknowledgedAsTheSocketWould() {
        h.advance(Micros.ofSeconds(1));
        h.receive(fromPeer(PEER_ISS + 1, serverFin + 1, TcpFlags.ACK | TcpFlags.FIN, ""));

        TcpRepr ack = h.sentOne().tcp();
        assertEquals(TcpFlags.of(TcpFlags.ACK), TcpFlags.of(ack.flags()));
        assertEquals(serverFin + 1, ack.seq());
        assertEquals(PEER_ISS + 2, ack.ackNumber());
        assertEquals(0, h.counter(InterfaceCounter.TCP_RESETS_OUT));
    }

    @Test
    void aResetEndsIt() {
        h.receive(fromPeer(PEER_ISS + 2, 0, TcpFlags.RST, ""));

        h.sentNothing();
        assertEquals(0, h.sockets.timeWaitRecords());
    }

    @Test
    void aSynBeyondWhatWasReceivedOpensANewConnectionThroughTheListener() {
        h.receive(fromPeer(PEER_ISS + 100_000, 0, TcpFlags.SYN, List.of(new TcpOption.MaxSegmentSize(1460)), ""));

        TcpRepr synAck = h.sentOne().tcp();
        assertEquals(TcpFlags.of(TcpFlags.SYN | TcpFlags.ACK), TcpFlags.of(synAck.flags()));
        assertEquals(PEER_ISS + 100_001, synAck.ackNumber());
        assertEquals(0, h.sockets.timeWaitRecords());
    }

    @Test
    void itEndsWithTheTimeWaitAndTheFourNumbersGetAResetAgain() {
        h.advance(TcpSocket.DEFAULT_TIME_WAIT);
        h.receive(fromPeer(PEER_ISS + 1, serverFin + 1, TcpFlags.ACK, ""));

        assertTrue(h.sentOne().tcp().isRst());
        assertEquals(0, h.sockets.timeWaitRecords());
    }

    @Test
    void itIsForgottenAtThePollAfterItsTimeWithNoSegmentComing() {
        h.advance(TcpSocket.DEFAULT_TIME_WAIT - 1); // a poll, and no segment
        assertEquals(1, h.sockets.timeWaitRecords(), "its time is not over yet");

        h.advance(1);

        h.sentNothing();
        assertEquals(0, h.sockets.timeWaitRecords(), "a host gone quiet keeps no record past its time");
    }
}
