package dev.jnetlab.labs.engine;

import static dev.jnetlab.host.testing.TestFrames.PEER;
import static dev.jnetlab.host.testing.TestFrames.PEER6;
import static dev.jnetlab.host.testing.TestFrames.STACK;
import static dev.jnetlab.host.testing.TestFrames.STACK6;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.testing.TestFrames;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.TcpFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A frame of a connection made before the lab is known as such, over either family, both ways. */
class OlderFramesTest {
    private final OlderFrames older = new OlderFrames();

    private static SocketSummary connection(String local, String remote) {
        return new SocketSummary(new SocketHandle<>(1, SocketKind.TCP, TcpSocket.class), SocketKind.TCP,
                IpEndpoint.parse(local), IpEndpoint.parse(remote), "ESTABLISHED", 0, 0);
    }

    private boolean olderFrame(Direction direction, byte[] frame) {
        return older.older(direction, frame, 0, frame.length);
    }

    @Test
    void aResetOfAnOlderConnectionOverIpv6IsTheOlderConnections() {
        older.update(List.of(connection("[fd00::1]:49152", "[fd00::100]:7")));
        assertTrue(olderFrame(Direction.TX, TestFrames.tcp6(STACK6, 49152, PEER6, 7, TcpFlags.RST, 1, 0, 0, 0)));
        assertTrue(olderFrame(Direction.RX, TestFrames.tcp6(PEER6, 7, STACK6, 49152, TcpFlags.ACK, 1, 1, 100, 0)));
        assertFalse(olderFrame(Direction.TX, TestFrames.tcp6(STACK6, 49153, PEER6, 7, TcpFlags.RST, 1, 0, 0, 0)),
                "the lab's own connection, from another port");
    }

    @Test
    void overIpv4Too() {
        older.update(List.of(connection("192.168.69.1:49152", "192.168.69.100:7")));
        assertTrue(olderFrame(Direction.TX, TestFrames.tcp(STACK, 49152, PEER, 7, TcpFlags.RST, 1, 0, 0, 0)));
        older.update(List.of());
        assertFalse(olderFrame(Direction.TX, TestFrames.tcp(STACK, 49152, PEER, 7, TcpFlags.RST, 1, 0, 0, 0)),
                "once the older connection is gone its ports may be the lab's");
    }
}
