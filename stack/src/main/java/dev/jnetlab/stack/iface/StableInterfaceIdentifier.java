package dev.jnetlab.stack.iface;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable, semantically opaque interface identifiers (RFC 7217 section 5): RID = F(Prefix,
 * Net_Iface, Network_ID, DAD_Counter, secret_key), F being SHA-256 (which section 5 allows),
 * the identifier the leftmost 64 bits of it. Net_Iface is the MAC address; Network_ID, which
 * is optional, is left out; the secret key is 128 bits drawn from the interface's seed, so
 * that a run with the same {@code --seed} forms the same addresses (section 5 asks that the
 * key not change for the identifiers to be stable). An identifier that falls among the
 * reserved ones (RFC 5453: the subnet-router anycast 0, the subnet anycast range, the range
 * of IANA's Ethernet block with the proxy-mobile one) is made again with the next DAD counter (section 5).
 *
 * <p>One digest and one input buffer made once: forming an address allocates nothing. Not
 * thread-safe (ARCHITECTURE.md §2).
 */
final class StableInterfaceIdentifier {
    /** Prefix (8), MAC (6), DAD counter (1), secret key (16). */
    private final byte[] input = new byte[8 + 6 + 1 + 16];
    private final byte[] rid = new byte[32];
    private final MessageDigest sha256;

    StableInterfaceIdentifier(long mac, long keyHigh, long keyLow) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        put(input, 8, mac, 6);
        put(input, 15, keyHigh, 8);
        put(input, 23, keyLow, 8);
    }

    /** The interface identifier for the /64 prefix whose upper half is {@code prefixHigh}, before any DAD conflict. */
    long of(long prefixHigh) {
        return of(prefixHigh, 0);
    }

    /** The identifier with DAD counter {@code dadCounter}: the number of conflicts so far (RFC 7217 section 6). */
    long of(long prefixHigh, int dadCounter) {
        put(input, 0, prefixHigh, 8);
        for (int counter = dadCounter; ; counter++) {
            input[14] = (byte) counter;
            sha256.update(input, 0, input.length);
            try {
                sha256.digest(rid, 0, rid.length);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException("a SHA-256 digest is 32 octets", e);
            }
            long id = 0;
            for (int i = 0; i < 8; i++) {
                id = id << 8 | rid[i] & 0xFF;
            }
            if (!reserved(id)) {
                return id;
            }
        }
    }

    /** The DAD counter that made {@code id} for the prefix, or -1 if none up to {@code most} did. */
    int counterOf(long prefixHigh, long id, int most) {
        for (int counter = 0; counter <= most; counter++) {
            if (of(prefixHigh, counter) == id) {
                return counter;
            }
        }
        return -1;
    }

    /** RFC 5453 section 3: the subnet-router anycast identifier, the subnet anycast range, 0200:5EFF:FE00:0000 to 5213. */
    static boolean reserved(long id) {
        return id == 0 || (id & 0xFFFF_FFFF_FFFF_FF80L) == 0xFDFF_FFFF_FFFF_FF80L
                || id >= 0x0200_5EFF_FE00_0000L && id <= 0x0200_5EFF_FE00_5213L;
    }

    private static void put(byte[] buf, int at, long value, int octets) {
        for (int i = 0; i < octets; i++) {
            buf[at + i] = (byte) (value >>> 8 * (octets - 1 - i));
        }
    }
}
