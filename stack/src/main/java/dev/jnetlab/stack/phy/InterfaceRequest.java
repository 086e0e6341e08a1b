package dev.jnetlab.stack.phy;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * A {@code struct ifreq} (netdevice(7)) in native memory: the interface name in the first
 * {@value #NAME_SIZE} octets, then a union whose members this class reads and writes at
 * offset {@value #UNION}.
 *
 * <p>The kernel copies the <em>whole</em> structure in and out (TUNSETIFF in tun.c does
 * {@code copy_from_user(&ifr, argp, sizeof(ifr))} and copies it back), so the buffer is the
 * full {@value #SIZE} octets of the LP64 layout — 16 of name, 24 of union, whose largest
 * member is {@code struct ifmap} — not just the fields used; a shorter one would let the
 * kernel read and write past its end.
 *
 * <p>Used only while opening a device, so making one per call is fine.
 */
final class InterfaceRequest {
    /** IFNAMSIZ: the name and its terminating NUL. */
    static final int NAME_SIZE = 16;
    static final int SIZE = 40;
    private static final int UNION = NAME_SIZE;

    private final Memory memory = new Memory(SIZE);

    InterfaceRequest(String name) {
        memory.clear();
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        memory.write(0, bytes, 0, bytes.length); // validated: at most NAME_SIZE - 1 octets
    }

    Pointer pointer() {
        return memory;
    }

    /** The name the kernel wrote back (TUNSETIFF fills in the name it chose). */
    String name() {
        return memory.getString(0, StandardCharsets.UTF_8.name());
    }

    /** {@code ifr_flags}: a short. */
    InterfaceRequest flags(short flags) {
        memory.setShort(UNION, flags);
        return this;
    }

    short flags() {
        return memory.getShort(UNION);
    }

    /** {@code ifr_mtu}, {@code ifr_ifindex}: an int. */
    int intValue() {
        return memory.getInt(UNION);
    }

    /** {@code ifr_data}: a pointer to a request-specific structure (SIOCETHTOOL). */
    InterfaceRequest data(Pointer data) {
        memory.setPointer(UNION, data);
        return this;
    }
}
