package dev.jnetlab.stack.wire;

/**
 * Walks the extension headers of an IPv6 packet (RFC 8200 section 4) to the upper layer:
 * hop-by-hop options (only first, section 4.3), routing (4.4), fragment (4.5) and destination
 * options (4.6), each checked to lie inside the packet, options included, and skipped. A
 * flyweight: {@link #walk} fills it in place and allocates nothing; it remembers each header's
 * type and offset for printers, and the fragment header's fields.
 *
 * <p>What a host must refuse is refused with a {@link WireError} to count and a finer
 * {@link Problem}, with the pointer and code of the ICMPv6 parameter problem that
 * RFC 8200 asks for where it asks for one ({@link #problemPointer()}, {@link #problemCode()}).
 * A routing header with segments left is refused: this host does not forward. After a
 * fragment header with a nonzero offset the walk stops: the rest of the chain was in the
 * first fragment.
 *
 * <p>Not thread-safe; one per thread.
 */
public final class Ipv6HeaderChain {
    public static final int HOP_BY_HOP = 0;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int NO_NEXT_HEADER = 59;
    public static final int DESTINATION_OPTIONS = 60;
    /** Longer chains are refused: no real packet has more, and a bound keeps the walk cheap. */
    public static final int MAX_HEADERS = 8;

    private static final int FRAGMENT_HEADER_LEN = 8;
    private static final int OPTION_PAD1 = 0;
    private static final int OPTION_PADN = 1;
    private static final int OPTION_ROUTER_ALERT = 5;

    /** Why a chain was refused, finer than its {@link WireError}. */
    public enum Problem {
        /** An extension header, or its length, runs past the end of the packet. */
        RUNS_PAST_END,
        /** A hop-by-hop options header after the first position (RFC 8200 section 4.3). */
        HOP_BY_HOP_NOT_FIRST,
        /** An option whose length runs past its header (RFC 8200 section 4.2). */
        OPTION_PAST_HEADER,
        /** More than {@value #MAX_HEADERS} extension headers. */
        TOO_MANY_HEADERS,
        /** An option this host does not know, whose type's top two bits say discard (RFC 8200 section 4.2). */
        UNRECOGNIZED_OPTION,
        /** A routing header with segments left: the packet is for a router further on (RFC 8200 section 4.4). */
        SEGMENTS_LEFT
    }

    private final int[] types = new int[MAX_HEADERS];
    private final int[] offsets = new int[MAX_HEADERS];
    private int count;
    private int upperLayer;
    private int upperOffset;
    private int upperLength;
    private int fragmentAt = -1;
    private Problem problem;
    private int problemAt;
    private int problemPointer;
    private int problemCode;
    private int optionType;
    private byte[] walked;
    private int walkedIp;

    /** Walks the chain of a checked {@code packet}; returns null when the upper layer is reached. */
    public WireError walk(Ipv6Packet packet) {
        return walk(packet.buffer(), packet.offset(), packet.nextHeader(), packet.payloadLength());
    }

    /**
     * Walks {@code payloadLength} octets after the IPv6 header at {@code ipOffset}, starting
     * with header type {@code nextHeader}; returns null when the upper layer is reached.
     */
    public WireError walk(byte[] buf, int ipOffset, int nextHeader, int payloadLength) {
        walked = buf;
        walkedIp = ipOffset;
        count = 0;
        fragmentAt = -1;
        problem = null;
        int at = ipOffset + Ipv6Packet.HEADER_LEN;
        int end = at + payloadLength;
        int type = nextHeader;
        while (isExtension(type)) {
            if (count == MAX_HEADERS) {
                return refuse(Problem.TOO_MANY_HEADERS, WireError.BAD_EXTENSION_HEADER, at, ipOffset, 0);
            }
            if (type == HOP_BY_HOP && count > 0) {
                // RFC 8200 section 4.3: a parameter problem, code 1, at the next header field that named it.
                return refuse(Problem.HOP_BY_HOP_NOT_FIRST, WireError.BAD_EXTENSION_HEADER, at, ipOffset, 1);
            }
            if (end - at < 8) {
                return refuse(Problem.RUNS_PAST_END, WireError.BAD_EXTENSION_HEADER, at, ipOffset, 0);
            }
            int length = type == FRAGMENT ? FRAGMENT_HEADER_LEN : (Bytes.u8(buf, at + 1) + 1) * 8;
            if (length > end - at) {
                return refuse(Problem.RUNS_PAST_END, WireError.BAD_EXTENSION_HEADER, at + 1, ipOffset, 0);
            }
            types[count] = type;
            offsets[count] = at;
            count++;
            if (type == HOP_BY_HOP || type == DESTINATION_OPTIONS) {
                WireError reason = options(buf, at, length, ipOffset, type == HOP_BY_HOP);
                if (reason != null) {
                    return reason;
                }
            } else if (type == ROUTING && Bytes.u8(buf, at + 3) != 0) {
                return refuse(Problem.SEGMENTS_LEFT, WireError.UNRECOGNIZED_EXTENSION, at + 2, ipOffset, 0);
            }
            int header = type;
            type = Bytes.u8(buf, at);
            if (header == FRAGMENT) {
                fragmentAt = at;
                if (fragmentOffset() != 0) {
                    at += length;
                    break;
                }
            }
            at += length;
        }
        upperLayer = type;
        upperOffset = at;
        upperLength = end - at;
        return null;
    }

    private WireError options(byte[] buf, int at, int length, int ipOffset, boolean hopByHop) {
        int end = at + length;
        int option = at + 2;
        while (option < end) {
            int type = Bytes.u8(buf, option);
            if (type == OPTION_PAD1) {
                option++;
                continue;
            }
            if (end - option < 2 || Bytes.u8(buf, option + 1) > end - option - 2) {
                return refuse(Problem.OPTION_PAST_HEADER, WireError.BAD_EXTENSION_HEADER, option, ipOffset, 0);
            }
            boolean known = type == OPTION_PADN || hopByHop && type == OPTION_ROUTER_ALERT;
            if (!known && type >>> 6 != 0) {
                optionType = type;
                return refuse(Problem.UNRECOGNIZED_OPTION, WireError.UNRECOGNIZED_EXTENSION, option, ipOffset, 2);
            }
            option += 2 + Bytes.u8(buf, option + 1);
        }
        return null;
    }

    private WireError refuse(Problem what, WireError reason, int at, int ipOffset, int code) {
        problem = what;
        problemAt = at;
        problemPointer = at - ipOffset;
        problemCode = code;
        return reason;
    }

    /** Whether {@code type} is an extension header this walk steps over. */
    public static boolean isExtension(int type) {
        return type == HOP_BY_HOP || type == ROUTING || type == FRAGMENT || type == DESTINATION_OPTIONS;
    }

    /** The upper layer's next header value (58 ICMPv6, 6 TCP, 17 UDP, 59 none, or any other). */
    public int upperLayer() {
        return upperLayer;
    }

    /** Where the upper layer starts in the buffer. */
    public int upperOffset() {
        return upperOffset;
    }

    /** The upper layer's length: what remains of the payload after the chain. */
    public int upperLength() {
        return upperLength;
    }

    /**
     * The octet, from the start of the IPv6 header, of the next header field that named the
     * upper layer: 6 in the fixed header, else the first octet of the last extension header;
     * where a parameter problem about an unrecognised next header points (RFC 4443 section 3.4).
     */
    public int upperLayerPointer() {
        return count == 0 ? 6 : offsets[count - 1] - walkedIp;
    }

    /**
     * The top two bits of the unrecognised option's type (RFC 8200 section 4.2): 1 discard, 2
     * discard and send a parameter problem, 3 the same unless the destination was multicast.
     */
    public int optionAction() {
        return optionType >>> 6;
    }

    /** How many extension headers the walk passed. */
    public int headerCount() {
        return count;
    }

    public int headerType(int index) {
        return types[index];
    }

    public int headerOffset(int index) {
        return offsets[index];
    }

    /** Whether a fragment header was passed (an atomic fragment, RFC 6946, included). */
    public boolean hasFragmentHeader() {
        return fragmentAt >= 0;
    }

    /** The fragment's offset in octets; call only with {@link #hasFragmentHeader()}. */
    public int fragmentOffset() {
        return Bytes.u16(walked, fragmentAt + 2) & 0xFFF8;
    }

    public boolean moreFragments() {
        return (Bytes.u8(walked, fragmentAt + 3) & 1) != 0;
    }

    public int fragmentIdentification() {
        return Bytes.i32(walked, fragmentAt + 4);
    }

    /** Where the fragment header starts in the buffer. */
    public int fragmentHeaderOffset() {
        return fragmentAt;
    }

    /** An atomic fragment, offset 0 and no more (RFC 6946): processed as a whole packet. */
    public boolean isAtomicFragment() {
        return hasFragmentHeader() && fragmentOffset() == 0 && !moreFragments();
    }

    /** Why the last walk refused the chain, or null. */
    public Problem problem() {
        return problem;
    }

    /** The octet of the packet, from the start of the IPv6 header, that the parameter problem points at. */
    public int problemPointer() {
        return problemPointer;
    }

    /** The ICMPv6 parameter problem code (RFC 4443 section 3.4): 0 erroneous header field, 1 next header, 2 option. */
    public int problemCode() {
        return problemCode;
    }

    /** The refusal in words, for the tracer and for people; allocates. */
    public String explain() {
        if (problem == null) {
            return "IPv6: extension headers fine";
        }
        switch (problem) {
            case RUNS_PAST_END:
                return "IPv6: extension header at octet " + problemPointer + " runs past the end of the packet";
            case HOP_BY_HOP_NOT_FIRST:
                return "IPv6: hop-by-hop options header at octet " + problemPointer + " is not the first";
            case OPTION_PAST_HEADER:
                return "IPv6: option at octet " + problemPointer + " runs past its extension header";
            case TOO_MANY_HEADERS:
                return "IPv6: more than " + MAX_HEADERS + " extension headers";
            case UNRECOGNIZED_OPTION:
                return "IPv6: unrecognized option " + optionType + " at octet " + problemPointer + " says discard";
            case SEGMENTS_LEFT:
                return "IPv6: routing header at octet " + (problemPointer - 2) + " has segments left; this host does not forward";
            default:
                throw new AssertionError(problem);
        }
    }
}
