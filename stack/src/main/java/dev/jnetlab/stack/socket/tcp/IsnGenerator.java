package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.rand.SplitMix64;
import java.security.SecureRandom;

/**
 * Initial sequence numbers as RFC 6528 §3 defines them:
 * <pre>
 *   ISN = M + F(localip, localport, remoteip, remoteport, secretkey)
 * </pre>
 * M is a timer that ticks every 4 microseconds (250,000 per second, so it wraps every
 * 4.77 hours) taken from the {@code now} the caller passes, plus a constant offset derived
 * from the key; F is a keyed pseudorandom function of the four-tuple. A connection's ISN
 * therefore keeps moving forward with the clock, as RFC 9293 §3.4.1 wants, while an
 * off-path attacker who does not know the key cannot predict the ISN of a four-tuple it has
 * never seen, whatever ISNs it has observed for others.
 *
 * <h2>Why SipHash-2-4</h2>
 * F is SipHash-2-4 (Aumasson and Bernstein, 2012), written here from its specification,
 * truncated to its low 32 bits. It is a PRF with a 128-bit key designed for exactly this
 * kind of short input; the four-tuple is 12 octets, one and a half SipHash blocks, so an ISN
 * costs two compression rounds plus four finalization rounds on {@code long}s: tens of
 * nanoseconds, and no allocation at all. The alternative, HMAC-SHA-256 through
 * {@code javax.crypto.Mac}, would need a provider lookup, a checked exception at
 * construction, a {@code Mac} instance that is not thread-safe, an array per call for the
 * input and the 32-octet result, and two SHA-256 compressions (hundreds of nanoseconds).
 * SYNs are not the data path, but a listener under a SYN flood computes one ISN per SYN, and
 * SipHash keeps that cheap; it is also about sixty lines that the tests check against the
 * reference vectors.
 *
 * <h2>Keys</h2>
 * {@link #withRandomKey()} draws the key from {@link SecureRandom}: what a real stack uses.
 * {@link #fromSeed(long)} expands a 64-bit seed (the console's {@code --seed N}) into a key
 * deterministically, so a scripted session or a lab gets the same ISNs every run; such a key
 * is only as secret as the seed. The key is never printed.
 *
 * <p>Instances are immutable and safe to share; {@link #isn} allocates nothing.
 */
public final class IsnGenerator implements IsnSource {

    /** M advances once per this many microseconds (RFC 6528 §3, as in RFC 793). */
    public static final long TICK_MICROS = 4;

    private final long k0;
    private final long k1;
    /** Added to M so that the sequence space does not start at F when the stack clock is 0. */
    private final int offset;

    /**
     * A generator with the 128-bit key {@code k0 || k1}: {@code k0} holds key octets 0 to 7
     * and {@code k1} octets 8 to 15, each little-endian, as SipHash reads them.
     */
    public IsnGenerator(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
        this.offset = (int) sipHash24(k0, k1, new byte[0], 0, 0);
    }

    /** A generator with a 16-octet key. */
    public static IsnGenerator withKey(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("an ISN key is 16 octets, not " + key.length);
        }
        return new IsnGenerator(littleEndianLong(key, 0), littleEndianLong(key, 8));
    }

    /** A generator with a key from {@link SecureRandom}: unpredictable ISNs, for real use. */
    public static IsnGenerator withRandomKey() {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        return withKey(key);
    }

    /**
     * A generator whose key is the first two numbers of {@link SplitMix64} from {@code seed},
     * rather than of a JDK class whose algorithm may change, so that the same seed gives the
     * same ISNs on every JVM.
     */
    public static IsnGenerator fromSeed(long seed) {
        SplitMix64 key = new SplitMix64(seed);
        return new IsnGenerator(key.nextLong(), key.nextLong());
    }

    /**
     * The initial sequence number for a connection between {@code localAddr:localPort} and
     * {@code remoteAddr:remotePort} (IPv4 addresses as {@code int}s in network order, that is
     * the first octet in the high byte; ports 0 to 65535) opened at {@code now}.
     */
    @Override
    public int isn(long now, int localAddr, int localPort, int remoteAddr, int remotePort) {
        int m = (int) Math.floorDiv(now, TICK_MICROS) + offset;
        return m + (int) tupleHash(localAddr, localPort, remoteAddr, remotePort);
    }

    /**
     * The initial sequence number for a connection over IPv6: F takes the whole 128-bit
     * addresses (each as two {@code long}s, the first octet in the high byte of its high half),
     * as RFC 6528 §3 asks of "localip" and "remoteip"; a 32-bit digest of them would let two
     * addresses share F.
     */
    @Override
    public int isn(long now, long localHigh, long localLow, int localPort,
                   long remoteHigh, long remoteLow, int remotePort) {
        int m = (int) Math.floorDiv(now, TICK_MICROS) + offset;
        return m + (int) tupleHash(localHigh, localLow, localPort, remoteHigh, remoteLow, remotePort);
    }

    /**
     * F over IPv6 before truncation: SipHash-2-4 of the 36-octet message localAddr (16 octets,
     * network order), remoteAddr (16), localPort (2), remotePort (2), without building it: the
     * four address halves are its four full blocks, the ports and the length its last.
     */
    long tupleHash(long localHigh, long localLow, int localPort, long remoteHigh, long remoteLow, int remotePort) {
        long portOctets = ((localPort >>> 8) & 0xFF)
                | ((localPort & 0xFF) << 8)
                | (((remotePort >>> 8) & 0xFF) << 16)
                | ((long) (remotePort & 0xFF) << 24);
        long last = portOctets | 36L << 56;
        return sipHash24(k0, k1, 5, Long.reverseBytes(localHigh), Long.reverseBytes(localLow),
                Long.reverseBytes(remoteHigh), Long.reverseBytes(remoteLow), last);
    }

    /**
     * F before truncation: SipHash-2-4 of the 12-octet message localAddr (4 octets, network
     * order), localPort (2), remoteAddr (4), remotePort (2), without building the message.
     */
    long tupleHash(int localAddr, int localPort, int remoteAddr, int remotePort) {
        long localPortOctets = ((localPort >>> 8) & 0xFF) | ((localPort & 0xFF) << 8);
        long remoteHighOctets = ((remoteAddr >>> 24) & 0xFF) | (((remoteAddr >>> 16) & 0xFF) << 8);
        long first = (Integer.reverseBytes(localAddr) & 0xFFFF_FFFFL)
                | localPortOctets << 32
                | remoteHighOctets << 48;
        long remoteLowOctets = ((remoteAddr >>> 8) & 0xFF)
                | ((remoteAddr & 0xFF) << 8)
                | (((remotePort >>> 8) & 0xFF) << 16)
                | ((long) (remotePort & 0xFF) << 24);
        long last = remoteLowOctets | 12L << 56;
        return sipHash24(k0, k1, 2, first, last, 0, 0, 0);
    }

    /**
     * SipHash-2-4 of a message already cut into its {@code count} (1 to 5) little-endian blocks,
     * the last one holding the length in its top octet: the four-tuples' paths, which build
     * their blocks from the addresses and ports and so allocate nothing.
     */
    private static long sipHash24(long k0, long k1, int count, long b0, long b1, long b2, long b3, long b4) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;

        for (int index = 0; index < count; index++) {
            long block = switch (index) {
                case 0 -> b0;
                case 1 -> b1;
                case 2 -> b2;
                case 3 -> b3;
                default -> b4;
            };
            v3 ^= block;
            for (int round = 0; round < 2; round++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= block;
        }

        v2 ^= 0xFF;
        for (int round = 0; round < 4; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    /**
     * SipHash-2-4 of {@code length} octets of {@code data} from {@code offset}, with the key
     * {@code k0 || k1} (each half little-endian): 64-bit blocks read little-endian, two
     * compression rounds per block, the last block padded with zeros and the message length
     * (mod 256) in its top octet, then 0xff into v2 and four finalization rounds.
     */
    static long sipHash24(long k0, long k1, byte[] data, int offset, int length) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;

        int end = offset + length;
        int fullBlocksEnd = offset + (length & ~7);
        for (int at = offset; at <= end; at += 8) {
            long block;
            if (at < fullBlocksEnd) {
                block = littleEndianLong(data, at);
            } else {
                block = (long) (length & 0xFF) << 56;
                for (int i = 0; at + i < end; i++) {
                    block |= (data[at + i] & 0xFFL) << (8 * i);
                }
            }
            v3 ^= block;
            for (int round = 0; round < 2; round++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= block;
            if (at >= fullBlocksEnd) {
                break;
            }
        }

        v2 ^= 0xFF;
        for (int round = 0; round < 4; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static long littleEndianLong(byte[] data, int at) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (data[at + i] & 0xFFL);
        }
        return value;
    }

    @Override
    public String toString() {
        return "IsnGenerator[RFC 6528, SipHash-2-4, key hidden]";
    }
}
