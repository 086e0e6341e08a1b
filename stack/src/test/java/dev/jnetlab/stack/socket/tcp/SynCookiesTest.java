package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SYN cookies (RFC 4987 §3.6) in the ISS and the TSval, laid out as Linux lays them out. */
class SynCookiesTest {
    static final int LOCAL = 0xC0A84501;
    static final int REMOTE = 0xC0A84502;
    final SynCookies cookies = SynCookies.fromSeed(42);
    final long now = Micros.ofSeconds(1000);

    int encode(long at, int peerIsn, int mssIndex) {
        return cookies.encode(at, LOCAL, 80, REMOTE, 40000, peerIsn, mssIndex);
    }

    int decode(long at, int peerIsn, int cookie) {
        return cookies.decode(at, LOCAL, 80, REMOTE, 40000, peerIsn, cookie);
    }

    @Nested
    class TheIss {
        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3})
        void decodesToTheMssIndexItWasMadeWith(int mssIndex) {
            int cookie = encode(now, 123_456, mssIndex);
            assertEquals(mssIndex, decode(now, 123_456, cookie));
        }

        @ParameterizedTest
        @CsvSource({"100, 0", "535, 0", "536, 0", "1299, 0", "1300, 1", "1439, 1", "1440, 2", "1460, 3", "9000, 3"})
        void carriesTheLargestTabledMssNotAboveThePeers(int mss, int index) {
            assertEquals(index, SynCookies.mssIndex(mss));
        }

        @Test
        void isRefusedForAnotherTupleOrPeerIsnOrAnAlteredCookie() {
            int cookie = encode(now, 777, 3);
            assertEquals(-1, cookies.decode(now, LOCAL, 80, REMOTE + 1, 40000, 777, cookie));
            assertEquals(-1, cookies.decode(now, LOCAL, 80, REMOTE, 40001, 777, cookie));
            assertEquals(-1, decode(now, 777 + 0x10000, cookie));
            assertEquals(-1, decode(now, 777, cookie + (1 << 8)));
            assertEquals(-1, decode(now, 777, cookie ^ 0x0100_0000));
        }

        @Test
        void overIpv6IsRefusedFromAnAddressThatDiffersInItsHighHalfOnlyEvenWithTheSameFold() {
            long local = 0xfd00_0000_0000_0000L;
            long remote = 0xfd00_0000_0000_0000L;
            long other = IsnGeneratorTest.highFoldingLike(remote);
            assertEquals(Ipv6Address.fold(remote, 0x100), Ipv6Address.fold(other, 0x100));
            int cookie = cookies.encode(now, local, 1, 80, remote, 0x100, 40000, 777, 2);
            assertEquals(2, cookies.decode(now, local, 1, 80, remote, 0x100, 40000, 777, cookie));
            assertEquals(-1, cookies.decode(now, local, 1, 80, other, 0x100, 40000, 777, cookie));
            assertEquals(-1, cookies.decode(now, other, 1, 80, remote, 0x100, 40000, 777, cookie));
            assertNotEquals(cookie, cookies.encode(now, local, 1, 80, other, 0x100, 40000, 777, 2));
        }

        @Test
        void dependsOnTheKey() {
            assertNotEquals(encode(now, 5, 1), SynCookies.fromSeed(43).encode(now, LOCAL, 80, REMOTE, 40000, 5, 1));
            assertEquals(-1, SynCookies.fromSeed(43).decode(now, LOCAL, 80, REMOTE, 40000, 5, encode(now, 5, 1)));
        }

        @Test
        void isGoodForLessThanTwoPeriodsAndNoLonger() {
            long start = SynCookies.PERIOD * 20;
            int early = encode(start, 9, 2);
            int late = encode(start + SynCookies.PERIOD, 9, 2);
            assertEquals(2, decode(start + SynCookies.PERIOD, 9, early), "one period on: accepted");
            assertEquals(2, decode(start + 2 * SynCookies.PERIOD - 1, 9, early), "just under two: accepted");
            assertEquals(-1, decode(start + 2 * SynCookies.PERIOD, 9, early), "two periods on: expired");
            assertEquals(2, decode(start + 2 * SynCookies.PERIOD, 9, late), "sent later, still fresh");
            assertEquals(-1, decode(start + 3 * SynCookies.PERIOD, 9, late));
        }

        @Test
        void aCookieFromTheFutureIsRefused() {
            int cookie = encode(now + SynCookies.PERIOD, 9, 2);
            assertEquals(-1, decode(now, 9, cookie));
        }
    }

    @Nested
    class TheTimestamp {
        @ParameterizedTest
        @CsvSource({"-1, false", "-1, true", "0, false", "0, true", "7, true", "14, false", "14, true"})
        void carriesThePeersShiftAndSack(int shift, boolean sack) {
            for (int clock : new int[] {0, 5, 63, 64, 1_000_037, -1, Integer.MIN_VALUE}) {
                int ts = SynCookies.timestamp(clock, shift, sack);
                assertEquals(shift, SynCookies.peerShift(ts));
                assertEquals(sack, SynCookies.sackPermitted(ts));
                assertTrue(SeqNumber.le(ts, clock), () -> "not later than the clock: " + ts + " " + clock);
                assertTrue(clock - ts < 64, () -> "at most 63 ticks earlier: " + ts + " " + clock);
            }
        }

        @Test
        void theEcnBitStaysClear() {
            assertEquals(0, SynCookies.timestamp(0x7FFF_FFC0, 14, true) & 0x20);
        }

        @Test
        void allFourBitsSetMeanNoWindowScaling() {
            assertEquals(-1, SynCookies.peerShift(0x0F));
            assertFalse(SynCookies.sackPermitted(0x0F));
        }
    }
}
