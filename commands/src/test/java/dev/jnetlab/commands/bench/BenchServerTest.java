package dev.jnetlab.commands.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.Host;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.time.Micros;
import org.junit.jupiter.api.Test;

/**
 * The stack's side of {@code bench tcp-reader} and {@code tcp-writer}, served by the console's
 * own host on the virtual network, with the simulated peer standing in for the kernel: a long
 * transfer is complete, and the host's poll with the server in it (the path the event loop runs
 * on a tap) allocates less than an octet per segment, by the server's own reading of the loop
 * thread's counter, which is what the command prints.
 */
class BenchServerTest {
    private static final long LONG = 64L << 20;
    private static final int BUFFER = 64 * 1024;

    private final VirtualConsole console = new VirtualConsole();
    private final byte[] scratch = new byte[BUFFER];
    private TcpSocket peer;

    @Test
    void sendingALongTransferAllocatesLessThanAnOctetPerSegment() {
        BenchServer warmUp = open(BenchServer.Role.SEND, 4L << 20);
        runToEnd(warmUp, BenchServer.Role.SEND, 4L << 20);
        console.idle(Micros.ofSeconds(20)); // the first connection's TIME-WAIT ends
        BenchServer server = open(BenchServer.Role.SEND, LONG);
        assertEquals(Boolean.TRUE, await(Micros.ofSeconds(1), (network, now) -> server.started() ? Boolean.TRUE : null));

        long segmentsBefore = segments();
        runToEnd(server, BenchServer.Role.SEND, LONG);
        long segments = segments() - segmentsBefore;
        long allocated = server.allocated(); // what bench tcp-reader reports, per segment

        assertTrue(server.complete());
        assertEquals(LONG, server.transferred());
        assertTrue(segments > LONG / 1460, "segments: " + segments);
        assertTrue((double) allocated / segments < 1, allocated + " octets allocated over " + segments + " segments");
    }

    @Test
    void receivingCountsEveryOctetUntilThePeerCloses() {
        BenchServer server = open(BenchServer.Role.RECEIVE, 1L << 20);
        runToEnd(server, BenchServer.Role.RECEIVE, 1L << 20);

        assertTrue(server.complete());
        assertTrue(server.ended());
        assertEquals(1L << 20, server.transferred());
        assertTrue(server.elapsed() > 0);
    }

    /** Starts the server on this host and a connection to it from a socket on the peer. */
    private BenchServer open(BenchServer.Role role, long bytes) {
        BenchServer server = new BenchServer(role, 1234, BUFFER, bytes);
        peer = new TcpSocket(BUFFER, BUFFER);
        console.stack((network, now) -> {
            network.local().addService(server.start(network.local()));
            Host host = network.peer().orElseThrow();
            SocketHandle<TcpSocket> handle = host.sockets().add(peer);
            try {
                host.iface().connect(now, host.sockets(), handle, Endpoint.parse("192.168.69.1:1234"), 0);
            } catch (TcpException.Connect e) {
                throw new AssertionError(e);
            }
            return null;
        });
        return server;
    }

    /** Runs the transfer to its end: the peer reads all, or writes {@code bytes} and closes. */
    private void runToEnd(BenchServer server, BenchServer.Role role, long bytes) {
        long[] written = {0};
        Boolean ended = await(Micros.ofSeconds(600), (network, now) -> {
            try {
                if (role == BenchServer.Role.SEND) {
                    while (peer.canRecv()) {
                        peer.recv(scratch, 0, scratch.length);
                    }
                } else if (written[0] < bytes) {
                    written[0] += peer.send(scratch, 0, (int) Math.min(scratch.length, bytes - written[0]));
                    if (written[0] == bytes) {
                        peer.close();
                    }
                }
            } catch (TcpException e) {
                throw new AssertionError(e);
            }
            return server.ended() ? Boolean.TRUE : null;
        });
        assertEquals(Boolean.TRUE, ended, "the transfer ended");
        console.stack((network, now) -> {
            network.local().removeService(BenchServer.NAME, now);
            peer.close();
            return null;
        });
    }

    private <T> T await(long micros, Session.StackTask<T> probe) {
        try {
            return console.session().await(micros, probe);
        } catch (CommandException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private long segments() {
        return console.stack((network, now) -> network.local().iface().stats().get(InterfaceCounter.TCP_OUT)
                + network.local().iface().stats().get(InterfaceCounter.TCP_IN));
    }
}
