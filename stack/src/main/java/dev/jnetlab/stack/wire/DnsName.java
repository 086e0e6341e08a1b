package dev.jnetlab.stack.wire;

import java.util.Map;

/**
 * Domain names in DNS messages (RFC 1035 sections 3.1 and 4.1.4): a sequence of labels, each a
 * length octet and that many octets, ended by a zero octet or by a compression pointer (two
 * octets, top bits 11) to where the rest of the name is written earlier in the message.
 *
 * <p>Reading follows pointers, but only backwards: each pointer must point before the place the
 * name (or the previous pointer's target) began. A message cannot then make the reader loop
 * (a pointer to itself, two pointers to each other), and the walk is bounded by the message's
 * length. Names print as tcpdump and dig print them: dotted, with the root's dot at the end
 * ({@code peer.lab.}), the root alone as {@code .}.
 */
public final class DnsName {
    /** The longest name on the wire, length octets included (RFC 1035 section 2.3.4). */
    public static final int MAX_WIRE_LEN = 255;
    public static final int MAX_LABEL = 63;

    private static final int POINTER = 0xC0;

    private DnsName() {
    }

    /**
     * Walks the name at {@code at} (an offset in the message {@code buf[base .. base+len)}),
     * appending it to {@code out} if not null. Returns the offset just after the name where it
     * is written (after its pointer, if it has one), or {@code -1 - reason.ordinal()} for the
     * {@link MessageError} that refuses it. Allocates nothing.
     */
    public static int walk(byte[] buf, int base, int len, int at, StringBuilder out) {
        int pos = at;
        int floor = at;
        int end = -1;
        int wireLen = 1;
        boolean empty = true;
        while (true) {
            if (pos >= len) {
                return fail(MessageError.TRUNCATED);
            }
            int length = buf[base + pos] & 0xFF;
            if ((length & POINTER) == POINTER) {
                if (pos + 2 > len) {
                    return fail(MessageError.TRUNCATED);
                }
                int target = Bytes.u16(buf, base + pos) & 0x3FFF;
                if (target >= len) {
                    return fail(MessageError.NAME_POINTER_OUT_OF_RANGE);
                }
                if (target >= floor) {
                    return fail(MessageError.NAME_POINTER_LOOP);
                }
                if (end < 0) {
                    end = pos + 2;
                }
                floor = target;
                pos = target;
                continue;
            }
            if ((length & POINTER) != 0) {
                return fail(MessageError.BAD_NAME);
            }
            if (length == 0) {
                if (out != null && empty) {
                    out.append('.');
                }
                return end < 0 ? pos + 1 : end;
            }
            if (pos + 1 + length > len) {
                return fail(MessageError.TRUNCATED);
            }
            wireLen += 1 + length;
            if (wireLen > MAX_WIRE_LEN) {
                return fail(MessageError.BAD_NAME);
            }
            if (out != null) {
                for (int i = 1; i <= length; i++) {
                    int c = buf[base + pos + i] & 0xFF;
                    if (c == '.' || c == '\\') {
                        out.append('\\').append((char) c);
                    } else if (c > 0x20 && c < 0x7F) {
                        out.append((char) c);
                    } else {
                        out.append('\\').append(c / 100).append(c / 10 % 10).append(c % 10);
                    }
                }
                out.append('.');
            }
            empty = false;
            pos += 1 + length;
        }
    }

    private static int fail(MessageError reason) {
        return -1 - reason.ordinal();
    }

    /** The reason a negative result of {@link #walk} stands for. */
    public static MessageError reasonOf(int result) {
        return MessageError.values()[-1 - result];
    }

    /** Reads the name at {@code at}: the name (dotted, ending in a dot) and where it ends, or why not. */
    public static Read read(byte[] buf, int base, int len, int at) throws MessageException {
        StringBuilder out = new StringBuilder(32);
        int end = walk(buf, base, len, at, out);
        if (end < 0) {
            MessageError reason = reasonOf(end);
            throw new MessageException(reason, "DNS: the name at octet " + at + " " + switch (reason) {
                case NAME_POINTER_LOOP -> "has a compression pointer that does not point back: it would loop";
                case NAME_POINTER_OUT_OF_RANGE -> "has a compression pointer beyond the message (" + len + " octets)";
                case BAD_NAME -> "has a reserved label type or is longer than 255 octets";
                default -> "runs past the end of the message (" + len + " octets)";
            });
        }
        return new Read(out.toString(), end);
    }

    /** A name read and the offset after it. */
    public record Read(String name, int end) {
    }

    /**
     * The name as people type it, made absolute: {@code peer.lab} and {@code peer.lab.} are the
     * same name, compared without case (RFC 4343).
     *
     * @throws IllegalArgumentException when it is not a name: an empty label, a label over 63
     *     octets, over 255 in all
     */
    public static String normalize(String text) {
        String name = text.endsWith(".") ? text : text + ".";
        if (name.equals(".")) {
            return name;
        }
        int wire = 1;
        for (String label : name.substring(0, name.length() - 1).split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                throw new IllegalArgumentException("not a domain name: " + text
                        + " (labels of 1 to 63 characters between dots)");
            }
            wire += 1 + label.length();
        }
        if (wire > MAX_WIRE_LEN) {
            throw new IllegalArgumentException("not a domain name: " + text + " (longer than 255 octets)");
        }
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The name under which a PTR record maps {@code address} back to a name (RFC 1035 section
     * 3.5): its four numbers reversed under {@code in-addr.arpa.}, {@code 192.168.69.1} as
     * {@code 1.69.168.192.in-addr.arpa.}.
     */
    public static String reverse(Ipv4Address address) {
        int bits = address.bits();
        return (bits & 0xFF) + "." + (bits >>> 8 & 0xFF) + "." + (bits >>> 16 & 0xFF) + "." + (bits >>> 24)
                + ".in-addr.arpa.";
    }

    /**
     * The PTR name of an IPv6 address, 16 octets (RFC 3596 section 2.5): its 32 nibbles in hex,
     * lowest first, under {@code ip6.arpa.}.
     */
    public static String reverse6(byte[] address) {
        if (address.length != 16) {
            throw new IllegalArgumentException("an IPv6 address is 16 octets, not " + address.length);
        }
        StringBuilder out = new StringBuilder(73);
        for (int i = 15; i >= 0; i--) {
            out.append(Character.forDigit(address[i] & 0xF, 16)).append('.')
                    .append(Character.forDigit(address[i] >>> 4 & 0xF, 16)).append('.');
        }
        return out.append("ip6.arpa.").toString();
    }

    /**
     * Writes {@code name} (dotted, absolute, as {@link #normalize} makes it) at {@code at},
     * pointing to a suffix already written where {@code written} knows one, and recording the
     * suffixes it writes (RFC 1035 section 4.1.4). Returns the offset after it.
     */
    static int write(byte[] buf, int base, int at, String name, Map<String, Integer> written) {
        String rest = name.toLowerCase(java.util.Locale.ROOT);
        while (!rest.equals(".") && !rest.isEmpty()) {
            Integer earlier = written == null ? null : written.get(rest);
            if (earlier != null) {
                Bytes.put16(buf, base + at, POINTER << 8 | earlier);
                return at + 2;
            }
            if (written != null && at < 0x4000) {
                written.put(rest, at);
            }
            int dot = rest.indexOf('.');
            String label = name.substring(name.length() - rest.length(), name.length() - rest.length() + dot);
            buf[base + at] = (byte) label.length();
            for (int i = 0; i < label.length(); i++) {
                buf[base + at + 1 + i] = (byte) label.charAt(i);
            }
            at += 1 + label.length();
            rest = rest.substring(dot + 1);
        }
        buf[base + at] = 0;
        return at + 1;
    }

    /** The octets {@code name} takes uncompressed. */
    static int wireLength(String name) {
        return name.equals(".") ? 1 : name.length() + 1;
    }
}
