package dev.jnetlab.stack.phy;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An open native device failed for good: its interface was deleted under it, or the kernel
 * answered a read, write or wait with an error that retrying cannot cure. Transient
 * conditions (nothing queued, a full queue, the link down) are not exceptions: they are the
 * {@code false} results of {@link Device#receive} and {@link Device#transmit}.
 */
public final class DeviceIoException extends UncheckedIOException {
    private final int errno;

    DeviceIoException(String interfaceName, String operation, int errno) {
        this(interfaceName + ": " + operation + " failed: " + Errno.describe(errno)
                + (errno == Errno.EBADFD || errno == Errno.ENXIO || errno == Errno.ENODEV
                        ? " (was the interface deleted?)" : ""), errno);
    }

    private DeviceIoException(String message, int errno) {
        super(message, new IOException(message));
        this.errno = errno;
    }

    /** The C library's error number. */
    public int errno() {
        return errno;
    }
}
