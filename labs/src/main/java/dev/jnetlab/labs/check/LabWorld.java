package dev.jnetlab.labs.check;

import dev.jnetlab.labs.NetworkKind;
import dev.jnetlab.labs.TcpOptions;
import dev.jnetlab.stack.iface.InterfaceStats;
import dev.jnetlab.stack.iface.NeighborEntry;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import java.util.List;
import java.util.Optional;

/**
 * What the lab engine reads of the stack: the few queries its checks need, and one hook for
 * frames. The console implements it over its session's network in a few lines; tests
 * implement it with records.
 *
 * <p><b>Thread.</b> Every method is called on the stack's thread: inside
 * {@code StackDriver.call(now -> ...)}, or from the engine's {@code Pollable} that the event
 * loop polls. An implementation therefore reads the interface and the socket set directly,
 * without locks. {@code now} is the stack's clock, in microseconds, as the driver gives it.
 */
public interface LabWorld {

    /** The network this console runs on; a lab lists those it works on. */
    NetworkKind network();

    /** The ARP cache now: {@code Interface.neighbors(now)}, every entry, any state. */
    List<NeighborEntry> neighbors(long now);

    /**
     * Every socket in the session's socket set now: {@code SocketSet.summaries()}. TCP
     * connections have kind {@code TCP}, listening ports {@code TCP_LISTENER}.
     */
    List<SocketSummary> sockets();

    /**
     * The control block of the TCP connection {@code handle} (one of {@link #sockets()} of
     * kind {@code TCP}): {@code TcpSocket.controlBlock(now)}; empty when the handle names no
     * TCP connection (any more).
     */
    Optional<TcpControlBlock> controlBlock(SocketHandle<?> handle, long now);

    /** The interface's counters now: {@code Interface.stats()}. */
    InterfaceStats stats();

    /**
     * Registers the one observer that must see every frame from now on (both directions, see
     * {@link LabFrameObserver}), replacing the one before; {@link LabFrameObserver#NONE}
     * removes it. The engine registers one when a lab starts and NONE when it stops.
     */
    void observeFrames(LabFrameObserver observer);

    /**
     * Applies a lab's TCP settings to the TCP sockets made from now on ({@code tcp connect},
     * {@code tcp listen}, the services of {@code serve}): buffer sizes, congestion algorithm.
     * {@link TcpOptions#DEFAULT} restores the console's own defaults; the engine passes it
     * when the lab stops.
     */
    void tcpOptions(TcpOptions options);
}
