package dev.jnetlab.stack.phy;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The buffers a native device lends, each a pair: native memory the system call reads into or
 * writes from, and the Java array the stack sees. Allocated once per device; a frame then
 * costs one copy of its own length between the two (see {@link LibC} for why not a
 * {@code byte[]} straight into JNA).
 *
 * <p>That copy goes through a direct {@link ByteBuffer} over the same native memory, made
 * once: its bulk {@code get} and {@code put} are copied by code the JIT compiles in place
 * (Unsafe.copyMemory), where {@link Memory#read} and {@link Memory#write} make a JNI call per
 * frame (JNA's Native.read, then the JVM's Get/SetByteArrayRegion and its bounds and
 * exception checks), which the profile of {@code bench tcp-reader --no-offload} showed beside
 * the copy itself.
 *
 * <p>Sized for any frame a Linux interface can hand over, not just the MTU at open time (the
 * MTU can be raised while the device is open), and any GSO super-frame a tap with offloads
 * hands over: an IPv4 datagram of up to 65535 octets (its total-length field), an Ethernet
 * header and an 802.1Q tag.
 */
final class FrameBuffers {
    static final int CAPACITY = 65535 + DeviceCapabilities.ETHERNET_HEADER_LEN + 4;

    /** The native side also holds the virtio-net header a tap with offloads puts before the frame. */
    static final int NATIVE_CAPACITY = CAPACITY + VirtioNetHeader.LEN;

    final Memory rxNative = new Memory(NATIVE_CAPACITY);
    /** {@link #rxNative}'s address, for {@link LibC#read(int, long, long)}. */
    final long rxAddress = Pointer.nativeValue(rxNative);
    final byte[] rxFrame = new byte[CAPACITY];
    final Memory txNative = new Memory(NATIVE_CAPACITY);
    /** {@link #txNative}'s address, for {@link LibC#write(int, long, long)}. */
    final long txAddress = Pointer.nativeValue(txNative);
    final byte[] txFrame = new byte[CAPACITY];
    private final ByteBuffer rxBuffer = rxNative.getByteBuffer(0, NATIVE_CAPACITY);
    private final ByteBuffer txBuffer = txNative.getByteBuffer(0, NATIVE_CAPACITY);

    /** Copies {@code length} octets of native receive memory, from {@code from} on, into {@code array}. */
    void received(int from, byte[] array, int offset, int length) {
        rxBuffer.get(from, array, offset, length);
    }

    /** Copies {@code length} octets of {@code array} into native transmit memory, from {@code to} on. */
    void toTransmit(int to, byte[] array, int offset, int length) {
        txBuffer.put(to, array, offset, length);
    }

    /**
     * Checks a requested transmit length: at least an Ethernet header (tun.c answers a shorter
     * write with EINVAL), at most what the buffers hold.
     */
    static void checkTransmitLength(int length) {
        if (length < DeviceCapabilities.ETHERNET_HEADER_LEN || length > CAPACITY) {
            throw new IllegalArgumentException("cannot transmit a frame of " + length
                    + " octets: an Ethernet frame here is " + DeviceCapabilities.ETHERNET_HEADER_LEN
                    + " to " + CAPACITY + " octets");
        }
    }

    /** Frees the native halves at once rather than when the collector gets to them. */
    void close() {
        rxNative.close();
        txNative.close();
    }
}
