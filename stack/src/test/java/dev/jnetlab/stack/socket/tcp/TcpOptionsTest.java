package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_SEQ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.wire.TcpRepr;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The options of RFC 9293 §3.7.1 (MSS), RFC 7323 (window scale, timestamps) and RFC 2018 (SACK). */
class TcpOptionsTest {

    static final int L = LOCAL_SEQ;
    static final int R = REMOTE_SEQ;

    /** Lengths of the segments that come out now. */
    static List<Integer> lengths(List<Seg> segments) {
        return segments.stream().map(s -> s.payload.length).toList();
    }

    /** A passive open with {@code syn}, completed by a plain ACK with {@code window}. */
    static TcpHarness establish(TcpSocket socket, Seg syn, int window) {
        TcpHarness h = TcpHarness.passive(socket, syn);
        h.recvOne();
        h.send(seg().seq(R + 1).ack(L + 1).win(window));
        h.assertState(TcpState.ESTABLISHED);
        return h;
    }

    @Nested
    class ActiveOpen {
        @Test
        void theSynAckDecidesWhichOfTheOfferedOptionsAreUsed() throws TcpException {
            TcpSocket socket = TcpHarness.newSocket(1 << 20, 4096);
            TcpHarness h = TcpHarness.synSent(socket);
            int synTs = h.tsNow();
            h.recv(seg().syn().seq(L).win(65535).mss(1460).ws(5).sackOk().ts(synTs, 0));
            h.at(30).send(seg().syn().seq(R).ack(L + 1).win(1000).mss(1200).ws(3).sackOk().ts(50, synTs));
            h.recv(seg().seq(L + 1).ack(R + 1).win(32768).ts(h.tsNow(), 50));
            TcpControlBlock tcb = socket.controlBlock(h.now());
            assertTrue(tcb.windowScaleNegotiated() && tcb.sackNegotiated() && tcb.timestampsNegotiated());
            assertEquals(3, tcb.sndWindowShift());
            assertEquals(5, tcb.rcvWindowShift());
            assertEquals(1200, tcb.peerMss());
            assertEquals(1188, tcb.sendMss());
            assertEquals(TcpHarness.ms(30), tcb.srtt());
        }

        @Test
        void optionsTheSynAckLacksAreNotUsed() throws TcpException {
            TcpSocket socket = TcpHarness.newSocket(1 << 20, 4096);
            TcpHarness h = TcpHarness.synSent(socket);
            h.recvOne();
            h.send(seg().syn().seq(R).ack(L + 1).win(1000));
            h.recv(seg().seq(L + 1).ack(R + 1).win(65535));
            TcpControlBlock tcb = socket.controlBlock(h.now());
            assertFalse(tcb.windowScaleNegotiated() || tcb.sackNegotiated() || tcb.timestampsNegotiated());
            assertEquals(0, tcb.rcvWindowShift());
            assertEquals(536, tcb.sendMss());
        }
    }

    @Nested
    class MaximumSegmentSize {
        @Test
        void weAdvertiseTheMtuLessForty() throws TcpException {
            TcpHarness h = new TcpHarness(TcpHarness.newSocket(64, 64).setMtu(1000));
            h.socket.connect(0, LOCAL, REMOTE);
            assertEquals(Integer.valueOf(960), h.recvOne().mss);
        }

        @Test
        void thePeersMssLimitsOurSegments() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false);
            TcpHarness h = establish(socket, seg().syn().seq(R).win(4096).mss(100), 4096);
            h.sendBytes(TcpHarness.bytes(250, 1));
            assertEquals(List.of(100, 100, 50), lengths(h.drain()));
        }

        @Test
        void withoutAnMssOptionThePeerGets536() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false);
            TcpHarness h = establish(socket, seg().syn().seq(R).win(4096), 4096);
            h.sendBytes(TcpHarness.bytes(1000, 1));
            assertEquals(List.of(536, 464), lengths(h.drain()));
            assertEquals(536, socket.controlBlock(h.now()).peerMss());
        }

        @Test
        void ourMtuCapsALargerPeerMss() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false);
            TcpHarness h = establish(socket, seg().syn().seq(R).win(8192).mss(9000), 8192);
            h.sendBytes(TcpHarness.bytes(3000, 1));
            assertEquals(List.of(1460, 1460, 80), lengths(h.drain()));
        }

        @Test
        void anAbsurdlySmallMssIsRaisedTo64() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false);
            TcpHarness h = establish(socket, seg().syn().seq(R).win(4096).mss(1), 4096);
            h.sendBytes(TcpHarness.bytes(100, 1));
            assertEquals(List.of(64, 36), lengths(h.drain()));
        }

        @Test
        void dataSegmentsCarryingSackBlocksShrinkToFit() {
            TcpSocket socket = TcpHarness.newSocket(256, 4096).setNagle(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(4096).mss(100).sackOk());
            h.recvOne();
            h.send(seg().seq(R + 1).ack(L + 1).win(4096));
            h.send(seg().seq(R + 11).ack(L + 1).win(4096).data("later"));
            h.recvOne();
            h.sendBytes(TcpHarness.bytes(200, 1));
            List<Seg> out = h.drain();
            // One SACK block takes 12 octets of option space from each 100-octet segment.
            assertEquals(List.of(88, 88, 24), lengths(out));
            assertEquals(1, out.get(0).sack.size());
        }

        @Test
        void timestampsTakeTwelveOctetsOfEachSegment() {
            TcpSocket socket = TcpHarness.newSocket(64, 4096).setNagle(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(4096).mss(100).ts(1, 0));
            h.recvOne();
            h.send(seg().seq(R + 1).ack(L + 1).win(4096).ts(2, h.tsNow()));
            h.sendBytes(TcpHarness.bytes(100, 1));
            assertEquals(List.of(88, 12), lengths(h.drain()));
        }
    }

    @Nested
    class WindowScale {
        @ParameterizedTest(name = "{0} octets need a shift of {1}")
        @CsvSource({"1, 0", "65535, 0", "65536, 1", "131070, 1", "131071, 2", "1048560, 4", "1048576, 5",
            "1073741824, 14"})
        void theShiftIsTheSmallestThatDescribesTheBuffer(int capacity, int shift) {
            assertEquals(shift, TcpSocket.shiftFor(capacity));
        }

        @Test
        void itIsNotUsedWhenThePeerDoesNotOfferIt() {
            TcpSocket socket = TcpHarness.newSocket(1 << 20, 64);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(1460));
            h.recv(seg().syn().seq(L).ack(R + 1).win(65535).mss(1460));
            h.send(seg().seq(R + 1).ack(L + 1).win(1000).data("hello"));
            h.recv(seg().seq(L + 1).ack(R + 6).win(65535));
            assertFalse(socket.controlBlock(h.now()).windowScaleNegotiated());
        }

        @Test
        void bothSidesScaleWhenBothOfferIt() {
            TcpSocket socket = TcpHarness.newSocket(1 << 20, 4096).setNagle(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(1460).ws(2));
            h.recv(seg().syn().seq(L).ack(R + 1).win(65535).mss(1460).ws(5));
            h.send(seg().seq(R + 1).ack(L + 1).win(100).data("hello"));
            // Our window: the free space, shifted by 5 and rounded down: (2^20 - 5) >> 5.
            h.recv(seg().seq(L + 1).ack(R + 6).win(32767));
            // Theirs: 100 << 2.
            h.sendBytes(TcpHarness.bytes(1000, 1));
            assertEquals(List.of(400), lengths(h.drain()));
            TcpControlBlock tcb = socket.controlBlock(h.now());
            assertTrue(tcb.windowScaleNegotiated());
            assertEquals(2, tcb.sndWindowShift());
            assertEquals(5, tcb.rcvWindowShift());
            assertEquals(400, tcb.sndWnd());
        }

        @Test
        void theWindowOfASynIsNeverScaled() throws TcpException {
            TcpSocket socket = TcpHarness.newSocket(1 << 20, 4096).setNagle(false);
            TcpHarness h = TcpHarness.synSent(socket);
            h.recvOne();
            socket.send(TcpHarness.bytes(500, 1), 0, 500);
            h.send(seg().syn().seq(R).ack(L + 1).win(100).mss(1460).ws(3));
            assertEquals(List.of(100), lengths(h.drain()));
        }

        @Test
        void aShiftAboveFourteenIsTakenAsFourteen() {
            TcpSocket socket = TcpHarness.newSocket(1 << 20, 64);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(1460).ws(15));
            h.recvOne();
            h.send(seg().seq(R + 1).ack(L + 1).win(1));
            assertEquals(1 << 14, socket.controlBlock(h.now()).sndWnd());
        }

        @Test
        void whenDisabledItIsNeitherOfferedNorAccepted() throws TcpException {
            TcpSocket socket = TcpHarness.newSocket(1 << 20, 64).setWindowScaleEnabled(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(1460).ws(2));
            h.recv(seg().syn().seq(L).ack(R + 1).win(65535).mss(1460));
            h.send(seg().seq(R + 1).ack(L + 1).win(100));
            assertEquals(100, socket.controlBlock(h.now()).sndWnd());

            TcpSocket client = TcpHarness.newSocket(1 << 20, 64).setWindowScaleEnabled(false)
                    .setSackEnabled(false).setTimestampsEnabled(false);
            TcpHarness c = TcpHarness.synSent(client);
            c.recv(seg().syn().seq(L).win(65535).mss(1460));
        }

        @Test
        void aSynAckWithAShiftWeDidNotOfferIsNotScaled() throws TcpException {
            TcpSocket socket = TcpHarness.newSocket(1 << 20, 64).setWindowScaleEnabled(false);
            TcpHarness h = TcpHarness.synSent(socket);
            h.recvOne();
            h.send(seg().syn().seq(R).ack(L + 1).win(100).ws(3));
            h.recv(seg().seq(L + 1).ack(R + 1).win(65535));
            h.send(seg().seq(R + 1).ack(L + 1).win(100));
            assertEquals(100, socket.controlBlock(h.now()).sndWnd());
        }
    }

    @Nested
    class SelectiveAcknowledgment {
        TcpHarness sackConnection() {
            TcpSocket socket = TcpHarness.newSocket(256, 64);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(1460).sackOk());
            h.recv(seg().syn().seq(L).ack(R + 1).win(256).mss(1460).sackOk());
            h.send(seg().seq(R + 1).ack(L + 1).win(1000));
            return h;
        }

        Seg data(int offset, String text) {
            return seg().seq(R + 1 + offset).ack(L + 1).win(1000).data(text);
        }

        @Test
        void itIsNegotiatedOnlyIfBothOfferIt() {
            TcpSocket socket = TcpHarness.newSocket(256, 64).setSackEnabled(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(1460).sackOk());
            h.recv(seg().syn().seq(L).ack(R + 1).win(256).mss(1460));
            assertFalse(socket.controlBlock(h.now()).sackNegotiated());
            assertTrue(sackConnection().socket.controlBlock(0).sackNegotiated());
        }

        @Test
        void outOfOrderDataIsReportedInASackBlock() {
            TcpHarness h = sackConnection();
            h.send(data(10, "xyz"));
            h.recv(seg().seq(L + 1).ack(R + 1).win(256).sack(R + 11, R + 14));
        }

        @Test
        void theFirstBlockIsTheMostRecentlyReceived() {
            TcpHarness h = sackConnection();
            h.send(data(10, "xyz"));
            h.recvOne();
            h.send(data(20, "uvw"));
            h.recv(seg().seq(L + 1).ack(R + 1).win(256).sack(R + 21, R + 24).sack(R + 11, R + 14));
            h.send(data(13, "q"));
            h.recv(seg().seq(L + 1).ack(R + 1).win(256).sack(R + 11, R + 15).sack(R + 21, R + 24));
        }

        @Test
        void aDuplicateOutOfOrderSegmentBecomesTheFirstBlockAgain() {
            TcpHarness h = sackConnection();
            h.send(data(10, "xyz"));
            h.send(data(20, "uvw"));
            h.drain();
            h.send(data(10, "xyz"));
            h.recv(seg().seq(L + 1).ack(R + 1).win(256).sack(R + 11, R + 14).sack(R + 21, R + 24));
        }

        @Test
        void atMostFourBlocksAreSentWithoutTimestamps() {
            TcpHarness h = sackConnection();
            for (int i = 1; i <= 5; i++) {
                h.send(data(10 * i, "ab"));
            }
            List<Seg> acks = h.drain();
            Seg last = acks.get(acks.size() - 1);
            assertEquals(4, last.sack.size());
            assertEquals(R + 51, last.sack.get(0)[0]);
            assertEquals(R + 21, last.sack.get(3)[0]);
        }

        @Test
        void atMostThreeBlocksFitNextToTimestamps() {
            TcpSocket socket = TcpHarness.newSocket(256, 64);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(1460).sackOk().ts(7, 0));
            h.recvOne();
            h.send(seg().seq(R + 1).ack(L + 1).win(1000).ts(8, h.tsNow()));
            for (int i = 1; i <= 5; i++) {
                h.send(seg().seq(R + 1 + 10 * i).ack(L + 1).win(1000).ts(9, h.tsNow()).data("ab"));
            }
            List<Seg> acks = h.drain();
            Seg last = acks.get(acks.size() - 1);
            assertEquals(3, last.sack.size());
            assertTrue(new TcpRepr().timestamps(1, 1).addSackBlock(1, 2).addSackBlock(3, 4).addSackBlock(5, 6)
                    .optionsLength() <= TcpRepr.MAX_OPTIONS_LENGTH);
        }

        @Test
        void theBlocksDisappearOnceTheHoleIsFilled() {
            TcpHarness h = sackConnection();
            h.send(data(3, "def"));
            h.recv(seg().seq(L + 1).ack(R + 1).win(256).sack(R + 4, R + 7));
            h.send(data(0, "abc"));
            h.recv(seg().seq(L + 1).ack(R + 7).win(250));
        }

        @Test
        void textReceivedAgainIsReportedOnceInADuplicateSackBlock() {
            TcpHarness h = sackConnection();
            h.send(data(0, "abc"));
            h.recv(seg().seq(L + 1).ack(R + 4).win(253));

            h.send(data(0, "abc"));
            h.recv(seg().seq(L + 1).ack(R + 4).win(253).sack(R + 1, R + 4));
            h.send(data(3, "de"));
            h.recv(seg().seq(L + 1).ack(R + 6).win(251));
        }

        @Test
        void theDuplicatePartOfAnOverlappingSegmentComesFirstThenTheOutOfOrderBlocks() {
            TcpHarness h = sackConnection();
            h.send(data(0, "abc"));
            h.drain();
            h.send(data(10, "xyz"));
            h.drain();

            h.send(data(1, "bcd"));
            h.recv(seg().seq(L + 1).ack(R + 5).win(252).sack(R + 2, R + 4).sack(R + 11, R + 14));
        }

        @Test
        void aDuplicateIsAcknowledgedAtOnceWithItsBlockEvenWithDelayedAcks() {
            TcpSocket socket = TcpHarness.newSocket(256, 64).setDelayedAck(true);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(1460).sackOk());
            h.recvOne();
            h.send(seg().seq(R + 1).ack(L + 1).win(1000));
            h.send(data(0, "abc"));
            h.toPollAt().drain();

            h.send(data(1, "bcd"));
            h.recv(seg().seq(L + 1).ack(R + 5).win(252).sack(R + 2, R + 4));
        }

        @Test
        void withoutSackOutOfOrderDataGetsAPlainDuplicateAck() {
            TcpHarness h = TcpHarness.established();
            h.send(seg().seq(R + 11).ack(L + 1).win(256).data("xyz"));
            h.recv(seg().seq(L + 1).ack(R + 1).win(64));
        }
    }

    @Nested
    class Timestamps {
        TcpHarness tsConnection(TcpSocket socket) {
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(1460).ts(500, 0));
            h.recv(seg().syn().seq(L).ack(R + 1).win(socket.recvCapacity()).mss(1460).ts(h.tsNow(), 500));
            h.send(seg().seq(R + 1).ack(L + 1).win(1000).ts(501, h.tsNow()));
            h.assertState(TcpState.ESTABLISHED);
            return h;
        }

        @Test
        void theyAreNegotiatedOnlyIfBothOfferThem() {
            TcpSocket socket = TcpHarness.newSocket(64, 64).setTimestampsEnabled(false);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(1460).ts(500, 0));
            h.recv(seg().syn().seq(L).ack(R + 1).win(64).mss(1460));
            assertFalse(socket.controlBlock(0).timestampsNegotiated());
            TcpHarness plain = TcpHarness.established();
            assertFalse(plain.socket.controlBlock(0).timestampsNegotiated());
        }

        @Test
        void everySegmentCarriesOurClockAndEchoesTsRecent() {
            TcpHarness h = tsConnection(TcpHarness.newSocket(64, 64));
            h.at(250);
            h.send(seg().seq(R + 1).ack(L + 1).win(1000).ts(777, 0).data("abc"));
            h.recv(seg().seq(L + 1).ack(R + 4).win(61).ts(L + 250, 777));
            h.sendText("x");
            h.at(300).recv(seg().psh().seq(L + 1).ack(R + 4).win(61).ts(L + 300, 777).data("x"));
        }

        @Test
        void aSegmentWithoutTimestampsIsSilentlyDroppedAndCounted() {
            TcpHarness h = tsConnection(TcpHarness.newSocket(64, 64));
            h.send(seg().seq(R + 1).ack(L + 1).win(1000).data("abc"));
            h.recvNothing();
            assertEquals(0, h.socket.recvQueue());
            TcpControlBlock block = h.socket.controlBlock(h.now());
            assertEquals(1, block.missingTimestampDrops());
            assertTrue(block.toString().contains("1 without timestamps"), block.toString());
        }

        @Test
        void anRstWithoutTimestampsStillResets() {
            TcpHarness h = tsConnection(TcpHarness.newSocket(64, 64));
            h.send(seg().rst().seq(R + 1));
            h.assertState(TcpState.CLOSED);
        }

        @Test
        void pawsRejectsAnOldTimestampWithAnAck() {
            TcpHarness h = tsConnection(TcpHarness.newSocket(64, 64));
            h.send(seg().seq(R + 1).ack(L + 1).win(1000).ts(600, 0).data("abc"));
            h.recvOne();
            h.send(seg().seq(R + 4).ack(L + 1).win(1000).ts(599, 0).data("def"));
            h.recv(seg().seq(L + 1).ack(R + 4).win(61).ts(h.tsNow(), 600));
            assertEquals(3, h.socket.recvQueue());
            assertEquals(1, h.socket.controlBlock(h.now()).pawsRejected());
        }

        @Test
        void pawsAcceptsAnEqualTimestamp() {
            TcpHarness h = tsConnection(TcpHarness.newSocket(64, 64));
            h.send(seg().seq(R + 1).ack(L + 1).win(1000).ts(600, 0).data("abc"));
            h.send(seg().seq(R + 4).ack(L + 1).win(1000).ts(600, 0).data("def"));
            assertEquals(6, h.socket.recvQueue());
        }

        @Test
        void pawsDoesNotApplyToAnRst() {
            TcpHarness h = tsConnection(TcpHarness.newSocket(64, 64));
            h.send(seg().seq(R + 1).ack(L + 1).win(1000).ts(600, 0).data("abc"));
            h.send(seg().rst().seq(R + 4).ts(1, 0));
            h.assertState(TcpState.CLOSED);
        }

        @Test
        void tsRecentIsNotTakenFromASegmentBeyondWhatWeAcked() {
            TcpHarness h = tsConnection(TcpHarness.newSocket(64, 64));
            // Out of order: SEG.SEQ > Last.ACK.sent, so TS.Recent stays 501.
            h.send(seg().seq(R + 10).ack(L + 1).win(1000).ts(900, 0).data("zz"));
            h.recv(seg().seq(L + 1).ack(R + 1).win(64).ts(h.tsNow(), 501));
        }

        @Test
        void theRoundTripIsMeasuredFromTheEcho() {
            TcpSocket socket = TcpHarness.newSocket(64, 64).setMinRto(TcpHarness.ms(10));
            TcpHarness h = tsConnection(socket);
            h.at(1000);
            h.sendText("ping");
            h.recvOne();
            h.at(1100);
            h.send(seg().seq(R + 1).ack(L + 5).win(1000).ts(502, L + 1000));
            // The handshake gave a first sample of 0 ms; RFC 6298: SRTT = 7/8 * 0 + 1/8 * 100 ms.
            TcpControlBlock tcb = socket.controlBlock(h.now());
            assertEquals(TcpHarness.ms(100) / 8, tcb.srtt());
        }

        @Test
        void theHandshakeIsTimedFromTheEchoToo() {
            TcpSocket socket = TcpHarness.newSocket(64, 64);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(1000).mss(1460).ts(500, 0));
            h.recvOne();
            h.at(40);
            h.send(seg().seq(R + 1).ack(L + 1).win(1000).ts(501, L));
            assertEquals(TcpHarness.ms(40), socket.controlBlock(h.now()).srtt());
        }
    }
}
