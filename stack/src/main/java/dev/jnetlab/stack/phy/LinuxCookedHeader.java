package dev.jnetlab.stack.phy;

/**
 * The link layers a capture file may hold that the readers turn into Ethernet frames, so that
 * the printer, the filter and the plots read every capture alike: Ethernet itself, and Linux's
 * "cooked" captures ({@code tcpdump -i any}, a tun device), whose pseudo-header says what the
 * kernel knew of the frame instead of its real link header (tcpdump's pcap-linktype(7) and the
 * LINKTYPE_LINUX_SLL / LINKTYPE_LINUX_SLL2 pages of tcpdump.org).
 *
 * <p>A cooked frame becomes an Ethernet frame with the same protocol type and payload: its
 * source address is the cooked header's link-layer address when it is a 6-octet one (else
 * zeros), its destination the broadcast address when the kernel saw a broadcast, zeros
 * otherwise (the cooked header does not keep it). Both cooked headers are in network byte
 * order whatever the file's.
 */
final class LinuxCookedHeader {
    static final int LINKTYPE_ETHERNET = PcapFile.LINKTYPE_ETHERNET;
    /** LINKTYPE_LINUX_SLL: packet type, ARPHRD type, address length, 8 octets of address, protocol. */
    static final int LINKTYPE_LINUX_SLL = 113;
    /** LINKTYPE_LINUX_SLL2: protocol, reserved, interface index, ARPHRD type, packet type, address length, address. */
    static final int LINKTYPE_LINUX_SLL2 = 276;

    static final int SLL_LEN = 16;
    static final int SLL2_LEN = 20;
    private static final int ETHERNET_HEADER_LEN = 14;
    /** The packet type of a frame the kernel received as a link-layer broadcast (PACKET_BROADCAST). */
    private static final int PACKET_BROADCAST = 1;

    private LinuxCookedHeader() {
    }

    /** Whether frames of {@code linkType} can be read. */
    static boolean readable(int linkType) {
        return linkType == LINKTYPE_ETHERNET || linkType == LINKTYPE_LINUX_SLL || linkType == LINKTYPE_LINUX_SLL2;
    }

    /** The refusal for any other link type, after the file's name. */
    static String refusal(int linkType) {
        return "holds link type " + linkType + ", not Ethernet (1) or Linux cooked (113, 276)";
    }

    /** How much longer (or shorter) the frame is as Ethernet than as captured. */
    static int growth(int linkType) {
        return switch (linkType) {
            case LINKTYPE_LINUX_SLL -> ETHERNET_HEADER_LEN - SLL_LEN;
            case LINKTYPE_LINUX_SLL2 -> ETHERNET_HEADER_LEN - SLL2_LEN;
            default -> 0;
        };
    }

    /**
     * The {@code length} octets at {@code offset}, captured with {@code linkType}, as an
     * Ethernet frame; null when a cooked frame is shorter than its own header.
     */
    static byte[] ethernet(int linkType, byte[] octets, int offset, int length) {
        if (linkType == LINKTYPE_ETHERNET) {
            byte[] frame = new byte[length];
            System.arraycopy(octets, offset, frame, 0, length);
            return frame;
        }
        boolean two = linkType == LINKTYPE_LINUX_SLL2;
        int header = two ? SLL2_LEN : SLL_LEN;
        if (length < header) {
            return null;
        }
        int packetType = two ? octets[offset + 10] & 0xFF : u16(octets, offset);
        int addressLength = two ? octets[offset + 11] & 0xFF : u16(octets, offset + 4);
        int address = offset + (two ? 12 : 6);
        int protocol = u16(octets, offset + (two ? 0 : 14));
        byte[] frame = new byte[length - header + ETHERNET_HEADER_LEN];
        if (packetType == PACKET_BROADCAST) {
            java.util.Arrays.fill(frame, 0, 6, (byte) 0xFF);
        }
        if (addressLength == 6) {
            System.arraycopy(octets, address, frame, 6, 6);
        }
        frame[12] = (byte) (protocol >>> 8);
        frame[13] = (byte) protocol;
        System.arraycopy(octets, offset + header, frame, ETHERNET_HEADER_LEN, length - header);
        return frame;
    }

    private static int u16(byte[] octets, int at) {
        return (octets[at] & 0xFF) << 8 | octets[at + 1] & 0xFF;
    }
}
