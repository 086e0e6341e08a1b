package dev.jnetlab.stack.iface;

/**
 * How fast the interface may send ICMP error messages (RFC 1812 section 4.3.2.8, RFC 1122
 * section 3.2.2): a token bucket of {@code burst} tokens, refilled at {@code perSecond}, one
 * token per error. Echo replies are not errors and are not limited.
 *
 * <p>The default, a burst of 10 and 10 per second, lets every error of a person's experiment
 * through while a flood of datagrams to a closed port gets at most ten answers a second.
 * Linux, for comparison, allows about one per second per destination for most errors
 * ({@code icmp_ratelimit}) with a global cap of 1000 per second.
 */
public record IcmpRateLimit(int burst, int perSecond) {
    public static final IcmpRateLimit DEFAULT = new IcmpRateLimit(10, 10);
    /** No errors held back. */
    public static final IcmpRateLimit UNLIMITED = new IcmpRateLimit(Integer.MAX_VALUE, Integer.MAX_VALUE);
    /** No ICMP errors at all. */
    public static final IcmpRateLimit NONE = new IcmpRateLimit(0, 0);

    public IcmpRateLimit {
        if (burst < 0 || perSecond < 0) {
            throw new IllegalArgumentException("an ICMP rate limit is not negative: burst " + burst + ", " + perSecond + "/s");
        }
    }
}
