package dev.jnetlab.commands.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's side of {@code bench tcp-reader} and {@code bench tcp-writer}: a
 * {@link java.net.Socket} in a thread of this process, which connects over the tap to the
 * stack and reads until the stack closes, or writes a number of octets and closes. A thread
 * that shares nothing with the stack but the wire, like the client of smoltcp's benchmark.
 *
 * <p>Timeouts on connect and on every read keep it from hanging on a stack that stopped;
 * {@link #close} closes the socket, which ends a blocked read or write at once.
 */
public final class KernelClient implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final int CHUNK = 64 * 1024;

    private final InetSocketAddress stack;
    private final int buffer;
    private final boolean reads;
    private final long bytes;
    private final Socket socket = new Socket();
    private final Thread thread;
    private volatile long transferred;
    private volatile String failure;

    private KernelClient(InetSocketAddress stack, int buffer, boolean reads, long bytes) {
        this.stack = stack;
        this.buffer = buffer;
        this.reads = reads;
        this.bytes = bytes;
        this.thread = new Thread(this::run, "bench kernel client");
        this.thread.setDaemon(true);
    }

    /** Starts a client that reads everything the stack sends, until it closes. */
    public static KernelClient reader(InetSocketAddress stack, int buffer) {
        return new KernelClient(stack, buffer, true, 0).start();
    }

    /** Starts a client that writes {@code bytes} octets to the stack, then closes. */
    public static KernelClient writer(InetSocketAddress stack, int buffer, long bytes) {
        return new KernelClient(stack, buffer, false, bytes).start();
    }

    private KernelClient start() {
        thread.start();
        return this;
    }

    private void run() {
        try (socket) {
            // Set before connecting, so that the window scale offered in the SYN fits them.
            socket.setReceiveBufferSize(buffer);
            socket.setSendBufferSize(buffer);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.connect(stack, CONNECT_TIMEOUT_MILLIS);
            byte[] chunk = new byte[CHUNK];
            if (reads) {
                InputStream in = socket.getInputStream();
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    transferred += n;
                }
            } else {
                OutputStream out = socket.getOutputStream();
                while (transferred < bytes) {
                    int n = (int) Math.min(CHUNK, bytes - transferred);
                    out.write(chunk, 0, n);
                    transferred += n;
                }
                socket.shutdownOutput();
                // Wait for the stack's FIN, so that the stack has read everything before the socket goes.
                while (socket.getInputStream().read(chunk) >= 0) {
                    // the stack sends nothing; a read returns at its FIN
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

    /** Ends the client now: its socket closes and its thread returns. */
    @Override
    public void close() throws InterruptedException {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that is wanted; a failure to close leaves nothing to do
        }
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
