package dev.jnetlab.stack.phy;

import com.sun.jna.Memory;

/**
 * What a persistent tap's virtio-net header settings were before a reader changed them: the
 * header length (TUNSETVNETHDRSZ) and its byte order (TUNSETVNETLE). tun.c keeps both in the
 * tap, not in the descriptor, so they outlive the reader that set them, and so do its offloads
 * (TUNSETOFFLOAD); {@link #restore} puts all three back for whoever opens the tap next.
 *
 * @param headerSize   the header length, as TUNGETVNETHDRSZ said
 * @param littleEndian the byte-order flag, as TUNGETVNETLE said
 */
record VnetHeaderState(int headerSize, int littleEndian) {

    /** The tap's settings now, or null when the kernel will not say (nothing is then changed or restored). */
    static VnetHeaderState read(int fd) {
        try (Memory value = new Memory(Integer.BYTES)) {
            if (LibC.ioctl(fd, LibC.TUNGETVNETHDRSZ, value) < 0) {
                return null;
            }
            int size = value.getInt(0);
            if (LibC.ioctl(fd, LibC.TUNGETVNETLE, value) < 0) {
                return null;
            }
            return new VnetHeaderState(size, value.getInt(0));
        }
    }

    /**
     * TUNSETOFFLOAD 0 (a tap made by {@code ip tuntap add} has none: the next plain reader gets
     * whole frames of at most the MTU with finished checksums), then the header settings as
     * they were. Best effort: a tap deleted meanwhile needs nothing restored.
     */
    void restore(int fd) {
        LibC.ioctl(fd, LibC.TUNSETOFFLOAD, 0L);
        try (Memory value = new Memory(Integer.BYTES)) {
            value.setInt(0, headerSize);
            LibC.ioctl(fd, LibC.TUNSETVNETHDRSZ, value);
            value.setInt(0, littleEndian);
            LibC.ioctl(fd, LibC.TUNSETVNETLE, value);
        }
    }
}
