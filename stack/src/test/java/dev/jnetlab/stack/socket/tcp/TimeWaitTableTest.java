package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpRepr;
import org.junit.jupiter.api.Test;

class TimeWaitTableTest {
    static final int LOCAL = 0xC0A8_4501;
    static final int PEER = 0xC0A8_4564;
    static final long TIME_WAIT = Micros.ofSeconds(10);

    final TimeWaitTable table = new TimeWaitTable();

    /** A record for the connection LOCAL:80 - PEER:{@code port}, made at {@code now}. */
    void record(int port, long now) throws TcpException {
        TcpSocket socket = new TcpSocket(8, 8).setTimeWaitDuration(TIME_WAIT);
        socket.connect(0, new Endpoint(LOCAL, 80), new Endpoint(PEER, port));
        table.add(socket, 1000 + port, 2000 + port, 512, TIME_WAIT, now);
    }

    boolean answers(int port) {
        return table.accepts(LOCAL, PEER, new TcpRepr().sourcePort(port).destinationPort(80).flags(TcpFlags.ACK));
    }

    @Test
    void aThousandRecordsAreFoundAndExpireInTheOrderMade() throws TcpException {
        for (int port = 1; port <= 1000; port++) {
            record(port, port * 1000L);
        }
        assertEquals(1000, table.size());
        assertTrue(answers(1) && answers(500) && answers(1000));
        assertFalse(answers(1001));

        table.expire(TIME_WAIT + 500 * 1000L);

        assertEquals(500, table.size());
        assertFalse(answers(500), "made at 500 ms, over at 10.5 s");
        assertTrue(answers(501));
    }

    @Test
    void aResetEndsARecordAndTheOthersStay() throws TcpException {
        for (int port = 1; port <= 40; port++) {
            record(port, 0);
        }
        assertTrue(answers(7));
        TcpRepr reply = new TcpRepr();
        assertFalse(table.process(0, LOCAL, PEER, new TcpRepr().sourcePort(7).destinationPort(80).flags(TcpFlags.RST),
                reply));

        assertFalse(answers(7));
        assertEquals(39, table.size());
        for (int port = 1; port <= 40; port++) {
            assertEquals(port != 7, answers(port), "port " + port);
        }
    }

    @Test
    void anAckIsAnsweredWithTheRecordsNumbers() throws TcpException {
        record(9, 0);
        TcpRepr segment = new TcpRepr().sourcePort(9).destinationPort(80).flags(TcpFlags.ACK | TcpFlags.FIN);
        assertTrue(table.accepts(LOCAL, PEER, segment));
        TcpRepr reply = new TcpRepr();

        assertTrue(table.process(Micros.ofSeconds(9), LOCAL, PEER, segment, reply));

        assertEquals(1009, reply.seq());
        assertEquals(2009, reply.ackNumber());
        assertEquals(512, reply.window());
        assertTrue(reply.isAck());
    }
}
