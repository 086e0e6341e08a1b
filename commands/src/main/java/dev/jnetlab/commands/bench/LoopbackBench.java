package dev.jnetlab.commands.bench;

import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.iface.InterfaceConfig;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Clock;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;

/**
 * {@code bench loopback}: two complete stacks of their own (not the console's) on an in-memory
 * {@link VirtualWire} with no latency, one sending a number of octets to the other over TCP,
 * both polled in turn in one tight loop on the calling thread, as smoltcp's loopback benchmark
 * polls its one interface. Whatever that thread allocates from the connection's establishment to
 * the last octet read is the run's allocation.
 *
 * <p>Like smoltcp's, the two ends copy nothing in or out: the sender queues what its send queue
 * holds ({@link TcpSocket#send(TcpSocket.OctetsLent)} lent in place, left as it is) and the
 * receiver takes what arrived in place; the wire vouches for the checksums it carries, as
 * Linux's loopback does. What is measured is the stacks' and the wire's work per segment.
 *
 * <p>On the real clock the loop never sleeps: an idle turn (waiting for a delayed ACK) spins, as
 * smoltcp's does. On a {@link VirtualClock} an idle turn moves the clock to the next deadline,
 * so that a test of a long transfer is deterministic and takes only the work's time.
 */
public final class LoopbackBench {
    /** The MTU of smoltcp's loopback device, the largest an IPv4 datagram allows. */
    public static final int DEFAULT_MTU = 65535;
    private static final Ipv4Address SENDER = Ipv4Address.parse("10.69.0.1");
    private static final Ipv4Address RECEIVER = Ipv4Address.parse("10.69.0.2");
    private static final int PORT = 1234;
    /** How often the loop looks for a Ctrl-C, in turns: rarely enough to cost nothing. */
    private static final int TURNS_PER_INTERRUPT_CHECK = 1024;
    private static final long HANDSHAKE_TURNS = 1_000;

    private final Clock clock;
    private final int mtu;
    private final int buffer;
    private final VirtualWire wire;
    private final Interface sender;
    private final Interface receiver;
    private final SocketSet senderSockets;
    private final SocketSet receiverSockets;
    /** Octets the sender may still queue; read by {@link #queueInPlace}. */
    private long unqueued;
    /** Queues as much of the lent run as is still to be sent, without writing it. */
    private final TcpSocket.OctetsLent queueInPlace = (array, offset, length) -> (int) Math.min(length, unqueued);
    /** Takes all of the lent run. */
    private static final TcpSocket.OctetsLent TAKE_ALL = (array, offset, length) -> length;

    /**
     * @param mtu    the wire's IP MTU (576 to {@value #DEFAULT_MTU})
     * @param buffer each TCP socket's send and receive buffer
     */
    public LoopbackBench(Clock clock, int mtu, int buffer) {
        this.clock = clock;
        this.mtu = mtu;
        this.buffer = buffer;
        // Vouching, as Linux's loopback: the receiver does not sum again what memory carried.
        this.wire = new VirtualWire(mtu, 0, VirtualWire.DEFAULT_CAPACITY, true);
        this.sender = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:69:01"), new Ipv4Cidr(SENDER, 24)));
        this.receiver = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:69:02"), new Ipv4Cidr(RECEIVER, 24)));
        this.senderSockets = sender.newSocketSet();
        this.receiverSockets = receiver.newSocketSet();
    }

    /**
     * Connects, sends {@code bytes} octets from the sender to the receiver, which reads them as
     * they come, and returns the figures. Ctrl-C (an interrupt) ends it.
     */
    public BenchResult run(long bytes) throws InterruptedException {
        TcpSocket client = benchSocket(buffer);
        TcpSocket server = connect(client);
        // The queues take their arrays from the sets' pools when data first comes: one waits in
        // each, as in a server's pool after its first connections, so the run measures the
        // segments, not the arrays' first making.
        senderSockets.bufferPool().give(senderSockets.bufferPool().take(buffer));
        receiverSockets.bufferPool().give(receiverSockets.bufferPool().take(buffer));
        long collections = Footprint.collectionsSoFar();
        long segments = segments();
        // Read last, so that the readings before it (the counters' snapshot) are not counted.
        long allocated = Footprint.allocatedByCurrentThread();
        long start = clock.now();
        long sent = 0;
        long received = 0;
        int turns = 0;
        try {
            while (received < bytes) {
                for (int queued = 1; sent < bytes && queued > 0; sent += queued) {
                    unqueued = bytes - sent;
                    queued = client.send(queueInPlace);
                }
                long now = clock.now();
                boolean moved = sender.poll(now, wire.a(), senderSockets);
                moved |= receiver.poll(now, wire.b(), receiverSockets);
                while (server.canRecv()) {
                    received += server.recv(TAKE_ALL);
                    moved = true;
                }
                if (!moved) {
                    idle(now);
                }
                if (++turns == TURNS_PER_INTERRUPT_CHECK) {
                    turns = 0;
                    if (Thread.interrupted()) {
                        throw new InterruptedException("bench loopback was cancelled");
                    }
                }
            }
        } catch (TcpException e) {
            throw new IllegalStateException("the loopback connection failed: " + e.getMessage(), e);
        }
        long elapsed = clock.now() - start;
        long allocatedDuring = Footprint.allocatedByCurrentThread() - allocated;
        Footprint cost = new Footprint(allocatedDuring, Footprint.collectionsSoFar() - collections);
        return BenchResult.of("loopback", mtu, buffer, bytes, elapsed, segments() - segments, cost);
    }

    /**
     * A socket as smoltcp's benchmark has one: no congestion control (smoltcp's default; the
     * socket's is CUBIC), so that the figures stay comparable with smoltcp's.
     */
    static TcpSocket benchSocket(int buffer) {
        return new TcpSocket(buffer, buffer).setCongestionAlgorithm(CongestionControl.Algorithm.NONE);
    }

    /** The receiving end of a connection from {@code client}, once established. */
    private TcpSocket connect(TcpSocket client) throws InterruptedException {
        SocketHandle<TcpListener> listener = receiverSockets.add(
                new TcpListener(new Endpoint(0, PORT), 1, () -> benchSocket(buffer)));
        SocketHandle<TcpSocket> handle = senderSockets.add(client);
        try {
            sender.connect(clock.now(), senderSockets, handle, new Endpoint(RECEIVER.bits(), PORT), 0);
        } catch (TcpException.Connect e) {
            throw new IllegalStateException("the loopback connection could not start: " + e.getMessage(), e);
        }
        for (long turn = 0; turn < HANDSHAKE_TURNS; turn++) {
            long now = clock.now();
            sender.poll(now, wire.a(), senderSockets);
            receiver.poll(now, wire.b(), receiverSockets);
            var accepted = receiverSockets.accept(listener);
            if (accepted.isPresent() && client.state() == TcpState.ESTABLISHED) {
                return receiverSockets.get(accepted.get());
            }
            idle(now);
        }
        throw new IllegalStateException("the loopback connection was not established in " + HANDSHAKE_TURNS + " turns");
    }

    /** Nothing moved: on a virtual clock, time jumps to the next deadline; on the real one it just passes. */
    private void idle(long now) {
        if (clock instanceof VirtualClock virtual) {
            long next = Math.min(sender.pollAt(now, wire.a(), senderSockets),
                    receiver.pollAt(now, wire.b(), receiverSockets));
            virtual.advanceTo(Math.max(next == Micros.NEVER ? now + 1 : next, now + 1));
        }
    }

    /** TCP segments on the wire so far, both ways (each is counted once, by its sender). */
    private long segments() {
        return sender.stats().get(InterfaceCounter.TCP_OUT) + receiver.stats().get(InterfaceCounter.TCP_OUT);
    }
}
