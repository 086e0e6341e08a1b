package dev.jnetlab.stack.wire;

/**
 * The protocol field of an IPv4 header (RFC 791 section 3.1) and the upper-layer next header
 * of IPv6 (RFC 8200 section 3; the numbers are IANA's): a
 * protocol this stack speaks, or any other octet as {@link Unknown}. {@link #of(int)} returns
 * the enum constant for a known value, so it allocates only for unknown ones.
 */
public sealed interface IpProtocol permits IpProtocol.Known, IpProtocol.Unknown {
    IpProtocol ICMP = Known.ICMP;
    IpProtocol TCP = Known.TCP;
    IpProtocol UDP = Known.UDP;
    IpProtocol ICMPV6 = Known.ICMPV6;

    /** The 8-bit field value. */
    int value();

    static IpProtocol of(int value) {
        Known known = Known.find(value);
        return known != null ? known : new Unknown(value);
    }

    /** The protocols this stack speaks. */
    enum Known implements IpProtocol {
        ICMP(1),
        TCP(6),
        UDP(17),
        /** ICMP for IPv6 (RFC 4443), IPv6's next header 58. */
        ICMPV6(58);

        private static final Known[] VALUES = values();

        private static Known find(int value) {
            for (Known known : VALUES) {
                if (known.value == value) {
                    return known;
                }
            }
            return null;
        }

        private final int value;

        Known(int value) {
            this.value = value;
        }

        @Override
        public int value() {
            return value;
        }
    }

    /** Any protocol number this stack does not speak. */
    record Unknown(int value) implements IpProtocol {
        public Unknown {
            Bytes.requireUnsigned(value, 8, "an IP protocol number");
            if (Known.find(value) != null) {
                throw new IllegalArgumentException("IP protocol " + value + " is known: use IpProtocol.of");
            }
        }

        /** As tcpdump names it: {@code ip-proto-253}. */
        @Override
        public String toString() {
            return "ip-proto-" + value;
        }
    }
}
