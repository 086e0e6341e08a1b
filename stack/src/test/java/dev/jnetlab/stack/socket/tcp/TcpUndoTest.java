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
 * Undoing a window reduction that was spurious, on the virtual clock: the Eifel detection of
 * RFC 3522 with its response of RFC 4015, the D-SACK detection of RFC 3708 and F-RTO (RFC 5682). Connections
 * have an MSS of 100, a 10 ms round trip timed on the handshake and a 1 s RTO floor; the
 * recording controller says when the socket reduced and undid.
 */
class TcpUndoTest {
    static final int L = LOCAL_SEQ;
    static final int R = REMOTE_SEQ;

    final RecordingCongestionControl cc = new RecordingCongestionControl(100_000);

    static Seg ackOf(int offset) {
        return seg().seq(R + 1).ack(L + 1 + offset).win(4000);
    }

    static List<Integer> offsets(List<Seg> segments) {
        return segments.stream().map(s -> s.seq - L - 1).toList();
    }

    @Nested
    class EifelAfterATimeout {
        /** A small Reno: after the timeout it lets one segment out, then grows. */
        final RecordingCongestionControl cc = new RecordingCongestionControl();
        int peerTs = 100;
        int synAckTs;

        /**
         * Timestamps negotiated (so 88 octets a segment), three segments [0, 264) sent at
         * 10 ms, the timer fired at 1010 ms (RACK-TLP off, so that no probe comes first).
         */
        TcpHarness timedOut() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false).setCongestionControl(cc)
                    .setMinRto(Micros.ofSeconds(1)).setRack(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(4000).mss(100).sackOk().ts(peerTs, 0));
            synAckTs = h.recvOne().tsVal;
            h.at(10).send(ackOf(0).ts(++peerTs, synAckTs));
            h.sendBytes(TcpHarness.bytes(264, 3));
            assertEquals(List.of(0, 88, 176), offsets(h.drain()));
            h.toPollAt();
            assertEquals(ms(1010), h.now());
            assertEquals(List.of(0), offsets(h.drain()), "RFC 6298 §5.4: the first segment again");
            return h;
        }

        @Test
        void anAckEchoingTheOriginalsTimestampUndoesTheTimeoutAndSendsNothingAgain() {
            TcpHarness h = timedOut();
            int originalTs = synAckTs + 10;
            // The first segment was only delayed: its ACK echoes the TSval it carried at 10 ms,
            // older than the retransmission's RetransmitTS (RFC 3522 §2).
            h.at(1015).send(ackOf(88).ts(++peerTs, originalTs));
            assertTrue(cc.events().contains("undo"), cc.events()::toString);
            // RFC 4015 §3.2: SND.NXT = SND.MAX, so [88, 264) is not sent again (go-back-N would).
            h.recvNothing();
            assertEquals(1, h.socket.controlBlock(h.now()).lossRecovery().eifelUndos());
            h.at(1020).send(ackOf(264).ts(++peerTs, originalTs));
            assertEquals(L + 265, h.socket.controlBlock(h.now()).sndUna());
            assertTrue(h.socket.controlBlock(h.now()).appendTo(new StringBuilder()).toString()
                    .contains("undone 1 by timestamps, 0 by D-SACK, 0 by F-RTO"));
        }

        @Test
        void anAckEchoingTheRetransmissionKeepsTheReductionAndGoesBack() {
            TcpHarness h = timedOut();
            int retransmissionTs = synAckTs + 1010;
            h.at(1015).send(ackOf(88).ts(++peerTs, retransmissionTs));
            assertFalse(cc.events().contains("undo"), cc.events()::toString);
            assertEquals(List.of(88, 176), offsets(h.drain()), "go-back-N after a real loss");
            assertEquals(0, h.socket.controlBlock(h.now()).lossRecovery().eifelUndos());
        }

        @Test
        void withoutTimestampsThereIsNoEifel() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false).setCongestionControl(cc)
                    .setMinRto(Micros.ofSeconds(1)).setTimestampsEnabled(false).setRack(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(4000).mss(100).sackOk());
            h.recvOne();
            h.at(10).send(ackOf(0));
            h.sendBytes(TcpHarness.bytes(300, 3));
            h.drain();
            h.toPollAt();
            assertEquals(List.of(0), offsets(h.drain()));
            h.at(1015).send(ackOf(100));
            assertFalse(cc.events().contains("undo"), cc.events()::toString);
            assertEquals(List.of(100, 200), offsets(h.drain()));
        }
    }

    @Nested
    class DsackAfterAFastRetransmit {
        /**
         * SACK without RACK (so that three duplicates decide), five segments [0, 500) sent at
         * 10 ms; the first is overtaken by the other four, which draws a fast retransmit.
         */
        TcpHarness reordered() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false).setCongestionControl(cc)
                    .setMinRto(Micros.ofSeconds(1)).setRack(false).setTimestampsEnabled(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(4000).mss(100).sackOk());
            h.recvOne();
            h.at(10).send(ackOf(0));
            h.sendBytes(TcpHarness.bytes(500, 5));
            assertEquals(List.of(0, 100, 200, 300, 400), offsets(h.drain()));
            h.at(20).send(ackOf(0).sack(L + 101, L + 201));
            h.send(ackOf(0).sack(L + 101, L + 301));
            h.send(ackOf(0).sack(L + 101, L + 401));
            assertEquals(List.of(0), offsets(h.drain()), "RFC 6675 §5 step 4: the fast retransmit");
            assertTrue(cc.events().contains("fast retransmit 500"), cc.events()::toString);
            // The late original arrives: everything is acknowledged.
            h.at(21).send(ackOf(500));
            return h;
        }

        @Test
        void aDsackForTheOnlyRetransmissionUndoesTheReduction() {
            TcpHarness h = reordered();
            assertFalse(cc.events().contains("undo"));
            // The retransmission arrives too: the peer reports it as a duplicate (RFC 2883).
            h.at(30).send(ackOf(500).sack(L + 1, L + 101));
            assertTrue(cc.events().contains("undo"), cc.events()::toString);
            LossRecoveryState state = h.socket.controlBlock(h.now()).lossRecovery();
            assertEquals(1, state.dsackUndos());
            assertEquals(0, state.eifelUndos());
        }

        @Test
        void aDsackForOtherOctetsUndoesNothing() {
            TcpHarness h = reordered();
            // A duplicate of data never retransmitted (the network copied it) says nothing.
            h.at(30).send(ackOf(500).sack(L + 201, L + 301));
            assertFalse(cc.events().contains("undo"), cc.events()::toString);
            assertEquals(0, h.socket.controlBlock(h.now()).lossRecovery().dsackUndos());
        }

        @Test
        void aDsackForOneOfTwoRetransmissionsUndoesNothingUntilTheOtherIsReportedToo() {
            // RACK this time: five segments [0, 500) at 10 ms; [200, 500) SACKed at 20 ms marks
            // 0 and 100 lost (RFC 8985 §6.2) and both go again.
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false).setCongestionControl(cc)
                    .setMinRto(Micros.ofSeconds(1)).setTimestampsEnabled(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(4000).mss(100).sackOk());
            h.recvOne();
            h.at(10).send(ackOf(0));
            h.sendBytes(TcpHarness.bytes(500, 5));
            h.drain();
            h.at(20).send(ackOf(0).sack(L + 201, L + 501));
            assertEquals(List.of(0, 100), offsets(h.drain()));
            // Both originals were late: everything is acknowledged, and the peer reports the
            // first retransmission as a duplicate. RFC 3708 §3: the reduction is spurious only
            // when every retransmission of the episode is reported so; one is not yet.
            h.at(21).send(ackOf(500));
            h.send(ackOf(500).sack(L + 1, L + 101));
            assertFalse(cc.events().contains("undo"), cc.events()::toString);
            h.send(ackOf(500).sack(L + 101, L + 201));
            assertTrue(cc.events().contains("undo"), cc.events()::toString);
            assertEquals(1, h.socket.controlBlock(h.now()).lossRecovery().dsackUndos());
        }
    }

    @Nested
    class ForwardRtoAfterATimeout {
        /** A small Reno: the window after the timeout is one segment. */
        final RecordingCongestionControl cc = new RecordingCongestionControl();

        /**
         * No timestamps, no RACK: four segments [0, 400) sent at 10 ms out of 800 queued, the
         * timer fired at 1010 ms and the first went again.
         */
        TcpHarness timedOut() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false).setCongestionControl(cc)
                    .setMinRto(Micros.ofSeconds(1)).setRack(false).setTimestampsEnabled(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(4000).mss(100).sackOk());
            h.recvOne();
            h.at(10).send(ackOf(0));
            h.sendBytes(TcpHarness.bytes(800, 9));
            assertEquals(List.of(0, 100, 200, 300), offsets(h.drain()));
            h.toPollAt();
            assertEquals(ms(1010), h.now());
            assertEquals(List.of(0), offsets(h.drain()));
            return h;
        }

        @Test
        void twoAcksThatAdvanceShowTheTimeoutSpuriousAndOnlyNewDataWent() {
            TcpHarness h = timedOut();
            // RFC 5682 §2.1 step 2b: the first ACK advances SND.UNA: two new segments, not [100, 400).
            h.at(1015).send(ackOf(200));
            assertEquals(List.of(400, 500), offsets(h.drain()));
            // Step 3b: the second advances it too: segments sent before the timeout are arriving.
            h.at(1016).send(ackOf(300));
            assertTrue(cc.events().contains("undo"), cc.events()::toString);
            assertEquals(1, h.socket.controlBlock(h.now()).lossRecovery().frtoUndos());
            assertTrue(offsets(h.drain()).stream().allMatch(offset -> offset >= 600), "nothing old goes again");
        }

        @Test
        void aDuplicateAfterTheNewDataIsARealLossAndTheGoBackResumes() {
            TcpHarness h = timedOut();
            h.at(1015).send(ackOf(100));
            assertEquals(List.of(400, 500), offsets(h.drain()));
            // Step 3a: a duplicate ACK (the new data arrived past a hole at 100).
            h.at(1016).send(ackOf(100).sack(L + 401, L + 501));
            assertFalse(cc.events().contains("undo"), cc.events()::toString);
            assertEquals(100, offsets(h.drain()).get(0), "the go-back from SND.UNA");
            assertEquals(0, h.socket.controlBlock(h.now()).lossRecovery().frtoUndos());
        }

        @Test
        void anAckOfEverythingSentBeforeTheTimeoutSaysNothing() {
            TcpHarness h = timedOut();
            h.at(1015).send(ackOf(400));
            h.at(1016).send(ackOf(500));
            assertFalse(cc.events().contains("undo"), cc.events()::toString);
        }
    }

    @Nested
    class TheControllersPutTheirWindowBack {
        @Test
        void renoRestoresCwndAndSsthreshFromBeforeTheFastRetransmit() {
            RenoCongestionControl reno = new RenoCongestionControl();
            reno.start(0, 1000);
            for (int i = 0; i < 20; i++) {
                reno.onAck(0, 1000, reno.window());
            }
            int cwnd = reno.window();
            reno.onFastRetransmit(1, cwnd);
            assertTrue(reno.window() < cwnd);
            reno.onSpuriousCongestionEvent(2);
            assertEquals(cwnd, reno.window());
            assertEquals(CongestionControls.UNLIMITED, reno.slowStartThreshold());
        }

        @Test
        void renoRestoresFromTheFirstOfARunOfTimeouts() {
            RenoCongestionControl reno = new RenoCongestionControl();
            reno.start(0, 1000);
            reno.onFastRetransmit(1, 8000);
            reno.onRecoveryEnd(2);
            int cwnd = reno.window();
            int ssthresh = reno.slowStartThreshold();
            reno.onRetransmitTimeout(3, cwnd);
            reno.onRetransmitTimeout(4, 1000);
            reno.onSpuriousCongestionEvent(5);
            assertEquals(cwnd, reno.window());
            assertEquals(ssthresh, reno.slowStartThreshold());
        }

        @Test
        void cubicRestoresCwndSsthreshAndWmax() {
            CubicCongestionControl cubic = new CubicCongestionControl();
            cubic.start(0, 1000);
            cubic.onFastRetransmit(1, 40_000);
            cubic.onRecoveryEnd(2);
            int cwnd = cubic.window();
            int ssthresh = cubic.slowStartThreshold();
            int wmax = cubic.lastMaxWindow();
            cubic.onFastRetransmit(3, cwnd);
            assertTrue(cubic.window() < cwnd || cubic.slowStartThreshold() < ssthresh);
            cubic.onSpuriousCongestionEvent(4);
            assertEquals(cwnd, cubic.window());
            assertEquals(ssthresh, cubic.slowStartThreshold());
            assertEquals(wmax, cubic.lastMaxWindow());
        }
    }
}
