package dev.jnetlab.stack.wire;

/**
 * The opcode of an ARP packet (RFC 826 "ar$op"): request or reply, or any other 16-bit value
 * as {@link Unknown} so that every packet can be printed. {@link #of(int)} allocates only for
 * unknown values.
 */
public sealed interface ArpOperation permits ArpOperation.Known, ArpOperation.Unknown {
    ArpOperation REQUEST = Known.REQUEST;
    ArpOperation REPLY = Known.REPLY;

    int value();

    static ArpOperation of(int value) {
        if (value == 1) {
            return REQUEST;
        }
        return value == 2 ? REPLY : new Unknown(value);
    }

    /** The two operations of RFC 826. */
    enum Known implements ArpOperation {
        REQUEST(1),
        REPLY(2);

        private final int value;

        Known(int value) {
            this.value = value;
        }

        @Override
        public int value() {
            return value;
        }
    }

    /** Any other opcode (RARP's 3 and 4, InARP's 8 and 9, ...), which this stack does not answer. */
    record Unknown(int value) implements ArpOperation {
        public Unknown {
            Bytes.requireUnsigned(value, 16, "an ARP opcode");
            if (value == 1 || value == 2) {
                throw new IllegalArgumentException("ARP opcode " + value + " is known: use ArpOperation.of");
            }
        }

        @Override
        public String toString() {
            return "op " + value;
        }
    }
}
