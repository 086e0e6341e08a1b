package dev.jnetlab.stack.wire;

/**
 * The EtherType of an Ethernet II frame (IEEE 802.3 clause 3.2.6): a known protocol, or any
 * other 16-bit value as {@link Unknown}, so that every frame can be represented and printed.
 * {@link #of(int)} returns the enum constant for a known value, so it allocates only for
 * unknown ones; the packet path compares {@link EthernetFrame#etherTypeValue()} with
 * {@code EtherType.IPV4.value()} and allocates nothing.
 */
public sealed interface EtherType permits EtherType.Known, EtherType.Unknown {
    EtherType IPV4 = Known.IPV4;
    EtherType ARP = Known.ARP;
    /** An IEEE 802.1Q VLAN tag follows instead of the payload. */
    EtherType VLAN = Known.VLAN;
    EtherType IPV6 = Known.IPV6;

    /** The 16-bit field value. */
    int value();

    static EtherType of(int value) {
        Known known = Known.find(value);
        return known != null ? known : new Unknown(value);
    }

    /** The EtherTypes this stack gives a name. */
    enum Known implements EtherType {
        IPV4(0x0800, "IPv4"),
        ARP(0x0806, "ARP"),
        VLAN(0x8100, "802.1Q"),
        IPV6(0x86DD, "IPv6");

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
        private final String label;

        Known(int value, String label) {
            this.value = value;
            this.label = label;
        }

        @Override
        public int value() {
            return value;
        }

        /** The name tcpdump uses: {@code IPv4}, {@code ARP}, {@code 802.1Q}, {@code IPv6}. */
        @Override
        public String toString() {
            return label;
        }
    }

    /** Any EtherType without a name here. */
    record Unknown(int value) implements EtherType {
        public Unknown {
            Bytes.requireUnsigned(value, 16, "an EtherType");
            if (Known.find(value) != null) {
                throw new IllegalArgumentException("EtherType " + Hex.field16(value) + " is known: use EtherType.of");
            }
        }

        /** The value in hex, e.g. {@code 0x88cc}. */
        @Override
        public String toString() {
            return Hex.append(new StringBuilder("0x"), value, 4).toString();
        }
    }
}
