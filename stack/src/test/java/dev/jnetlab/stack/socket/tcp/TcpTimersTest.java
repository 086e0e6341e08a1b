package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.BUFFER;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_WIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpRepr;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Keep-alives (RFC 9293 §3.8.4), the user timeout (RFC 5482), and when the socket wants polling. */
class TcpTimersTest {

    /** The table itself: idle, armed, fired. */
    @Nested
    class TheTable {
        private final TcpTimers timers = new TcpTimers();

        @Test
        void everyTimerStartsIdle() {
            for (TcpTimer timer : TcpTimer.values()) {
                assertTrue(timers.isIdle(timer), timer.toString());
            }
            assertEquals(Micros.NEVER, timers.earliest());
        }

        @Test
        void aTimerExpiresAtItsDeadlineAndIsDisarmed() {
            timers.arm(TcpTimer.PERSIST, 500);
            timers.arm(TcpTimer.RETRANSMISSION, 200);
            assertEquals(200, timers.earliest());
            assertFalse(timers.expire(TcpTimer.PERSIST, 499));
            assertTrue(timers.expire(TcpTimer.PERSIST, 500));
            assertTrue(timers.isIdle(TcpTimer.PERSIST));
            assertEquals(200, timers.earliest());
        }

        @Test
        void aFiredTimerIsNeitherArmedNorIdleUntilRearmedOrCancelled() {
            timers.arm(TcpTimer.KEEP_ALIVE, 10);
            timers.fire(TcpTimer.KEEP_ALIVE);
            assertTrue(timers.isFired(TcpTimer.KEEP_ALIVE));
            assertFalse(timers.isArmed(TcpTimer.KEEP_ALIVE));
            assertFalse(timers.isIdle(TcpTimer.KEEP_ALIVE));
            timers.arm(TcpTimer.KEEP_ALIVE, 20);
            assertFalse(timers.isFired(TcpTimer.KEEP_ALIVE));
            timers.fire(TcpTimer.KEEP_ALIVE);
            timers.cancel(TcpTimer.KEEP_ALIVE);
            assertTrue(timers.isIdle(TcpTimer.KEEP_ALIVE));
        }

        @Test
        void resetMakesEveryTimerIdle() {
            timers.arm(TcpTimer.TIME_WAIT, 5);
            timers.fire(TcpTimer.PERSIST);
            timers.reset();
            assertTrue(timers.isIdle(TcpTimer.TIME_WAIT));
            assertTrue(timers.isIdle(TcpTimer.PERSIST));
        }
    }

    static final int L = LOCAL_SEQ;
    static final int R = REMOTE_SEQ;
    static final Seg PROBE = seg().seq(L).ack(R + 1).win(BUFFER);

    static Seg peerAck() {
        return seg().seq(R + 1).ack(L + 1).win(REMOTE_WIN);
    }

    @Nested
    class KeepAlive {
        @Test
        void itIsOffByDefault() {
            TcpHarness h = TcpHarness.established();
            assertEquals(Micros.NEVER, h.socket.keepAliveIdle());
            assertEquals(Micros.NEVER, h.socket.pollAt(h.now()));
            h.at(7_200_000).recvNothing();
        }

        @Test
        void anIdleConnectionIsProbedWithAnOldSequenceNumber() {
            TcpHarness h = TcpHarness.established();
            h.socket.setKeepAlive(Micros.ofSeconds(10));
            assertEquals(Micros.ofSeconds(10), h.socket.pollAt(h.now()));
            h.at(9_999).recvNothing();
            h.at(10_000).recv(PROBE);
        }

        @Test
        void eachAnswerPostponesTheNextProbe() {
            TcpHarness h = TcpHarness.established();
            h.socket.setKeepAlive(Micros.ofSeconds(10));
            h.at(10_000).recv(PROBE);
            h.at(10_020).send(peerAck());
            h.at(20_000).recvNothing();
            h.at(20_020).recv(PROBE);
        }

        @Test
        void trafficPostponesTheFirstProbe() {
            TcpHarness h = TcpHarness.established();
            h.socket.setKeepAlive(Micros.ofSeconds(10));
            h.at(5_000).send(peerAck().data("x"));
            h.recvOne();
            h.at(10_000).recvNothing();
            h.at(15_000).recv(seg().seq(L).ack(R + 2).win(BUFFER - 1));
        }

        @Test
        void unansweredProbesTimeTheConnectionOut() {
            TcpHarness h = TcpHarness.established();
            h.socket.setKeepAlive(Micros.ofSeconds(10)).setKeepAliveInterval(Micros.ofSeconds(10)).setKeepAliveProbes(3);
            h.at(10_000).recv(PROBE);
            h.at(20_000).recv(PROBE);
            h.at(30_000).recv(PROBE);
            h.at(40_000).recv(seg().rst().seq(L + 1));
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.TIMED_OUT, h.socket.closeReason());
        }

        @Test
        void unansweredProbesFollowTheIntervalNotTheIdleTime() {
            TcpHarness h = TcpHarness.established();
            h.socket.setKeepAlive(Micros.ofSeconds(10)).setKeepAliveInterval(Micros.ofSeconds(2)).setKeepAliveProbes(2);
            assertEquals(TcpSocket.DEFAULT_KEEP_ALIVE_INTERVAL, new TcpSocket(8, 8).keepAliveInterval());
            h.at(10_000).recv(PROBE);
            h.at(11_999).recvNothing();
            h.at(12_000).recv(PROBE);
            h.at(14_000).recv(seg().rst().seq(L + 1));
            assertEquals(CloseReason.TIMED_OUT, h.socket.closeReason());
        }

        @Test
        void anAnsweredProbeWaitsTheIdleTimeAgain() {
            TcpHarness h = TcpHarness.established();
            h.socket.setKeepAlive(Micros.ofSeconds(10)).setKeepAliveInterval(Micros.ofSeconds(2));
            h.at(10_000).recv(PROBE);
            h.at(12_000).recv(PROBE);
            h.at(12_500).send(peerAck());
            h.at(14_000).recvNothing();
            h.at(22_499).recvNothing();
            h.at(22_500).recv(PROBE);
        }

        @Test
        void outstandingDataIsLeftToTheRetransmissionTimer() {
            TcpHarness h = TcpHarness.established();
            h.socket.setKeepAlive(Micros.ofMillis(300));
            h.sendText("abc");
            h.recvOne();
            h.at(300).recvNothing();
            h.at(999).recvNothing();
            assertEquals(TcpState.ESTABLISHED, h.socket.state());
        }

        @Test
        void closeWaitAndFinWait2AreProbedToo() {
            TcpHarness closeWait = TcpHarness.closeWait();
            closeWait.socket.setKeepAlive(Micros.ofSeconds(1));
            closeWait.at(1_000).recv(seg().seq(L).ack(R + 2).win(BUFFER));
            TcpHarness finWait2 = TcpHarness.finWait2();
            finWait2.socket.setKeepAlive(Micros.ofSeconds(1));
            finWait2.at(1_000).recv(seg().seq(L + 1).ack(R + 1).win(BUFFER));
        }

        @Test
        void aProbeFromThePeerIsAnswered() {
            TcpHarness h = TcpHarness.established();
            h.send(seg().seq(R).ack(L + 1).win(REMOTE_WIN));
            h.recv(seg().seq(L + 1).ack(R + 1).win(BUFFER));
        }

        @Test
        void theIntervalMustBePositive() {
            assertThrows(IllegalArgumentException.class, () -> new TcpSocket(8, 8).setKeepAlive(0));
            assertThrows(IllegalArgumentException.class, () -> new TcpSocket(8, 8).setKeepAliveProbes(0));
            assertThrows(IllegalArgumentException.class, () -> new TcpSocket(8, 8).setKeepAliveInterval(0));
        }
    }

    @Nested
    class UserTimeout {
        @Test
        void dataUnacknowledgedThatLongAbortsTheConnection() {
            TcpHarness h = TcpHarness.established();
            h.socket.setUserTimeout(Micros.ofSeconds(5));
            h.sendText("abc");
            h.recvOne();
            h.at(1_000).recvOne();
            h.at(3_000).recvOne();
            h.at(4_999).recvNothing();
            h.at(5_000).recv(seg().rst().seq(L + 4));
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.USER_TIMEOUT, h.socket.closeReason());
        }

        @Test
        void progressRestartsIt() {
            TcpHarness h = TcpHarness.established();
            h.socket.setUserTimeout(Micros.ofSeconds(5)).setNagle(false);
            h.sendText("abc");
            h.recvOne();
            h.sendText("def");
            h.recvOne();
            h.at(4_000).send(peerAck().ack(L + 4));
            h.at(8_999).drain();
            h.assertState(TcpState.ESTABLISHED);
            h.at(9_000).drain();
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.USER_TIMEOUT, h.socket.closeReason());
        }

        @Test
        void itIsNotArmedWhileNothingIsOutstanding() {
            TcpHarness h = TcpHarness.established();
            h.socket.setUserTimeout(Micros.ofSeconds(5));
            assertEquals(Micros.NEVER, h.socket.pollAt(h.now()));
            h.at(60_000).recvNothing();
            h.assertState(TcpState.ESTABLISHED);
        }

        @Test
        void itBoundsAConnectionAttempt() throws TcpException {
            TcpSocket socket = TcpHarness.newSocket(64, 64).setUserTimeout(Micros.ofMillis(2500))
                    .setSackEnabled(false).setTimestampsEnabled(false).setWindowScaleEnabled(false);
            TcpHarness h = TcpHarness.synSent(socket);
            h.recvOne();
            h.at(1_000).recvOne();
            h.at(2_500).recvNothing();
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.USER_TIMEOUT, socket.closeReason());
        }

        @Test
        void withKeepAlivesASilentPeerIsGivenUpAfterIt() {
            TcpHarness h = TcpHarness.established();
            h.socket.setKeepAlive(Micros.ofSeconds(10)).setKeepAliveInterval(Micros.ofSeconds(10))
                    .setUserTimeout(Micros.ofSeconds(25));
            h.at(10_000).recv(PROBE);
            h.at(20_000).recv(PROBE);
            h.at(30_000).recv(seg().rst().seq(L + 1));
            assertEquals(CloseReason.USER_TIMEOUT, h.socket.closeReason());
        }

        @Test
        void whilePersistingItCountsFromTheFirstUnansweredProbe() {
            TcpHarness h = TcpSendTest.sender(TcpSendTest.socket().setUserTimeout(Micros.ofSeconds(5)), 100, 1000);
            h.send(TcpSendTest.ackOf(0, 0));
            h.sendText("abc");
            h.at(1_000).recvOne();
            h.at(3_000).recvOne();
            h.at(7_000).recv(seg().rst().seq(L + 2));
            assertEquals(CloseReason.USER_TIMEOUT, h.socket.closeReason());
        }

        @Test
        void unansweredProbesAreBoundedByTheRetransmissionLimit() {
            TcpHarness h = TcpSendTest.sender(TcpSendTest.socket().setMaxRetransmissions(3), 100, 1000);
            h.send(TcpSendTest.ackOf(0, 0));
            h.sendText("abc");
            h.at(1_000).recvOne();
            h.at(3_000).recvOne();
            h.at(7_000).recvOne();
            h.at(15_000).recv(seg().rst().seq(L + 2));
            assertEquals(CloseReason.TIMED_OUT, h.socket.closeReason());
        }

        @Test
        void answeredZeroWindowProbesKeepItAtBay() {
            TcpHarness h = TcpSendTest.sender(TcpSendTest.socket().setUserTimeout(Micros.ofSeconds(5)), 100, 1000);
            h.send(TcpSendTest.ackOf(0, 0));
            h.sendText("abc");
            for (int i = 0; i < 6; i++) {
                h.toPollAt().recvOne();
                h.send(TcpSendTest.ackOf(0, 0));
            }
            h.assertState(TcpState.ESTABLISHED);
        }
    }

    @Nested
    class Polling {
        @Test
        void theEarliestTimerIsReported() {
            TcpHarness h = TcpHarness.established(TcpHarness.newSocket(64, 64).setDelayedAck(true));
            h.sendText("abc");
            h.recvOne();
            assertEquals(Micros.ofSeconds(1), h.socket.pollAt(h.now()));
            h.at(100).send(peerAck().data("x"));
            assertEquals(Micros.ofMillis(140), h.socket.pollAt(h.now()));
        }

        @Test
        void nowIsReportedWhenSomethingIsReady() {
            TcpHarness h = TcpHarness.established();
            h.at(50);
            h.sendText("x");
            assertEquals(h.now(), h.socket.pollAt(h.now()));
            h.recvOne();
            assertTrue(h.socket.pollAt(h.now()) > h.now());
        }

        @Test
        void pollAtDoesNotChangeTheSocket() {
            TcpHarness h = TcpHarness.established();
            h.sendText("x");
            for (int i = 0; i < 3; i++) {
                h.socket.pollAt(h.now());
            }
            h.recv(seg().psh().seq(L + 1).ack(R + 1).win(BUFFER).data("x"));
        }

        @Test
        void aDispatchThatIsNotSentIsDescribedAgain() {
            TcpHarness h = TcpHarness.established();
            h.sendText("abc");
            TcpRepr out = new TcpRepr();
            assertTrue(h.socket.dispatch(h.now(), out));
            assertTrue(h.socket.dispatch(h.now(), out));
            assertEquals(L + 1, out.seq());
            h.recv(seg().psh().seq(L + 1).ack(R + 1).win(BUFFER).data("abc"));
        }

        @Test
        void aSegmentArrivingBetweenDispatchAndSentMakesTheDescriptionStale() {
            TcpHarness h = TcpHarness.established();
            h.sendText("abc");
            TcpRepr out = new TcpRepr();
            assertTrue(h.socket.dispatch(h.now(), out));
            h.send(seg().seq(R + 1).ack(L + 1).win(REMOTE_WIN).data("x"));
            assertThrows(IllegalStateException.class, () -> h.socket.sent(h.now(), out));
            h.recv(seg().psh().seq(L + 1).ack(R + 2).win(BUFFER - 1).data("abc"));
        }

        @Test
        void sentMustFollowTheDispatchedSegment() {
            TcpHarness h = TcpHarness.established();
            TcpRepr out = new TcpRepr().seq(5);
            assertThrows(IllegalStateException.class, () -> h.socket.sent(h.now(), out));
            assertThrows(IllegalStateException.class, () -> h.socket.copyPayload(out, new byte[8], 0));
        }

        @Test
        void theControlBlockListsArmedTimersWithTimeLeft() {
            TcpHarness h = TcpHarness.established();
            h.sendText("abc");
            h.recvOne();
            h.at(250);
            List<TcpControlBlock.ArmedTimer> timers = h.socket.controlBlock(h.now()).timers();
            assertEquals(List.of(new TcpControlBlock.ArmedTimer(TcpTimer.RETRANSMISSION, Micros.ofMillis(750))), timers);
            assertEquals("retransmission 750ms", timers.get(0).toString());
        }
    }
}
