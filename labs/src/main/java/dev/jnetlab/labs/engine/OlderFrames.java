package dev.jnetlab.labs.engine;

import dev.jnetlab.host.ladder.TcpFrame;
import dev.jnetlab.labs.check.UdpFrame;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.SocketSummary;
import java.util.List;

/**
 * Tells the frames of the sockets older than a lab from the others, so that no check sees them:
 * a {@code tcp abort 1} of a connection made before {@code lab start rst-scan} sends a RST to
 * port 7 as the lab's own would, and must not pass its step. A TCP connection is known by its
 * two ports, a UDP socket by its local port. Stack thread, under the engine's monitor; a frame
 * costs two header reads and no allocation.
 */
final class OlderFrames {
    private final TcpFrame tcp = new TcpFrame();
    private final UdpFrame udp = new UdpFrame();
    /** Local and remote port of each older TCP connection, in pairs. */
    private int[] tcpPorts = new int[0];
    private int[] udpPorts = new int[0];

    /**
     * Takes the older sockets that still exist ({@code older}, from the world's list): one that
     * is gone can no longer send, and its ports may be the lab's next.
     */
    void update(List<SocketSummary> older) {
        tcpPorts = older.stream().filter(s -> s.kind() == SocketKind.TCP)
                .flatMapToInt(s -> java.util.stream.IntStream.of(s.local().port(), s.remote().port())).toArray();
        udpPorts = older.stream().filter(s -> s.kind() == SocketKind.UDP).mapToInt(s -> s.local().port()).toArray();
    }

    /** Whether the frame was sent or received by a socket older than the lab. */
    boolean older(Direction direction, byte[] frame, int offset, int length) {
        boolean sent = direction == Direction.TX;
        if (tcpPorts.length > 0 && tcp.read(frame, offset, length)) {
            int local = sent ? tcp.tcp().srcPort() : tcp.tcp().dstPort();
            int remote = sent ? tcp.tcp().dstPort() : tcp.tcp().srcPort();
            for (int i = 0; i < tcpPorts.length; i += 2) {
                if (tcpPorts[i] == local && tcpPorts[i + 1] == remote) {
                    return true;
                }
            }
        } else if (udpPorts.length > 0 && udp.read(frame, offset, length)) {
            int local = sent ? udp.udp().srcPort() : udp.udp().dstPort();
            for (int port : udpPorts) {
                if (port == local) {
                    return true;
                }
            }
        }
        return false;
    }
}
