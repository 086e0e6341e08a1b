package dev.jnetlab.stack.phy;

/**
 * How a tap's frames cross into the kernel: the two arrays the stack sees, and one read(2) or
 * write(2) of a frame, after a virtio-net header when the tap has one. Two ways, the same
 * frames: {@link Shim}, jnetlab's JNI library, on the arrays in place; and {@link Jna}, through
 * native memory ({@link FrameBuffers}), when the shim did not load ({@link NativeFrames}).
 * Errors come back as {@code -errno} from both.
 */
abstract sealed class FrameCalls permits FrameCalls.Shim, FrameCalls.Jna {
    /** The frame last received, at offset 0. */
    final byte[] rxFrame;
    /** The frame being transmitted, at offset 0. */
    final byte[] txFrame;

    private FrameCalls(byte[] rxFrame, byte[] txFrame) {
        this.rxFrame = rxFrame;
        this.txFrame = txFrame;
    }

    /** The shim when it is loaded, else JNA. */
    static FrameCalls best() {
        return NativeFrames.loaded() ? new Shim() : new Jna();
    }

    /**
     * One read(2) of a frame: its first {@code header.length} octets into {@code header}, the
     * rest into {@link #rxFrame}. The octets read, header included, or {@code -errno}.
     */
    abstract long read(int fd, byte[] header);

    /** One write(2) of {@code header} then {@code length} octets of {@link #txFrame}: octets written or {@code -errno}. */
    abstract long write(int fd, byte[] header, int length);

    /** Whether the wait for frames goes through the shim too. */
    abstract boolean shim();

    /** Which way, for a person: {@code JNI shim}, or {@code JNA (why not the shim)}. */
    abstract String describe();

    /** Frees what {@link Jna} holds outside the heap; closing twice does nothing. */
    abstract void close();

    /** Through {@link NativeFrames}: the arrays are read and written in place. */
    static final class Shim extends FrameCalls {
        Shim() {
            super(new byte[FrameBuffers.CAPACITY], new byte[FrameBuffers.CAPACITY]);
            if (!NativeFrames.loaded()) {
                throw new IllegalStateException("the JNI shim is not loaded: " + NativeFrames.failure());
            }
        }

        @Override
        long read(int fd, byte[] header) {
            return NativeFrames.readv(fd, header, header.length, rxFrame, rxFrame.length);
        }

        @Override
        long write(int fd, byte[] header, int length) {
            return NativeFrames.writev(fd, header, header.length, txFrame, length);
        }

        @Override
        boolean shim() {
            return true;
        }

        @Override
        String describe() {
            return "JNI shim";
        }

        @Override
        void close() {
        }
    }

    /** Through JNA and native memory: one copy of the frame each way. */
    static final class Jna extends FrameCalls {
        private final FrameBuffers buffers;

        Jna() {
            this(new FrameBuffers());
        }

        private Jna(FrameBuffers buffers) {
            super(buffers.rxFrame, buffers.txFrame);
            this.buffers = buffers;
        }

        @Override
        long read(int fd, byte[] header) {
            long read = LibC.read(fd, buffers.rxAddress, FrameBuffers.NATIVE_CAPACITY);
            if (read < 0) {
                return -Errno.last();
            }
            int inHeader = (int) Math.min(read, header.length);
            buffers.received(0, header, 0, inHeader);
            buffers.received(inHeader, rxFrame, 0, (int) read - inHeader);
            return read;
        }

        @Override
        long write(int fd, byte[] header, int length) {
            buffers.toTransmit(0, header, 0, header.length);
            buffers.toTransmit(header.length, txFrame, 0, length);
            long written = LibC.write(fd, buffers.txAddress, header.length + (long) length);
            return written < 0 ? -Errno.last() : written;
        }

        @Override
        boolean shim() {
            return false;
        }

        @Override
        String describe() {
            String why = NativeFrames.failure();
            return "JNA (" + (why == null ? "chosen" : why) + ")";
        }

        @Override
        void close() {
            buffers.close();
        }
    }
}
