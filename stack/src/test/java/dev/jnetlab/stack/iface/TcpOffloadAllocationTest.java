package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.time.SystemClock;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.testing.AllocationMeter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md §4 with the tap's offloads: TCP both ways with the kernel over tap0, the stack writing
 * TSO frames with partial checksums and reading GSO super-frames, allocates nothing per frame
 * on the event loop's thread (the tap's headers, the marks and the cuts are all fields).
 */
class TcpOffloadAllocationTest {
    private static final int CHUNK = 16 << 20;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Interface iface = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Cidr.parse(NetworkNamespace.STACK_ADDRESS + "/24")).withSeed(3));
    private final SocketSet sockets = iface.newSocketSet();
    private final SystemClock clock = new SystemClock();
    private final byte[] out = TcpKernelPeerTest.data(7);
    private int sent;
    private final byte[] in = new byte[64 * 1024];
    private TapInterface tap;
    private TcpSocket socket;
    private long received;

    @Test
    @RealPeer(tools = {"socat", "sh"})
    void tcpBothWaysThroughTheOffloadsAllocatesNothingPerFrame(NetworkNamespace ns) {
        SocketHandle<TcpListener> listener = sockets.add(new TcpListener(new Endpoint(0, 5005), 1,
                () -> new TcpSocket(1 << 20, 1 << 20)));
        try (TapInterface opened = ns.inside(() -> TapInterface.open(NetworkNamespace.TAP));
             PeerProcess peer = ns.spawn("socat", "-b", "262144", "TCP:" + NetworkNamespace.STACK_ADDRESS + ":5005",
                     "SYSTEM:cat /dev/zero & exec cat >/dev/null")) {
            tap = opened;
            RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
            assertTrue(driver.runUntil(() -> (socket = sockets.accept(listener).map(sockets::get).orElse(null)) != null,
                    Duration.ofSeconds(20)), "no connection: " + peer.stderr());

            chunkBothWays();
            long framesBefore = tap.tsoFramesSent() + tap.gsoFramesReceived();
            long allocated = AllocationMeter.minimumBytesAllocatedBy(this::chunkBothWays, 3);
            long offloadFrames = (tap.tsoFramesSent() + tap.gsoFramesReceived() - framesBefore) / 3;

            // With TSO a chunk is a few hundred frames, too few for the meter's usual allowance to
            // tell one small object per frame: the bound is a quarter of the smallest object per frame.
            assertTrue(offloadFrames > 100, "the offloads were used: " + offloadFrames + " TSO and GSO frames a run");
            assertTrue(allocated < offloadFrames * 4, () -> allocated + " octets allocated over a run of "
                    + offloadFrames + " TSO and GSO frames");
        }
    }

    /** 16 MiB to the kernel and 16 MiB from it, on a loop that allocates nothing of its own. */
    private void chunkBothWays() {
        try {
            sent = 0;
            long target = received + CHUNK;
            long deadline = System.nanoTime() + STALL_NANOS;
            while (sent < CHUNK || received < target) {
                if (sent < CHUNK) {
                    int at = sent % out.length;
                    sent += socket.send(out, at, Math.min(out.length - at, CHUNK - sent));
                }
                while (socket.canRecv()) {
                    received += socket.recv(in, 0, in.length);
                }
                long now = clock.now();
                iface.poll(now, tap, sockets);
                tap.awaitReadable(Math.min(iface.pollDelay(clock.now(), sockets), 1_000));
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("stalled: sent " + sent + ", received " + received);
                }
            }
        } catch (TcpException e) {
            throw new AssertionError(e);
        }
    }
}
