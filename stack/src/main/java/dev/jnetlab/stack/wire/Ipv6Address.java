package dev.jnetlab.stack.wire;

/**
 * An IPv6 address (RFC 4291). Views hand addresses around as two {@code long}s, the high and
 * the low 64 bits, so the packet path allocates nothing; this record is that pair given a
 * type, for the API, reprs and printing. It prints in the canonical text form of RFC 5952.
 *
 * @param high the first 64 bits in network order: {@code fd00::1} has {@code 0xFD00_0000_0000_0000L}
 * @param low  the last 64 bits, the interface identifier of a unicast address
 */
public record Ipv6Address(long high, long low) implements IpAddress {
    public static final int LENGTH = 16;
    /** {@code ::} (RFC 4291 section 2.5.2): the source of a packet from a host without an address yet. */
    public static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);
    /** {@code ::1} (RFC 4291 section 2.5.3). */
    public static final Ipv6Address LOOPBACK = new Ipv6Address(0, 1);
    /** {@code ff02::1}, every node on the link (RFC 4291 section 2.7.1). */
    public static final Ipv6Address ALL_NODES = new Ipv6Address(0xFF02_0000_0000_0000L, 1);
    /** {@code ff02::2}, every router on the link (RFC 4291 section 2.7.1). */
    public static final Ipv6Address ALL_ROUTERS = new Ipv6Address(0xFF02_0000_0000_0000L, 2);

    private static final long LINK_LOCAL_PREFIX = 0xFE80_0000_0000_0000L;
    private static final long SOLICITED_NODE_HIGH = 0xFF02_0000_0000_0000L;
    private static final long SOLICITED_NODE_LOW = 0x0000_0001_FF00_0000L;

    /** The address in the 16 octets of {@code buf} from {@code at}. */
    public static Ipv6Address read(byte[] buf, int at) {
        return new Ipv6Address(high(buf, at), low(buf, at));
    }

    /** The high 64 bits of the address at {@code at}, without allocating. */
    public static long high(byte[] buf, int at) {
        return (long) Bytes.i32(buf, at) << 32 | Bytes.i32(buf, at + 4) & 0xFFFF_FFFFL;
    }

    /** The low 64 bits of the address at {@code at}, without allocating. */
    public static long low(byte[] buf, int at) {
        return high(buf, at + 8);
    }

    /** Writes {@code high} and {@code low} as 16 octets at {@code at}. */
    public static void write(byte[] buf, int at, long high, long low) {
        Bytes.put32(buf, at, (int) (high >>> 32));
        Bytes.put32(buf, at + 4, (int) high);
        Bytes.put32(buf, at + 8, (int) (low >>> 32));
        Bytes.put32(buf, at + 12, (int) low);
    }

    public void writeTo(byte[] buf, int at) {
        write(buf, at, high, low);
    }

    /**
     * The link-local address {@code fe80::/64} with the modified EUI-64 interface identifier
     * of {@code mac} (RFC 4291 appendix A: {@code ff:fe} in the middle, the universal/local
     * bit inverted): {@code 02:00:00:00:00:01} gives {@code fe80::ff:fe00:1}.
     */
    public static Ipv6Address linkLocal(long mac) {
        return new Ipv6Address(LINK_LOCAL_PREFIX, eui64(mac));
    }

    /** The modified EUI-64 interface identifier of a MAC address (RFC 4291 appendix A). */
    public static long eui64(long mac) {
        long upper = mac >>> 24 & 0xFF_FFFFL;
        long lower = mac & 0xFF_FFFFL;
        return (upper << 40 | 0xFF_FEL << 24 | lower) ^ 0x0200_0000_0000_0000L;
    }

    /** The solicited-node multicast address of {@code low} bits' last 24 (RFC 4291 section 2.7.1): {@code ff02::1:ffXX:XXXX}. */
    public static Ipv6Address solicitedNode(long low) {
        return new Ipv6Address(SOLICITED_NODE_HIGH, SOLICITED_NODE_LOW | low & 0xFF_FFFFL);
    }

    /** Whether {@code high}/{@code low} is the solicited-node group of an address whose low bits are {@code ofLow}. */
    public static boolean isSolicitedNodeOf(long high, long low, long ofLow) {
        return high == SOLICITED_NODE_HIGH && low == (SOLICITED_NODE_LOW | ofLow & 0xFF_FFFFL);
    }

    /** The Ethernet group address a multicast IPv6 address maps to: {@code 33:33} and its last 32 bits (RFC 2464 section 7). */
    public static long multicastMac(long low) {
        return 0x3333_0000_0000L | low & 0xFFFF_FFFFL;
    }

    /**
     * Parses the text forms of RFC 4291 section 2.2: eight groups of up to four hex digits,
     * one {@code ::} for a run of zero groups, and an IPv4 address in the last 32 bits.
     */
    public static Ipv6Address parse(String text) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int at = 0;
        int n = text.length();
        if (n >= 2 && text.startsWith("::")) {
            gap = 0;
            at = 2;
        } else if (n > 0 && text.charAt(0) == ':') {
            throw notAnAddress(text);
        }
        while (at < n) {
            int end = at;
            while (end < n && text.charAt(end) != ':') {
                end++;
            }
            String part = text.substring(at, end);
            if (part.indexOf('.') >= 0) {
                if (end != n || count > 6) {
                    throw notAnAddress(text);
                }
                int v4;
                try {
                    v4 = Ipv4Address.parse(part).bits();
                } catch (IllegalArgumentException e) {
                    throw notAnAddress(text);
                }
                groups[count++] = v4 >>> 16;
                groups[count++] = v4 & 0xFFFF;
                at = n;
                break;
            }
            if (part.isEmpty() || part.length() > 4 || count == 8) {
                throw notAnAddress(text);
            }
            int value = 0;
            for (int i = 0; i < part.length(); i++) {
                int digit = Character.digit(part.charAt(i), 16);
                if (digit < 0) {
                    throw notAnAddress(text);
                }
                value = value << 4 | digit;
            }
            groups[count++] = value;
            if (end == n) {
                at = n;
            } else if (end + 1 < n && text.charAt(end + 1) == ':') {
                if (gap >= 0) {
                    throw notAnAddress(text);
                }
                gap = count;
                at = end + 2;
            } else if (end + 1 == n) {
                throw notAnAddress(text);
            } else {
                at = end + 1;
            }
        }
        if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
            throw notAnAddress(text);
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - (count - gap), count - gap);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | full[i];
            low = low << 16 | full[i + 4];
        }
        return new Ipv6Address(high, low);
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException(
                "not an IPv6 address: '" + text + "' (hex groups separated by colons, like fd00::1 or fe80::ff:fe00:1)");
    }

    public boolean isUnspecified() {
        return high == 0 && low == 0;
    }

    /**
     * The 32 bits the transport layer's tables hash an IPv6 address by, where an IPv4 address
     * is its own {@code int}: the four 32-bit words XORed, mixed, and never 0 for an address
     * other than {@code ::} (0 means "any address" there). Two addresses may fold alike, so
     * whoever finds a candidate by its fold compares the whole address too.
     */
    public static int fold(long high, long low) {
        if (high == 0 && low == 0) {
            return 0;
        }
        long x = high * 0x9E37_79B9_7F4A_7C15L ^ low;
        int folded = (int) (x ^ x >>> 32) * 0x85EB_CA6B;
        return folded == 0 ? 1 : folded;
    }

    /** {@code ff00::/8} (RFC 4291 section 2.7). */
    public boolean isMulticast() {
        return isMulticast(high);
    }

    /** {@code fe80::/10} (RFC 4291 section 2.5.6). */
    public boolean isLinkLocal() {
        return isLinkLocal(high);
    }

    public static boolean isMulticast(long high) {
        return high >>> 56 == 0xFF;
    }

    public static boolean isLinkLocal(long high) {
        return (high & 0xFFC0_0000_0000_0000L) == LINK_LOCAL_PREFIX;
    }

    /** Whether the address at {@code high}/{@code low} can be one host's: not unspecified, loopback or multicast. */
    public static boolean isUnicast(long high, long low) {
        return !isMulticast(high) && !(high == 0 && (low == 0 || low == 1));
    }

    /** The group of 16 bits at {@code index} 0..7. */
    private static int group(long high, long low, int index) {
        long half = index < 4 ? high : low;
        return (int) (half >>> (48 - 16 * (index & 3))) & 0xFFFF;
    }

    /**
     * Appends the address in RFC 5952's canonical form without allocating: lower-case hex,
     * no leading zeros, the longest run of two or more zero groups (the first of equal ones)
     * as {@code ::}, and an IPv4-mapped address as {@code ::ffff:192.0.2.1} (section 5).
     * Matches what {@code inet_ntop}, and so tcpdump, prints.
     */
    public static StringBuilder appendTo(StringBuilder out, long high, long low) {
        if (high == 0 && low >>> 32 == 0xFFFF) {
            return Ipv4Address.appendTo(out.append("::ffff:"), (int) low);
        }
        if (high == 0 && low >>> 32 == 0 && low >>> 16 != 0) {
            // An IPv4-compatible address (deprecated, RFC 4291 section 2.5.5.1), as inet_ntop writes it.
            return Ipv4Address.appendTo(out.append("::"), (int) low);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (group(high, low, i) != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && group(high, low, i) == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength) {
                out.append(':');
            }
            int value = group(high, low, i);
            Hex.append(out, value, Math.max(1, (32 - Integer.numberOfLeadingZeros(value) + 3) / 4));
        }
        return out;
    }

    /** Appends the address in the 16 octets of {@code buf} from {@code at}, without allocating. */
    public static StringBuilder appendTo(StringBuilder out, byte[] buf, int at) {
        return appendTo(out, high(buf, at), low(buf, at));
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(39), high, low).toString();
    }
}
