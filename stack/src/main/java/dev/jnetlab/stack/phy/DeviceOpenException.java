package dev.jnetlab.stack.phy;

import java.io.IOException;

/**
 * A native device could not be opened. The message is meant for a person: it says what went
 * wrong and, on the following lines, the commands that fix it (the console prints it as it
 * is and exits with status 3).
 */
public final class DeviceOpenException extends IOException {
    private final Reason reason;
    private final String interfaceName;

    /** Why the open failed; each has its own fix in the message. */
    public enum Reason {
        /** The tun/tap clone device (/dev/net/tun) is missing or has no driver behind it. */
        NO_TUN_DEVICE,
        /** Not allowed: /dev/net/tun not accessible, a tap owned by someone else, no CAP_NET_RAW. */
        PERMISSION_DENIED,
        /** The tap is already attached to another open descriptor (this or another program). */
        BUSY,
        /** The interface exists but is not a tap (a tun-mode device, a veth, lo, ...). */
        NOT_A_TAP,
        /** No interface of that name in the current network namespace. */
        NO_SUCH_INTERFACE,
        /** The name cannot be an interface name at all. */
        INVALID_NAME,
        /** Any other failure of a system call, with its errno in the message. */
        SYSTEM_ERROR
    }

    DeviceOpenException(Reason reason, String interfaceName, String message) {
        super(message);
        this.reason = reason;
        this.interfaceName = interfaceName;
    }

    /** Why the open failed, for callers that act on it rather than print it. */
    public Reason reason() {
        return reason;
    }

    /** The interface name that was asked for. */
    public String interfaceName() {
        return interfaceName;
    }
}
