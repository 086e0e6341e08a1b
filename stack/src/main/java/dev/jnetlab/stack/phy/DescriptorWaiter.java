package dev.jnetlab.stack.phy;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.jnetlab.stack.time.Micros;

/**
 * The {@link Waitable} of a native device: {@code ppoll(2)} on the device's descriptor and on
 * an {@code eventfd(2)} that {@link #wakeUp} writes to.
 *
 * <p>ppoll rather than poll because its timeout is a {@code struct timespec}, so the stack's
 * microsecond deadline is kept exactly instead of being rounded to a millisecond (rounding
 * down would wake the loop before its deadline, rounding up would make it late). The
 * {@code pollfd} array and the timespec are native memory allocated once: a wait allocates
 * nothing.
 *
 * <p>eventfd(2): a write adds to a 64-bit counter and makes the descriptor readable until a
 * read resets it, so a wake-up sent while nobody waits is kept for the next wait, and any
 * number of wake-ups before that wait cost one spurious return, not many.
 *
 * <p>With {@code shim}, the wait and the wake-up are calls of jnetlab's JNI library
 * ({@link NativeFrames#poll}, which also empties the eventfd in the same call), else JNA's.
 */
final class DescriptorWaiter implements Waitable {
    /** struct pollfd { int fd; short events; short revents; } */
    private static final int POLLFD_SIZE = 8;
    private static final int REVENTS = 6;
    /** struct timespec { time_t tv_sec; long tv_nsec; } on LP64. */
    private static final int TIMESPEC_SIZE = 16;
    private static final short READY = LibC.POLLIN | LibC.POLLERR | LibC.POLLHUP;

    private final String interfaceName;
    private final int deviceFd;
    private final int wakeFd;
    private final boolean shim;
    private final Memory pollFds = new Memory(2L * POLLFD_SIZE);
    private final Memory timeout = new Memory(TIMESPEC_SIZE);
    /** Read only by the waiting thread, to reset the eventfd counter. */
    private final Memory counter = new Memory(Long.BYTES);
    /** The value 1, written by any thread that wakes the waiter; never changed after construction. */
    private final Memory one = new Memory(Long.BYTES);
    private final Object lifecycle = new Object();
    private boolean closed;

    /**
     * Waits on {@code deviceFd}, which the caller owns and closes; the eventfd is this waiter's
     * own. {@code shim}: through {@link NativeFrames} when it is loaded, else through JNA.
     */
    DescriptorWaiter(String interfaceName, int deviceFd, boolean shim) throws DeviceOpenException {
        this.interfaceName = interfaceName;
        this.deviceFd = deviceFd;
        this.shim = shim && NativeFrames.loaded();
        this.wakeFd = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        if (wakeFd < 0) {
            throw OpenFailures.systemError(interfaceName, "eventfd", Errno.last());
        }
        pollFds.setInt(0, deviceFd);
        pollFds.setShort(4, LibC.POLLIN);
        pollFds.setInt(POLLFD_SIZE, wakeFd);
        pollFds.setShort(POLLFD_SIZE + 4, LibC.POLLIN);
        one.setLong(0, 1);
    }

    @Override
    public boolean awaitReadable(long timeoutMicros) {
        return shim ? awaitThroughShim(timeoutMicros) : awaitThroughJna(timeoutMicros);
    }

    private boolean awaitThroughShim(long timeoutMicros) {
        long nanos = -1;
        if (timeoutMicros != Micros.NEVER) {
            nanos = Math.min(Math.max(0, timeoutMicros), Long.MAX_VALUE / 1_000) * 1_000;
        }
        int revents = NativeFrames.poll(deviceFd, wakeFd, nanos);
        if (revents < 0) {
            if (-revents == Errno.EINTR) {
                return false; // a signal: the caller recomputes its deadline and waits again
            }
            throw new DeviceIoException(interfaceName, "ppoll", -revents);
        }
        if ((revents & LibC.POLLNVAL) != 0) {
            throw new DeviceIoException(interfaceName, "ppoll (descriptor not open)", Errno.EBADFD);
        }
        return (revents & READY) != 0;
    }

    private boolean awaitThroughJna(long timeoutMicros) {
        Pointer limit = null;
        if (timeoutMicros != Micros.NEVER) {
            long micros = Math.max(0, timeoutMicros);
            timeout.setLong(0, micros / Micros.PER_SECOND);
            timeout.setLong(Long.BYTES, micros % Micros.PER_SECOND * 1_000);
            limit = timeout;
        }
        int ready = LibC.ppoll(pollFds, 2, limit, null);
        if (ready < 0) {
            int errno = Errno.last();
            if (errno == Errno.EINTR) {
                return false; // a signal: the caller recomputes its deadline and waits again
            }
            throw new DeviceIoException(interfaceName, "ppoll", errno);
        }
        if (ready == 0) {
            return false;
        }
        if ((pollFds.getShort(POLLFD_SIZE + REVENTS) & LibC.POLLIN) != 0) {
            // Nonblocking: a second waker may have reset it first; EAGAIN is then fine.
            LibC.read(wakeFd, Pointer.nativeValue(counter), Long.BYTES);
        }
        short device = pollFds.getShort(REVENTS);
        if ((device & LibC.POLLNVAL) != 0) {
            throw new DeviceIoException(interfaceName, "ppoll (descriptor not open)", Errno.EBADFD);
        }
        return (device & READY) != 0;
    }

    @Override
    public void wakeUp() {
        // The lock keeps close() from freeing the eventfd's number while a write is on its way:
        // a write to a reused descriptor number would land in some unrelated file.
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            if (shim) {
                NativeFrames.wake(wakeFd);
            } else {
                LibC.write(wakeFd, Pointer.nativeValue(one), Long.BYTES);
            }
        }
    }

    /** Closes the eventfd; the device's descriptor is left to its owner. */
    void close() {
        synchronized (lifecycle) {
            if (!closed) {
                closed = true;
                LibC.close(wakeFd);
            }
        }
    }
}
