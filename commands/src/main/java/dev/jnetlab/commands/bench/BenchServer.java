package dev.jnetlab.commands.bench;

import dev.jnetlab.host.Host;
import dev.jnetlab.host.Service;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import java.util.Optional;

/**
 * The stack's side of {@code bench tcp-reader} and {@code bench tcp-writer}, as in smoltcp's
 * benchmark example: a listener for one connection, which it then feeds by queueing its send
 * queue's free space in place, left as it is, as smoltcp's {@code send(|buffer| ...)} does (the
 * kernel reads), or takes what arrived in place (the kernel writes), as its
 * {@code recv(|buffer| ...)} does: neither end copies the data in or out, so what is measured
 * is the stack's work per segment. Every poll as much as the queues take, and nothing
 * allocated per segment. It marks on the stack's clock
 * when the connection came and when the last octet was acknowledged or read.
 *
 * <p>Runs on the stack's thread like every {@link Service}; the command reads its state from
 * probes on that thread.
 */
public final class BenchServer implements Service {
    /** What the stack does with the connection. */
    public enum Role {
        /** Sends {@code bytes} octets, then closes: the kernel reads ({@code tcp-reader}). */
        SEND,
        /** Receives until the peer closes: the kernel writes ({@code tcp-writer}). */
        RECEIVE
    }

    /** The one service name, so that two benchmarks never share a host. */
    public static final String NAME = "bench";

    private final Role role;
    private final int port;
    private final int buffer;
    private final long bytes;
    /** {@link #queueInPlace} as the socket takes it, made once. */
    private final TcpSocket.OctetsLent queueLent = this::queueInPlace;
    /** Takes all of the lent run of the receive queue. */
    private static final TcpSocket.OctetsLent TAKE_ALL = (array, offset, length) -> length;
    private Host host;
    private SocketHandle<TcpListener> listener;
    private TcpSocket socket;
    private long transferred;
    private long startedAt = -1;
    private long finishedAt = -1;
    /** The loop thread's allocation counter when the connection came and when it ended. */
    private long allocatedAtStart;
    private long allocatedAtEnd;
    private boolean closed;

    /**
     * @param bytes  the octets to send ({@link Role#SEND}) or expected ({@link Role#RECEIVE})
     * @param buffer the send and receive buffers of the connection
     */
    public BenchServer(Role role, int port, int buffer, long bytes) {
        this.role = role;
        this.port = port;
        this.buffer = buffer;
        this.bytes = bytes;
    }

    /** Opens the listener on {@code host}; the caller then adds the server with {@link Host#addService}. */
    public BenchServer start(Host host) {
        this.host = host;
        listener = host.sockets().add(new TcpListener(new Endpoint(0, port), 1, () -> LoopbackBench.benchSocket(buffer)));
        return this;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void poll(long now) {
        if (socket == null) {
            accept(now);
            return;
        }
        if (closed) {
            return;
        }
        try {
            if (role == Role.SEND) {
                feed(now);
            } else {
                drain(now);
            }
        } catch (TcpException e) {
            // The peer reset or went away: the command sees a transfer that stopped short.
            end();
        }
    }

    private void accept(long now) {
        Optional<SocketHandle<TcpSocket>> accepted = host.sockets().accept(listener);
        if (accepted.isPresent()) {
            socket = host.sockets().get(accepted.get());
            startedAt = now;
            host.sockets().get(listener).close();
            host.sockets().remove(listener);
            // Read after the connection and its buffers exist: what follows is the data path's.
            allocatedAtStart = Footprint.allocatedByCurrentThread();
            poll(now);
        }
    }

    private void feed(long now) throws TcpException.Send {
        while (transferred < bytes && socket.canSend()) {
            int queued = socket.send(queueLent);
            if (queued == 0) {
                break;
            }
            transferred += queued;
        }
        if (transferred == bytes && socket.sendQueue() == 0) {
            finishedAt = now;
            end();
        } else if (!socket.maySend()) {
            end();
        }
    }

    private void drain(long now) throws TcpException.Recv {
        while (socket.canRecv()) {
            transferred += socket.recv(TAKE_ALL);
        }
        if (transferred >= bytes && finishedAt < 0) {
            finishedAt = now;
        }
        if (!socket.mayRecv()) {
            end();
        }
    }

    /** Queues as much of the lent run of the send queue as is still to send, as it is. */
    private int queueInPlace(byte[] array, int offset, int length) {
        return (int) Math.min(length, bytes - transferred);
    }

    /** Closes the connection gracefully; the host removes it once its closing handshake is done. */
    private void end() {
        allocatedAtEnd = Footprint.allocatedByCurrentThread();
        closed = true;
        socket.close();
        host.release(socket);
    }

    /** Whether the connection has ended, completely or not. */
    public boolean ended() {
        return closed;
    }

    /** Whether a connection came. */
    public boolean started() {
        return startedAt >= 0;
    }

    /** Octets queued for sending so far, or received so far. */
    public long transferred() {
        return transferred;
    }

    /** Microseconds on the stack's clock from the connection's arrival to its last octet; -1 until then. */
    public long elapsed() {
        return finishedAt < 0 ? -1 : finishedAt - startedAt;
    }

    /**
     * Octets the stack's thread allocated from the connection's arrival (its buffers made) to its
     * end: the data path's allocation, for the figure per segment.
     */
    public long allocated() {
        return allocatedAtEnd - allocatedAtStart;
    }

    /** Whether the whole transfer was done: everything sent and acknowledged, or received. */
    public boolean complete() {
        return finishedAt >= 0;
    }

    /** Stops: the listener goes, a connection still open is aborted. */
    @Override
    public void close(long now) {
        if (socket == null) {
            host.sockets().get(listener).close();
            host.sockets().remove(listener);
        } else if (!closed) {
            closed = true;
            socket.abort();
            host.release(socket);
        }
    }
}
