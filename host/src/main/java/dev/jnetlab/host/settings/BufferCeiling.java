package dev.jnetlab.host.settings;

import dev.jnetlab.stack.socket.tcp.TcpSocket;

/**
 * The largest socket buffer a person may ask for: an eighth of the JVM's heap, in whole MiB,
 * at least 64 KiB and at most TCP's own 1 GiB (RFC 7323 §2.3's largest
 * window). A queue is one array, made whole when data first comes, so a buffer the heap cannot
 * hold would fail mid-transfer; an eighth leaves a connection's two queues room beside a few
 * more connections and the console itself. Above it {@code set} refuses in one line; a larger
 * {@code -Xmx} in {@code JNETLAB_JAVA_OPTS} raises it.
 */
public final class BufferCeiling {
    /** The ceiling for this JVM. */
    public static final long OCTETS = forHeap(Runtime.getRuntime().maxMemory());

    private static final long FLOOR = 64 * 1024;
    private static final long MIB = 1 << 20;

    private BufferCeiling() {
    }

    /** The ceiling for a heap of at most {@code maxHeap} octets ({@link Long#MAX_VALUE}: no limit). */
    static long forHeap(long maxHeap) {
        long eighth = (maxHeap / 8) & -MIB;
        return Math.max(FLOOR, Math.min(TcpSocket.MAX_BUFFER, eighth));
    }
}
