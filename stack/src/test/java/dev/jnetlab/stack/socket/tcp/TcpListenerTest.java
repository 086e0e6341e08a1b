package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_ADDR;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpRepr;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A port with a backlog: many pending connections, each accepted as its own socket. */
class TcpListenerTest {

    static final int L = LOCAL_SEQ;
    static final int CLIENT = 0x0A000001;

    /** Builds listeners whose sockets come from a counting factory. */
    static final class Fixture {
        int made;
        final TcpListener listener;
        final TcpHarness h;

        Fixture(int backlog, int maxHalfOpen) {
            listener = new TcpListener(LOCAL, backlog, maxHalfOpen, () -> {
                made++;
                return TcpHarness.newSocket(64, 64);
            });
            h = new TcpHarness(listener);
        }

        /** Client {@code n} (port 40000 + n, ISS 1000 * n) sends its SYN; returns the SYN,ACK. */
        Seg syn(int n) {
            h.from(CLIENT, 40_000 + n);
            h.send(seg().syn().seq(1000 * n).win(512).mss(1460));
            List<TcpHarness.Addressed> out = h.drainAddressed();
            assertEquals(1, out.size(), () -> "one SYN,ACK expected: " + out);
            assertEquals(40_000 + n, out.get(0).port());
            return out.get(0).seg();
        }

        /** Client {@code n} completes its handshake. */
        void ack(int n) {
            h.from(CLIENT, 40_000 + n);
            h.send(seg().seq(1000 * n + 1).ack(L + 1).win(512));
        }

        void connect(int n) {
            syn(n);
            ack(n);
            assertEquals(List.of(), h.drainAddressed());
        }
    }

    @Nested
    class Handshakes {
        @Test
        void aSynIsAnsweredAndTheCompletedConnectionIsAccepted() {
            Fixture f = new Fixture(4, 4);
            assertEquals(seg().syn().seq(L).ack(1001).win(64).mss(1460), f.syn(1));
            assertEquals(Optional.empty(), f.listener.accept());
            assertEquals(1, f.listener.halfOpenCount());
            f.ack(1);
            TcpSocket socket = f.listener.accept().orElseThrow();
            assertEquals(TcpState.ESTABLISHED, socket.state());
            assertEquals(new Endpoint(CLIENT, 40_001), socket.remoteEndpoint());
            assertEquals(LOCAL, socket.localEndpoint());
            assertEquals(Optional.empty(), f.listener.accept());
        }

        @Test
        void severalConnectionsWaitOnOnePortAndAreAcceptedInOrderOfCompletion() {
            Fixture f = new Fixture(4, 4);
            f.syn(1);
            f.syn(2);
            f.syn(3);
            f.ack(3);
            f.ack(1);
            f.ack(2);
            assertEquals(3, f.listener.readyCount());
            assertEquals(40_003, f.listener.accept().orElseThrow().remotePort());
            assertEquals(40_001, f.listener.accept().orElseThrow().remotePort());
            assertEquals(40_002, f.listener.accept().orElseThrow().remotePort());
            assertEquals(3, f.listener.acceptedCount());
        }

        @Test
        void dataSentBeforeAcceptIsAcknowledgedAndKept() throws TcpException {
            Fixture f = new Fixture(4, 4);
            f.connect(1);
            f.h.send(seg().seq(1001).ack(L + 1).win(512).data("early bird"));
            assertEquals(List.of(new TcpHarness.Addressed(CLIENT, 40_001, seg().seq(L + 1).ack(1011).win(54))),
                    f.h.drainAddressed());
            TcpSocket socket = f.listener.accept().orElseThrow();
            byte[] buffer = new byte[64];
            assertEquals(10, socket.recv(buffer, 0, 64));
        }

        @Test
        void clientsWithTheSamePortOnDifferentAddressesAreDistinct() {
            Fixture f = new Fixture(4, 4);
            f.h.from(CLIENT, 5000).send(seg().syn().seq(100).win(512));
            f.h.from(CLIENT + 1, 5000).send(seg().syn().seq(900).win(512));
            assertEquals(2, f.h.drainAddressed().size());
            assertEquals(2, f.listener.halfOpenCount());
            f.h.from(CLIENT + 1, 5000).send(seg().seq(901).ack(L + 1).win(512));
            assertEquals(CLIENT + 1, f.listener.accept().orElseThrow().remoteAddress());
        }

        @Test
        void aRetransmittedSynReachesItsHalfOpenConnection() {
            Fixture f = new Fixture(4, 4);
            Seg synAck = f.syn(1);
            assertEquals(synAck, f.syn(1));
            assertEquals(1, f.listener.halfOpenCount());
            assertEquals(1, f.made);
        }

        @Test
        void theFactoryConfiguresTheConnections() {
            TcpListener listener = new TcpListener(LOCAL, 2, () -> TcpHarness.newSocket(1 << 20, 64));
            TcpHarness h = new TcpHarness(listener);
            h.send(seg().syn().seq(5).win(512).mss(1200).ws(3).sackOk());
            assertEquals(seg().syn().seq(L).ack(6).win(65535).mss(1460).ws(5).sackOk(), h.drainAddressed().get(0).seg());
        }

        @Test
        void itListensOnOneAddressOrOnAll() {
            TcpListener one = new TcpListener(LOCAL, 2, () -> TcpHarness.newSocket(64, 64));
            TcpListener all = new TcpListener(new Endpoint(0, 80), 2, () -> TcpHarness.newSocket(64, 64));
            TcpRepr syn = seg().syn().seq(5).fill(new TcpRepr(), 5555, 80);
            assertTrue(one.accepts(LOCAL_ADDR, CLIENT, syn));
            assertFalse(one.accepts(LOCAL_ADDR + 1, CLIENT, syn));
            assertTrue(all.accepts(LOCAL_ADDR + 1, CLIENT, syn));
            assertFalse(all.accepts(LOCAL_ADDR, CLIENT, seg().syn().seq(5).fill(new TcpRepr(), 5555, 81)));
        }

        @Test
        void badArgumentsAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> new TcpListener(new Endpoint(LOCAL_ADDR, 0), 1, () -> new TcpSocket(64, 64)));
            assertThrows(IllegalArgumentException.class, () -> new TcpListener(LOCAL, 0, () -> new TcpSocket(64, 64)));
        }
    }

    @Nested
    class AsAListeningPort {
        @Test
        void anAckForNoConnectionIsAnsweredWithAnRst() {
            Fixture f = new Fixture(4, 4);
            f.h.from(CLIENT, 7).send(seg().seq(1).ack(4242).win(512));
            assertEquals(List.of(new TcpHarness.Addressed(CLIENT, 7, seg().rst().seq(4242))), f.h.drainAddressed());
        }

        @Test
        void anRstOrABareSegmentIsIgnored() {
            Fixture f = new Fixture(4, 4);
            f.h.from(CLIENT, 7).send(seg().rst().seq(1));
            f.h.send(seg().fin().seq(1));
            assertEquals(List.of(), f.h.drainAddressed());
            assertEquals(0, f.made);
        }

        @Test
        void nothingIsArmedWhileNothingIsPending() {
            Fixture f = new Fixture(4, 4);
            assertEquals(Micros.NEVER, f.listener.pollAt(0));
            f.syn(1);
            assertEquals(Micros.ofSeconds(1), f.listener.pollAt(0));
        }
    }

    @Nested
    class Bounds {
        @Test
        void aFullBacklogDropsNewSynsSilentlyUntilAnAccept() {
            Fixture f = new Fixture(2, 4);
            f.connect(1);
            f.connect(2);
            f.h.from(CLIENT, 40_003).send(seg().syn().seq(3000).win(512));
            assertEquals(List.of(), f.h.drainAddressed());
            assertEquals(1, f.listener.synsDroppedBacklogFull());
            f.listener.accept().orElseThrow();
            f.syn(3);
        }

        @Test
        void whenTooManyAreHalfOpenASynGetsACookieAndNothingIsKept() {
            Fixture f = new Fixture(4, 2);
            f.syn(1);
            f.syn(2);
            Seg cookie = f.syn(3);
            assertTrue(cookie.is(TcpFlags.SYN) && cookie.is(TcpFlags.ACK));
            assertEquals(3001, cookie.ack);
            assertTrue(cookie.seq != L, "the ISS is the cookie, not the ISN source's");
            assertEquals(2, f.listener.halfOpenCount());
            assertEquals(1, f.listener.cookiesSent());
            // The half-open ones are never dropped to make room: both still complete.
            f.ack(1);
            f.ack(2);
            assertEquals(2, f.listener.readyCount());
        }

        @Test
        void aSynFloodNeitherExhaustsMemoryNorLocksOutARealClientWhateverItsRoundTrip() {
            Fixture f = new Fixture(4, 8);
            Seg synAck = null;
            for (int i = 0; i < 1000; i++) {
                f.h.from(0x0B000000 + i, 1024 + i).send(seg().syn().seq(i * 7).win(512));
                f.h.drainAddressed();
                if (i == 100) {
                    // The real client's SYN in the middle of the flood...
                    f.h.from(CLIENT, 40_001).send(seg().syn().seq(1000).win(512).mss(1460));
                    synAck = f.h.drainAddressed().get(0).seg();
                }
                if (i == 900) {
                    // ...and its ACK, 800 forged SYNs later: far more than the queue holds.
                    f.h.from(CLIENT, 40_001).send(seg().seq(1001).ack(synAck.seq + 1).win(512));
                    assertEquals(List.of(), f.h.drainAddressed(), "no RST for the real client");
                }
            }
            assertEquals(8, f.listener.halfOpenCount());
            assertTrue(f.made <= 10, () -> "sockets made: " + f.made);
            assertEquals(1001 - 8, f.listener.cookiesSent());
            assertEquals(1, f.listener.cookiesValidated());
            TcpSocket real = f.listener.accept().orElseThrow();
            assertEquals(40_001, real.remotePort());
            assertEquals(TcpState.ESTABLISHED, real.state());
            assertEquals(1460, real.controlBlock(f.h.now()).peerMss());
        }

        @Test
        void anRstRecyclesAHalfOpenSocket() {
            Fixture f = new Fixture(4, 4);
            f.syn(1);
            f.h.from(CLIENT, 40_001).send(seg().rst().seq(1001));
            assertEquals(0, f.listener.halfOpenCount());
            f.syn(2);
            assertEquals(1, f.made);
        }

        @Test
        void aHalfOpenConnectionThatGetsNoAckIsRecycled() {
            Fixture f = new Fixture(4, 4);
            TcpSocket[] made = new TcpSocket[1];
            TcpListener listener = new TcpListener(LOCAL, 4, 4, () -> {
                made[0] = TcpHarness.newSocket(64, 64).setMaxRetransmissions(1);
                return made[0];
            });
            TcpHarness h = new TcpHarness(listener);
            h.from(CLIENT, 9).send(seg().syn().seq(1).win(512));
            assertEquals(1, h.drainAddressed().size());
            h.at(1000);
            assertEquals(1, h.drainAddressed().size());
            h.at(3000);
            assertEquals(0, h.drainAddressed().size());
            assertEquals(0, listener.halfOpenCount());
            assertEquals(TcpState.CLOSED, made[0].state());
            assertEquals(Micros.NEVER, listener.pollAt(h.now()));
            assertEquals(0, f.made);
        }

        @Test
        void aConnectionResetBeforeItIsAcceptedLeavesTheQueue() {
            Fixture f = new Fixture(4, 4);
            f.connect(1);
            f.h.from(CLIENT, 40_001).send(seg().rst().seq(1001));
            assertEquals(0, f.listener.readyCount());
            assertEquals(Optional.empty(), f.listener.accept());
        }

        @Test
        void aConnectionClosedByThePeerBeforeAcceptIsStillHandedOut() {
            Fixture f = new Fixture(4, 4);
            f.connect(1);
            f.h.from(CLIENT, 40_001).send(seg().fin().seq(1001).ack(L + 1).win(512).data("bye"));
            assertEquals(1, f.h.drainAddressed().size());
            TcpSocket socket = f.listener.accept().orElseThrow();
            assertEquals(TcpState.CLOSE_WAIT, socket.state());
            assertEquals(3, socket.recvQueue());
        }
    }

    /** SYN cookies (RFC 4987 §3.6) when the half-open queue is full. */
    @Nested
    class Cookies {
        final Fixture f = new Fixture(4, 1);

        Fixture full() {
            f.syn(1);
            return f;
        }

        Seg cookieSyn(Seg syn) {
            f.h.from(CLIENT, 40_002).send(syn);
            List<TcpHarness.Addressed> out = f.h.drainAddressed();
            assertEquals(1, out.size(), () -> "one SYN,ACK: " + out);
            return out.get(0).seg();
        }

        TcpSocket ackAndAccept(Seg ack) {
            f.h.from(CLIENT, 40_002).send(ack);
            assertEquals(List.of(), f.h.drainAddressed());
            return f.listener.accept().orElseThrow();
        }

        @ParameterizedTest
        @CsvSource({"0, true", "0, false", "7, true", "14, false", "14, true"})
        void theWindowShiftAndSackComeBackInTheEchoedTimestamp(int shift, boolean sack) {
            full();
            Seg syn = seg().syn().seq(5000).win(512).mss(1440).ws(shift).ts(777, 0);
            Seg synAck = cookieSyn(sack ? syn.sackOk() : syn);
            assertEquals(0, synAck.windowScale, "our shift for 64-octet buffers");
            assertEquals(sack, synAck.sackPermitted);
            assertEquals(777, synAck.tsEcr);
            f.h.advance(30);
            TcpSocket accepted = ackAndAccept(seg().seq(5001).ack(synAck.seq + 1).win(100).ts(800, synAck.tsVal));
            TcpControlBlock tcb = accepted.controlBlock(f.h.now());
            assertEquals(TcpState.ESTABLISHED, tcb.state());
            assertTrue(tcb.windowScaleNegotiated());
            assertEquals(shift, tcb.sndWindowShift());
            assertEquals(100 << shift, tcb.sndWnd());
            assertEquals(sack, tcb.sackNegotiated());
            assertTrue(tcb.timestampsNegotiated());
            assertEquals(1440, tcb.peerMss());
            assertEquals(synAck.seq, tcb.iss());
            assertEquals(5000, tcb.irs());
            assertEquals(1, f.listener.cookiesValidated());
        }

        @Test
        void withoutTimestampsOnlyTheMssIsKeptAndNothingElseIsOffered() {
            full();
            Seg synAck = cookieSyn(seg().syn().seq(5000).win(512).mss(1400).ws(7).sackOk());
            assertEquals(null, synAck.windowScale);
            assertFalse(synAck.sackPermitted);
            assertEquals(null, synAck.tsVal);
            TcpControlBlock tcb = ackAndAccept(seg().seq(5001).ack(synAck.seq + 1).win(300)).controlBlock(f.h.now());
            assertFalse(tcb.windowScaleNegotiated() || tcb.sackNegotiated() || tcb.timestampsNegotiated());
            assertEquals(1300, tcb.peerMss(), "the largest tabled MSS not above 1400");
            assertEquals(300, tcb.sndWnd());
        }

        @Test
        void dataOnTheAckIsTakenAtOnce() throws TcpException {
            full();
            Seg synAck = cookieSyn(seg().syn().seq(5000).win(512).mss(1460));
            f.h.from(CLIENT, 40_002).send(seg().seq(5001).ack(synAck.seq + 1).win(512).data("hello"));
            TcpSocket accepted = f.listener.accept().orElseThrow();
            byte[] got = new byte[16];
            assertEquals(5, accepted.recv(got, 0, got.length));
        }

        @Test
        void aWrongCookieIsAnsweredWithAnRstAndCounted() {
            full();
            Seg synAck = cookieSyn(seg().syn().seq(5000).win(512).mss(1460));
            f.h.from(CLIENT, 40_002).send(seg().seq(5001).ack(synAck.seq + 2).win(512));
            assertEquals(List.of(new TcpHarness.Addressed(CLIENT, 40_002, seg().rst().seq(synAck.seq + 2))),
                    f.h.drainAddressed());
            assertEquals(1, f.listener.cookiesRejected());
            assertEquals(Optional.empty(), f.listener.accept());
        }

        @Test
        void aCookieTwoMinutesOldIsRefused() {
            full();
            Seg synAck = cookieSyn(seg().syn().seq(5000).win(512).mss(1460));
            f.h.advance(2 * 60_000 - 1);
            f.ack(1);
            f.listener.accept().orElseThrow();
            // Just in time for the counter to have moved by one period at most... or two at the least:
            // whichever, a cookie is never good for two whole periods.
            f.h.advance(SynCookies.PERIOD * SynCookies.MAX_AGE / 1000);
            f.h.from(CLIENT, 40_002).send(seg().seq(5001).ack(synAck.seq + 1).win(512));
            assertEquals(1, f.h.drainAddressed().size());
            assertEquals(0, f.listener.cookiesValidated());
        }

        @Test
        void aValidCookieAckWhenTheBacklogIsFullIsDroppedForTheClientToRetry() {
            Fixture g = new Fixture(1, 1);
            g.syn(1);
            g.h.from(CLIENT, 40_004).send(seg().syn().seq(4000).win(512).mss(1460));
            Seg cookie = g.h.drainAddressed().get(0).seg();
            g.ack(1);
            g.h.from(CLIENT, 40_004).send(seg().seq(4001).ack(cookie.seq + 1).win(512));
            assertEquals(List.of(), g.h.drainAddressed(), "dropped, not reset");
            assertEquals(1, g.listener.cookieAcksDroppedBacklogFull());
            assertEquals(40_001, g.listener.accept().orElseThrow().remotePort());
            g.h.from(CLIENT, 40_004).send(seg().seq(4001).ack(cookie.seq + 1).win(512));
            assertEquals(40_004, g.listener.accept().orElseThrow().remotePort());
        }
    }

    /** Linux's tcp_syncookies: 0 never, 1 when the half-open queue is full, 2 always. */
    @Nested
    class CookieModes {
        @Test
        void neverDropsTheSynThatFindsTheQueueFullAndCountsIt() {
            Fixture f = new Fixture(4, 1);
            f.listener.setSynCookieMode(SynCookieMode.NEVER);
            f.syn(1);
            f.h.from(CLIENT, 40_002).send(seg().syn().seq(2000).win(512).mss(1460));
            assertEquals(List.of(), f.h.drainAddressed(), "no SYN,ACK, no RST");
            assertEquals(1, f.listener.synsDroppedHalfOpenFull());
            assertEquals(0, f.listener.cookiesSent());
            // Once the half-open one completes there is room again.
            f.ack(1);
            f.syn(2);
        }

        @Test
        void neverReadsNoCookieEvenOneSentBeforeCookiesWereTurnedOff() {
            Fixture f = new Fixture(4, 1);
            f.syn(1);
            Seg cookie = f.syn(2);
            f.listener.setSynCookieMode(SynCookieMode.NEVER);
            f.h.from(CLIENT, 40_002).send(seg().seq(2001).ack(cookie.seq + 1).win(512));
            assertEquals(List.of(new TcpHarness.Addressed(CLIENT, 40_002, seg().rst().seq(cookie.seq + 1))),
                    f.h.drainAddressed(), "an ACK for no connection");
            assertEquals(0, f.listener.cookiesValidated());
            assertEquals(0, f.listener.cookiesRejected(), "not read as a cookie at all");
        }

        @Test
        void alwaysAnswersEverySynWithACookieAndKeepsNothing() {
            Fixture f = new Fixture(4, 8);
            f.listener.setSynCookieMode(SynCookieMode.ALWAYS);
            Seg cookie = f.syn(1);
            assertTrue(cookie.seq != L, "the ISS is the cookie");
            assertEquals(0, f.listener.halfOpenCount());
            assertEquals(1, f.listener.cookiesSent());
            f.h.from(CLIENT, 40_001).send(seg().seq(1001).ack(cookie.seq + 1).win(512));
            assertEquals(1, f.listener.cookiesValidated());
            assertEquals(40_001, f.listener.accept().orElseThrow().remotePort());
        }

        @ParameterizedTest
        @CsvSource({"0, NEVER", "1, WHEN_FULL", "2, ALWAYS"})
        void theModesAreLinuxsValues(int value, SynCookieMode mode) {
            assertEquals(mode, SynCookieMode.ofLinuxValue(value));
        }

        @Test
        void aLinuxValueOutOfRangeIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> SynCookieMode.ofLinuxValue(3));
        }
    }

    @Nested
    class Closing {
        @Test
        void closeResetsEveryPendingConnectionAndTakesNoMoreSyns() {
            Fixture f = new Fixture(4, 4);
            f.connect(1);
            f.syn(2);
            f.listener.close();
            List<TcpHarness.Addressed> out = f.h.drainAddressed();
            assertEquals(2, out.size());
            assertTrue(out.stream().allMatch(a -> a.seg().is(TcpFlags.RST)));
            assertFalse(f.listener.isOpen());
            TcpRepr syn = seg().syn().seq(5).fill(new TcpRepr(), 5555, 80);
            assertFalse(f.listener.accepts(LOCAL_ADDR, CLIENT, syn));
            assertEquals(Optional.empty(), f.listener.accept());
            assertEquals(0, f.listener.halfOpenCount());
        }
    }
}
