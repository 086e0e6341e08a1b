package dev.jnetlab.stack.phy;

/**
 * The offloads {@link TapInterface#open(String, Offloads)} asks the kernel for. Whatever is
 * asked, the kernel may refuse, and the tap then opens without any; its
 * {@link TapInterface#offloadStatus()} says which it got and why.
 */
public enum Offloads {
    /** A plain tap: frames of at most the MTU, every checksum computed and verified by the stack. */
    NONE,
    /**
     * A virtio-net header on every frame (IFF_VNET_HDR) and TUNSETOFFLOAD with TUN_F_CSUM and
     * TUN_F_TSO4: TCP checksums left to the kernel both ways, TCP segments of up to 64 KiB
     * written as one frame for the kernel to cut (TSO), and the kernel's own large segments
     * read as one frame (GSO super-frames).
     */
    CSUM_TSO4
}
