package dev.jnetlab.stack.phy;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few C library calls the native devices make, bound with JNA direct mapping
 * ({@link Native#register}): each call goes straight from a {@code native} method to the C
 * function, with no proxy, no argument array and no boxing, which is what the packet path
 * needs (ARCHITECTURE.md §4).
 *
 * <p>Buffers are native memory allocated once by the caller; read(2) and write(2), the calls
 * made per frame, take its address as a {@code long}: with only primitive arguments JNA's
 * direct dispatch skips its per-argument conversion (a JNI field read of each {@link Pointer}'s
 * address and the bookkeeping to release it), which is most of what it adds to the system
 * call. The other calls take {@link Pointer}s. JNA would
 * accept a {@code byte[]} as well, but it passes one by copying the <em>whole</em> array into
 * a freshly malloc'd block and back again on every call (GetByteArrayElements /
 * ReleaseByteArrayElements), which for a receive buffer sized for the largest frame is 128 KiB
 * of copying per frame; reading into native memory and then copying exactly the frame's
 * length into the lent array costs one copy of the frame.
 *
 * <p>Errors: these methods do not declare {@code LastErrorException}, because JNA would then
 * allocate an exception for every EAGAIN, which is the normal answer of a non-blocking read
 * with nothing queued. JNA's direct dispatch saves {@code errno} in thread-local storage right
 * after the call returns, and {@link Native#getLastError()} reads it back without allocating;
 * callers check the return value first and ask for errno only when it signals an error.
 *
 * <p>Types follow LP64 Linux (x86-64, aarch64): {@code size_t}, {@code ssize_t},
 * {@code unsigned long} and {@code time_t} are Java {@code long}s; the constants are the
 * asm-generic values those architectures share.
 */
final class LibC {
    static {
        if (Native.SIZE_T_SIZE != Long.BYTES || !Platform.isLinux()) {
            throw new UnsupportedOperationException(
                    "the native devices (tap, raw socket) need Linux on a 64-bit JVM");
        }
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    // open(2)
    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;

    // socket(2), packet(7), ip(7)
    static final int AF_INET = 2;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = O_NONBLOCK;
    static final int SOCK_CLOEXEC = O_CLOEXEC;
    static final int SOL_PACKET = 263;
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_MR_PROMISC = 1;
    static final int ETH_P_ALL = 0x0003;

    // eventfd(2)
    static final int EFD_NONBLOCK = O_NONBLOCK;
    static final int EFD_CLOEXEC = O_CLOEXEC;

    // poll(2)
    static final short POLLIN = 0x001;
    static final short POLLERR = 0x008;
    static final short POLLHUP = 0x010;
    static final short POLLNVAL = 0x020;

    // ioctl request numbers: _IOW('T', 202, int) and its neighbours from linux/if_tun.h, and netdevice(7).
    static final long TUNSETIFF = 0x400454caL;
    /** _IOR('T', 207, unsigned int): the TUNSETIFF flags this kernel's tun driver knows. */
    static final long TUNGETFEATURES = 0x800454cfL;
    /** _IOW('T', 208, unsigned int), the flags passed by value: the offloads the reader accepts. */
    static final long TUNSETOFFLOAD = 0x400454d0L;
    /** _IOW('T', 216, int), through a pointer: the length of the virtio-net header before each frame. */
    static final long TUNSETVNETHDRSZ = 0x400454d8L;
    /** _IOR('T', 215, int): the header length the tap has now. */
    static final long TUNGETVNETHDRSZ = 0x800454d7L;
    /** _IOW('T', 220, int), through a pointer: nonzero makes the header's fields little-endian. */
    static final long TUNSETVNETLE = 0x400454dcL;
    /** _IOR('T', 221, int): whether the header's fields are little-endian now. */
    static final long TUNGETVNETLE = 0x800454ddL;
    static final long SIOCGIFMTU = 0x8921L;
    static final long SIOCETHTOOL = 0x8946L;

    // linux/if_tun.h
    static final short IFF_TAP = 0x0002;
    static final short IFF_NO_PI = 0x1000;
    static final short IFF_VNET_HDR = 0x4000;
    static final int TUN_F_CSUM = 0x01;
    static final int TUN_F_TSO4 = 0x02;

    private LibC() {
    }

    static native int open(String path, int flags);

    static native int close(int fd);

    /** read(2) into the native memory at {@code address} (see the class comment for why a long). */
    static native long read(int fd, long address, long count);

    /** write(2) from the native memory at {@code address}. */
    static native long write(int fd, long address, long count);

    static native int ioctl(int fd, long request, Pointer argument);

    /** For the requests that take their argument by value ({@code unsigned long}), such as TUNSETOFFLOAD. */
    static native int ioctl(int fd, long request, long argument);

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, Pointer address, int addressLength);

    static native int setsockopt(int fd, int level, int name, Pointer value, int valueLength);

    static native long recvfrom(int fd, Pointer buffer, long length, int flags, Pointer address,
                                Pointer addressLength);

    static native int ppoll(Pointer fds, long count, Pointer timeout, Pointer signalMask);

    static native int eventfd(int initialValue, int flags);

    static native int if_nametoindex(String name);

    static native String strerror(int errno);
}
