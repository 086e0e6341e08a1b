package dev.jnetlab.stack.phy;

/**
 * A tap opened the way any other program opens it, for tests of what jnetlab leaves behind:
 * TUNSETIFF with IFF_TAP | IFF_NO_PI and nothing else (no IFF_VNET_HDR, no TUNSETOFFLOAD, so
 * it clears nothing either), then plain read(2) and write(2). It remembers the longest frame
 * it read: with offloads left on by an earlier reader, the kernel hands such a reader GSO
 * super-frames, longer than the MTU, that no wire carries.
 */
public final class PlainTap implements Device, Waitable, AutoCloseable {
    private final int fd;
    private final DescriptorWaiter waiter;
    private final FrameBuffers buffers = new FrameBuffers();
    private int longestFrame;

    private PlainTap(int fd, DescriptorWaiter waiter) {
        this.fd = fd;
        this.waiter = waiter;
    }

    /** Attaches to {@code name} in the calling thread's namespace. */
    public static PlainTap open(String name) throws DeviceOpenException {
        int fd = LibC.open(TapInterface.CLONE_DEVICE.toString(), LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException("open /dev/net/tun: " + Errno.describe(Errno.last()));
        }
        InterfaceRequest request = new InterfaceRequest(name).flags((short) (LibC.IFF_TAP | LibC.IFF_NO_PI));
        if (LibC.ioctl(fd, LibC.TUNSETIFF, request.pointer()) < 0) {
            int errno = Errno.last();
            LibC.close(fd);
            throw new IllegalStateException("TUNSETIFF " + name + ": " + Errno.describe(errno));
        }
        return new PlainTap(fd, new DescriptorWaiter(name, fd, false));
    }

    /** The descriptor, for ioctls a test makes on the tap. */
    int fd() {
        return fd;
    }

    /** The longest frame read so far, Ethernet header included. */
    public int longestFrame() {
        return longestFrame;
    }

    @Override
    public DeviceCapabilities capabilities() {
        return DeviceCapabilities.ethernet(1500);
    }

    @Override
    public boolean receive(long now, FrameReceiver receiver) {
        long read = LibC.read(fd, buffers.rxAddress, FrameBuffers.NATIVE_CAPACITY);
        if (read <= 0) {
            return false;
        }
        int length = (int) read;
        longestFrame = Math.max(longestFrame, length);
        buffers.received(0, buffers.rxFrame, 0, length);
        receiver.receive(buffers.rxFrame, 0, length);
        return true;
    }

    @Override
    public boolean transmit(long now, int length, FrameFiller filler) {
        filler.fill(buffers.txFrame, 0, length);
        buffers.toTransmit(0, buffers.txFrame, 0, length);
        return LibC.write(fd, buffers.txAddress, length) == length;
    }

    @Override
    public boolean awaitReadable(long timeoutMicros) {
        return waiter.awaitReadable(timeoutMicros);
    }

    @Override
    public void wakeUp() {
        waiter.wakeUp();
    }

    @Override
    public void close() {
        waiter.close();
        LibC.close(fd);
        buffers.close();
    }
}
