package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.rand.SplitMix64;
import dev.jnetlab.stack.time.Micros;

/**
 * SYN cookies (RFC 4987 §3.6): when a listener's half-open queue is full, the SYN,ACK carries
 * the connection's state in its ISS (and TSval) instead of in memory, and the client's ACK
 * brings it back. Laid out as Linux lays it out, so that a trace reads the same:
 *
 * <pre>
 *   ISS = H1(tuple) + ISN(peer) + (T &lt;&lt; 24) + ((H2(tuple, T) + MSS index) mod 2^24)
 * </pre>
 *
 * T counts {@link #PERIOD}s (one minute) of the stack clock; a cookie is good while T has moved
 * on by less than {@link #MAX_AGE} (so for one to two minutes); H1 and H2 are keyed
 * pseudorandom functions of the four-tuple (SipHash-2-4, as for the ISN, under two keys of
 * their own), so an off-path attacker cannot forge a cookie for an address it does not hear.
 * The MSS is the largest of {@link #MSS_TABLE} not above the peer's, as an index (two bits);
 * the rest of the 24 bits checks the cookie.
 *
 * <p>The other options cannot be in 32 bits, so when the peer sends timestamps (RFC 7323) the
 * low {@link #TS_OPTION_BITS} bits of our TSval carry them, which the peer echoes in every
 * TSecr: the peer's window shift (4 bits, {@code 0xF} for none) and SACK-permitted (bit 4);
 * bit 5 (ECN) stays clear, as we do not negotiate ECN. Without timestamps a cookie carries only
 * the MSS: the SYN,ACK then offers neither window scaling nor SACK (RFC 4987 §3.6 and Linux
 * alike).
 *
 * <p>Immutable; nothing here allocates.
 */
public final class SynCookies {

    /** The MSS values a cookie can say (Linux's table for IPv4): the index is what is sent. */
    static final int[] MSS_TABLE = {536, 1300, 1440, 1460};
    /** The counter T advances once a minute. */
    public static final long PERIOD = Micros.ofSeconds(60);
    /** A cookie is accepted while T has advanced by less than this since it was sent. */
    public static final int MAX_AGE = 2;
    /** Bits of the TSval that carry the options. */
    static final int TS_OPTION_BITS = 6;
    private static final int TS_OPTION_MASK = (1 << TS_OPTION_BITS) - 1;
    private static final int NO_WINDOW_SCALE = 0xF;
    private static final int SACK_BIT = 1 << 4;
    private static final int COUNTER_BITS = 24;
    private static final int CHECK_MASK = (1 << COUNTER_BITS) - 1;

    private final IsnGenerator first;
    private final IsnGenerator second;

    private SynCookies(IsnGenerator first, IsnGenerator second) {
        this.first = first;
        this.second = second;
    }

    /** Cookies whose keys are expanded from {@code seed} (the console's {@code --seed N}). */
    public static SynCookies fromSeed(long seed) {
        SplitMix64 key = new SplitMix64(seed ^ 0x5C00C1E5L);
        return new SynCookies(new IsnGenerator(key.nextLong(), key.nextLong()),
                new IsnGenerator(key.nextLong(), key.nextLong()));
    }

    /** Cookies with keys from {@link java.security.SecureRandom}, for real use. */
    public static SynCookies withRandomKey() {
        return new SynCookies(IsnGenerator.withRandomKey(), IsnGenerator.withRandomKey());
    }

    /** The index in {@link #MSS_TABLE} of the largest MSS not above {@code mss} (0 for less than the smallest). */
    static int mssIndex(int mss) {
        int index = 0;
        while (index + 1 < MSS_TABLE.length && MSS_TABLE[index + 1] <= mss) {
            index++;
        }
        return index;
    }

    /** The ISS for a SYN with sequence number {@code peerIsn} from the four-tuple, sent at {@code now}. */
    int encode(long now, int localAddr, int localPort, int remoteAddr, int remotePort, int peerIsn, int mssIndex) {
        return encode(now, first.tupleHash(localAddr, localPort, remoteAddr, remotePort),
                second.tupleHash(localAddr, localPort, remoteAddr, remotePort), peerIsn, mssIndex);
    }

    /**
     * The ISS for a SYN over IPv6: as {@link #encode(long, int, int, int, int, int, int)}, the
     * MACs over the whole 128-bit addresses (each two {@code long}s), so that a cookie sent to
     * one address is worth nothing from another.
     */
    int encode(long now, long localHigh, long localLow, int localPort, long remoteHigh, long remoteLow,
               int remotePort, int peerIsn, int mssIndex) {
        return encode(now, first.tupleHash(localHigh, localLow, localPort, remoteHigh, remoteLow, remotePort),
                second.tupleHash(localHigh, localLow, localPort, remoteHigh, remoteLow, remotePort), peerIsn, mssIndex);
    }

    /**
     * The MSS index a cookie carries, or -1 when {@code cookie} is not one we sent to this
     * four-tuple for {@code peerIsn}, or is older than {@link #MAX_AGE} periods.
     */
    int decode(long now, int localAddr, int localPort, int remoteAddr, int remotePort, int peerIsn, int cookie) {
        return decode(now, first.tupleHash(localAddr, localPort, remoteAddr, remotePort),
                second.tupleHash(localAddr, localPort, remoteAddr, remotePort), peerIsn, cookie);
    }

    /** The MSS index a cookie over IPv6 carries, or -1: as {@link #decode(long, int, int, int, int, int, int)}. */
    int decode(long now, long localHigh, long localLow, int localPort, long remoteHigh, long remoteLow,
               int remotePort, int peerIsn, int cookie) {
        return decode(now, first.tupleHash(localHigh, localLow, localPort, remoteHigh, remoteLow, remotePort),
                second.tupleHash(localHigh, localLow, localPort, remoteHigh, remoteLow, remotePort), peerIsn, cookie);
    }

    /** {@code tuple1} and {@code tuple2}: the four-tuple's hashes under the two keys. */
    private static int encode(long now, long tuple1, long tuple2, int peerIsn, int mssIndex) {
        int count = counter(now);
        return (int) tuple1 + peerIsn + (count << COUNTER_BITS) + ((hash2(tuple2, count) + mssIndex) & CHECK_MASK);
    }

    private static int decode(long now, long tuple1, long tuple2, int peerIsn, int cookie) {
        int count = counter(now);
        int rest = cookie - (int) tuple1 - peerIsn;
        int age = (count - (rest >>> COUNTER_BITS)) & (-1 >>> COUNTER_BITS);
        if (age >= MAX_AGE) {
            return -1;
        }
        int index = (rest - hash2(tuple2, count - age)) & CHECK_MASK;
        return index < MSS_TABLE.length ? index : -1;
    }

    /**
     * Our TSval {@code clock} with the options in its low bits; never later than {@code clock},
     * so that the TSvals that follow do not go back.
     *
     * @param peerShift the peer's window shift to remember, or -1 for no window scaling
     */
    static int timestamp(int clock, int peerShift, boolean sack) {
        int options = (peerShift < 0 ? NO_WINDOW_SCALE : peerShift) | (sack ? SACK_BIT : 0);
        int ts = (clock & ~TS_OPTION_MASK) | options;
        return options > (clock & TS_OPTION_MASK) ? ts - (1 << TS_OPTION_BITS) : ts;
    }

    /** The peer's window shift an echoed TSval carries, or -1 for none (a shift is at most 14: RFC 7323 §2.3). */
    static int peerShift(int tsEcr) {
        int shift = tsEcr & NO_WINDOW_SCALE;
        return shift == NO_WINDOW_SCALE ? -1 : shift;
    }

    /** Whether an echoed TSval says the peer permitted SACK. */
    static boolean sackPermitted(int tsEcr) {
        return (tsEcr & SACK_BIT) != 0;
    }

    private static int counter(long now) {
        return (int) Math.floorDiv(now, PERIOD);
    }

    private static int hash2(long tuple2, int count) {
        return (int) SplitMix64.mix(tuple2 + count);
    }

    @Override
    public String toString() {
        return "SynCookies[RFC 4987 §3.6, keys hidden]";
    }
}
