package dev.jnetlab.stack.phy;

import java.util.Arrays;

/**
 * The few frames the device tests and the benchmark build and read by hand: ARP and ICMP echo
 * over Ethernet and IPv4. Deliberately tiny and independent of the wire layer (which is built
 * elsewhere); offsets are those of RFC 826, RFC 791 and RFC 792 for frames without options.
 */
public final class KernelFrames {
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ARP_REQUEST = 1;
    public static final int ARP_REPLY = 2;
    public static final int ICMP_ECHO_REPLY = 0;
    public static final int ICMP_ECHO_REQUEST = 8;
    public static final byte[] BROADCAST = mac("ff:ff:ff:ff:ff:ff");
    /** The stack's default MAC address (ARCHITECTURE.md §5). */
    public static final byte[] STACK_MAC = mac("02:00:00:00:00:01");

    private static final int ETH_LEN = 14;
    private static final int IP_LEN = 20;
    // ARP, after the Ethernet header
    private static final int ARP_OPER = ETH_LEN + 6;
    private static final int ARP_SHA = ETH_LEN + 8;
    private static final int ARP_SPA = ETH_LEN + 14;
    private static final int ARP_THA = ETH_LEN + 18;
    private static final int ARP_TPA = ETH_LEN + 24;
    // IPv4 and ICMP
    private static final int IP_PROTOCOL = ETH_LEN + 9;
    private static final int IP_CHECKSUM = ETH_LEN + 10;
    private static final int IP_SRC = ETH_LEN + 12;
    private static final int IP_DST = ETH_LEN + 16;
    private static final int ICMP = ETH_LEN + IP_LEN;

    private KernelFrames() {
    }

    public static byte[] mac(String text) {
        String[] parts = text.split(":");
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            mac[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return mac;
    }

    public static byte[] ipv4(String dotted) {
        String[] parts = dotted.split("\\.");
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            address[i] = (byte) Integer.parseInt(parts[i]);
        }
        return address;
    }

    public static byte[] arp(int operation, byte[] dstMac, byte[] senderMac, byte[] senderIp,
                             byte[] targetMac, byte[] targetIp) {
        byte[] frame = ethernet(dstMac, senderMac, ETHERTYPE_ARP, ETH_LEN + 28);
        put16(frame, ETH_LEN, 1);                    // hardware type: Ethernet
        put16(frame, ETH_LEN + 2, ETHERTYPE_IPV4);   // protocol type
        frame[ETH_LEN + 4] = 6;
        frame[ETH_LEN + 5] = 4;
        put16(frame, ARP_OPER, operation);
        System.arraycopy(senderMac, 0, frame, ARP_SHA, 6);
        System.arraycopy(senderIp, 0, frame, ARP_SPA, 4);
        System.arraycopy(targetMac, 0, frame, ARP_THA, 6);
        System.arraycopy(targetIp, 0, frame, ARP_TPA, 4);
        return frame;
    }

    /** An ICMP echo request of exactly {@code frameLength} octets (at least 42), payload zero. */
    public static byte[] echoRequest(byte[] dstMac, byte[] srcMac, byte[] srcIp, byte[] dstIp, int frameLength) {
        byte[] frame = ethernet(dstMac, srcMac, ETHERTYPE_IPV4, frameLength);
        frame[ETH_LEN] = 0x45;                         // version 4, header of 5 words
        put16(frame, ETH_LEN + 2, frameLength - ETH_LEN);
        frame[ETH_LEN + 8] = 64;                       // TTL
        frame[IP_PROTOCOL] = 1;                        // ICMP
        System.arraycopy(srcIp, 0, frame, IP_SRC, 4);
        System.arraycopy(dstIp, 0, frame, IP_DST, 4);
        frame[ICMP] = ICMP_ECHO_REQUEST;
        put16(frame, ICMP + 4, 0x4a4e);                // identifier
        put16(frame, ICMP + 6, 1);                     // sequence number
        fillChecksums(frame);
        return frame;
    }

    /** The echo reply a host would send to {@code request}: addresses swapped, type 0, same data. */
    public static byte[] echoReplyTo(byte[] request, byte[] srcMac) {
        byte[] reply = request.clone();
        System.arraycopy(request, 6, reply, 0, 6);
        System.arraycopy(srcMac, 0, reply, 6, 6);
        System.arraycopy(request, IP_DST, reply, IP_SRC, 4);
        System.arraycopy(request, IP_SRC, reply, IP_DST, 4);
        reply[ICMP] = ICMP_ECHO_REPLY;
        fillChecksums(reply);
        return reply;
    }

    public static int etherType(byte[] frame) {
        return get16(frame, 12);
    }

    public static byte[] dstMac(byte[] frame) {
        return Arrays.copyOfRange(frame, 0, 6);
    }

    public static byte[] srcMac(byte[] frame) {
        return Arrays.copyOfRange(frame, 6, 12);
    }

    public static boolean isArp(byte[] frame, int operation) {
        return frame.length >= ARP_TPA + 4 && etherType(frame) == ETHERTYPE_ARP && get16(frame, ARP_OPER) == operation;
    }

    public static byte[] arpSenderMac(byte[] frame) {
        return Arrays.copyOfRange(frame, ARP_SHA, ARP_SHA + 6);
    }

    public static byte[] arpSenderIp(byte[] frame) {
        return Arrays.copyOfRange(frame, ARP_SPA, ARP_SPA + 4);
    }

    public static byte[] arpTargetIp(byte[] frame) {
        return Arrays.copyOfRange(frame, ARP_TPA, ARP_TPA + 4);
    }

    /** The ICMP type of an IPv4/ICMP frame, or -1 for any other frame. */
    public static int icmpType(byte[] frame) {
        return frame.length > ICMP && etherType(frame) == ETHERTYPE_IPV4 && frame[IP_PROTOCOL] == 1
                ? frame[ICMP] & 0xff : -1;
    }

    public static byte[] ipSource(byte[] frame) {
        return Arrays.copyOfRange(frame, IP_SRC, IP_SRC + 4);
    }

    /** The Internet checksum (RFC 1071) of {@code data[offset .. offset+length)}. */
    public static int checksum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += get16(data, offset + i);
        }
        if ((length & 1) != 0) {
            sum += (data[offset + length - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }

    private static void fillChecksums(byte[] frame) {
        put16(frame, IP_CHECKSUM, 0);
        put16(frame, IP_CHECKSUM, checksum(frame, ETH_LEN, IP_LEN));
        int icmpLength = get16(frame, ETH_LEN + 2) - IP_LEN;
        put16(frame, ICMP + 2, 0);
        put16(frame, ICMP + 2, checksum(frame, ICMP, icmpLength));
    }

    private static byte[] ethernet(byte[] dst, byte[] src, int etherType, int length) {
        byte[] frame = new byte[length];
        System.arraycopy(dst, 0, frame, 0, 6);
        System.arraycopy(src, 0, frame, 6, 6);
        put16(frame, 12, etherType);
        return frame;
    }

    private static int get16(byte[] data, int offset) {
        return (data[offset] & 0xff) << 8 | data[offset + 1] & 0xff;
    }

    private static void put16(byte[] data, int offset, int value) {
        data[offset] = (byte) (value >>> 8);
        data[offset + 1] = (byte) value;
    }
}
