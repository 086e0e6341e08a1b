package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.List;

/**
 * One interface on a {@link ScriptedDevice} and a {@link VirtualClock}: a test feeds it frames,
 * moves the clock, and checks exactly which frames come out. The stack is 192.168.69.1/24 at
 * 02:00:00:00:00:01; the peer 192.168.69.100 at 02:00:00:00:00:02.
 */
final class Harness {
    final VirtualClock clock = new VirtualClock(1_000_000);
    final ScriptedDevice device;
    final Interface iface;
    final SocketSet sockets = new SocketSet(42);

    Harness() {
        this(InterfaceConfig.of(Frames.STACK_MAC, Ipv4Cidr.parse("192.168.69.1/24")));
    }

    Harness(InterfaceConfig config) {
        this(config, 1500);
    }

    Harness(InterfaceConfig config, int mtu) {
        this.device = new ScriptedDevice(mtu);
        this.iface = new Interface(config);
    }

    long now() {
        return clock.now();
    }

    boolean poll() {
        return iface.poll(clock.now(), device, sockets);
    }

    /** The frame arrives; the interface is polled. */
    void receive(byte[] frame) {
        device.inject(frame);
        poll();
    }

    /** Frames arrive together, in one poll. */
    void receiveAll(List<byte[]> frames) {
        for (byte[] frame : frames) {
            device.inject(frame);
        }
        poll();
    }

    /** Moves the clock by {@code micros} and polls. */
    void advance(long micros) {
        clock.advance(micros);
        poll();
    }

    /** Every frame sent since the last look. */
    List<Frame> sent() {
        return device.drain();
    }

    Frame sentOne() {
        List<Frame> frames = sent();
        assertEquals(1, frames.size(), () -> "one frame, not " + frames);
        return frames.get(0);
    }

    void sentNothing() {
        List<Frame> frames = sent();
        assertTrue(frames.isEmpty(), () -> "no frame, not " + frames);
    }

    long counter(InterfaceCounter counter) {
        return iface.stats().get(counter);
    }

    /** The peer asks for the stack's address: the stack learns the peer; its reply is discarded. */
    void knowPeer() {
        receive(Frames.arpRequest(Frames.PEER_MAC, Frames.PEER_IP, Frames.STACK_IP));
        sent();
    }

    UdpSocket udp(int port) {
        UdpSocket socket = new UdpSocket();
        sockets.add(socket);
        try {
            socket.bind(port);
        } catch (SocketException.Bind e) {
            throw new AssertionError(e);
        }
        return socket;
    }

    IcmpSocket icmp(int identifier) {
        IcmpSocket socket = new IcmpSocket();
        sockets.add(socket);
        try {
            socket.bind(identifier);
        } catch (SocketException.Bind e) {
            throw new AssertionError(e);
        }
        return socket;
    }
}
