package dev.jnetlab.stack.phy;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Questions about network interfaces that the devices ask while opening: is the name valid,
 * does the interface exist, what is its MTU, what driver is behind it. Every answer is about
 * the network namespace of the calling thread, which is why a device is opened on a thread
 * inside the namespace it belongs to.
 */
final class Interfaces {
    private static final long SIOCGIFFLAGS = 0x8913L;
    private static final short IFF_UP = 0x1;
    private static final short IFF_LOOPBACK = 0x8;
    private static final short IFF_RUNNING = 0x40;
    /** linux/ethtool.h: ETHTOOL_GDRVINFO and struct ethtool_drvinfo. */
    private static final int ETHTOOL_GDRVINFO = 0x3;
    private static final int DRVINFO_SIZE = 196;
    private static final int DRVINFO_DRIVER = 4;
    private static final int DRVINFO_BUS_INFO = 100;
    private static final int DRVINFO_STRING_SIZE = 32;

    private Interfaces() {
    }

    /**
     * Why {@code name} cannot name an interface, or empty when it can. The kernel's rule
     * (dev_valid_name in net/core/dev.c): 1 to IFNAMSIZ - 1 octets, not "." or "..", no '/',
     * ':' or white space.
     */
    static Optional<String> invalidName(String name) {
        if (name.isEmpty()) {
            return Optional.of("it is empty");
        }
        int octets = name.getBytes(StandardCharsets.UTF_8).length;
        if (octets >= InterfaceRequest.NAME_SIZE) {
            return Optional.of("it is " + octets + " octets long, and the limit is "
                    + (InterfaceRequest.NAME_SIZE - 1));
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("'.' and '..' are reserved");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || c == 0) {
                return Optional.of("it contains " + (c == 0 ? "a NUL" : "'" + c + "'")
                        + ", and names cannot contain '/', ':' or white space");
            }
        }
        return Optional.empty();
    }

    /** The interface's index (if_nametoindex(3)), or 0 when there is no such interface. */
    static int index(String name) {
        return LibC.if_nametoindex(name);
    }

    /** The interface's MTU (SIOCGIFMTU, netdevice(7)). */
    static int mtu(String name) throws DeviceOpenException {
        InterfaceRequest request = new InterfaceRequest(name);
        ioctl(name, LibC.SIOCGIFMTU, request, "SIOCGIFMTU");
        return request.intValue();
    }

    /** The driver behind an interface, as {@code ethtool -i} shows it, when the interface has one. */
    static Optional<Driver> driver(String name) {
        Memory info = new Memory(DRVINFO_SIZE);
        info.clear();
        info.setInt(0, ETHTOOL_GDRVINFO);
        try {
            ioctl(name, LibC.SIOCETHTOOL, new InterfaceRequest(name).data(info), "SIOCETHTOOL");
        } catch (DeviceOpenException e) {
            return Optional.empty(); // lo and other driverless interfaces answer EOPNOTSUPP
        }
        return Optional.of(new Driver(string(info, DRVINFO_DRIVER), string(info, DRVINFO_BUS_INFO)));
    }

    static boolean isLoopback(String name) {
        try {
            return (flags(name) & IFF_LOOPBACK) != 0;
        } catch (DeviceOpenException e) {
            return false;
        }
    }

    /**
     * Waits, at most {@code patience}, until an interface that is up is also running, or
     * returns at once when it is administratively down.
     *
     * <p>Why: when a tap gets its first descriptor its carrier comes on, and the kernel's
     * link watcher (net/core/link_watch.c) then marks it operational and swaps its transmit
     * queue discipline from {@code noop} to the real one, a moment later and on another
     * thread. Until then every frame the kernel sends out of the tap is dropped; waiting
     * here keeps the first answers to the stack from being lost. IFF_RUNNING (netdevice(7))
     * is the operational state the watcher sets in that same step.
     */
    static void awaitRunning(String name, long patienceMillis) throws DeviceOpenException {
        long deadline = System.nanoTime() + patienceMillis * 1_000_000;
        for (short flags = flags(name); (flags & IFF_UP) != 0 && (flags & IFF_RUNNING) == 0; flags = flags(name)) {
            if (System.nanoTime() > deadline) {
                return; // no carrier after all: the device works, the kernel will send when it can
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** {@code ifr_flags} (SIOCGIFFLAGS). */
    private static short flags(String name) throws DeviceOpenException {
        InterfaceRequest request = new InterfaceRequest(name);
        ioctl(name, SIOCGIFFLAGS, request, "SIOCGIFFLAGS");
        return request.flags();
    }

    /** The driver's name and bus information; the tun driver reports "tun" or "tap" as the bus. */
    record Driver(String name, String busInfo) {
    }

    private static String string(Memory info, int offset) {
        byte[] bytes = info.getByteArray(offset, DRVINFO_STRING_SIZE);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * An interface ioctl on a throwaway datagram socket: netdevice(7) says these requests work
     * on any socket, and an AF_INET datagram socket needs no privilege.
     */
    private static void ioctl(String name, long request, InterfaceRequest argument, String what)
            throws DeviceOpenException {
        int socket = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (socket < 0) {
            throw OpenFailures.systemError(name, "socket(AF_INET)", Errno.last());
        }
        try {
            if (LibC.ioctl(socket, request, argument.pointer()) < 0) {
                throw OpenFailures.systemError(name, what, Errno.last());
            }
        } finally {
            LibC.close(socket);
        }
    }
}
