package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Micros;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * RACK-TLP (RFC 8985) on the virtual clock. Every connection here negotiates SACK, uses an MSS
 * of 100 and has measured one round trip of 10 ms on its handshake, so SRTT and RACK.min_RTT
 * are 10 ms while the retransmission timer, with its 1 s floor, is a hundred round trips away:
 * whatever repairs a loss before it is RACK-TLP.
 */
class TcpRackTlpTest {
    static final int L = LOCAL_SEQ;
    static final int R = REMOTE_SEQ;

    final RecordingCongestionControl cc = new RecordingCongestionControl(100_000);

    /** Established at 10 ms (one 10 ms round trip timed), five segments [0, 500) sent at 10 ms. */
    TcpHarness fiveInFlight() {
        TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false).setCongestionControl(cc)
                .setMinRto(Micros.ofSeconds(1));
        TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(4000).mss(100).sackOk());
        h.recvOne();
        h.at(10).send(ackOf(0));
        h.sendBytes(TcpHarness.bytes(500, 7));
        assertEquals(List.of(0, 100, 200, 300, 400), offsets(h.drain()));
        return h;
    }

    static Seg ackOf(int offset) {
        return seg().seq(R + 1).ack(L + 1 + offset).win(4000);
    }

    static List<Integer> offsets(List<Seg> segments) {
        return segments.stream().map(s -> s.seq - L - 1).toList();
    }

    static int offset(Seg segment) {
        return segment.seq - L - 1;
    }

    /** Why each segment went, for the ladder, which sees only frames: the last one described is asked. */
    @Nested
    class TransmitReasons {
        private TransmitReason reasonOf(TcpHarness h, Seg segment) {
            return h.socket.transmitReason(segment.seq, segment.payload.length);
        }

        @Test
        void theProbeAndTheLossRackFoundAreNamedAndNewDataIsData() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(300));
            h.toPollAt();
            Seg probe = h.drain().get(0);
            assertEquals(TransmitReason.LOSS_PROBE, reasonOf(h, probe));
            h.at(50).send(ackOf(300).sack(L + 401, L + 501));
            Seg repair = h.drain().get(0);
            assertEquals(300, offset(repair));
            assertEquals(TransmitReason.RACK_LOSS, reasonOf(h, repair));
            assertEquals(TransmitReason.NONE, reasonOf(h, probe), "only the segment described last is known");
            h.sendBytes(TcpHarness.bytes(100, 9));
            h.at(60).send(ackOf(500));
            Seg fresh = h.drain().get(0);
            assertEquals(500, offset(fresh));
            assertEquals(TransmitReason.DATA, reasonOf(h, fresh));
        }
    }

    @Nested
    class TailLossProbe {
        @Test
        void aLostTailIsProbedTwoRoundTripsAfterTheLastAckAndRepairedWithoutATimeout() {
            TcpHarness h = fiveInFlight();
            // The last two segments are lost: the ACK of the others comes, then nothing.
            h.at(20).send(ackOf(300));
            h.recvNothing();
            // RFC 8985 §7.2: PTO = 2·SRTT after the ACK; §7.3: no new data, so the last segment goes again.
            h.toPollAt();
            assertEquals(ms(40), h.now());
            assertEquals(List.of(400), offsets(h.drain()));
            // Its SACK shows RACK that the segment at 300, sent before it, is lost (§6.2).
            h.at(50).send(ackOf(300).sack(L + 401, L + 501));
            assertEquals(List.of(300), offsets(h.drain()));
            h.at(60).send(ackOf(500));
            TcpControlBlock tcb = h.socket.controlBlock(h.now());
            assertEquals(0, tcb.timeouts());
            assertEquals(L + 501, tcb.sndUna());
            assertTrue(cc.events().contains("fast retransmit 200"), cc.events()::toString);
            // tcp show: one probe, one segment RACK found lost, PRR's count of the recovery.
            LossRecoveryState state = tcb.lossRecovery();
            assertTrue(state.rack());
            assertEquals(1, state.lossProbes());
            assertEquals(1, state.rackLosses());
            assertEquals(200, state.recoverFs());
            assertEquals(0, state.probesInRecovery());
            // The recovery RACK began at 50 ms ended with the ACK at 60 ms.
            assertEquals(ms(10), state.recoveryMicros());
            assertTrue(tcb.appendTo(new StringBuilder()).toString().contains(
                    "recovery:     RACK reo_wnd "), tcb::toString);
        }

        @Test
        void aProbeThatRepairedALossAloneTellsTheController() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(300));
            h.toPollAt();
            assertEquals(List.of(400), offsets(h.drain()));
            // The probe's ACK covers it all: the segment at 300 was late, the one at 400 was lost.
            h.at(50).send(ackOf(500));
            // RFC 8985 §7.4: a retransmitted probe no D-SACK called needless repaired a loss.
            assertTrue(cc.events().contains("fast retransmit 200"), cc.events()::toString);
            assertEquals(0, h.socket.controlBlock(h.now()).timeouts());
        }

        @Test
        void aLoneSegmentIsProbedOnlyAfterTheWorstCaseDelayedAck() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(400));
            // One segment out: its ACK may be held back up to 200 ms (RFC 8985 §7.2, WCDelAckT).
            assertEquals(ms(20) + ms(20) + ms(200), h.socket.deadline(TcpTimer.LOSS_PROBE));
            h.toPollAt();
            assertEquals(List.of(400), offsets(h.drain()));
        }

        @Test
        void withNewDataWaitingTheProbeIsNewData() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false)
                    .setCongestionControl(new RecordingCongestionControl(500)).setMinRto(Micros.ofSeconds(1));
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(4000).mss(100).sackOk());
            h.recvOne();
            h.at(10).send(ackOf(0));
            h.sendBytes(TcpHarness.bytes(700, 7));
            assertEquals(List.of(0, 100, 200, 300, 400), offsets(h.drain()));
            h.toPollAt();
            assertEquals(ms(30), h.now());
            // RFC 8985 §7.3: new data, one segment, beyond what cwnd lets out.
            assertEquals(List.of(500), offsets(h.drain()));
        }

        @Test
        void withoutRackTheTailWaitsForTheRetransmissionTimer() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false).setCongestionControl(cc)
                    .setMinRto(Micros.ofSeconds(1)).setRack(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(4000).mss(100).sackOk());
            h.recvOne();
            h.at(10).send(ackOf(0));
            h.sendBytes(TcpHarness.bytes(500, 7));
            h.drain();
            h.at(20).send(ackOf(400));
            h.toPollAt();
            assertEquals(ms(1020), h.now());
            assertEquals(List.of(400), offsets(h.drain()));
        }
    }

    /** RFC 8985 §7.2 schedules no probe during a recovery; here one may go, once per recovery. */
    @Nested
    class ProbeDuringRecovery {
        @Test
        void aLostRetransmissionWithNothingSentAfterItIsProbedTwoRoundTripsAfterTheLastAck() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(0).sack(L + 101, L + 201));
            h.send(ackOf(0).sack(L + 101, L + 301));
            h.send(ackOf(0).sack(L + 101, L + 401));
            assertEquals(List.of(0), offsets(h.drain()));
            h.send(ackOf(0).sack(L + 101, L + 501));
            h.recvNothing();
            // The retransmission at 0 is lost and nothing went after it: no delivery can show
            // RACK the loss (§6.2), and without a probe only the 1 s timer would repair it.
            h.toPollAt();
            assertEquals(ms(40), h.now());
            Seg probe = h.drain().get(0);
            // The highest segment not SACKed: here the lost retransmission itself.
            assertEquals(0, offset(probe));
            assertEquals(TransmitReason.LOSS_PROBE, h.socket.transmitReason(probe.seq, probe.payload.length));
            h.at(50).send(ackOf(500));
            TcpControlBlock tcb = h.socket.controlBlock(h.now());
            assertEquals(0, tcb.timeouts());
            assertEquals(L + 501, tcb.sndUna());
            assertEquals(1, tcb.lossRecovery().probesInRecovery());
            // The recovery's reduction covers the probe: no second one (RFC 5681 §3.1).
            assertEquals(1, cc.events().stream().filter(e -> e.startsWith("fast retransmit")).count(), cc.events()::toString);
        }

        @Test
        void whenRacksReorderingTimerStartedTheRecoveryTheProbeIsArmedAfterIt() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(0).sack(L + 101, L + 201));
            h.recvNothing();
            // One SACKed segment: RACK's timer (RFC 8985 §6.3), not the PTO, runs until 22.5 ms.
            assertEquals(Micros.NEVER, h.socket.deadline(TcpTimer.LOSS_PROBE));
            h.toPollAt();
            assertEquals(ms(22) + 500, h.now());
            assertEquals(List.of(0), offsets(h.drain()));
            // The retransmission and the segments after 200 are lost; no ACK comes. The PTO
            // counts from the timer's work (§7.2: 2·SRTT), not the 1 s RTO.
            h.toPollAt();
            assertEquals(ms(42) + 500, h.now());
            assertEquals(List.of(400), offsets(h.drain()));
            assertEquals(0, h.socket.controlBlock(h.now()).timeouts());
        }
    }

    /** A probe that brings no ACK at all may be followed by one more, after twice the PTO. */
    @Nested
    class SecondProbe {
        @Test
        void aProbeAnsweredByNothingIsFollowedByOneMoreAfterTwiceThePtoThenTheTimer() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(300));
            h.toPollAt();
            assertEquals(ms(40), h.now());
            assertEquals(List.of(400), offsets(h.drain()));
            // The probe or its ACK is lost: 2 · PTO = 40 ms later, one more (RFC 8961 §4: backed off).
            h.toPollAt();
            assertEquals(ms(80), h.now());
            assertEquals(List.of(400), offsets(h.drain()));
            // No third: the retransmission timer keeps the deadline the first probe gave it.
            h.toPollAt();
            assertEquals(ms(1040), h.now());
            assertEquals(List.of(300, 400), offsets(h.drain()));
            TcpControlBlock tcb = h.socket.controlBlock(h.now());
            assertEquals(1, tcb.timeouts());
            assertEquals(2, tcb.lossRecovery().lossProbes());
            assertEquals(1, tcb.lossRecovery().secondProbes());
        }

        @Test
        void anAckThatDeliversPartOfTheFlightLetsTheNextSilenceBeProbedToo() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(300));
            h.toPollAt();
            assertEquals(List.of(400), offsets(h.drain()));
            // The segment at 300 arrives (its ACK was delayed), the probe and the one at 400 do
            // not: the episode (until 500) is not over, but the ACK clock ran and stopped again.
            h.at(45).send(ackOf(400));
            long probeAt = h.socket.deadline(TcpTimer.LOSS_PROBE);
            assertTrue(probeAt < h.socket.deadline(TcpTimer.RETRANSMISSION), () -> "PTO at " + probeAt);
            h.toPollAt();
            assertEquals(probeAt, h.now());
            assertEquals(List.of(400), offsets(h.drain()));
            h.atMicros(h.now() + ms(10)).send(ackOf(500));
            TcpControlBlock tcb = h.socket.controlBlock(h.now());
            assertEquals(0, tcb.timeouts());
            assertEquals(2, tcb.lossRecovery().lossProbes());
            // After a partial answer the probe is a first one again, not a second (no ACK between).
            assertEquals(0, tcb.lossRecovery().secondProbes());
        }

        @Test
        void anAckThatDeliversNothingAfterTheFirstProbeLeavesTheRestToTheTimer() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(300));
            h.toPollAt();
            assertEquals(List.of(400), offsets(h.drain()));
            // An ACK comes (a duplicate, with nothing new in it): the path answers, so no second probe.
            h.at(45).send(ackOf(300));
            assertEquals(Micros.NEVER, h.socket.deadline(TcpTimer.LOSS_PROBE));
            h.toPollAt();
            assertEquals(ms(1040), h.now());
            assertEquals(1, h.socket.controlBlock(h.now()).lossRecovery().lossProbes());
        }
    }

    @Nested
    class LossDetection {
        @Test
        void aLostRetransmissionIsFoundByRackWithoutATimeout() {
            TcpHarness h = fiveInFlight();
            // The segment at 0 is lost; the other four are SACKed at 20 ms.
            h.at(20).send(ackOf(0).sack(L + 101, L + 201));
            h.send(ackOf(0).sack(L + 101, L + 301));
            h.send(ackOf(0).sack(L + 101, L + 401));
            // Three SACKed segments and no reordering seen: the reordering window is zero
            // (RFC 8985 §6.2 step 4), the segment sent before them is lost now.
            assertEquals(List.of(0), offsets(h.drain()));
            h.send(ackOf(0).sack(L + 101, L + 501));
            h.recvNothing();
            // More data goes at 21 ms; the retransmission at 0 is lost again.
            h.at(21);
            h.sendBytes(TcpHarness.bytes(200, 8));
            assertEquals(List.of(500, 600), offsets(h.drain()));
            h.at(31).send(ackOf(0).sack(L + 101, L + 601));
            // RFC 8985 §6.2 step 5: a segment sent at 21 ms was delivered after 10 ms, so the
            // retransmission sent at 20 ms should have been too: it goes again, no RTO needed.
            assertEquals(List.of(0), offsets(h.drain()));
            h.at(41).send(ackOf(700));
            assertEquals(0, h.socket.controlBlock(h.now()).timeouts());
        }

        @Test
        void aSegmentSackedPastAnotherMarksItLostWhenTheReorderingWindowEnds() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(0).sack(L + 101, L + 201));
            h.recvNothing();
            // One SACKed segment: the window is RACK.min_RTT / 4 = 2.5 ms, past the RTT of 10 ms.
            assertEquals(ms(10) + ms(10) + 2500, h.socket.deadline(TcpTimer.RACK_REORDER));
            h.toPollAt();
            assertEquals(List.of(0), offsets(h.drain()));
            assertTrue(h.socket.controlBlock(h.now()).inRecovery());
        }

        @Test
        void reorderingWithinTheWindowIsNotDeclaredLost() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(0).sack(L + 101, L + 201));
            h.recvNothing();
            // The segment at 0 was only late: it arrives 1 ms later, inside the 2.5 ms window.
            h.at(21).send(ackOf(200));
            h.recvNothing();
            assertEquals(Micros.NEVER, h.socket.deadline(TcpTimer.RACK_REORDER));
            TcpControlBlock tcb = h.socket.controlBlock(h.now());
            assertFalse(tcb.inRecovery());
            assertEquals(0, tcb.retransmissions());
        }

        @Test
        void onceReorderingWasSeenThreeSackedSegmentsStillWaitTheWindow() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(0).sack(L + 101, L + 201));
            // The segment at 0 arrives late: delivered below RACK.fack, never retransmitted,
            // it sets RACK.reord (RFC 8985 §6.2 step 3).
            h.at(21).send(ackOf(500));
            h.sendBytes(TcpHarness.bytes(400, 8));
            assertEquals(List.of(500, 600, 700, 800), offsets(h.drain()));
            h.at(31).send(ackOf(500).sack(L + 601, L + 701));
            h.send(ackOf(500).sack(L + 601, L + 801));
            h.send(ackOf(500).sack(L + 601, L + 901));
            // Three SACKed segments no longer zero the window (step 4): 2.5 ms more to wait.
            h.recvNothing();
            assertEquals(ms(31) + 2500, h.socket.deadline(TcpTimer.RACK_REORDER));
            h.at(33).send(ackOf(900));
            h.recvNothing();
            assertEquals(0, h.socket.controlBlock(h.now()).retransmissions());
        }

        @Test
        void aDsackWidensTheReorderingWindow() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(0).sack(L + 101, L + 201));
            h.toPollAt();
            assertEquals(List.of(0), offsets(h.drain()));
            // The retransmission was needless: the original arrives, the peer reports the duplicate.
            h.at(23).send(ackOf(200));
            h.send(ackOf(500).sack(L + 1, L + 101));
            h.sendBytes(TcpHarness.bytes(300, 9));
            h.drain();
            // RFC 8985 §6.2 step 4: the D-SACK doubled the window to 2 · min_RTT / 4 = 5 ms.
            h.at(33).send(ackOf(600).sack(L + 701, L + 801));
            assertEquals(ms(23) + ms(10) + ms(5), h.socket.deadline(TcpTimer.RACK_REORDER));
            h.at(36);
            h.recvNothing();
            h.at(37).send(ackOf(800));
            assertEquals(1, h.socket.controlBlock(h.now()).retransmissions());
        }

        @Test
        void aLossJustPastARecoveryThatEndedOnAnAckOfExactlyRecoverStartsANewRecoveryWithItsOwnReduction() {
            TcpHarness h = fiveInFlight();
            h.at(20).send(ackOf(0).sack(L + 101, L + 201));
            h.send(ackOf(0).sack(L + 101, L + 301));
            h.send(ackOf(0).sack(L + 101, L + 401));
            assertEquals(List.of(0), offsets(h.drain()));
            // Recovery began with recover = 500. Two new segments go during it.
            h.sendBytes(TcpHarness.bytes(200, 8));
            h.send(ackOf(0).sack(L + 101, L + 501));
            assertEquals(List.of(500, 600), offsets(h.drain()));
            // The ACK of exactly recover ends the recovery; the segment at 500 was lost, 600 SACKed.
            h.at(30).send(ackOf(500));
            h.at(31).send(ackOf(500).sack(L + 601, L + 701));
            h.recvNothing();
            // RACK marks 500 lost once its RTT and the reordering window have passed (RFC 8985
            // §6.2), and RFC 6675 §5.1 lets a new recovery begin once HighACK >= RecoveryPoint:
            // a new recovery, with its own reduction (a loss in a new window of data), not a
            // repair of the old one's flight.
            h.toPollAt();
            assertEquals(ms(20) + ms(11) + 2500, h.now());
            assertEquals(List.of(500), offsets(h.drain()));
            TcpControlBlock tcb = h.socket.controlBlock(h.now());
            assertEquals(0, tcb.timeouts());
            assertEquals(2, cc.events().stream().filter(e -> e.startsWith("fast retransmit")).count(), cc.events()::toString);
        }
    }
    /** Segments RACK marked lost that no recovery is left to repair (RFC 6675 §5, RFC 8985 §6.2 step 5). */
    @Nested
    class LeftoverMarks {
        /** A small Reno whose reduction halves the flight, so PRR lets out less than was marked. */
        final RecordingCongestionControl reno = new RecordingCongestionControl();

        @Test
        void aMarkLeftWhenARecoveryIsUndoneStartsARepairAtOnceNotATimeout() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false).setCongestionControl(reno)
                    .setMinRto(Micros.ofSeconds(1));
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(4000).mss(100).sackOk());
            h.recvOne();
            h.at(10).send(ackOf(0));
            reno.window = 100_000;
            h.sendBytes(TcpHarness.bytes(1200, 7));
            assertEquals(12, h.drain().size());
            // [200, 500) is SACKed: RACK marks 0 and 100 lost (§6.2). The flight was 1200, so
            // ssthresh is 600 and PRR (RFC 6937 §3, the pipe above ssthresh) lets one out.
            h.at(20).send(ackOf(0).sack(L + 201, L + 501));
            assertEquals(List.of(0), offsets(h.drain()));
            // The original of 0 was late and its retransmission arrives too: the D-SACK reports
            // every retransmitted octet, the reduction is undone (RFC 3708) and the recovery ends.
            h.at(21).send(ackOf(100).sack(L + 1, L + 101).sack(L + 201, L + 501));
            assertEquals(1, h.socket.controlBlock(h.now()).lossRecovery().dsackUndos());
            // 100 is still marked lost and was never sent again: a loss detected begins a
            // repair (RFC 6675 §5), now, not 1 s later when the retransmission timer fires.
            assertEquals(List.of(100), offsets(h.drain()));
            h.at(31).send(ackOf(1200));
            assertEquals(0, h.socket.controlBlock(h.now()).timeouts());
        }
    }

    @Nested
    class AfterATimeout {
        @Test
        void aLostRetransmissionOfTheTimeoutsFlightIsRepairedWithoutAnotherTimeoutOrReduction() {
            TcpHarness h = fiveInFlight();
            // Every ACK is lost, the tail loss probes' too: 1 s after the first probe the timer
            // fires and the five segments go again.
            h.toPollAt();
            assertEquals(List.of(400), offsets(h.drain()));
            h.toPollAt();
            assertEquals(List.of(400), offsets(h.drain()));
            h.toPollAt();
            assertEquals(ms(1030), h.now());
            assertEquals(List.of(0, 100, 200, 300, 400), offsets(h.drain()));
            assertTrue(cc.events().contains("timeout 500"), cc.events()::toString);
            // The retransmission at 0 is lost; the other four are SACKed 10 ms later.
            h.at(1040).send(ackOf(0).sack(L + 101, L + 201));
            h.send(ackOf(0).sack(L + 101, L + 301));
            h.send(ackOf(0).sack(L + 101, L + 501));
            // RFC 8985 §6.2: sent before segments delivered after a round trip, it is lost; the
            // sender is still repairing the timeout's flight (SND.UNA below recover), so it goes
            // again at once, with no second reduction for the same flight (RFC 5681 §3.1), and
            // not 2 s later when the backed-off timer would fire.
            assertEquals(List.of(0), offsets(h.drain()));
            h.at(1050).send(ackOf(500));
            TcpControlBlock tcb = h.socket.controlBlock(h.now());
            assertEquals(1, tcb.timeouts());
            assertEquals(L + 501, tcb.sndUna());
            assertFalse(cc.events().stream().anyMatch(e -> e.startsWith("fast retransmit")), cc.events()::toString);
        }
    }
    @Nested
    class RoundTripTime {
        @Test
        void anAckOfDataSentOnceIsTimedToTheMicrosecondNotByTheMillisecondEcho() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false).setCongestionControl(cc);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(4000).mss(100).sackOk().ts(500, 0));
            h.recvOne();
            // The handshake is timed by the echo: 10 ms.
            h.at(10).send(ackOf(0).ts(501, L));
            h.sendBytes(TcpHarness.bytes(100, 7));
            h.drain();
            // Its ACK comes 300 us later. The echo says 0 ms (the TSval clock ticks in
            // milliseconds, RFC 7323 §4); RACK's send time says 300 us (RFC 6298 §3: the
            // segment went once, so the sample is valid).
            int sentTsval = h.tsNow();
            h.atMicros(ms(10) + 300).send(ackOf(100).ts(502, sentTsval));
            assertTrue(cc.calls.contains("rtt 300"), cc.calls::toString);
            // RFC 6298 §2.3: SRTT = 7/8 · 10 ms + 1/8 · 300 us.
            assertEquals((7 * ms(10) + 300) / 8, h.socket.controlBlock(h.now()).srtt());
        }
    }
}
