package dev.jnetlab.stack.forward;

/**
 * How many ICMP errors a {@link Router} sends, at most (RFC 1812 section 4.3.2.8: a router
 * limits the rate of the ICMP errors it sends, with parameters that can be set, so that a
 * flood of bad datagrams does not become a flood of errors): a token bucket of
 * {@code burst} tokens refilled at {@code perSecond}, each error taking one, an error that
 * finds none not sent. {@link #DEFAULT} is Linux's global limit
 * ({@code net.ipv4.icmp_msgs_per_sec} = 1000, {@code icmp_msgs_burst} = 50, net/ipv4/icmp.c):
 * a token a millisecond, up to 50.
 *
 * @param perSecond tokens added a second; 0 for no limit
 * @param burst     the most tokens the bucket holds (it starts full)
 */
public record IcmpRateLimit(int perSecond, int burst) {
    /** Linux's defaults: 1000 errors a second, in bursts of up to 50. */
    public static final IcmpRateLimit DEFAULT = new IcmpRateLimit(1000, 50);
    /** No limit. */
    public static final IcmpRateLimit NONE = new IcmpRateLimit(0, 0);

    /** @throws IllegalArgumentException for a negative rate, or a burst below one with a rate */
    public IcmpRateLimit {
        if (perSecond < 0 || (perSecond > 0 && burst < 1)) {
            throw new IllegalArgumentException("an ICMP rate limit is 0 (none) or more a second with a burst of 1 or more, not "
                    + perSecond + "/s burst " + burst);
        }
    }

    @Override
    public String toString() {
        return perSecond == 0 ? "none" : perSecond + "/s burst " + burst;
    }
}
