package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpRepr;
import dev.jnetlab.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md §4 for a listener under a SYN flood: once its half-open queue is full, every further
 * SYN is answered with a cookie (encoding it, and filling the SYN,ACK with every option), and a
 * forged ACK is checked and answered with an RST, all without allocating.
 */
class SynCookieZeroAllocationTest {
    static final int LOCAL = 0xC0A84501;
    static final int FLOOD = 100_000;

    final TcpListener listener = new TcpListener(new Endpoint(LOCAL, 80), 4, 8,
            () -> new TcpSocket(64 * 1024, 64 * 1024)).setSynCookies(SynCookies.fromSeed(1));
    final TcpRepr in = new TcpRepr();
    final TcpRepr reply = new TcpRepr();
    long now = 1_000_000;
    long replies;

    @Test
    void aFloodOfSynsAndForgedAcksAllocatesNothingPerSegment() {
        flood(0, 1000);
        assertEquals(8, listener.halfOpenCount());
        AllocationMeter.assertNoAllocationPerFrame(FLOOD, () -> flood(1000, FLOOD));
        // The flood ran three times (1000 segments, then a warm-up and a measured run), half SYNs.
        int segments = 1000 + 2 * FLOOD;
        assertEquals(segments / 2 - 8, listener.cookiesSent(), "every SYN after the first eight");
        assertEquals(segments / 2 - 8, listener.cookiesRejected(), "every ACK after the first cookie");
        assertEquals(segments - 8, replies, "every SYN (but the eight admitted) and every ACK answered at once");
    }

    @Test
    void soDoesAFloodOverIpv6WhoseCookiesHashTheWholeAddresses() {
        TcpListener any = new TcpListener(new Endpoint(0, 80), 4, 8,
                () -> new TcpSocket(64 * 1024, 64 * 1024)).setSynCookies(SynCookies.fromSeed(1));
        flood6(any, 0, 1000);
        assertEquals(8, any.halfOpenCount());
        AllocationMeter.assertNoAllocationPerFrame(FLOOD, () -> flood6(any, 1000, FLOOD));
        int segments = 1000 + 2 * FLOOD;
        assertEquals(segments / 2 - 8, any.cookiesSent(), "every SYN after the first eight");
        assertEquals(segments / 2 - 8, any.cookiesRejected(), "every ACK after the first cookie");
    }

    /** {@link #flood} from forged sources fd00::/64 to fd00::1. */
    void flood6(TcpListener target, int from, int count) {
        for (int i = from; i < from + count; i++) {
            in.clear();
            in.ipv6Addresses(0xfd00_0000_0000_0000L, 0x1000_0000L + i, 0xfd00_0000_0000_0000L, 1)
                    .sourcePort(1024 + (i & 0x7FFF)).destinationPort(80).seq(i * 7919).window(1024);
            if ((i & 1) == 0) {
                in.flags(TcpFlags.SYN).mss(1440).windowScale(7).sackPermitted(true).timestamps(i, 0);
            } else {
                in.ack(i * 31).timestamps(i, i * 13);
            }
            if (target.process(now, in.destinationAddress(), in.sourceAddress(), in, reply)) {
                target.replied(now, reply);
            }
            now += 10;
        }
    }

    /** Every other segment a SYN with every option from a new forged source, the rest forged ACKs. */
    void flood(int from, int count) {
        for (int i = from; i < from + count; i++) {
            in.clear();
            in.sourceAddress(0x0B000000 + i).destinationAddress(LOCAL).sourcePort(1024 + (i & 0x7FFF)).destinationPort(80)
                    .seq(i * 7919).window(1024);
            if ((i & 1) == 0) {
                in.flags(TcpFlags.SYN).mss(1460).windowScale(7).sackPermitted(true).timestamps(i, 0);
            } else {
                in.ack(i * 31).timestamps(i, i * 13);
            }
            if (listener.process(now, LOCAL, 0x0B000000 + i, in, reply)) {
                listener.replied(now, reply);
                replies++;
            }
            now += 10;
        }
    }
}
