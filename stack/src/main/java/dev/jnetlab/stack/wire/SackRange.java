package dev.jnetlab.stack.wire;

/**
 * One block of a SACK option (RFC 2018 section 3): received data from sequence number
 * {@code left} up to, not including, {@code right}. Both are 32-bit bit patterns.
 */
public record SackRange(int left, int right) {
    @Override
    public String toString() {
        return "{" + Integer.toUnsignedString(left) + ":" + Integer.toUnsignedString(right) + "}";
    }
}
