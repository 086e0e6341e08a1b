package dev.jnetlab.stack.phy;

import com.sun.jna.Memory;
import java.util.Optional;

/**
 * An existing interface (a veth, a NIC, a bridge) as a {@link Device}, through an AF_PACKET
 * raw socket (packet(7)): {@code jnetlab --raw IFACE} puts the stack on that interface's wire
 * beside the host's own stack, and {@code jnetlab --tcpdump IFACE} watches it with
 * {@link #sniff}.
 *
 * <p>A packet socket sees both what arrives on the interface and what this host sends out of
 * it; each frame comes with its {@code sll_pkttype}, and {@code PACKET_OUTGOING} marks the
 * host's own. {@link #receive}, the stack's side, passes over those: they are another host's
 * traffic, not frames on the way to the stack. {@link #sniff} hands over both, with their
 * {@link Direction}. Frames this socket transmits are not looped back to it (the kernel never
 * delivers a frame to the packet socket it came from: dev_queue_xmit_nit, skb_loop_sk).
 *
 * <p>The socket puts the interface into promiscuous mode (a PACKET_MR_PROMISC membership) so
 * that frames for the stack's own MAC address pass a real NIC's filter; the kernel drops the
 * membership when the socket closes.
 *
 * <p>Checksum offload: where the sending side leaves checksums to hardware (veth does, by
 * default, for TCP and UDP) a frame can arrive with its transport checksum not yet filled in;
 * {@code ethtool -K PEER tx off} on the sender makes it complete.
 *
 * <p>Opening needs root or CAP_NET_RAW, and binds the socket to the calling thread's network
 * namespace. Used by one thread, except {@link #wakeUp}.
 */
public final class RawSocket extends DescriptorDevice {
    /** Which way a sniffed frame was going through the interface. */
    public enum Direction {
        /** Arrived on the interface from the wire (to this host or any other). */
        INCOMING,
        /** Sent out of the interface by this host (PACKET_OUTGOING). */
        OUTGOING
    }

    /** Takes one sniffed frame, lent for the duration of the call, as {@link FrameReceiver} does. */
    @FunctionalInterface
    public interface Sniffer {
        /** One frame, {@code frame[offset .. offset+length)}, and which way it went. */
        void frame(Direction direction, byte[] frame, int offset, int length);
    }

    /** struct sockaddr_ll (linux/if_packet.h): family, protocol, ifindex, hatype, pkttype, halen, addr[8]. */
    private static final int SOCKADDR_LL_SIZE = 20;
    private static final int SLL_PROTOCOL = 2;
    private static final int SLL_IFINDEX = 4;
    private static final int SLL_HATYPE = 8;
    private static final int SLL_PKTTYPE = 10;
    private static final int PACKET_OUTGOING = 4;
    /** linux/if_arp.h: the loopback device's hardware type. */
    private static final int ARPHRD_LOOPBACK = 772;
    /** struct packet_mreq: ifindex, type, alen, address[8]. */
    private static final int PACKET_MREQ_SIZE = 16;
    /**
     * How many of the host's own frames one {@link #receive} passes over before it returns
     * false, so that a host sending without pause cannot keep the event loop in one call.
     */
    private static final int MAX_SKIPPED = 64;

    /** recvfrom's source address and its in-out length: where sll_pkttype comes back. */
    private final Memory source = new Memory(SOCKADDR_LL_SIZE);
    private final Memory sourceLength = new Memory(Integer.BYTES);
    /** recvfrom(2) fills in the source address too, which the shim does not do: JNA's native buffers. */
    private final FrameBuffers buffers = new FrameBuffers();

    private RawSocket(String name, int fd, DeviceCapabilities capabilities) throws DeviceOpenException {
        super(name, fd, capabilities, NativeFrames.loaded());
    }

    /**
     * Opens a raw socket on the interface {@code name} of the calling thread's network
     * namespace. Its capabilities carry the interface's MTU at this moment.
     *
     * @throws DeviceOpenException when it cannot; the message says how to fix it
     */
    public static RawSocket open(String name) throws DeviceOpenException {
        Optional<String> invalid = Interfaces.invalidName(name);
        if (invalid.isPresent()) {
            throw OpenFailures.invalidName(name, invalid.get());
        }
        int index = Interfaces.index(name);
        if (index == 0) {
            throw OpenFailures.noSuchInterface(name);
        }
        // Protocol 0: the socket receives nothing until bind() names the protocol and the
        // interface (packet(7)); created with ETH_P_ALL it would queue frames from every
        // interface in the meantime.
        int fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            int errno = Errno.last();
            throw errno == Errno.EPERM || errno == Errno.EACCES
                    ? OpenFailures.rawNotPermitted(name, errno)
                    : OpenFailures.systemError(name, "socket(AF_PACKET)", errno);
        }
        try {
            bind(name, fd, index);
            enterPromiscuousMode(name, fd, index);
            return new RawSocket(name, fd, DeviceCapabilities.ethernet(Interfaces.mtu(name)));
        } catch (DeviceOpenException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    private static void bind(String name, int fd, int index) throws DeviceOpenException {
        Memory address = new Memory(SOCKADDR_LL_SIZE);
        address.clear();
        address.setShort(0, (short) LibC.AF_PACKET);
        // sll_protocol is in network byte order: htons(ETH_P_ALL).
        address.setByte(SLL_PROTOCOL, (byte) (LibC.ETH_P_ALL >>> 8));
        address.setByte(SLL_PROTOCOL + 1, (byte) LibC.ETH_P_ALL);
        address.setInt(SLL_IFINDEX, index);
        if (LibC.bind(fd, address, SOCKADDR_LL_SIZE) < 0) {
            int errno = Errno.last();
            throw errno == Errno.ENODEV || errno == Errno.ENXIO
                    ? OpenFailures.noSuchInterface(name) // deleted since if_nametoindex
                    : OpenFailures.systemError(name, "bind", errno);
        }
    }

    private static void enterPromiscuousMode(String name, int fd, int index) throws DeviceOpenException {
        Memory request = new Memory(PACKET_MREQ_SIZE);
        request.clear();
        request.setInt(0, index);
        request.setShort(Integer.BYTES, (short) LibC.PACKET_MR_PROMISC);
        if (LibC.setsockopt(fd, LibC.SOL_PACKET, LibC.PACKET_ADD_MEMBERSHIP, request, PACKET_MREQ_SIZE) < 0) {
            throw OpenFailures.systemError(name, "setsockopt(PACKET_ADD_MEMBERSHIP)", Errno.last());
        }
    }

    /**
     * Hands over the next frame that arrived on the interface; frames this host sent out of
     * it are read and passed over.
     *
     * @throws DeviceIoException when the socket fails for good (the interface was deleted)
     */
    @Override
    public boolean receive(long now, FrameReceiver receiver) {
        ensureOpen();
        for (int skipped = 0; skipped < MAX_SKIPPED; skipped++) {
            int length = receiveNext();
            if (length < 0) {
                return false;
            }
            if (source.getByte(SLL_PKTTYPE) != PACKET_OUTGOING) {
                buffers.received(0, buffers.rxFrame, 0, length);
                receiver.receive(buffers.rxFrame, 0, length);
                return true;
            }
        }
        return false;
    }

    /**
     * Hands over the next frame seen on the interface in either direction, with that
     * direction: the tcpdump view. Returns false at once when nothing is queued. On a loopback
     * interface every frame is seen twice, going out and coming back in; as libpcap does
     * (pcap-linux.c), the outgoing copy is passed over, so each frame is handed over once.
     *
     * @throws DeviceIoException when the socket fails for good (the interface was deleted)
     */
    public boolean sniff(long now, Sniffer sniffer) {
        ensureOpen();
        for (int skipped = 0; skipped < MAX_SKIPPED; skipped++) {
            int length = receiveNext();
            if (length < 0) {
                return false;
            }
            boolean outgoing = source.getByte(SLL_PKTTYPE) == PACKET_OUTGOING;
            if (outgoing && (source.getShort(SLL_HATYPE) & 0xFFFF) == ARPHRD_LOOPBACK) {
                continue;
            }
            buffers.received(0, buffers.rxFrame, 0, length);
            sniffer.frame(outgoing ? Direction.OUTGOING : Direction.INCOMING, buffers.rxFrame, 0, length);
            return true;
        }
        return false;
    }

    /** One recvfrom(2) into the native receive buffer: the frame's length, or -1 when none. */
    private int receiveNext() {
        sourceLength.setInt(0, SOCKADDR_LL_SIZE);
        long received = LibC.recvfrom(fd, buffers.rxNative, FrameBuffers.CAPACITY, 0, source, sourceLength);
        if (received >= 0) {
            return (int) received;
        }
        int errno = Errno.last();
        // ENETDOWN: packet_notifier reports the interface going down once, as a socket error;
        // the socket stays bound and receives again when it comes back up.
        if (errno == Errno.EAGAIN || errno == Errno.EINTR || errno == Errno.ENETDOWN) {
            return -1;
        }
        throw new DeviceIoException(name, "recvfrom", errno);
    }

    /**
     * Lends the transmit buffer to {@code filler}, then one write(2) on the bound socket,
     * which sends it out of the interface as it is.
     *
     * <p>Returns false when the kernel refuses it for now: its queue is full (EAGAIN,
     * ENOBUFS) or the interface is down (ENETDOWN). As with {@link TapInterface#transmit},
     * the filler has run even then; nothing was sent.
     *
     * @throws IllegalArgumentException when {@code length} is shorter than an Ethernet header
     *                                  or longer than any frame an interface carries
     * @throws DeviceIoException        when the interface is gone, or the frame is longer than
     *                                  its MTU allows (EMSGSIZE)
     */
    @Override
    public boolean transmit(long now, int length, FrameFiller filler) {
        ensureOpen();
        FrameBuffers.checkTransmitLength(length);
        filler.fill(buffers.txFrame, 0, length);
        buffers.toTransmit(0, buffers.txFrame, 0, length);
        if (LibC.write(fd, buffers.txAddress, length) < 0) {
            int errno = Errno.last();
            if (errno == Errno.EAGAIN || errno == Errno.ENOBUFS || errno == Errno.ENETDOWN || errno == Errno.EINTR) {
                return false;
            }
            throw new DeviceIoException(name, "write", errno);
        }
        return true;
    }

    @Override
    void freeBuffers() {
        buffers.close();
    }

    @Override
    public String toString() {
        return "raw socket on " + name;
    }
}
