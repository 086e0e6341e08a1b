package dev.jnetlab.stack.wire;

import java.util.List;
import java.util.Objects;

/**
 * One TCP option (RFC 9293 section 3.2) as a value. The end-of-option-list kind is not one of
 * them: a {@link TcpRepr}'s list of options ends where the options end, and what follows up to
 * the next word is zero padding, which reads as EOL.
 */
public sealed interface TcpOption {
    /** The no-operation option; it has no fields, so one instance serves. */
    NoOperation NOP = new NoOperation();
    /** The SACK-permitted option; it has no fields, so one instance serves. */
    SackPermitted SACK_PERMITTED = new SackPermitted();

    /** The option's length on the wire, kind and length octets included. */
    int length();

    /** Writes the option at {@code offset} and returns its length. */
    int writeTo(byte[] buffer, int offset);

    /** No-operation (kind 1): one octet, used to align the next option. */
    record NoOperation() implements TcpOption {
        @Override
        public int length() {
            return 1;
        }

        @Override
        public int writeTo(byte[] buffer, int offset) {
            Bytes.put8(buffer, offset, TcpOptionReader.KIND_NOP);
            return 1;
        }
    }

    /** The largest segment the sender can receive (kind 2, RFC 9293 section 3.7.1); only in a SYN. */
    record MaxSegmentSize(int value) implements TcpOption {
        public MaxSegmentSize {
            Bytes.requireUnsigned(value, 16, "MSS");
        }

        @Override
        public int length() {
            return 4;
        }

        @Override
        public int writeTo(byte[] buffer, int offset) {
            Bytes.put8(buffer, offset, TcpOptionReader.KIND_MSS);
            Bytes.put8(buffer, offset + 1, 4);
            Bytes.put16(buffer, offset + 2, value);
            return 4;
        }
    }

    /**
     * The sender's window scale shift count (kind 3, RFC 7323 section 2); only in a SYN. Kept
     * as sent: a receiver treats a shift above 14 as 14 (RFC 7323 section 2.3).
     */
    record WindowScale(int shift) implements TcpOption {
        public WindowScale {
            Bytes.requireUnsigned(shift, 8, "window scale");
        }

        @Override
        public int length() {
            return 3;
        }

        @Override
        public int writeTo(byte[] buffer, int offset) {
            Bytes.put8(buffer, offset, TcpOptionReader.KIND_WINDOW_SCALE);
            Bytes.put8(buffer, offset + 1, 3);
            Bytes.put8(buffer, offset + 2, shift);
            return 3;
        }
    }

    /** The sender can receive SACK options (kind 4, RFC 2018 section 2); only in a SYN. */
    record SackPermitted() implements TcpOption {
        @Override
        public int length() {
            return 2;
        }

        @Override
        public int writeTo(byte[] buffer, int offset) {
            Bytes.put8(buffer, offset, TcpOptionReader.KIND_SACK_PERMITTED);
            Bytes.put8(buffer, offset + 1, 2);
            return 2;
        }
    }

    /** Blocks of data received out of order (kind 5, RFC 2018 section 3): 1 to 4. */
    record Sack(List<SackRange> blocks) implements TcpOption {
        public Sack {
            blocks = List.copyOf(blocks);
            if (blocks.isEmpty() || blocks.size() > 4) {
                throw new IllegalArgumentException("a SACK option has 1 to 4 blocks, not " + blocks.size());
            }
        }

        @Override
        public int length() {
            return 2 + 8 * blocks.size();
        }

        @Override
        public int writeTo(byte[] buffer, int offset) {
            Bytes.put8(buffer, offset, TcpOptionReader.KIND_SACK);
            Bytes.put8(buffer, offset + 1, length());
            for (int i = 0; i < blocks.size(); i++) {
                Bytes.put32(buffer, offset + 2 + 8 * i, blocks.get(i).left());
                Bytes.put32(buffer, offset + 6 + 8 * i, blocks.get(i).right());
            }
            return length();
        }
    }

    /** TSval and TSecr (kind 8, RFC 7323 section 3), 32-bit bit patterns. */
    record Timestamps(int tsVal, int tsEcr) implements TcpOption {
        @Override
        public int length() {
            return 10;
        }

        @Override
        public int writeTo(byte[] buffer, int offset) {
            Bytes.put8(buffer, offset, TcpOptionReader.KIND_TIMESTAMPS);
            Bytes.put8(buffer, offset + 1, 10);
            Bytes.put32(buffer, offset + 2, tsVal);
            Bytes.put32(buffer, offset + 6, tsEcr);
            return 10;
        }
    }

    /** Any other kind, kept as its raw data so that it is carried, compared and printed unchanged. */
    record Unknown(int kind, Octets data) implements TcpOption {
        public Unknown {
            Bytes.requireUnsigned(kind, 8, "option kind");
            Objects.requireNonNull(data, "data");
            if (kind <= TcpOptionReader.KIND_SACK || kind == TcpOptionReader.KIND_TIMESTAMPS) {
                throw new IllegalArgumentException("option kind " + kind + " has its own record");
            }
            if (data.length() > 38) {
                throw new IllegalArgumentException("an option has at most 38 octets of data, not " + data.length());
            }
        }

        @Override
        public int length() {
            return 2 + data.length();
        }

        @Override
        public int writeTo(byte[] buffer, int offset) {
            Bytes.put8(buffer, offset, kind);
            Bytes.put8(buffer, offset + 1, length());
            data.copyTo(buffer, offset + 2);
            return length();
        }
    }
}
