package dev.jnetlab.stack.phy;

/**
 * What a device behind one kernel file descriptor ({@link TapInterface}, {@link RawSocket})
 * owns and does the same way: the descriptor, the {@link DescriptorWaiter} the event loop
 * sleeps in, and closing them once. The subclass opens the descriptor, holds the frame
 * buffers and moves the frames.
 */
abstract class DescriptorDevice implements Device, Waitable, AutoCloseable {
    final String name;
    final int fd;
    final DeviceCapabilities capabilities;
    final DescriptorWaiter waiter;
    private boolean closed;

    /** {@code shimWaiter}: the event loop waits through jnetlab's JNI shim ({@link NativeFrames}). */
    DescriptorDevice(String name, int fd, DeviceCapabilities capabilities, boolean shimWaiter) throws DeviceOpenException {
        this.name = name;
        this.fd = fd;
        this.capabilities = capabilities;
        this.waiter = new DescriptorWaiter(name, fd, shimWaiter);
    }

    /** The interface's name. */
    public String name() {
        return name;
    }

    @Override
    public DeviceCapabilities capabilities() {
        return capabilities;
    }

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
     * Closes the descriptor and frees the buffers. Call it from the event loop's thread, or
     * after that thread has stopped; closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        waiter.close();
        LibC.close(fd);
        freeBuffers();
    }

    /** Frees the subclass's frame buffers, once, after the descriptor is closed. */
    abstract void freeBuffers();

    /** Throws if the device is closed: a use after close is the caller's bug. */
    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
