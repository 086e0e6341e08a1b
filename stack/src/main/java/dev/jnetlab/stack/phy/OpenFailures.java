package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.phy.DeviceOpenException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The messages of {@link DeviceOpenException}: what went wrong, in words, then the commands
 * that fix it, each on its own indented line so it can be copied. They name the real
 * interface and the real user.
 */
final class OpenFailures {
    /**
     * The kernel side of a tap in jnetlab's default layout is the peer host (ARCHITECTURE.md §5:
     * {@code --gateway 192.168.69.100}); the stack itself is 192.168.69.1 on the same wire.
     */
    static final String PEER_CIDR = "192.168.69.100/24";
    private static final String INDENT = "    ";

    private OpenFailures() {
    }

    static DeviceOpenException invalidName(String name, String why) {
        return new DeviceOpenException(Reason.INVALID_NAME, name,
                "cannot open \"" + name + "\": not an interface name: " + why + ".");
    }

    static DeviceOpenException noTunDevice(String name, Path cloneDevice, int errno) {
        String what = errno == Errno.ENOENT
                ? "there is no " + cloneDevice
                : cloneDevice + " has no driver behind it";
        return new DeviceOpenException(Reason.NO_TUN_DEVICE, name,
                "cannot open " + name + ": " + what + " (" + Errno.describe(errno) + ").\n"
                        + "The tun/tap driver is not loaded. Load it, then try again:\n"
                        + INDENT + "sudo modprobe tun");
    }

    static DeviceOpenException cloneDeviceDenied(String name, Path cloneDevice, int errno) {
        return new DeviceOpenException(Reason.PERMISSION_DENIED, name,
                "cannot open " + name + ": no permission to open " + cloneDevice + mode(cloneDevice)
                        + " (" + Errno.describe(errno) + ").\n"
                        + "Run jnetlab as root, or let users open the taps they own, as most distributions do:\n"
                        + INDENT + "sudo chmod 0666 " + cloneDevice + "\n"
                        + "and make " + name + " yours:\n"
                        + tapSetup(name));
    }

    static DeviceOpenException tapNotPermitted(String name, int errno) {
        return new DeviceOpenException(Reason.PERMISSION_DENIED, name,
                "cannot open " + name + ": permission denied (TUNSETIFF: " + Errno.describe(errno) + ").\n"
                        + name + " belongs to another user, and opening it needs CAP_NET_ADMIN. "
                        + "Run jnetlab as root, or make " + name + " yours:\n"
                        + INDENT + "sudo ip tuntap del name " + name + " mode tap\n"
                        + tapSetup(name));
    }

    static DeviceOpenException noSuchTap(String name) {
        return new DeviceOpenException(Reason.NO_SUCH_INTERFACE, name,
                "cannot open " + name + ": there is no interface named " + name
                        + " (in this network namespace). Make it:\n"
                        + tapSetup(name));
    }

    static DeviceOpenException tapBusy(String name, List<String> holders) {
        String who = holders.isEmpty()
                ? "another program has it open. Find it with:\n"
                        + INDENT + "sudo grep -l 'iff:.*" + name + "$' /proc/*/fdinfo/*\n"
                : "a tap named " + name + " is open in process " + String.join(", ", holders) + ".\n";
        return new DeviceOpenException(Reason.BUSY, name,
                "cannot open " + name + ": it is busy (TUNSETIFF: " + Errno.describe(Errno.EBUSY)
                        + "): a tap has one reader at a time, and " + who
                        + "End that program, or give jnetlab a tap of its own.");
    }

    /** TUNSETIFF said EINVAL for an existing interface: say what it is instead of a tap. */
    static DeviceOpenException notATap(String name) {
        Optional<Interfaces.Driver> driver = Interfaces.driver(name);
        String tapName = name.equals("tap0") ? "tap1" : "tap0";
        String what;
        String fix;
        if (driver.isPresent() && driver.get().name().equals("tun") && driver.get().busInfo().equals("tun")) {
            what = "a tun-mode device: it carries IP packets with no Ethernet header, and jnetlab needs"
                    + " a tap, which carries Ethernet frames";
            fix = "Make it again as a tap:\n" + INDENT + "sudo ip tuntap del name " + name + " mode tun\n"
                    + tapSetup(name);
        } else if (driver.isPresent() && driver.get().name().equals("tun")) {
            what = "a tap the kernel would not attach with these flags (a multi-queue tap?"
                    + " jnetlab opens single-queue taps)";
            fix = "Make it again as a single-queue tap:\n" + INDENT + "sudo ip tuntap del name " + name
                    + " mode tap multi_queue\n" + tapSetup(name);
        } else {
            what = driver.map(d -> "a " + d.name() + " interface")
                    .orElse(Interfaces.isLoopback(name) ? "the loopback interface" : "an interface of another kind");
            fix = "To attach to " + name + " itself, use a raw socket (jnetlab --raw " + name
                    + "); for a tap, make one:\n" + tapSetup(tapName);
        }
        return new DeviceOpenException(Reason.NOT_A_TAP, name,
                "cannot open " + name + ": " + name + " is not a tap; it is " + what + ".\n" + fix);
    }

    static DeviceOpenException noSuchInterface(String name) {
        return new DeviceOpenException(Reason.NO_SUCH_INTERFACE, name,
                "cannot open a raw socket on " + name + ": there is no interface named " + name
                        + " (in this network namespace). List the interfaces with:\n"
                        + INDENT + "ip link show");
    }

    static DeviceOpenException rawNotPermitted(String name, int errno) {
        return new DeviceOpenException(Reason.PERMISSION_DENIED, name,
                "cannot open a raw socket on " + name + ": permission denied (socket(AF_PACKET): "
                        + Errno.describe(errno) + ").\n"
                        + "A raw socket needs root or the CAP_NET_RAW capability (packet(7)). "
                        + "Run jnetlab as root:\n"
                        + INDENT + "sudo ./jnetlab --raw " + name);
    }

    static DeviceOpenException systemError(String name, String call, int errno) {
        return new DeviceOpenException(Reason.SYSTEM_ERROR, name,
                "cannot open " + name + ": " + call + " failed: " + Errno.describe(errno) + ".");
    }

    /** The commands of README "Making tap0", for this interface and this user. */
    private static String tapSetup(String name) {
        return INDENT + "sudo ip tuntap add name " + name + " mode tap user " + System.getProperty("user.name") + "\n"
                + INDENT + "sudo ip link set " + name + " up\n"
                + INDENT + "sudo ip addr add " + PEER_CIDR + " dev " + name;
    }

    private static String mode(Path file) {
        try {
            return " (mode " + PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
                    + ", owner " + Files.getOwner(file).getName() + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
