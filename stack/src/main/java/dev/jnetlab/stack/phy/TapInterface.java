package dev.jnetlab.stack.phy;

import com.sun.jna.Memory;
import dev.jnetlab.stack.wire.Bytes;
import dev.jnetlab.stack.wire.Checksum;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.TcpPacket;
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
 * frames, no 4-octet packet-information prefix) attaches the descriptor to the named tap;
 * with {@code IFF_VNET_HDR} as well when offloads are asked for and granted
 * ({@link #open(String, Offloads)}), and every frame then travels behind a
 * {@link VirtioNetHeader}.
 * The descriptor is non-blocking, so {@link #receive} and {@link #transmit} never block; the
 * event loop blocks in {@link #awaitReadable} instead.
 *
 * <p>The open binds the descriptor to the network namespace of the calling <em>thread</em>
 * (tun.c looks the name up in {@code current->nsproxy->net_ns}); once open, any thread may
 * use it. Used by one thread, the event loop, except {@link #wakeUp}, which any thread may
 * call.
 *
 * <p>Closing detaches from the tap; the tap itself stays (it is persistent, made with
 * {@code ip tuntap add}). A tap deleted meanwhile makes {@link #awaitReadable} return true, so
 * that {@link #receive} reports it. The offloads and the virtio-net header settings belong to
 * the tap, not to the descriptor, and would outlive it: closing, a failed open and
 * {@link #restore()} (for a shutdown hook) put them back as they were found, so that the next
 * program to open the tap plainly gets frames of at most the MTU with finished checksums.
 *
 * <p>Per frame, receiving and transmitting allocate nothing: one read(2) or write(2) of the
 * lent array itself through jnetlab's JNI shim, or, when the shim is not loaded, through JNA
 * direct mapping into preallocated native memory and one copy of the frame's length between
 * that and the lent array ({@link FrameCalls}).
 */
public final class TapInterface extends DescriptorDevice {
    /** The tun/tap clone device. */
    public static final Path CLONE_DEVICE = Path.of("/dev/net/tun");
    /** How long {@link #open} waits for the kernel to start sending out of the tap (see Interfaces#awaitRunning). */
    private static final long CARRIER_PATIENCE_MILLIS = 1_000;
    /** Where the checksum field and the data offset are in a TCP header (RFC 9293 section 3.1). */

    /** Whether every frame is preceded by a virtio-net header: the offloads were granted. */
    /** Why there are no offloads, or null when there are. */
    private final String offloadRefusal;
    private final byte[] rxHeader = new byte[VirtioNetHeader.LEN];
    private final byte[] txHeader = new byte[VirtioNetHeader.LEN];
    private final VirtioNetHeader rxView = new VirtioNetHeader().wrap(rxHeader, 0);
    private final VirtioNetHeader txView = new VirtioNetHeader().wrap(txHeader, 0);
    /** What precedes each frame on the descriptor: the header, or nothing on a tap without offloads. */
    private final byte[] rxPrefix;
    private final byte[] txPrefix;
    private final FrameCalls frames;
    /** Views of the frame being sent, for the offsets its header names. */
    private final Ipv4Packet txIp = new Ipv4Packet();
    private final TcpPacket txTcp = new TcpPacket();
    /** The tap's header settings before this open changed them; null when it changed nothing. */
    private final VnetHeaderState found;
    private boolean restored;
    /** Whether the kernel is asked to cut its TCP segments to the MTU before handing them over. */
    private boolean wireFramesOnly;
    private long tsoFramesSent;
    private long gsoFramesReceived;

    private TapInterface(String name, int fd, DeviceCapabilities capabilities, String offloadRefusal,
                         VnetHeaderState found, FrameCalls frames) throws DeviceOpenException {
        super(name, fd, capabilities, frames.shim());
        this.offloadRefusal = offloadRefusal;
        this.found = found;
        this.frames = frames;
        byte[] none = new byte[0];
        this.rxPrefix = offloadRefusal == null ? rxHeader : none;
        this.txPrefix = offloadRefusal == null ? txHeader : none;
    }

    /**
     * Attaches to the existing tap {@code name} in the calling thread's network namespace, with
     * the offloads the kernel grants ({@link Offloads#CSUM_TSO4}, see {@link #open(String, Offloads)}).
     * Its capabilities carry the interface's MTU at this moment. When the tap is up, returns
     * once the kernel sends frames out of it (a few milliseconds, at most a second), so that
     * its first answers to the stack are not lost.
     *
     * @throws DeviceOpenException when it cannot; the message says how to fix it
     */
    public static TapInterface open(String name) throws DeviceOpenException {
        return open(name, Offloads.CSUM_TSO4);
    }

    /**
     * {@link #open(String)} asking for {@code offloads}. For {@link Offloads#CSUM_TSO4} the tap is
     * attached with IFF_VNET_HDR when TUNGETFEATURES lists it, then TUNSETVNETHDRSZ (10, struct
     * virtio_net_hdr), TUNSETVNETLE and TUNSETOFFLOAD (TUN_F_CSUM | TUN_F_TSO4) set what the
     * header means; if the kernel refuses any step, the tap is attached again without the header
     * and offloads, as for {@link Offloads#NONE}, and {@link #offloadStatus()} says which step
     * was refused. A refused offload is not an error.
     */
    public static TapInterface open(String name, Offloads offloads) throws DeviceOpenException {
        return open(name, CLONE_DEVICE, offloads == Offloads.NONE ? 0 : LibC.TUN_F_CSUM | LibC.TUN_F_TSO4);
    }

    /** {@link #open(String)} through another clone device node: for tests of what goes wrong. */
    static TapInterface open(String name, Path cloneDevice) throws DeviceOpenException {
        return open(name, cloneDevice, LibC.TUN_F_CSUM | LibC.TUN_F_TSO4);
    }

    /** {@link #open(String, Path, int, boolean)} through the JNI shim when it is loaded, else JNA. */
    static TapInterface open(String name, Path cloneDevice, int offloadFlags) throws DeviceOpenException {
        return open(name, cloneDevice, offloadFlags, NativeFrames.loaded());
    }

    /**
     * The open itself, asking TUNSETOFFLOAD for {@code offloadFlags} (0: a plain tap): tests ask
     * for a flag no kernel knows to see the fallback happen. {@code shim}: the frames and the
     * waits go through jnetlab's JNI shim ({@link NativeFrames}, which must be loaded), else
     * through JNA; tests run both.
     */
    static TapInterface open(String name, Path cloneDevice, int offloadFlags, boolean shim) throws DeviceOpenException {
        Optional<String> invalid = Interfaces.invalidName(name);
        if (invalid.isPresent()) {
            throw OpenFailures.invalidName(name, invalid.get());
        }
        int fd = openClone(name, cloneDevice);
        VnetHeaderState found = null;
        try {
            // TUNSETIFF on a name that does not exist would make a new, transient tap (as root)
            // or fail with EPERM (otherwise); either way the user meant an existing one.
            if (Interfaces.index(name) == 0) {
                throw OpenFailures.noSuchTap(name);
            }
            String refusal = offloadFlags == 0 ? "not asked for" : vnetHeaderRefusal(fd);
            String attached = attach(fd, name, refusal == null);
            if (refusal == null) {
                found = VnetHeaderState.read(fd);
                refusal = found == null ? "kernel refused TUNGETVNETHDRSZ: " + Errno.describe(Errno.last())
                        : offloadRefusal(fd, offloadFlags);
                if (refusal != null) {
                    if (found != null) {
                        found.restore(fd);
                        found = null;
                    }
                    // tun.c keeps the attach flags for as long as the descriptor is attached
                    // (a second TUNSETIFF is EEXIST): start again without the header.
                    LibC.close(fd);
                    fd = -1;
                    fd = openClone(name, cloneDevice);
                    attached = attach(fd, name, false);
                }
            }
            if (refusal != null) {
                clearOffloads(fd, name);
            }
            Interfaces.awaitRunning(attached, CARRIER_PATIENCE_MILLIS);
            DeviceCapabilities plain = DeviceCapabilities.ethernet(Interfaces.mtu(attached));
            FrameCalls frames = shim ? new FrameCalls.Shim() : new FrameCalls.Jna();
            return new TapInterface(attached, fd, refusal == null ? withOffloads(plain) : plain, refusal, found, frames);
        } catch (DeviceOpenException | RuntimeException e) {
            if (fd >= 0) {
                if (found != null) {
                    found.restore(fd);
                }
                LibC.close(fd);
            }
            throw e;
        }
    }

    /** What a tap with TUN_F_CSUM | TUN_F_TSO4 does for the stack: see {@link Offloads#CSUM_TSO4}. */
    private static DeviceCapabilities withOffloads(DeviceCapabilities plain) {
        return plain.withChecksums(ChecksumCapabilities.TAP_OFFLOAD)
                .withTsoMaxSize(DeviceCapabilities.MAX_IPV4_DATAGRAM)
                .withMaxReceiveSize(FrameBuffers.CAPACITY);
    }

    private static int openClone(String name, Path cloneDevice) throws DeviceOpenException {
        int fd = LibC.open(cloneDevice.toString(), LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            int errno = Errno.last();
            throw switch (errno) {
                case Errno.ENOENT, Errno.ENODEV, Errno.ENXIO -> OpenFailures.noTunDevice(name, cloneDevice, errno);
                case Errno.EACCES, Errno.EPERM -> OpenFailures.cloneDeviceDenied(name, cloneDevice, errno);
                default -> OpenFailures.systemError(name, "open " + cloneDevice, errno);
            };
        }
        return fd;
    }

    /** TUNSETIFF as a tap without packet information, with the virtio-net header or not; returns the name attached. */
    private static String attach(int fd, String name, boolean vnetHeader) throws DeviceOpenException {
        short flags = (short) (LibC.IFF_TAP | LibC.IFF_NO_PI | (vnetHeader ? LibC.IFF_VNET_HDR : 0));
        InterfaceRequest request = new InterfaceRequest(name).flags(flags);
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
        return request.name();
    }

    /** Why the tap cannot have a virtio-net header (TUNGETFEATURES does not list IFF_VNET_HDR), or null. */
    private static String vnetHeaderRefusal(int fd) {
        try (Memory features = new Memory(Integer.BYTES)) {
            if (LibC.ioctl(fd, LibC.TUNGETFEATURES, features) < 0) {
                return "kernel refused TUNGETFEATURES: " + Errno.describe(Errno.last());
            }
            return (features.getInt(0) & LibC.IFF_VNET_HDR) == 0 ? "kernel has no IFF_VNET_HDR" : null;
        }
    }

    /**
     * Sets what the header means on a tap attached with it: its length (the tap is persistent,
     * and keeps whatever length its last reader set), little-endian fields (a legacy header
     * is otherwise in the host's order), and the offloads this reader accepts. Returns the
     * refused step, or null.
     */
    private static String offloadRefusal(int fd, int offloadFlags) {
        try (Memory value = new Memory(Integer.BYTES)) {
            value.setInt(0, VirtioNetHeader.LEN);
            if (LibC.ioctl(fd, LibC.TUNSETVNETHDRSZ, value) < 0) {
                return "kernel refused TUNSETVNETHDRSZ: " + Errno.describe(Errno.last());
            }
            value.setInt(0, 1);
            if (LibC.ioctl(fd, LibC.TUNSETVNETLE, value) < 0) {
                return "kernel refused TUNSETVNETLE: " + Errno.describe(Errno.last());
            }
        }
        if (LibC.ioctl(fd, LibC.TUNSETOFFLOAD, (long) offloadFlags) < 0) {
            return "kernel refused TUNSETOFFLOAD: " + Errno.describe(Errno.last());
        }
        return null;
    }

    /**
     * TUNSETOFFLOAD 0 on a plain tap. The offloads are the tap's, not the descriptor's: one
     * that a reader with the header accepted before would still let the kernel hand over
     * large segments with unfinished checksums, which a reader without the header cannot tell.
     */
    private static void clearOffloads(int fd, String name) throws DeviceOpenException {
        if (LibC.ioctl(fd, LibC.TUNSETOFFLOAD, 0L) < 0) {
            throw OpenFailures.systemError(name, "TUNSETOFFLOAD 0", Errno.last());
        }
    }

    /**
     * Puts the tap's offloads and virtio-net header settings back as this open found them
     * (TUNSETOFFLOAD 0, the header length and byte order as they were), once; {@link #close()}
     * does it too. Any thread may call it, also while the event loop still uses the tap: a
     * shutdown hook does, for a JVM ended by a signal. A SIGKILL leaves the tap as this reader
     * set it; the next open of it, with or without offloads, sets it again.
     */
    public synchronized void restore() {
        if (found != null && !restored) {
            restored = true;
            found.restore(fd);
        }
    }

    @Override
    public synchronized void close() {
        restore();
        super.close();
    }

    /**
     * With {@code only} set, asks the kernel to cut its TCP segments to the MTU before handing
     * them over (TUNSETOFFLOAD with TUN_F_CSUM but not TUN_F_TSO4: no GSO super-frames), so that
     * whatever sits between the tap and the stack sees each segment as a wire would carry it;
     * without, super-frames again. Checksums stay offloaded either way. The kernel's sockets
     * keep building large segments and its software GSO cuts them on the way to the tap.
     * Nothing to do on a tap without offloads, or one restored already.
     */
    @Override
    public synchronized void receiveWireFramesOnly(boolean only) {
        if (found == null || restored || only == wireFramesOnly) {
            return;
        }
        long flags = LibC.TUN_F_CSUM | (only ? 0 : LibC.TUN_F_TSO4);
        if (LibC.ioctl(fd, LibC.TUNSETOFFLOAD, flags) < 0) {
            throw new DeviceIoException(name, "TUNSETOFFLOAD", Errno.last());
        }
        wireFramesOnly = only;
    }

    /**
     * The tap's file descriptor, for diagnostics and benchmarks that compare against bare
     * system calls. Reading or writing it directly bypasses this device; with offloads, every
     * frame on it travels behind a virtio-net header.
     */
    public int fileDescriptor() {
        return fd;
    }

    /**
     * The offloads in effect, for a person: {@code csum tso4 gso-rx}, or {@code none} and why
     * ({@code none (not asked for)}, {@code none (kernel refused TUNSETOFFLOAD: ...)}).
     */
    public String offloadStatus() {
        return offloadRefusal == null ? capabilities.offloadSummary() : "none (" + offloadRefusal + ")";
    }

    /**
     * How frames and waits reach the kernel, for a person: {@code JNI shim}, or {@code JNA} and
     * why not the shim ({@code JNA (not built for linux-aarch64 (the build found no C compiler))}).
     */
    public String nativeCalls() {
        return frames.describe();
    }

    /** Frames written for the kernel to cut into segments (TSO) since the tap was opened. */
    public long tsoFramesSent() {
        return tsoFramesSent;
    }

    /** GSO super-frames the kernel handed over (one TCP segment above the MTU) since the tap was opened. */
    public long gsoFramesReceived() {
        return gsoFramesReceived;
    }

    /**
     * One non-blocking read(2): with IFF_NO_PI, tun.c hands over exactly one Ethernet frame
     * per read, after its virtio-net header when the offloads were granted. A frame whose
     * header says NEEDS_CSUM (a checksum the kernel left unfinished: the frame never crossed a
     * wire; finished here, so that every observer sees it valid) or DATA_VALID (checked already)
     * reaches the receiver with its checksum vouched for.
     *
     * @throws DeviceIoException when the tap is gone (deleted while open: EBADFD)
     */
    @Override
    public boolean receive(long now, FrameReceiver receiver) {
        ensureOpen();
        long read = frames.read(fd, rxPrefix);
        if (read < 0) {
            int errno = (int) -read;
            if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                return false;
            }
            throw new DeviceIoException(name, "read", errno);
        }
        int length = (int) read - rxPrefix.length;
        if (length <= 0) {
            return false;
        }
        byte[] frame = frames.rxFrame;
        if (offloadRefusal != null) {
            receiver.receive(frame, 0, length);
            return true;
        }
        if (rxView.gsoType() != VirtioNetHeader.GSO_NONE) {
            gsoFramesReceived++;
        }
        boolean vouched = rxView.needsChecksum() || rxView.dataValid();
        if (rxView.needsChecksum()) {
            finishChecksum(frame, length, rxView);
        }
        receiver.receive(frame, 0, length, vouched);
        return true;
    }

    /**
     * Finishes the checksum the kernel left unfinished (NEEDS_CSUM: the field holds the
     * pseudo-header sum), as a device would before the frame crossed a wire: the one's
     * complement of the sum from csum_start to the end, the field included. Whatever sees the
     * frame next (the tracer, a capture, a lab) then sees the checksum the frame would have had
     * on a wire, a valid one, and not a partial sum it would call wrong. A header that points
     * outside the frame is left alone. The sum is one pass over the frame, the price of showing
     * the truth, paid only on a tap with offloads.
     */
    private static void finishChecksum(byte[] frame, int length, VirtioNetHeader header) {
        int start = header.csumStart();
        int field = start + header.csumOffset();
        if (start >= length || field + 2 > length) {
            return;
        }
        int checksum = Checksum.finish(Checksum.sum(frame, start, length - start));
        // 0 and 0xFFFF are the same one's complement number; a UDP checksum of 0 would mean "none" (RFC 768).
        Bytes.put16(frame, field, checksum == 0 ? 0xFFFF : checksum);
    }

    /**
     * Lends the transmit buffer to {@code filler}, then one write(2) of exactly
     * {@code length} octets, which the kernel takes in whole or refuses. With offloads, the
     * write starts with a virtio-net header saying what the filler left to the kernel: a TCP
     * checksum to finish (NEEDS_CSUM from the TCP header on, the field 16 octets in), and for
     * a segment above the MTU, GSO_TCPV4 with the filler's segment size and the length of the
     * headers every cut repeats.
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
        byte[] frame = frames.txFrame;
        filler.fill(frame, 0, length);
        if (offloadRefusal == null) {
            describeOffloads(filler, frame);
        }
        long written = frames.write(fd, txPrefix, length);
        if (written < 0) {
            int errno = (int) -written;
            if (errno == Errno.EAGAIN || errno == Errno.EINTR || errno == Errno.EIO) {
                return false;
            }
            throw new DeviceIoException(name, "write", errno);
        }
        if (txView.gsoType() != VirtioNetHeader.GSO_NONE) {
            tsoFramesSent++;
        }
        return true;
    }

    /** Fills the transmit header from what {@code filler} left to the kernel in the frame it wrote. */
    private void describeOffloads(FrameFiller filler, byte[] frame) {
        txView.clear();
        int segmentSize = filler.segmentSize();
        if (!filler.checksumPartial()) {
            if (segmentSize != 0) {
                throw new IllegalStateException("a TSO frame must leave its TCP checksum to the device");
            }
            return;
        }
        int transport = txIp.wrap(frame, DeviceCapabilities.ETHERNET_HEADER_LEN, frame.length - DeviceCapabilities.ETHERNET_HEADER_LEN)
                .payloadOffset();
        txView.setFlags(VirtioNetHeader.FLAG_NEEDS_CSUM).setCsumStart(transport).setCsumOffset(TcpPacket.CHECKSUM);
        if (segmentSize != 0) {
            int headers = txTcp.wrap(frame, transport, frame.length - transport).payloadOffset();
            txView.setGsoType(VirtioNetHeader.GSO_TCPV4).setGsoSize(segmentSize).setHdrLen(headers);
        }
    }

    @Override
    void freeBuffers() {
        frames.close();
    }

    @Override
    public String toString() {
        return "tap " + name;
    }
}
