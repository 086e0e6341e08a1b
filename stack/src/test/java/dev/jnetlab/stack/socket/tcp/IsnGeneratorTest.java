package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IsnGeneratorTest {

    /** The key 00 01 02 ... 0f of the SipHash test vectors. */
    static final long K0 = 0x0706050403020100L;
    static final long K1 = 0x0f0e0d0c0b0a0908L;

    static final int LOCAL = 0xC0A84501;   // 192.168.69.1
    static final int REMOTE = 0xC0A84564;  // 192.168.69.100

    /**
     * SipHash-2-4 with the key 00..0f of the message 00 01 .. (i-1), for i = 0 to 63, each
     * result as its eight octets in little-endian order. Data from the table
     * {@code vectors_sip64} of the SipHash reference implementation
     * (github.com/veorq/SipHash, vectors.h); vector 15 is also the worked example of the
     * SipHash paper's Appendix A, a129ca6149be45e5.
     */
    static final String[] VECTORS = {
        "310e0edd47db6f72", "fd67dc93c539f874", "5a4fa9d909806c0d", "2d7efbd796666785",
        "b7877127e09427cf", "8da699cd64557618", "cee3fe586e46c9cb", "37d1018bf50002ab",
        "6224939a79f5f593", "b0e4a90bdf82009e", "f3b9dd94c5bb5d7a", "a7ad6b22462fb3f4",
        "fbe50e86bc8f1e75", "903d84c02756ea14", "eef27a8e90ca23f7", "e545be4961ca29a1",
        "db9bc2577fcc2a3f", "9447be2cf5e99a69", "9cd38d96f0b3c14b", "bd6179a71dc96dbb",
        "98eea21af25cd6be", "c7673b2eb0cbf2d0", "883ea3e395675393", "c8ce5ccd8c030ca8",
        "94af49f6c650adb8", "eab8858ade92e1bc", "f315bb5bb835d817", "adcf6b0763612e2f",
        "a5c91da7acaa4dde", "716595876650a2a6", "28ef495c53a387ad", "42c341d8fa92d832",
        "ce7cf2722f512771", "e37859f94623f3a7", "381205bb1ab0e012", "ae97a10fd434e015",
        "b4a31508beff4d31", "81396229f0907902", "4d0cf49ee5d4dcca", "5c73336a76d8bf9a",
        "d0a704536ba93e0e", "925958fcd6420cad", "a915c29bc8067318", "952b79f3bc0aa6d4",
        "f21df2e41d4535f9", "87577519048f53a9", "10a56cf5dfcd9adb", "eb75095ccd986cd0",
        "51a9cb9ecba312e6", "96afadfc2ce666c7", "72fe52975a4364ee", "5a1645b276d592a1",
        "b274cb8ebf87870a", "6f9bb4203de7b381", "eaecb2a30b22a87f", "9924a43cc1315724",
        "bd838d3aafbf8db7", "0b1a2a3265d51aea", "135079a3231ce660", "932b2846e4d70666",
        "e1915f5cb1eca46c", "f325965ca16d629f", "575ff28e60381be5", "724506eb4c328a95",
    };

    static IntStream vectorIndexes() {
        return IntStream.range(0, 64);
    }

    static long littleEndian(String hex) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return value;
    }

    @Nested
    class SipHash24 {

        @ParameterizedTest(name = "vector {0}")
        @MethodSource("dev.jnetlab.stack.socket.tcp.IsnGeneratorTest#vectorIndexes")
        void matchesTheReferenceVectors(int length) {
            byte[] message = new byte[length];
            for (int i = 0; i < length; i++) {
                message[i] = (byte) i;
            }
            assertEquals(littleEndian(VECTORS[length]), IsnGenerator.sipHash24(K0, K1, message, 0, length));
        }

        @Test
        void theVectorOfThePaper() {
            byte[] message = new byte[15];
            for (int i = 0; i < 15; i++) {
                message[i] = (byte) i;
            }
            assertEquals(0xa129ca6149be45e5L, IsnGenerator.sipHash24(K0, K1, message, 0, 15));
        }

        @Test
        void readsOnlyTheGivenSliceOfTheArray() {
            byte[] padded = new byte[40];
            for (int i = 0; i < 20; i++) {
                padded[7 + i] = (byte) i;
            }
            padded[6] = (byte) 0xAA;
            padded[27] = (byte) 0xBB;
            assertEquals(littleEndian(VECTORS[20]), IsnGenerator.sipHash24(K0, K1, padded, 7, 20));
        }

        @Test
        void theFourTupleIsHashedAsTwelveOctetsInNetworkOrder() {
            IsnGenerator generator = new IsnGenerator(K0, K1);
            SplittableRandom random = new SplittableRandom(6528);
            for (int i = 0; i < 1_000; i++) {
                int localAddr = random.nextInt();
                int localPort = random.nextInt(0x10000);
                int remoteAddr = random.nextInt();
                int remotePort = random.nextInt(0x10000);
                byte[] message = {
                    (byte) (localAddr >>> 24), (byte) (localAddr >>> 16), (byte) (localAddr >>> 8), (byte) localAddr,
                    (byte) (localPort >>> 8), (byte) localPort,
                    (byte) (remoteAddr >>> 24), (byte) (remoteAddr >>> 16), (byte) (remoteAddr >>> 8), (byte) remoteAddr,
                    (byte) (remotePort >>> 8), (byte) remotePort,
                };
                assertEquals(IsnGenerator.sipHash24(K0, K1, message, 0, 12),
                        generator.tupleHash(localAddr, localPort, remoteAddr, remotePort));
            }
        }

        @Test
        void theIpv6FourTupleIsHashedAsThirtySixOctetsInNetworkOrder() {
            IsnGenerator generator = new IsnGenerator(K0, K1);
            SplittableRandom random = new SplittableRandom(8200);
            for (int i = 0; i < 1_000; i++) {
                long localHigh = random.nextLong();
                long localLow = random.nextLong();
                long remoteHigh = random.nextLong();
                long remoteLow = random.nextLong();
                int localPort = random.nextInt(0x10000);
                int remotePort = random.nextInt(0x10000);
                ByteBuffer message = ByteBuffer.allocate(36) // big-endian: network order
                        .putLong(localHigh).putLong(localLow).putLong(remoteHigh).putLong(remoteLow)
                        .putShort((short) localPort).putShort((short) remotePort);
                assertEquals(IsnGenerator.sipHash24(K0, K1, message.array(), 0, 36),
                        generator.tupleHash(localHigh, localLow, localPort, remoteHigh, remoteLow, remotePort));
            }
        }
    }

    /**
     * The high half of an address whose {@link Ipv6Address#fold} is that of {@code high:low}
     * (with the same low half): its fold's mixing input differs by a word XORed into both of
     * its 32-bit halves, which cancels when they are XORed together.
     */
    static long highFoldingLike(long high) {
        long multiplier = 0x9E37_79B9_7F4A_7C15L;
        long inverse = multiplier; // Newton's iteration: each step doubles the correct low bits
        for (int i = 0; i < 6; i++) {
            inverse *= 2 - multiplier * inverse;
        }
        return (high * multiplier ^ 0x1234_5678_1234_5678L) * inverse;
    }

    @Nested
    class OverIpv6 {
        final IsnGenerator generator = IsnGenerator.fromSeed(42);
        final long localHigh = 0xfd00_0000_0000_0000L;   // fd00::1
        final long localLow = 1;
        final long remoteHigh = 0xfd00_0000_0000_0000L;  // fd00::100
        final long remoteLow = 0x100;
        final long otherHigh = highFoldingLike(remoteHigh);

        @Test
        void twoAddressesThatDifferInTheirHighHalfOnlyCanShareAFold() {
            assertNotEquals(remoteHigh, otherHigh);
            assertEquals(Ipv6Address.fold(remoteHigh, remoteLow), Ipv6Address.fold(otherHigh, remoteLow));
        }

        @Test
        void theIsnTakesAllOneHundredAndTwentyEightBitsOfTheRemoteAddress() {
            long now = 7_000_000;
            assertNotEquals(generator.isn(now, localHigh, localLow, 49152, remoteHigh, remoteLow, 80),
                    generator.isn(now, localHigh, localLow, 49152, otherHigh, remoteLow, 80));
        }

        @Test
        void andOfTheLocalAddress() {
            long now = 7_000_000;
            assertNotEquals(generator.isn(now, remoteHigh, remoteLow, 80, localHigh, localLow, 49152),
                    generator.isn(now, otherHigh, remoteLow, 80, localHigh, localLow, 49152));
        }

        @Test
        void differsWhenAnyPartOfTheFourTupleDiffers() {
            long now = 7_000_000;
            Set<Integer> isns = new HashSet<>();
            isns.add(generator.isn(now, localHigh, localLow, 49152, remoteHigh, remoteLow, 80));
            isns.add(generator.isn(now, localHigh ^ 1L << 63, localLow, 49152, remoteHigh, remoteLow, 80));
            isns.add(generator.isn(now, localHigh, localLow + 1, 49152, remoteHigh, remoteLow, 80));
            isns.add(generator.isn(now, localHigh, localLow, 49153, remoteHigh, remoteLow, 80));
            isns.add(generator.isn(now, localHigh, localLow, 49152, remoteHigh ^ 1L << 63, remoteLow, 80));
            isns.add(generator.isn(now, localHigh, localLow, 49152, remoteHigh, remoteLow + 1, 80));
            isns.add(generator.isn(now, localHigh, localLow, 49152, remoteHigh, remoteLow, 81));
            isns.add(generator.isn(now, remoteHigh, remoteLow, 80, localHigh, localLow, 49152));
            assertEquals(8, isns.size());
        }

        @Test
        void advancesWithTheClockAsOverIpv4() {
            assertEquals(generator.isn(0, localHigh, localLow, 49152, remoteHigh, remoteLow, 80) + 250_000,
                    generator.isn(1_000_000, localHigh, localLow, 49152, remoteHigh, remoteLow, 80));
        }

        @Test
        void aConnectionOverIpv6TakesItsIsnFromTheWholeAddresses() throws TcpException {
            TcpSocket socket = new TcpSocket(1024, 1024).setIsnSource(generator);
            socket.connect(5_000, new IpEndpoint(new Ipv6Address(localHigh, localLow), 49152),
                    new IpEndpoint(new Ipv6Address(otherHigh, remoteLow), 80));
            assertEquals(generator.isn(5_000, localHigh, localLow, 49152, otherHigh, remoteLow, 80),
                    socket.controlBlock(5_000).iss());
        }

        @Test
        void aSourceThatIgnoresTheAddressesNeedNotSayAnythingOfIpv6() {
            IsnSource constant = (now, la, lp, ra, rp) -> 1234;
            assertEquals(1234, constant.isn(0, localHigh, localLow, 49152, remoteHigh, remoteLow, 80));
        }
    }

    @Nested
    class TheIsn {

        final IsnGenerator generator = IsnGenerator.fromSeed(42);

        @Test
        void isMPlusFOfTheFourTuple() {
            // With the test-vector key, the four-tuple 0.1.2.3:1029 -> 6.7.8.9:2571 is the
            // message 00 01 .. 0b, vector 12 (F = low half of 751e8fbc860ee5fb), and the offset
            // is the hash of the empty message, vector 0 (low half of 726fdb47dd0e0e31).
            IsnGenerator known = new IsnGenerator(K0, K1);
            int expected = 0xdd0e0e31 + 0x860ee5fb;
            assertEquals(0x631cf42c, expected);
            assertEquals(expected, known.isn(0, 0x00010203, 0x0405, 0x06070809, 0x0a0b));
            assertEquals(expected + 250_000, known.isn(1_000_000, 0x00010203, 0x0405, 0x06070809, 0x0a0b));
        }

        @Test
        void isDeterministicForAKeyATimeAndAFourTuple() {
            int isn = generator.isn(123_456_789, LOCAL, 49152, REMOTE, 80);
            assertEquals(isn, generator.isn(123_456_789, LOCAL, 49152, REMOTE, 80));
            assertEquals(isn, IsnGenerator.fromSeed(42).isn(123_456_789, LOCAL, 49152, REMOTE, 80));
            assertEquals(new IsnGenerator(K0, K1).isn(5, LOCAL, 1, REMOTE, 2),
                    IsnGenerator.withKey(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
                            .isn(5, LOCAL, 1, REMOTE, 2));
        }

        @Test
        void differsWithTheKey() {
            assertNotEquals(IsnGenerator.fromSeed(42).isn(0, LOCAL, 49152, REMOTE, 80),
                    IsnGenerator.fromSeed(43).isn(0, LOCAL, 49152, REMOTE, 80));
            assertNotEquals(IsnGenerator.withRandomKey().isn(0, LOCAL, 49152, REMOTE, 80),
                    IsnGenerator.withRandomKey().isn(0, LOCAL, 49152, REMOTE, 80));
        }

        @Test
        void differsWhenAnyPartOfTheFourTupleDiffers() {
            long now = 7_000_000;
            Set<Integer> isns = new HashSet<>();
            isns.add(generator.isn(now, LOCAL, 49152, REMOTE, 80));
            isns.add(generator.isn(now, LOCAL + 1, 49152, REMOTE, 80));
            isns.add(generator.isn(now, LOCAL, 49153, REMOTE, 80));
            isns.add(generator.isn(now, LOCAL, 49152, REMOTE + 1, 80));
            isns.add(generator.isn(now, LOCAL, 49152, REMOTE, 81));
            isns.add(generator.isn(now, REMOTE, 80, LOCAL, 49152)); // the same connection seen from the peer
            isns.add(generator.isn(now, LOCAL, 80, REMOTE, 49152)); // ports swapped
            assertEquals(7, isns.size());
        }

        @Test
        void advancesByOneEveryFourMicroseconds() {
            int at8 = generator.isn(8, LOCAL, 49152, REMOTE, 80);
            assertEquals(at8, generator.isn(11, LOCAL, 49152, REMOTE, 80));
            assertEquals(at8 + 1, generator.isn(12, LOCAL, 49152, REMOTE, 80));
            assertEquals(at8 - 1, generator.isn(7, LOCAL, 49152, REMOTE, 80));
        }

        @Test
        void advancesBy250000EverySecond() {
            long now = 3_600_000_000L;
            int isn = generator.isn(now, LOCAL, 49152, REMOTE, 80);
            for (int seconds = 1; seconds <= 10; seconds++) {
                assertEquals(isn + 250_000 * seconds,
                        generator.isn(now + seconds * 1_000_000L, LOCAL, 49152, REMOTE, 80));
            }
        }

        @Test
        void wrapsAroundTheSequenceSpaceEvery4Point77Hours() {
            long period = (1L << 32) * IsnGenerator.TICK_MICROS;
            assertEquals(4.77, period / 3_600e6, 0.01);
            assertEquals(generator.isn(5_000_000, LOCAL, 1, REMOTE, 2),
                    generator.isn(5_000_000 + period, LOCAL, 1, REMOTE, 2));
        }

        @Test
        void portsAreTakenAsSixteenBits() {
            assertEquals(generator.isn(0, LOCAL, 80, REMOTE, 443),
                    generator.isn(0, LOCAL, 80 + 0x10000, REMOTE, 443 | 0xFFFF0000));
        }

        @Test
        void aKeyIsSixteenOctets() {
            assertThrows(IllegalArgumentException.class, () -> IsnGenerator.withKey(new byte[15]));
        }

        @Test
        void neverPrintsItsKey() {
            assertTrue(new IsnGenerator(K0, K1).toString().contains("hidden"));
        }
    }

    @Nested
    class Distribution {

        /**
         * 100,000 distinct four-tuples at one instant. If F behaves like a random function
         * into 2^32 values, the number of colliding pairs is close to Poisson with mean
         * n(n-1)/2 / 2^32 = 1.16; more than 10 has probability below 10^-6. (The tuples and the
         * key are fixed, so the test is deterministic; the bound says what a failure would mean.)
         */
        @Test
        void collisionsAmongOneHundredThousandFourTuplesAreWhatChanceAllows() {
            IsnGenerator generator = IsnGenerator.fromSeed(2024);
            SplittableRandom random = new SplittableRandom(1);
            Set<String> tuples = new HashSet<>();
            Set<Integer> isns = new HashSet<>();
            int collisions = 0;
            int topBitSet = 0;
            while (tuples.size() < 100_000) {
                int localAddr = random.nextInt();
                int localPort = random.nextInt(0x10000);
                int remoteAddr = random.nextInt();
                int remotePort = random.nextInt(0x10000);
                if (!tuples.add(localAddr + ":" + localPort + ">" + remoteAddr + ":" + remotePort)) {
                    continue;
                }
                int isn = generator.isn(1_000_000, localAddr, localPort, remoteAddr, remotePort);
                if (!isns.add(isn)) {
                    collisions++;
                }
                topBitSet += isn >>> 31;
            }
            assertTrue(collisions <= 10, collisions + " collisions");
            // Each bit is set half the time: 50,000 +- 1,000 is more than six standard deviations.
            assertEquals(50_000, topBitSet, 1_000);
        }

        @Test
        void neighbouringPortsGiveUnrelatedIsns() {
            IsnGenerator generator = IsnGenerator.fromSeed(7);
            int previous = generator.isn(0, LOCAL, 49152, REMOTE, 80);
            int smallSteps = 0;
            for (int port = 49153; port < 49153 + 10_000; port++) {
                int isn = generator.isn(0, LOCAL, port, REMOTE, 80);
                if (Math.abs((long) isn - previous) < 1 << 20) {
                    smallSteps++;
                }
                previous = isn;
            }
            // A step below 2^20 has probability about 2^-11 for unrelated values: about 5 in 10,000.
            assertTrue(smallSteps < 30, smallSteps + " of 10,000 steps were small");
        }
    }
}
