package dev.jnetlab.stack.socket.tcp;

/**
 * RFC 1191 §7's table of MTU plateaus: the MTUs real links have, for a "fragmentation needed"
 * from a router that names no next-hop MTU (one older than RFC 1191, §5): the sender guesses
 * the largest plateau below the datagram that was too big.
 */
final class MtuPlateaus {
    private static final int[] PLATEAUS = {32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68};

    private MtuPlateaus() {
    }

    /** The largest plateau below {@code tooBig}; 68, the IPv4 minimum, if none is. */
    static int below(int tooBig) {
        for (int plateau : PLATEAUS) {
            if (plateau < tooBig) {
                return plateau;
            }
        }
        return 68;
    }
}
