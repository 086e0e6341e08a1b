package dev.jnetlab.stack.phy;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A Linux tap interface as a {@link Device}: every Ethernet frame the kernel sends out of the
 * tap is received here, and every frame transmitted here enters the kernel as if it had
 * arrived on the tap's wire. The stack is a separate host on that wire (README, "Making
 * tap0").
 *
 * <p>Opening follows Documentation/networking/tuntap.rst: open the clone device
 * {@code /dev/net/tun}, then {@code TUNSETIFF} with {@code IFF_TAP | IFF_NO_PI} (Ethernet
 * frames, no 4-octet packet-information prefix) attaches the descriptor to the named tap.
 * The descriptor is non-blocking, so {@link #receive} and {@link #transmit} never block; the
 * event loop blocks in {@link #awaitReadable} instead.
 *
 * <p>The open binds the descriptor to the network namespace of the calling <em>thread</em>
 * (tun.c looks the name up in {@code current->nsproxy->net_ns}); once open, any thread may
 * use it. Used by one thread, the event loop, except {@link #wakeUp}, which any thread may
 * call.
 *
 * <p>Per frame, receiving and transmitting allocate nothing: one read(2) or write(2) through
 * JNA direct mapping into preallocated native memory, one copy of the frame's length between
 * that and the lent array.
 */
public final class TapInterface implements Device, Waitable, AutoCloseable {
    /** The tun/tap clone device. */
    public static final Path CLONE_DEVICE = Path.of("/dev/net/tun");
    /** How long {@link #open} waits for the kernel to start sending out of the tap (see Interfaces#awaitRunning). */
    private static final long CARRIER_PATIENCE_MILLIS = 1_000;

    private final String name;
    private final int fd;
    private final DeviceCapabilities capabilities;
    private final DescriptorWaiter waiter;
    private final FrameBuffers buffers = new FrameBuffers();
    private boolean closed;

    private TapInterface(String name, int fd, DeviceCapabilities capabilities) throws DeviceOpenException {
        this.name = name;
        this.fd = fd;
        this.capabilities = capabilities;
        this.waiter = new DescriptorWaiter(name, fd);
    }

    /**
     * Attaches to the existing tap {@code name} in the calling thread's network namespace.
     * Its capabilities carry the interface's MTU at this moment, every checksum in software.
     * When the tap is up, returns once the kernel sends frames out of it (a few
     * milliseconds, at most a second), so that its first answers to the stack are not lost.
     *
     * @throws DeviceOpenException when it cannot; the message says how to fix it
     */
    public static TapInterface open(String name) throws DeviceOpenException {
        return open(name, CLONE_DEVICE);
    }

    /** {@link #open(String)} through another clone device node: for tests of what goes wrong. */
    static TapInterface open(String name, Path cloneDevice) throws DeviceOpenException {
        Optional<String> invalid = Interfaces.invalidName(name);
        if (invalid.isPresent()) {
            throw OpenFailures.invalidName(name, invalid.get());
        }
        int fd = LibC.open(cloneDevice.toString(), LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            int errno = Errno.last();
            throw switch (errno) {
                case Errno.ENOENT, Errno.ENODEV, Errno.ENXIO -> OpenFailures.noTunDevice(name, cloneDevice, errno);
                case Errno.EACCES, Errno.EPERM -> OpenFailures.cloneDeviceDenied(name, cloneDevice, errno);
                default -> OpenFailures.systemError(name, "open " + cloneDevice, errno);
            };
        }
        try {
            // TUNSETIFF on a name that does not exist would make a new, transient tap (as root)
            // or fail with EPERM (otherwise); either way the user meant an existing one.
            if (Interfaces.index(name) == 0) {
                throw OpenFailures.noSuchTap(name);
            }
            InterfaceRequest request = new InterfaceRequest(name).flags((short) (LibC.IFF_TAP | LibC.IFF_NO_PI));
            if (LibC.ioctl(fd, LibC.TUNSETIFF, request.pointer()) < 0) {
                int errno = Errno.last();
                // tun_set_iff in drivers/net/tun.c: EINVAL when the name is not a tap (or the
                // multi-queue flag differs), EPERM when the tap has another owner and the
                // caller lacks CAP_NET_ADMIN, EBUSY (tun_attach) when a descriptor is attached.
                throw switch (errno) {
                    case Errno.EPERM, Errno.EACCES -> OpenFailures.tapNotPermitted(name, errno);
                    case Errno.EBUSY -> OpenFailures.tapBusy(name, TapHolders.of(name));
                    case Errno.EINVAL -> OpenFailures.notATap(name);
                    default -> OpenFailures.systemError(name, "TUNSETIFF", errno);
                };
            }
            String attached = request.name();
            Interfaces.awaitRunning(attached, CARRIER_PATIENCE_MILLIS);
            return new TapInterface(attached, fd, DeviceCapabilities.ethernet(Interfaces.mtu(attached)));
        } catch (DeviceOpenException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    /** The interface name, as the kernel reported it when the tap was attached. */
    public String name() {
        return name;
    }

    /**
     * The tap's file descriptor, for diagnostics and benchmarks that compare against bare
     * system calls. Reading or writing it directly bypasses this device.
     */
    public int fileDescriptor() {
        return fd;
    }

    @Override
    public DeviceCapabilities capabilities() {
        return capabilities;
    }

    /**
     * One non-blocking read(2): with IFF_NO_PI, tun.c hands over exactly one Ethernet frame
     * per read.
     *
     * @throws DeviceIoException when the tap is gone (deleted while open: EBADFD)
     */
    @Override
    public boolean receive(long now, FrameReceiver receiver) {
        ensureOpen();
        long read = LibC.read(fd, buffers.rxNative, FrameBuffers.CAPACITY);
        if (read < 0) {
            int errno = Errno.last();
            if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                return false;
            }
            throw new DeviceIoException(name, "read", errno);
        }
        if (read == 0) {
            return false;
        }
        int length = (int) read;
        buffers.rxNative.read(0, buffers.rxFrame, 0, length);
        receiver.receive(buffers.rxFrame, 0, length);
        return true;
    }

    /**
     * Lends the transmit buffer to {@code filler}, then one write(2) of exactly
     * {@code length} octets, which the kernel takes in whole or refuses.
     *
     * <p>Returns false when the kernel refuses it for now: EAGAIN, or EIO, which tun.c
     * answers while the tap is administratively down (a cable unplugged). A native device
     * learns this only by trying, so, unlike the general {@link Device} contract, the filler
     * has run even when this returns false; nothing was sent and the caller may build the
     * frame again later.
     *
     * @throws IllegalArgumentException when {@code length} is shorter than an Ethernet header
     *                                  or longer than any frame an interface carries
     * @throws DeviceIoException        when the tap is gone (EBADFD)
     */
    @Override
    public boolean transmit(long now, int length, FrameFiller filler) {
        ensureOpen();
        FrameBuffers.checkTransmitLength(length);
        filler.fill(buffers.txFrame, 0, length);
        buffers.txNative.write(0, buffers.txFrame, 0, length);
        if (LibC.write(fd, buffers.txNative, length) < 0) {
            int errno = Errno.last();
            if (errno == Errno.EAGAIN || errno == Errno.EINTR || errno == Errno.EIO) {
                return false;
            }
            throw new DeviceIoException(name, "write", errno);
        }
        return true;
    }

    /**
     * {@inheritDoc} Also true when the tap has been deleted, so that {@link #receive} reports
     * it.
     */
    @Override
    public boolean awaitReadable(long timeoutMicros) {
        ensureOpen();
        return waiter.awaitReadable(timeoutMicros);
    }

    @Override
    public void wakeUp() {
        waiter.wakeUp();
    }

    /**
     * Detaches from the tap and frees the buffers; the tap itself stays (it is persistent,
     * made with {@code ip tuntap add}). Call it from the event loop's thread, or after that
     * thread has stopped; closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        waiter.close();
        LibC.close(fd);
        buffers.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    @Override
    public String toString() {
        return "tap " + name;
    }
}
