package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_SEQ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpFlags;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The sending half: windows, Nagle, silly windows, retransmission, persist, loss recovery. */
class TcpSendTest {

    static final int L = LOCAL_SEQ;
    static final int R = REMOTE_SEQ;

    /** A connection whose peer announced {@code mss} and {@code window}; Nagle as given. */
    static TcpHarness sender(TcpSocket socket, int mss, int window) {
        TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(window).mss(mss));
        h.recvOne();
        h.send(seg().seq(R + 1).ack(L + 1).win(window));
        h.assertState(TcpState.ESTABLISHED);
        return h;
    }

    static TcpSocket socket() {
        return TcpHarness.newSocket(64, 4096).setNagle(false);
    }

    /** The peer acknowledges {@code offset} octets of our data with {@code window}. */
    static Seg ackOf(int offset, int window) {
        return seg().seq(R + 1).ack(L + 1 + offset).win(window);
    }

    /** Our data segment at {@code offset} with the given payload length, as the test compares it. */
    static Seg ours(int offset, byte[] all, int length) {
        byte[] part = java.util.Arrays.copyOfRange(all, offset, offset + length);
        return seg().seq(L + 1 + offset).ack(R + 1).win(64).data(part);
    }

    static List<Integer> offsets(List<Seg> segments) {
        return segments.stream().map(s -> s.seq - L - 1).toList();
    }

    static List<Integer> lengths(List<Seg> segments) {
        return segments.stream().map(s -> s.payload.length).toList();
    }

    @Nested
    class Windows {
        @Test
        void severalSegmentsFlyUpToThePeerWindow() {
            TcpHarness h = sender(socket(), 100, 300);
            byte[] data = TcpHarness.bytes(1000, 3);
            h.sendBytes(data);
            h.recv(ours(0, data, 100), ours(100, data, 100), ours(200, data, 100));
            h.send(ackOf(100, 300));
            h.recv(ours(300, data, 100));
            assertEquals(300, h.socket.controlBlock(h.now()).inFlight());
        }

        @Test
        void aWindowUpdateOpensMoreRoom() {
            TcpHarness h = sender(socket(), 100, 300);
            h.sendBytes(TcpHarness.bytes(1000, 3));
            assertEquals(3, h.drain().size());
            h.send(ackOf(0, 500));
            assertEquals(List.of(300, 400), offsets(h.drain()));
        }

        @Test
        void anOlderSegmentDoesNotUpdateTheWindow() {
            TcpHarness h = sender(socket(), 100, 300);
            h.send(seg().seq(R + 4).ack(L + 1).win(1000).data("def"));
            h.send(seg().seq(R + 1).ack(L + 1).win(300).data("abc"));
            assertEquals(1000, h.socket.controlBlock(h.now()).sndWnd());
            assertEquals(R + 4, h.socket.controlBlock(h.now()).sndWl1());
        }

        @Test
        void sendTakesWhatFitsInTheQueue() throws TcpException {
            TcpHarness h = TcpHarness.established();
            assertEquals(64, h.sendBytes(new byte[100]));
            assertFalse(h.socket.canSend());
            assertTrue(h.socket.maySend());
            assertEquals(0, h.socket.send(new byte[1], 0, 1));
            h.drain();
            h.send(seg().seq(R + 1).ack(L + 65).win(256));
            assertTrue(h.socket.canSend());
            assertEquals(0, h.socket.sendQueue());
        }

        @Test
        void pushMarksTheSegmentThatEmptiesTheQueue() {
            TcpHarness h = sender(socket(), 100, 1000);
            h.sendBytes(TcpHarness.bytes(150, 1));
            List<Seg> out = h.drain();
            assertFalse(out.get(0).is(TcpFlags.PSH));
            assertTrue(out.get(1).is(TcpFlags.PSH));
        }

        @Test
        void senderSillyWindowAvoidanceWaitsForAUsefulWindow() {
            TcpHarness h = sender(socket(), 100, 250);
            h.sendBytes(TcpHarness.bytes(1000, 1));
            // 100 + 100, then 50 would fit but is less than half the largest window: wait.
            assertEquals(List.of(100, 100), lengths(h.drain()));
            h.send(ackOf(100, 250));
            assertEquals(List.of(100), lengths(h.drain()));
            h.send(ackOf(300, 250));
            assertEquals(List.of(100, 100), lengths(h.drain()));
        }

        @Test
        void aSmallWindowIsUsedWhenNothingIsInFlight() {
            TcpHarness h = sender(socket(), 100, 30);
            h.sendBytes(TcpHarness.bytes(100, 1));
            assertEquals(List.of(30), lengths(h.drain()));
        }
    }

    @Nested
    class Nagle {
        @Test
        void itIsOnByDefault() {
            assertTrue(new TcpSocket(8, 8).nagle());
        }

        @Test
        void aSmallSegmentWaitsWhileDataIsUnacknowledged() {
            TcpHarness h = sender(TcpHarness.newSocket(64, 4096), 100, 1000);
            h.sendText("a");
            h.recv(seg().psh().seq(L + 1).ack(R + 1).win(64).data("a"));
            h.sendText("b");
            h.sendText("c");
            h.recvNothing();
            h.send(ackOf(1, 1000));
            h.recv(seg().psh().seq(L + 2).ack(R + 1).win(64).data("bc"));
        }

        @Test
        void fullSegmentsAreNotHeld() {
            TcpHarness h = sender(TcpHarness.newSocket(64, 4096), 100, 1000);
            h.sendBytes(TcpHarness.bytes(250, 1));
            assertEquals(List.of(100, 100), lengths(h.drain()));
            h.send(ackOf(200, 1000));
            assertEquals(List.of(50), lengths(h.drain()));
        }

        @Test
        void whenOffSmallSegmentsGoAtOnce() {
            TcpHarness h = sender(socket(), 100, 1000);
            h.sendText("a");
            h.recvOne();
            h.sendText("b");
            h.recv(seg().psh().seq(L + 2).ack(R + 1).win(64).data("b"));
        }

        @Test
        void theFinIsNotHeldBack() {
            TcpHarness h = sender(TcpHarness.newSocket(64, 4096), 100, 1000);
            h.sendText("a");
            h.recvOne();
            h.sendText("b");
            h.recvNothing();
            h.socket.close();
            h.recv(seg().fin().psh().seq(L + 2).ack(R + 1).win(64).data("b"));
        }
    }

    @Nested
    class RetransmissionTimeout {
        @Test
        void theOldestSegmentIsSentAgainAfterOneSecond() {
            TcpHarness h = TcpHarness.established();
            h.sendText("abc");
            Seg data = seg().psh().seq(L + 1).ack(R + 1).win(64).data("abc");
            h.recv(data);
            assertEquals(Micros.ofSeconds(1), h.socket.pollAt(h.now()));
            h.at(999).recvNothing();
            h.at(1000).recv(data);
        }

        @Test
        void theTimeoutDoublesEachTime() {
            TcpHarness h = TcpHarness.established();
            h.sendText("abc");
            h.recvOne();
            h.at(1000).recvOne();
            h.at(2999).recvNothing();
            h.at(3000).recvOne();
            h.at(7000).recvOne();
            h.at(15000).recvOne();
            assertEquals(4, h.socket.controlBlock(h.now()).timeouts());
            assertEquals(4, h.socket.controlBlock(h.now()).retransmissions());
        }

        @Test
        void theTimeoutIsCappedAtSixtySeconds() {
            TcpHarness h = TcpHarness.established();
            h.sendText("abc");
            h.recvOne();
            long at = 0;
            for (int i = 0; i < 8; i++) {
                at = h.socket.pollAt(h.now());
                h.clock.advanceTo(at);
                h.recvOne();
            }
            assertEquals(Micros.ofSeconds(60), h.socket.pollAt(h.now()) - at);
        }

        @Test
        void withoutCongestionControlTheWholeWindowIsSentAgain() {
            TcpHarness h = sender(socket(), 100, 1000);
            h.sendBytes(TcpHarness.bytes(300, 1));
            h.drain();
            h.at(1000);
            assertEquals(List.of(0, 100, 200), offsets(h.drain()));
        }

        @Test
        void withACongestionWindowTheRestFollowsTheAcks() {
            RecordingCongestionControl cc = new RecordingCongestionControl();
            TcpHarness h = sender(socket().setCongestionControl(cc), 100, 1000);
            h.sendBytes(TcpHarness.bytes(300, 1));
            assertEquals(3, h.drain().size());
            h.at(1000);
            assertEquals(List.of(0), offsets(h.drain()));
            assertEquals("timeout 300", cc.events().get(cc.events().size() - 1));
            h.send(ackOf(100, 1000));
            assertEquals(List.of(100, 200), offsets(h.drain()));
        }

        @Test
        void anAckRestartsTheTimer() {
            TcpHarness h = sender(socket(), 100, 1000);
            h.sendBytes(TcpHarness.bytes(200, 1));
            h.drain();
            h.at(500).send(ackOf(100, 1000));
            assertEquals(Micros.ofMillis(1500), h.socket.pollAt(h.now()));
            h.at(1500);
            assertEquals(List.of(100), offsets(h.drain()));
        }

        @Test
        void theTimerStopsWhenEverythingIsAcknowledged() {
            TcpHarness h = TcpHarness.established();
            h.sendText("abc");
            h.recvOne();
            h.send(seg().seq(R + 1).ack(L + 4).win(256));
            assertEquals(Micros.NEVER, h.socket.pollAt(h.now()));
        }

        @Test
        void afterTheRetransmissionLimitTheConnectionIsResetAndTimesOut() {
            TcpHarness h = TcpHarness.established();
            h.socket.setMaxRetransmissions(3);
            h.sendText("abc");
            h.recvOne();
            h.at(1000).recvOne();
            h.at(3000).recvOne();
            h.at(7000).recvOne();
            h.at(15000).recv(seg().rst().seq(L + 4));
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.TIMED_OUT, h.socket.closeReason());
        }

        @Test
        void anAckOfTheRetransmissionRestoresTheConnection() {
            TcpHarness h = TcpHarness.established();
            h.sendText("abc");
            h.recvOne();
            h.at(1000).recvOne();
            h.send(seg().seq(R + 1).ack(L + 4).win(256));
            assertEquals(0, h.socket.sendQueue());
            assertEquals(Micros.NEVER, h.socket.pollAt(h.now()));
        }
    }

    @Nested
    class RoundTripTime {
        TcpHarness timed() {
            TcpSocket socket = socket().setMinRto(Micros.ofMillis(1));
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(100));
            h.recvOne();
            h.at(50).send(seg().seq(R + 1).ack(L + 1).win(1000));
            return h;
        }

        @Test
        void theHandshakeGivesTheFirstSample() {
            TcpHarness h = timed();
            TcpControlBlock tcb = h.socket.controlBlock(h.now());
            assertEquals(Micros.ofMillis(50), tcb.srtt());
            assertEquals(Micros.ofMillis(25), tcb.rttvar());
            assertEquals(Micros.ofMillis(150), tcb.rto());
        }

        @Test
        void laterSamplesFollowRfc6298() {
            TcpHarness h = timed();
            h.at(1000).sendText("abc");
            h.recvOne();
            h.at(1100).send(ackOf(3, 1000));
            TcpControlBlock tcb = h.socket.controlBlock(h.now());
            assertEquals(56_250, tcb.srtt());
            assertEquals(31_250, tcb.rttvar());
            assertEquals(181_250, tcb.rto());
        }

        @Test
        void aRetransmittedSegmentGivesNoSample() {
            TcpHarness h = timed();
            h.at(1000).sendText("abc");
            h.recvOne();
            h.at(1150).recvOne();
            h.at(1160).send(ackOf(3, 1000));
            assertEquals(Micros.ofMillis(50), h.socket.controlBlock(h.now()).srtt());
        }

        @Test
        void withTimestampsTheAckOfARetransmissionEndsTheBackoff() {
            TcpSocket socket = socket();
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(100).ts(1, 0));
            h.recvOne();
            h.send(seg().seq(R + 1).ack(L + 1).win(1000).ts(2, h.tsNow()));
            h.sendText("abc");
            h.recvOne();
            h.at(1000).recvOne();
            h.at(3000).recvOne();
            assertEquals(Micros.ofSeconds(4), h.socket.controlBlock(h.now()).rto());
            // The ACK echoes the second retransmission's TSval: a valid sample, 20 ms.
            h.at(3020).send(seg().seq(R + 1).ack(L + 4).win(1000).ts(3, L + 3000));
            assertEquals(Micros.ofSeconds(1), h.socket.controlBlock(h.now()).rto());
        }

        @Test
        void withTimestampsAnEchoOlderThanTheLastRetransmissionIsNoSample() {
            TcpSocket socket = socket().setMinRto(Micros.ofMillis(10));
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(100).ts(1, 0));
            h.recvOne();
            h.send(seg().seq(R + 1).ack(L + 1).win(1000).ts(2, h.tsNow()));
            h.sendText("abc");
            h.recvOne();
            h.toPollAt().recvOne();
            long rto = h.socket.controlBlock(h.now()).rto();
            // It echoes the first transmission: it may be the answer to the retransmission.
            h.advance(5).send(seg().seq(R + 1).ack(L + 4).win(1000).ts(3, L));
            assertEquals(rto, h.socket.controlBlock(h.now()).rto());
        }

        @Test
        void theMinimumRtoIsTwoHundredMillisecondsByDefaultAsRfc8961AndLinux() {
            TcpHarness h = TcpHarness.established(new TcpSocket(TcpHarness.BUFFER, TcpHarness.BUFFER).setDelayedAck(false)
                    .setIsnSource((now, la, lp, ra, rp) -> L));
            assertEquals(Micros.ofMillis(200), h.socket.minRto());
            assertEquals(Micros.ofMillis(200), h.socket.controlBlock(h.now()).rto(),
                    "the handshake's sample is far below the floor");
        }

        @Test
        void rfc6298sOneSecondFloorStaysSettable() {
            TcpHarness h = TcpHarness.established();
            assertEquals(Micros.ofSeconds(1), h.socket.controlBlock(h.now()).rto());
        }

        @Test
        void aLostSynMeansThreeSecondsForTheData() {
            TcpHarness h = TcpHarness.synReceived();
            h.at(1000).recvOne();
            h.at(1010).send(seg().seq(R + 1).ack(L + 1).win(256));
            assertEquals(Micros.ofSeconds(3), h.socket.controlBlock(h.now()).rto());
        }
    }

    @Nested
    class ZeroWindow {
        TcpHarness closedWindow() {
            TcpHarness h = sender(socket(), 100, 1000);
            h.send(ackOf(0, 0));
            h.sendText("abc");
            return h;
        }

        @Test
        void aClosedWindowStopsSendingAndArmsThePersistTimer() {
            TcpHarness h = closedWindow();
            h.recvNothing();
            assertEquals(Micros.ofSeconds(1), h.socket.controlBlock(h.now()).remaining(TcpTimer.PERSIST).getAsLong());
            assertEquals(Micros.ofSeconds(1), h.socket.pollAt(h.now()));
        }

        @Test
        void probesCarryOneOctetAndBackOff() {
            TcpHarness h = closedWindow();
            h.recvNothing();
            Seg probe = seg().seq(L + 1).ack(R + 1).win(64).data("a");
            h.at(1000).recv(probe);
            h.send(ackOf(0, 0));
            h.at(2999).recvNothing();
            h.at(3000).recv(probe);
            h.send(ackOf(0, 0));
            h.at(7000).recv(probe);
        }

        @Test
        void answeredProbesNeverTimeTheConnectionOut() {
            TcpHarness h = closedWindow();
            h.socket.setMaxRetransmissions(2);
            h.recvNothing();
            for (int i = 0; i < 12; i++) {
                h.toPollAt();
                h.recvOne();
                h.send(ackOf(0, 0));
            }
            h.assertState(TcpState.ESTABLISHED);
        }

        @Test
        void theWindowOpeningSendsEverythingAtOnce() {
            TcpHarness h = closedWindow();
            h.recvNothing();
            h.at(1000).recvOne();
            h.send(ackOf(0, 100));
            h.recv(seg().psh().seq(L + 1).ack(R + 1).win(64).data("abc"));
            assertEquals(Micros.NEVER, h.socket.controlBlock(h.now()).remaining(TcpTimer.PERSIST).orElse(Micros.NEVER));
        }

        @Test
        void anAcceptedProbeMovesTheDataOn() {
            TcpHarness h = closedWindow();
            h.at(1000).recvOne();
            h.send(ackOf(1, 0));
            h.at(2000).recvNothing();
            h.at(3000).recv(seg().seq(L + 2).ack(R + 1).win(64).data("b"));
        }

        @Test
        void aFinAloneIsProbedToo() {
            TcpHarness h = sender(socket(), 100, 1000);
            h.send(ackOf(0, 0));
            h.socket.close();
            h.recvNothing();
            h.at(1000).recv(seg().fin().seq(L + 1).ack(R + 1).win(64));
        }
    }

    @Nested
    class FastRetransmit {
        TcpHarness fiveInFlight(TcpSocket socket) {
            TcpHarness h = sender(socket, 100, 2000);
            h.sendBytes(TcpHarness.bytes(500, 9));
            assertEquals(5, h.drain().size());
            return h;
        }

        @Test
        void theThirdDuplicateAckRetransmitsTheFirstUnacknowledgedSegment() {
            TcpHarness h = fiveInFlight(socket());
            h.send(ackOf(100, 2000));
            h.send(ackOf(100, 2000));
            h.send(ackOf(100, 2000));
            h.recvNothing();
            h.send(ackOf(100, 2000));
            assertEquals(List.of(100), offsets(h.drain()));
            assertEquals(1, h.socket.controlBlock(h.now()).fastRetransmits());
        }

        @Test
        void eachOfTheFirstTwoDuplicatesLetsOneNewSegmentOutBeyondTheWindow() {
            TcpHarness h = sender(socket().setCongestionControl(new RecordingCongestionControl(300)), 100, 2000);
            h.sendBytes(TcpHarness.bytes(1000, 4));
            assertEquals(List.of(0, 100, 200), offsets(h.drain()), "cwnd is 300");

            h.send(ackOf(0, 2000));
            assertEquals(List.of(300), offsets(h.drain()), "RFC 3042: limited transmit");
            h.send(ackOf(0, 2000));
            assertEquals(List.of(400), offsets(h.drain()));
            h.send(ackOf(0, 2000));
            assertEquals(List.of(0), offsets(h.drain()), "the third starts fast retransmit, and no more new data");
            assertEquals(1, h.socket.controlBlock(h.now()).fastRetransmits());
        }

        @Test
        void limitedTransmitSendsNothingTheReceiversWindowRefuses() {
            TcpHarness h = sender(socket().setCongestionControl(new RecordingCongestionControl(300)), 100, 300);
            h.sendBytes(TcpHarness.bytes(1000, 4));
            h.drain();

            h.send(ackOf(0, 300));
            h.send(ackOf(0, 300));
            h.recvNothing();
        }

        @Test
        void anAckWithDataOrANewWindowIsNotADuplicate() {
            TcpHarness h = fiveInFlight(socket());
            h.send(ackOf(100, 2000));
            h.send(ackOf(100, 2000).data("x"));
            h.drain();
            h.send(seg().seq(R + 2).ack(L + 101).win(2500));
            h.send(seg().seq(R + 2).ack(L + 101).win(2000));
            h.send(seg().seq(R + 2).ack(L + 101).win(2000));
            assertEquals(List.of(), offsets(h.drain()));
            assertEquals(1, h.socket.controlBlock(h.now()).duplicateAcksInARow());
        }

        @Test
        void duplicatesAreCountedInARowAndInAll() {
            TcpHarness h = fiveInFlight(socket());
            h.send(ackOf(0, 2000));
            h.send(ackOf(0, 2000));
            assertEquals(2, h.socket.controlBlock(h.now()).duplicateAcksInARow());
            h.send(ackOf(100, 2000));
            h.send(ackOf(100, 2000));
            h.drain();
            TcpControlBlock block = h.socket.controlBlock(h.now());
            assertEquals(1, block.duplicateAcksInARow(), "a new ACK starts the row again");
            assertEquals(3, block.duplicateAcks(), "the running total does not");
            assertTrue(block.toString().contains("3 duplicate ACKs\n"), block.toString());
        }

        @Test
        void aPartialAckRetransmitsTheNextHole() {
            RecordingCongestionControl cc = new RecordingCongestionControl(100_000);
            TcpHarness h = fiveInFlight(socket().setCongestionControl(cc));
            h.send(ackOf(100, 2000));
            for (int i = 0; i < 3; i++) {
                h.send(ackOf(100, 2000));
            }
            assertEquals(List.of(100), offsets(h.drain()));
            h.send(ackOf(300, 2000));
            assertEquals(List.of(300), offsets(h.drain()));
            assertTrue(h.socket.controlBlock(h.now()).inRecovery());
            h.send(ackOf(500, 2000));
            assertFalse(h.socket.controlBlock(h.now()).inRecovery());
            assertEquals(List.of("start 100", "ack 100 of 500", "fast retransmit 400", "recovery end"), cc.events());
        }

        @Test
        void duplicateAcksAtTheRecoveryPointDoNotStartAnotherRecovery() {
            TcpHarness h = fiveInFlight(socket());
            for (int i = 0; i < 3; i++) {
                h.send(ackOf(0, 2000));
            }
            assertEquals(List.of(0), offsets(h.drain()));
            h.send(ackOf(500, 2000));
            h.sendBytes(TcpHarness.bytes(300, 1));
            assertEquals(3, h.drain().size());
            for (int i = 0; i < 5; i++) {
                h.send(ackOf(500, 2000));
            }
            assertEquals(List.of(), offsets(h.drain()));
            h.send(ackOf(600, 2000));
            for (int i = 0; i < 3; i++) {
                h.send(ackOf(600, 2000));
            }
            assertEquals(List.of(600), offsets(h.drain()));
        }

        @Test
        void duplicateAcksInflateTheWindowSoNewDataFlows() {
            RecordingCongestionControl cc = new RecordingCongestionControl();
            TcpHarness h = sender(socket().setCongestionControl(cc), 100, 5000);
            h.sendBytes(TcpHarness.bytes(400, 1));
            assertEquals(4, h.drain().size());
            h.sendBytes(TcpHarness.bytes(1000, 2));
            for (int i = 0; i < 3; i++) {
                h.send(ackOf(0, 5000));
            }
            // ssthresh = 200, cwnd = 200 + 3 * 100 = 500, 400 in flight: the retransmission and one more.
            assertEquals(List.of(0, 400), offsets(h.drain()));
            h.send(ackOf(0, 5000));
            assertEquals(List.of(500), offsets(h.drain()));
            assertEquals(200, h.socket.controlBlock(h.now()).inflation() + 100);
        }

        @Test
        void theRetransmissionTimerEndsRecovery() {
            RecordingCongestionControl cc = new RecordingCongestionControl();
            TcpHarness h = fiveInFlightWithWindow(cc);
            for (int i = 0; i < 3; i++) {
                h.send(ackOf(0, 2000));
            }
            h.drain();
            h.toPollAt().drain();
            assertFalse(h.socket.controlBlock(h.now()).inRecovery());
            assertEquals("timeout 500", cc.events().get(cc.events().size() - 1));
        }

        TcpHarness fiveInFlightWithWindow(RecordingCongestionControl cc) {
            TcpHarness h = sender(socket().setCongestionControl(cc), 100, 2000);
            h.sendBytes(TcpHarness.bytes(300, 1));
            h.drain();
            h.send(ackOf(100, 2000));
            h.sendBytes(TcpHarness.bytes(300, 1));
            h.drain();
            return h;
        }
    }

    @Nested
    class SackRecovery {
        /** RFC 6675's own rules: DupThresh and the scoreboard, without RACK's timing (RFC 8985). */
        TcpHarness sackSender(CongestionControl cc) {
            TcpSocket socket = socket().setCongestionControl(cc).setRack(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(2000).mss(100).sackOk());
            h.recvOne();
            h.send(ackOf(0, 2000));
            h.sendBytes(TcpHarness.bytes(500, 9));
            assertEquals(5, h.drain().size());
            return h;
        }

        @Test
        void theHolesTheScoreboardShowsAreRetransmitted() {
            TcpHarness h = sackSender(new RecordingCongestionControl(100_000));
            // Segments at 100 and 300 are lost.
            h.send(ackOf(100, 2000));
            h.send(ackOf(100, 2000).sack(L + 201, L + 301));
            h.send(ackOf(100, 2000).sack(L + 401, L + 501).sack(L + 201, L + 301));
            h.recvNothing();
            h.send(ackOf(100, 2000).sack(L + 401, L + 501).sack(L + 201, L + 301));
            // One hole per ACK, as PRR lets them out (RFC 6937 §3.1: one MSS beyond what was delivered).
            assertEquals(List.of(100), offsets(h.drain()));
            h.send(ackOf(300, 2000).sack(L + 401, L + 501));
            assertEquals(List.of(300), offsets(h.drain()));
            h.send(ackOf(500, 2000));
            assertFalse(h.socket.controlBlock(h.now()).inRecovery());
        }

        @Test
        void aLostTailGetsTheRescueRetransmissionInsteadOfWaitingForTheTimer() {
            TcpHarness h = sackSender(new RecordingCongestionControl(100_000));
            // The segments at 0 and 400 are lost.
            h.send(ackOf(0, 2000).sack(L + 101, L + 201));
            h.send(ackOf(0, 2000).sack(L + 101, L + 301));
            h.send(ackOf(0, 2000).sack(L + 101, L + 401));
            assertEquals(List.of(0), offsets(h.drain()));
            // The repair is acknowledged; nothing SACKed shows a hole, no new data waits: one
            // segment with the highest unSACKed octet goes again (RFC 6675 §4 NextSeg rule 4).
            h.send(ackOf(400, 2000));
            assertEquals(List.of(400), offsets(h.drain()));
            // Once until SND.UNA passes RescueRxt, the recovery point.
            h.send(ackOf(400, 2000));
            h.recvNothing();
            h.send(ackOf(500, 2000));
            assertFalse(h.socket.controlBlock(h.now()).inRecovery());
            assertEquals(0, h.socket.controlBlock(h.now()).timeouts());
        }

        @Test
        void enoughSackedDataStartsRecoveryBeforeThreeDuplicates() {
            TcpHarness h = sackSender(new RecordingCongestionControl(100_000));
            h.send(ackOf(0, 2000).sack(L + 101, L + 201));
            h.send(ackOf(0, 2000).sack(L + 101, L + 401));
            assertEquals(List.of(0), offsets(h.drain()));
        }

        @Test
        void sackedSegmentsAreNotSentAgainDuringRecovery() {
            TcpHarness h = sackSender(new RecordingCongestionControl(100_000));
            h.send(ackOf(0, 2000).sack(L + 101, L + 501));
            assertEquals(List.of(0), offsets(h.drain()));
            h.recvNothing();
            assertEquals(1, h.socket.controlBlock(h.now()).sackedRanges());
        }

        @Test
        void blocksOutsideTheUnacknowledgedRangeAreIgnored() {
            TcpHarness h = sackSender(new RecordingCongestionControl(100_000));
            h.send(ackOf(100, 2000).sack(L + 1, L + 101).sack(L + 601, L + 701));
            assertEquals(0, h.socket.controlBlock(h.now()).sackedRanges());
        }

        @Test
        void thePipeLimitsRetransmissionsToSsthresh() {
            RecordingCongestionControl cc = new RecordingCongestionControl();
            TcpSocket socket = socket().setCongestionControl(cc).setRack(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(5000).mss(100).sackOk());
            h.recvOne();
            h.send(ackOf(0, 5000));
            h.sendBytes(TcpHarness.bytes(400, 9));
            h.drain();
            h.send(ackOf(100, 5000));
            h.sendBytes(TcpHarness.bytes(600, 9));
            h.drain();
            int sent = h.socket.controlBlock(h.now()).sndMax() - L - 1;
            // The segment at 100 is lost; everything after it is SACKed as it arrives.
            h.send(ackOf(100, 5000).sack(L + 201, L + 301));
            h.send(ackOf(100, 5000).sack(L + 201, L + 401));
            h.send(ackOf(100, 5000).sack(L + 201, L + 501));
            List<Seg> out = h.drain();
            assertEquals(100, out.get(0).seq - L - 1);
            assertTrue(h.socket.controlBlock(h.now()).inRecovery());
            assertTrue(h.socket.pipe() <= cc.slowStartThreshold() + 100,
                    () -> "pipe " + h.socket.pipe() + " ssthresh " + cc.slowStartThreshold() + " sent " + sent);
        }
    }

    @Nested
    class CongestionControlBoundary {
        @Test
        void theControllerStartsWithTheSendMssAndSeesEveryAck() {
            RecordingCongestionControl cc = new RecordingCongestionControl();
            TcpHarness h = sender(socket().setCongestionControl(cc), 100, 2000);
            h.sendBytes(TcpHarness.bytes(200, 1));
            h.drain();
            h.send(ackOf(100, 2000));
            h.send(ackOf(200, 2000));
            assertEquals(List.of("start 100", "ack 100 of 200", "ack 100 of 100"), cc.events());
        }

        @Test
        void theCongestionWindowLimitsTheFlight() {
            TcpHarness h = sender(socket().setCongestionControl(new RecordingCongestionControl(200)), 100, 2000);
            h.sendBytes(TcpHarness.bytes(500, 1));
            assertEquals(List.of(0, 100), offsets(h.drain()));
            h.send(ackOf(100, 2000));
            assertEquals(List.of(200), offsets(h.drain()));
        }

        @Test
        void theControllerHearsRoundTripSamples() {
            RecordingCongestionControl cc = new RecordingCongestionControl();
            TcpHarness h = sender(socket().setCongestionControl(cc), 100, 2000);
            h.sendText("x");
            h.drain();
            h.at(30).send(ackOf(1, 2000));
            assertTrue(cc.calls.contains("rtt 30000"), cc.calls::toString);
        }

        @Test
        void afterAnIdlePeriodTheControllerRestarts() {
            RecordingCongestionControl cc = new RecordingCongestionControl();
            TcpHarness h = sender(socket().setCongestionControl(cc), 100, 2000);
            h.sendText("x");
            h.drain();
            h.at(10).send(ackOf(1, 2000));
            h.at(500).sendText("y");
            h.drain();
            assertFalse(cc.calls.contains("idle restart"));
            h.at(510).send(ackOf(2, 2000));
            h.at(3000).sendText("z");
            h.drain();
            assertEquals("idle restart", cc.events().get(cc.events().size() - 1));
        }

        @Test
        void theSocketUsesTheControllerItWasGiven() {
            RecordingCongestionControl cc = new RecordingCongestionControl();
            TcpHarness h = sender(socket().setCongestionControl(cc), 100, 2000);
            assertEquals(CongestionControl.Algorithm.RENO, h.socket.controlBlock(h.now()).congestionAlgorithm());
            assertEquals(400, h.socket.controlBlock(h.now()).cwnd());
            assertEquals(CongestionControl.Algorithm.CUBIC, new TcpSocket(8, 8).congestionControl().algorithm(),
                    "CUBIC by default, as Linux");
        }
    }
}
