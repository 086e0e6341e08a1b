package dev.jnetlab.stack.phy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * jnetlab's own JNI shim (src/main/c/jnetlab_phy.c, compiled by the build into
 * {@code native/linux-ARCH/} beside the classes): the calls a tap makes per frame and per
 * wake-up, each one system call on the stack's own arrays.
 *
 * <p>Why, when JNA's direct mapping already binds libc: a JNA call goes through libffi, which
 * builds the C call from a description of its arguments every time (JNA's dispatch was 3 % of
 * the stack thread's samples in {@code bench tcp-reader --no-offload}, README "Side by side
 * with smoltcp"), and JNA can pass a {@code byte[]} only by copying all of it, so the frame
 * took a second copy through native memory ({@link FrameBuffers}). A JNI method is a plain C
 * call, and the shim reads and writes the frame's array in place
 * ({@code GetPrimitiveArrayCritical}, readv/writev with the virtio-net header as the first
 * part); errors come back as {@code -errno}, so that nothing is allocated.
 *
 * <p>When the library cannot load (no C compiler when it was built, another architecture, a
 * temporary directory mounted noexec, or {@code -Djnetlab.jni=false}), {@link #failure()}
 * says why and the devices use JNA, as before; {@code iface} shows which.
 */
final class NativeFrames {
    /** The system property that turns the shim off ({@code -Djnetlab.jni=false}), to compare the two paths. */
    static final String SWITCH = "jnetlab.jni";
    /** Set in the revents {@link #poll} returns when the wake-up eventfd was readable. */
    static final int WOKEN = 1 << 16;

    private static final String LIBRARY = "libjnetlabphy.so";
    /** Why the shim is not in use, or null when it is. */
    private static final String FAILURE = load();

    private NativeFrames() {
    }

    /** Whether the shim is loaded and its calls may be made. */
    static boolean loaded() {
        return FAILURE == null;
    }

    /** Why the shim is not in use ({@code "turned off by -Djnetlab.jni=false"}, ...), or null when it is. */
    static String failure() {
        return FAILURE;
    }

    /**
     * readv(2) of one frame: {@code headerLength} octets into {@code header} (none when 0; the
     * array is then not touched), then up to {@code frameLength} into {@code frame}. The
     * octets read, or {@code -errno}. The lengths are the caller's (at most the arrays'), so
     * that the shim asks the JVM for nothing but the arrays.
     */
    static native long readv(int fd, byte[] header, int headerLength, byte[] frame, int frameLength);

    /** writev(2) of {@code headerLength} octets of {@code header} then {@code length} of {@code frame}: octets written, or {@code -errno}. */
    static native long writev(int fd, byte[] header, int headerLength, byte[] frame, int length);

    /**
     * ppoll(2) on {@code deviceFd} and {@code wakeFd} for at most {@code timeoutNanos} (negative:
     * no limit): the device's revents, with {@link #WOKEN} when the eventfd was readable (its
     * counter is read back to zero), or {@code -errno}.
     */
    static native int poll(int deviceFd, int wakeFd, long timeoutNanos);

    /** Adds 1 to the eventfd's counter: 0, or {@code -errno}. */
    static native int wake(int wakeFd);

    /**
     * Loads the library from the class path: straight from target/classes when the classes
     * are a directory, or from a copy of it out of the jar in a temporary file, deleted as
     * soon as it is loaded (a loaded library needs no name on disk).
     */
    private static String load() {
        if ("false".equals(System.getProperty(SWITCH))) {
            return "turned off by -D" + SWITCH + "=false";
        }
        String platform = "linux-" + System.getProperty("os.arch");
        URL url = NativeFrames.class.getResource("/native/" + platform + "/" + LIBRARY);
        if (url == null) {
            return "not built for " + platform + " (the build found no C compiler)";
        }
        try {
            if ("file".equals(url.getProtocol())) {
                System.load(Path.of(url.toURI()).toString());
                return null;
            }
            Path copy = Files.createTempFile("jnetlabphy", ".so");
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toString());
            } finally {
                Files.deleteIfExists(copy);
            }
            return null;
        } catch (IOException | URISyntaxException | UnsatisfiedLinkError | SecurityException e) {
            return "cannot load " + LIBRARY + ": " + e.getMessage();
        }
    }
}
