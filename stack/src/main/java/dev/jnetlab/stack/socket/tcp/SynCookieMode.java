package dev.jnetlab.stack.socket.tcp;

/**
 * When a listener answers a SYN with a cookie instead of keeping a half-open connection
 * (RFC 4987 §3.6), by the values of Linux's {@code net.ipv4.tcp_syncookies}.
 */
public enum SynCookieMode {
    /** 0: never. A SYN that finds the half-open queue full is dropped, and an ACK is never read as a cookie. */
    NEVER,
    /** 1, the default: only when the half-open queue is full. */
    WHEN_FULL,
    /** 2: to every SYN, so that no half-open connection is ever kept (Linux keeps this for testing). */
    ALWAYS;

    /** The mode Linux's {@code tcp_syncookies} value {@code value} (0, 1 or 2) names. */
    public static SynCookieMode ofLinuxValue(int value) {
        if (value < 0 || value >= values().length) {
            throw new IllegalArgumentException("tcp_syncookies is 0, 1 or 2, not " + value);
        }
        return values()[value];
    }
}
