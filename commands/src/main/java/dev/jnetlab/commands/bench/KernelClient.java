package dev.jnetlab.commands.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's side of {@code bench tcp-reader} and {@code bench tcp-writer}: a kernel TCP
 * socket in a thread of this process, which connects over the tap to the stack and reads until
 * the stack closes, or writes a number of octets and closes. A thread that shares nothing with
 * the stack but the wire, like the client of smoltcp's benchmark, and like it with the kernel's
 * own socket buffers (autotuned, window scaling on): the buffers the benchmark sets are the
 * stack's.
 *
 * <p>Made to cost the kernel what smoltcp's client costs it: blocking reads and writes of 1 MB
 * into native memory (a direct buffer), one system call and one copy each. A
 * {@code java.net.Socket} with a read timeout would wait in poll(2) between non-blocking reads
 * and copy every read once more into the heap; the profile showed that client thread busier
 * than the stack's. So there is no timeout here: the command watches the transfer on the
 * stack's side and {@link #close}s the client when it stalls, which ends a blocked call at once.
 */
public final class KernelClient implements AutoCloseable {
    /** As smoltcp's benchmark client reads and writes. */
    private static final int CHUNK = 1_000_000;

    private final InetSocketAddress stack;
    private final boolean reads;
    private final long bytes;
    private final SocketChannel channel;
    private final Thread thread;
    private volatile long transferred;
    private volatile String failure;

    private KernelClient(InetSocketAddress stack, boolean reads, long bytes) throws IOException {
        this.stack = stack;
        this.reads = reads;
        this.bytes = bytes;
        this.channel = SocketChannel.open();
        this.thread = new Thread(this::run, "bench kernel client");
        this.thread.setDaemon(true);
    }

    /** Starts a client that reads everything the stack sends, until it closes. */
    public static KernelClient reader(InetSocketAddress stack) throws IOException {
        return new KernelClient(stack, true, 0).start();
    }

    /** Starts a client that writes {@code bytes} octets to the stack, then closes. */
    public static KernelClient writer(InetSocketAddress stack, long bytes) throws IOException {
        return new KernelClient(stack, false, bytes).start();
    }

    private KernelClient start() {
        thread.start();
        return this;
    }

    private void run() {
        try (channel) {
            channel.connect(stack);
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
            if (reads) {
                for (int n; (n = channel.read(chunk.clear())) >= 0; ) {
                    transferred += n;
                }
            } else {
                while (transferred < bytes) {
                    chunk.clear().limit((int) Math.min(CHUNK, bytes - transferred));
                    transferred += channel.write(chunk);
                }
                channel.shutdownOutput();
                // Wait for the stack's FIN, so that the stack has read everything before the socket goes.
                while (channel.read(chunk.clear()) >= 0) {
                    // the stack sends nothing; a read returns -1 at its FIN
                }
            }
        } catch (IOException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /** Octets read or written so far. */
    public long transferred() {
        return transferred;
    }

    /** Why the client stopped early, or null. */
    public String failure() {
        return failure;
    }

    /** Whether the client has finished, completely or not. */
    public boolean finished() {
        return !thread.isAlive();
    }

    /** Waits up to {@code seconds} for the client to finish; whether it did. */
    public boolean join(long seconds) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(seconds));
        return finished();
    }

    /** Ends the client now: its socket closes, a blocked read, write or connect fails, and its thread returns. */
    @Override
    public void close() throws InterruptedException {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all that is wanted; a failure to close leaves nothing to do
        }
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
