package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.BUFFER;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_ADDR;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_ADDR;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_WIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpRepr;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every state of RFC 9293 §3.3.2 and the transitions of §3.10, one nested class per state. */
class TcpStateMachineTest {

    static final int L = LOCAL_SEQ;
    static final int R = REMOTE_SEQ;

    /** The ACK the socket sends in ESTABLISHED with nothing sent yet. */
    static Seg ackFromUs(int ack) {
        return seg().seq(L + 1).ack(ack).win(BUFFER);
    }

    /** A segment from the remote in ESTABLISHED with nothing sent by it yet. */
    static Seg fromThem() {
        return seg().seq(R + 1).ack(L + 1).win(REMOTE_WIN);
    }

    @Nested
    class InClosed {
        @Test
        void aNewSocketIsClosedAndAcceptsNothing() {
            TcpHarness h = TcpHarness.closed();
            h.assertState(TcpState.CLOSED);
            assertFalse(h.accepts(seg().syn().seq(R)));
            assertEquals(Micros.NEVER, h.socket.pollAt(0));
            h.recvNothing();
        }

        @Test
        void aSegmentWithAnAckIsAnsweredWithAnRstAtThatAck() {
            TcpRepr in = seg().seq(R).ack(4242).fill(new TcpRepr(), 1234, 80);
            TcpRepr reply = new TcpRepr();
            assertTrue(TcpSocket.resetFor(LOCAL_ADDR, REMOTE_ADDR, in, reply));
            assertEquals(seg().rst().seq(4242), Seg.of(reply, new byte[0]));
            assertEquals(80, reply.sourcePort());
            assertEquals(1234, reply.destinationPort());
            assertEquals(LOCAL_ADDR, reply.sourceAddress());
            assertEquals(REMOTE_ADDR, reply.destinationAddress());
        }

        @Test
        void aSegmentWithoutAnAckIsAnsweredWithRstAckCoveringIt() {
            TcpRepr in = seg().syn().seq(R).data("abc").fill(new TcpRepr(), 1234, 80);
            TcpRepr reply = new TcpRepr();
            assertTrue(TcpSocket.resetFor(LOCAL_ADDR, REMOTE_ADDR, in, reply));
            assertEquals(seg().rst().seq(0).ack(R + 4), Seg.of(reply, new byte[0]));
        }

        @Test
        void anRstIsNeverAnswered() {
            TcpRepr in = seg().rst().seq(R).fill(new TcpRepr(), 1234, 80);
            assertFalse(TcpSocket.resetFor(LOCAL_ADDR, REMOTE_ADDR, in, new TcpRepr()));
        }

        @Test
        void aClosedSocketGivenASegmentAnswersWithAnRst() {
            TcpSocket socket = TcpHarness.newSocket(64, 64);
            TcpRepr reply = new TcpRepr();
            TcpRepr in = seg().seq(R).ack(99).fill(new TcpRepr(), 1234, 80);
            assertTrue(socket.process(0, LOCAL_ADDR, REMOTE_ADDR, in, reply));
            assertTrue(reply.isRst());
        }

        @Test
        void sendAndRecvSayNotConnected() {
            TcpHarness h = TcpHarness.closed();
            TcpException.Send send = assertThrows(TcpException.Send.class, () -> h.socket.send(new byte[1], 0, 1));
            assertEquals(SendError.NOT_CONNECTED, send.error());
            TcpException.Recv recv = assertThrows(TcpException.Recv.class, () -> h.socket.recv(new byte[1], 0, 1));
            assertEquals(RecvError.NOT_CONNECTED, recv.error());
        }

        @Test
        void connectNeedsBothEndpointsComplete() {
            TcpHarness h = TcpHarness.closed();
            TcpException.Connect e = assertThrows(TcpException.Connect.class,
                    () -> h.socket.connect(0, new Endpoint(0, 80), REMOTE));
            assertEquals(ConnectError.UNADDRESSABLE, e.error());
            e = assertThrows(TcpException.Connect.class, () -> h.socket.connect(0, LOCAL, new Endpoint(REMOTE_ADDR, 0)));
            assertEquals(ConnectError.UNADDRESSABLE, e.error());
            h.assertState(TcpState.CLOSED);
        }

        @Test
        void listenNeedsAPort() {
            TcpHarness h = TcpHarness.closed();
            TcpException.Connect e = assertThrows(TcpException.Connect.class, () -> h.socket.listen(new Endpoint(0, 0)));
            assertEquals(ConnectError.UNADDRESSABLE, e.error());
        }

        @Test
        void closeAndAbortDoNothing() {
            TcpHarness h = TcpHarness.closed();
            h.socket.close();
            h.socket.abort();
            h.assertState(TcpState.CLOSED);
            h.recvNothing();
            assertTrue(h.transitions.isEmpty());
        }

        @Test
        void connectSendsASyn() throws TcpException {
            TcpHarness h = TcpHarness.closed();
            h.socket.setSackEnabled(false).setTimestampsEnabled(false).setWindowScaleEnabled(false);
            h.socket.connect(h.now(), LOCAL, REMOTE);
            h.assertState(TcpState.SYN_SENT);
            h.recv(seg().syn().seq(L).win(BUFFER).mss(1460));
        }
    }

    @Nested
    class InListen {
        @Test
        void acceptsAnyRemoteOnItsPortAndAddress() {
            TcpHarness h = TcpHarness.listening();
            h.assertState(TcpState.LISTEN);
            assertTrue(h.accepts(seg().syn().seq(R)));
            h.from(0x0A000001, 5555);
            assertTrue(h.accepts(seg().syn().seq(R)));
            TcpRepr otherPort = seg().syn().seq(R).fill(new TcpRepr(), 5555, 81);
            assertFalse(h.socket.accepts(LOCAL_ADDR, REMOTE_ADDR, otherPort));
            TcpRepr otherAddress = seg().syn().seq(R).fill(new TcpRepr(), 5555, 80);
            assertFalse(h.socket.accepts(LOCAL_ADDR + 1, REMOTE_ADDR, otherAddress));
        }

        @Test
        void listeningOnAnyAddressAcceptsEveryLocalAddress() throws TcpException {
            TcpSocket socket = TcpHarness.newSocket(64, 64);
            socket.listen(new Endpoint(0, 80));
            TcpRepr syn = seg().syn().seq(R).fill(new TcpRepr(), 5555, 80);
            assertTrue(socket.accepts(LOCAL_ADDR, REMOTE_ADDR, syn));
            assertTrue(socket.accepts(0x0A000001, REMOTE_ADDR, syn));
        }

        @Test
        void anRstIsIgnored() {
            TcpHarness h = TcpHarness.listening();
            h.send(seg().rst().seq(R));
            h.recvNothing();
            h.assertState(TcpState.LISTEN);
        }

        @Test
        void anAckIsAnsweredWithAnRst() {
            TcpHarness h = TcpHarness.listening();
            h.send(seg().seq(R).ack(12345).win(REMOTE_WIN));
            h.recv(seg().rst().seq(12345));
            h.assertState(TcpState.LISTEN);
        }

        @Test
        void aSynAckIsAnsweredWithAnRst() {
            TcpHarness h = TcpHarness.listening();
            h.send(seg().syn().seq(R).ack(777).win(REMOTE_WIN));
            h.recv(seg().rst().seq(777));
            h.assertState(TcpState.LISTEN);
        }

        @Test
        void aSegmentWithoutSynAckOrRstIsDropped() {
            TcpHarness h = TcpHarness.listening();
            h.send(seg().fin().seq(R).data("x"));
            h.recvNothing();
            h.assertState(TcpState.LISTEN);
        }

        @Test
        void aSynIsAnsweredWithSynAckAndLeadsToSynReceived() {
            TcpHarness h = TcpHarness.synReceived();
            h.assertState(TcpState.SYN_RECEIVED);
            assertEquals(REMOTE, h.socket.remoteEndpoint());
            assertEquals(LOCAL, h.socket.localEndpoint());
            assertEquals(List.of(TcpState.SYN_RECEIVED), h.transitions);
        }

        @Test
        void dataInASynIsNotAcknowledged() {
            TcpHarness h = TcpHarness.listening();
            h.send(seg().syn().seq(R).win(REMOTE_WIN).mss(1460).data("early"));
            h.recv(seg().syn().seq(L).ack(R + 1).win(BUFFER).mss(1460));
        }

        @Test
        void closeStopsListening() {
            TcpHarness h = TcpHarness.listening();
            h.socket.close();
            h.assertState(TcpState.CLOSED);
            assertFalse(h.accepts(seg().syn().seq(R)));
        }

        @Test
        void sendIsRefusedAndNothingIsArmed() {
            TcpHarness h = TcpHarness.listening();
            TcpException.Send e = assertThrows(TcpException.Send.class, () -> h.socket.send(new byte[1], 0, 1));
            assertEquals(SendError.NOT_CONNECTED, e.error());
            assertEquals(Micros.NEVER, h.socket.pollAt(h.now()));
        }

        @Test
        void connectIsRefusedWhileListening() {
            TcpHarness h = TcpHarness.listening();
            TcpException.Connect e = assertThrows(TcpException.Connect.class,
                    () -> h.socket.connect(0, LOCAL, REMOTE));
            assertEquals(ConnectError.INVALID_STATE, e.error());
        }
    }

    @Nested
    class InSynReceived {
        @Test
        void theAckOfOurSynEstablishes() {
            TcpHarness h = TcpHarness.synReceived();
            h.send(fromThem());
            h.recvNothing();
            h.assertState(TcpState.ESTABLISHED);
            assertEquals(List.of(TcpState.SYN_RECEIVED, TcpState.ESTABLISHED), h.transitions);
        }

        @Test
        void anRstReturnsToListen() {
            TcpHarness h = TcpHarness.synReceived();
            h.send(seg().rst().seq(R + 1));
            h.recvNothing();
            h.assertState(TcpState.LISTEN);
            assertEquals(new Endpoint(0, 0), h.socket.remoteEndpoint());
            assertTrue(h.accepts(seg().syn().seq(R + 7)));
        }

        @Test
        void anRstOfAnActiveOpenRefusesTheConnection() {
            TcpHarness h = TcpHarness.synSent();
            h.recv(seg().syn().seq(L).win(BUFFER).mss(1460));
            h.send(seg().syn().seq(R).win(REMOTE_WIN).mss(1460));
            h.recv(seg().syn().seq(L).ack(R + 1).win(BUFFER).mss(1460));
            h.send(seg().rst().seq(R + 1));
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.REFUSED, h.socket.closeReason());
        }

        @Test
        void anRstInTheWindowButNotExactGetsAChallengeAck() {
            TcpHarness h = TcpHarness.synReceived();
            h.send(seg().rst().seq(R + 5));
            h.recv(seg().seq(L + 1).ack(R + 1).win(BUFFER));
            h.assertState(TcpState.SYN_RECEIVED);
        }

        @Test
        void anRstOutsideTheWindowIsIgnored() {
            TcpHarness h = TcpHarness.synReceived();
            h.send(seg().rst().seq(R + 1000));
            h.recvNothing();
            h.assertState(TcpState.SYN_RECEIVED);
        }

        @Test
        void anUnacceptableAckIsAnsweredWithAnRst() {
            TcpHarness h = TcpHarness.synReceived();
            h.send(seg().seq(R + 1).ack(L + 5).win(REMOTE_WIN));
            h.recv(seg().rst().seq(L + 5));
            h.assertState(TcpState.SYN_RECEIVED);
        }

        @Test
        void anAckOfNothingNewIsAnsweredWithAnRst() {
            TcpHarness h = TcpHarness.synReceived();
            h.send(seg().seq(R + 1).ack(L).win(REMOTE_WIN));
            h.recv(seg().rst().seq(L));
        }

        @Test
        void theRetransmittedSynGetsTheSynAckAgain() {
            TcpHarness h = TcpHarness.synReceived();
            h.advance(100);
            h.send(seg().syn().seq(R).win(REMOTE_WIN).mss(1460));
            h.recv(seg().syn().seq(L).ack(R + 1).win(BUFFER).mss(1460));
            h.assertState(TcpState.SYN_RECEIVED);
        }

        @Test
        void aDifferentSynInTheWindowReturnsAPassiveOpenToListen() {
            TcpHarness h = TcpHarness.synReceived();
            h.send(seg().syn().seq(R + 3).win(REMOTE_WIN));
            h.recvNothing();
            h.assertState(TcpState.LISTEN);
        }

        @Test
        void aSegmentWithoutAckIsDropped() {
            TcpHarness h = TcpHarness.synReceived();
            h.send(seg().seq(R + 1).win(REMOTE_WIN).data("abc"));
            h.recvNothing();
            h.assertState(TcpState.SYN_RECEIVED);
            assertEquals(0, h.socket.recvQueue());
        }

        @Test
        void theSynAckIsRetransmittedWithBackoff() {
            TcpHarness h = TcpHarness.synReceived();
            Seg synAck = seg().syn().seq(L).ack(R + 1).win(BUFFER).mss(1460);
            h.at(999).recvNothing();
            h.at(1000).recv(synAck);
            h.at(2999).recvNothing();
            h.at(3000).recv(synAck);
            h.at(7000).recv(synAck);
        }

        @Test
        void aPassiveOpenGivesUpAndListensAgainAfterTheRetransmissionLimit() {
            TcpHarness h = TcpHarness.synReceived();
            h.socket.setMaxRetransmissions(2);
            h.at(1000).recvOne();
            h.at(3000).recvOne();
            h.at(7000).recvNothing();
            h.assertState(TcpState.LISTEN);
        }

        @Test
        void dataWithTheFinalAckIsDelivered() {
            TcpHarness h = TcpHarness.synReceived();
            h.send(fromThem().data("hello"));
            h.recv(ackFromUs(R + 6).win(BUFFER - 5));
            h.assertState(TcpState.ESTABLISHED);
            assertEquals("hello", h.recvText());
        }

        @Test
        void aFinWithTheFinalAckLeadsToCloseWait() {
            TcpHarness h = TcpHarness.synReceived();
            h.send(fromThem().fin());
            h.recv(ackFromUs(R + 2));
            h.assertState(TcpState.CLOSE_WAIT);
        }

        @Test
        void closeSendsTheFinOnceTheHandshakeCompletes() {
            TcpHarness h = TcpHarness.synReceived();
            h.socket.close();
            h.recvNothing();
            h.assertState(TcpState.SYN_RECEIVED);
            h.send(fromThem());
            h.recv(seg().fin().seq(L + 1).ack(R + 1).win(BUFFER));
            h.assertState(TcpState.FIN_WAIT_1);
        }

        @Test
        void abortSendsAnRst() {
            TcpHarness h = TcpHarness.synReceived();
            h.socket.abort();
            h.recv(seg().rst().seq(L + 1));
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.ABORTED, h.socket.closeReason());
            h.recvNothing();
        }
    }

    @Nested
    class InSynSent {
        @Test
        void theSynOffersEveryEnabledOption() throws TcpException {
            // 2^20 octets need a shift of 5: 65535 << 4 is 16 short of them.
            TcpHarness h = new TcpHarness(TcpHarness.newSocket(1 << 20, 64));
            h.at(5);
            h.socket.connect(h.now(), LOCAL, REMOTE);
            h.recv(seg().syn().seq(L).win(65535).mss(1460).ws(5).sackOk().ts(h.tsNow(), 0));
        }

        @Test
        void aSynAckEstablishesAndIsAcknowledged() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.send(seg().syn().seq(R).ack(L + 1).win(REMOTE_WIN).mss(1460));
            h.recv(seg().seq(L + 1).ack(R + 1).win(BUFFER));
            h.assertState(TcpState.ESTABLISHED);
            assertEquals(List.of(TcpState.SYN_SENT, TcpState.ESTABLISHED), h.transitions);
        }

        /** RFC 9293 §3.10.7.3: after a SYN,ACK "continue processing at the sixth step". */
        @Test
        void textAndFinInASynAckAreTaken() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.send(seg().syn().fin().seq(R).ack(L + 1).win(REMOTE_WIN).mss(1460).data("early"));
            h.recv(seg().seq(L + 1).ack(R + 7).win(BUFFER - 5));
            assertEquals("early", h.recvText());
            h.assertState(TcpState.CLOSE_WAIT);
        }

        /** Not queued for later (RFC 9293 §3.10.7.3 "queue them"): left unacknowledged, they come again. */
        @Test
        void textInASynWithoutAckIsNotTakenInASimultaneousOpen() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.send(seg().syn().seq(R).win(REMOTE_WIN).mss(1460).data("early"));
            h.recv(seg().syn().seq(L).ack(R + 1).win(BUFFER).mss(1460));
            h.assertState(TcpState.SYN_RECEIVED);
            assertEquals(0, h.socket.recvQueue());
        }

        @Test
        void anAckAtOrBeforeTheIssIsAnsweredWithAnRst() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.send(seg().syn().seq(R).ack(L).win(REMOTE_WIN));
            h.recv(seg().rst().seq(L));
            h.assertState(TcpState.SYN_SENT);
        }

        @Test
        void anAckOfUnsentDataIsAnsweredWithAnRst() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.send(seg().seq(R).ack(L + 2).win(REMOTE_WIN));
            h.recv(seg().rst().seq(L + 2));
            h.assertState(TcpState.SYN_SENT);
        }

        @Test
        void anRstWithAnAcceptableAckRefusesTheConnection() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.send(seg().rst().seq(0).ack(L + 1));
            h.recvNothing();
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.REFUSED, h.socket.closeReason());
            TcpException.Recv e = assertThrows(TcpException.Recv.class, () -> h.socket.recv(new byte[1], 0, 1));
            assertEquals(RecvError.NOT_CONNECTED, e.error());
        }

        @Test
        void anRstWithoutAnAckIsIgnored() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.send(seg().rst().seq(R));
            h.recvNothing();
            h.assertState(TcpState.SYN_SENT);
        }

        @Test
        void anRstWithABadAckIsIgnoredAndNotAnswered() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.send(seg().rst().seq(R).ack(L + 9));
            h.recvNothing();
            h.assertState(TcpState.SYN_SENT);
        }

        @Test
        void aSegmentWithoutSynOrRstIsDropped() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.send(seg().seq(R).ack(L + 1).win(REMOTE_WIN).data("x"));
            h.recvNothing();
            h.assertState(TcpState.SYN_SENT);
        }

        @Test
        void theSynIsRetransmittedWithBackoff() {
            TcpHarness h = TcpHarness.synSent();
            Seg syn = seg().syn().seq(L).win(BUFFER).mss(1460);
            h.recv(syn);
            h.at(999).recvNothing();
            h.at(1000).recv(syn);
            h.at(2999).recvNothing();
            h.at(3000).recv(syn);
            h.at(7000).recv(syn);
            h.at(15000).recv(syn);
        }

        @Test
        void theConnectionTimesOutWithoutAnRstAfterTheRetransmissionLimit() {
            TcpHarness h = TcpHarness.synSent();
            h.socket.setMaxRetransmissions(2);
            h.recvOne();
            h.at(1000).recvOne();
            h.at(3000).recvOne();
            h.at(7000).recvNothing();
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.TIMED_OUT, h.socket.closeReason());
        }

        @Test
        void closeGivesUpSilently() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.socket.close();
            h.recvNothing();
            h.assertState(TcpState.CLOSED);
        }

        @Test
        void abortGivesUpSilently() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.socket.abort();
            h.recvNothing();
            h.assertState(TcpState.CLOSED);
        }

        @Test
        void dataInTheSynAckIsDelivered() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.send(seg().syn().seq(R).ack(L + 1).win(REMOTE_WIN).data("hi"));
            h.recv(seg().seq(L + 1).ack(R + 3).win(BUFFER - 2));
            assertEquals("hi", h.recvText());
        }

        @Test
        void aFinInTheSynAckLeadsToCloseWait() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.send(seg().syn().fin().seq(R).ack(L + 1).win(REMOTE_WIN));
            h.recv(seg().seq(L + 1).ack(R + 2).win(BUFFER));
            h.assertState(TcpState.CLOSE_WAIT);
        }

        @Test
        void dataQueuedWhileConnectingFollowsTheHandshake() {
            TcpHarness h = TcpHarness.synSent();
            assertEquals(3, h.sendText("abc"));
            h.recv(seg().syn().seq(L).win(BUFFER).mss(1460));
            h.send(seg().syn().seq(R).ack(L + 1).win(REMOTE_WIN));
            h.recv(seg().psh().seq(L + 1).ack(R + 1).win(BUFFER).data("abc"));
        }

        @Test
        void recvReturnsNothingYetRatherThanFailing() throws TcpException {
            TcpHarness h = TcpHarness.synSent();
            assertEquals(0, h.socket.recv(new byte[4], 0, 4));
            assertTrue(h.socket.mayRecv());
            assertFalse(h.socket.canRecv());
        }
    }

    @Nested
    class InEstablished {
        @Test
        void dataIsReceivedAndAcknowledged() {
            TcpHarness h = TcpHarness.established();
            h.send(fromThem().data("abcdef"));
            h.recv(ackFromUs(R + 7).win(BUFFER - 6));
            assertEquals("abcdef", h.recvText());
        }

        @Test
        void dataIsSent() {
            TcpHarness h = TcpHarness.established();
            h.sendText("abcdef");
            h.recv(seg().psh().seq(L + 1).ack(R + 1).win(BUFFER).data("abcdef"));
            h.send(seg().seq(R + 1).ack(L + 7).win(REMOTE_WIN));
            h.recvNothing();
            assertEquals(0, h.socket.sendQueue());
        }

        @Test
        void theRemoteFinLeadsToCloseWait() {
            TcpHarness h = TcpHarness.closeWait();
            assertEquals(List.of(TcpState.CLOSE_WAIT), h.transitions);
            TcpException.Recv e = assertThrows(TcpException.Recv.class, () -> h.socket.recv(new byte[1], 0, 1));
            assertEquals(RecvError.FINISHED, e.error());
        }

        @Test
        void dataAndFinInOneSegmentAreBothTaken() {
            TcpHarness h = TcpHarness.established();
            h.send(fromThem().fin().data("bye"));
            h.recv(ackFromUs(R + 5).win(BUFFER - 3));
            h.assertState(TcpState.CLOSE_WAIT);
            assertEquals("bye", h.recvText());
        }

        @Test
        void closeSendsAFinAndLeadsToFinWait1() {
            TcpHarness h = TcpHarness.finWait1();
            assertEquals(List.of(TcpState.FIN_WAIT_1), h.transitions);
        }

        @Test
        void closeSendsTheFinAfterTheQueuedData() {
            TcpHarness h = TcpHarness.established();
            h.sendText("abc");
            h.socket.close();
            h.recv(seg().fin().psh().seq(L + 1).ack(R + 1).win(BUFFER).data("abc"));
        }

        @Test
        void anRstAtRcvNxtResetsTheConnection() {
            TcpHarness h = TcpHarness.established();
            h.send(seg().rst().seq(R + 1));
            h.recvNothing();
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.RESET, h.socket.closeReason());
        }

        @Test
        void anRstResetDiscardsUnreadData() {
            TcpHarness h = TcpHarness.established();
            h.send(fromThem().data("abc"));
            h.recvOne();
            h.send(seg().rst().seq(R + 4));
            assertEquals(0, h.socket.recvQueue());
            TcpException.Recv e = assertThrows(TcpException.Recv.class, () -> h.socket.recv(new byte[1], 0, 1));
            assertEquals(RecvError.NOT_CONNECTED, e.error());
        }

        @Test
        void anRstInTheWindowButNotAtRcvNxtGetsAChallengeAck() {
            TcpHarness h = TcpHarness.established();
            h.send(seg().rst().seq(R + 2));
            h.recv(ackFromUs(R + 1));
            h.assertState(TcpState.ESTABLISHED);
        }

        @Test
        void anRstOutsideTheWindowIsSilentlyIgnored() {
            TcpHarness h = TcpHarness.established();
            h.send(seg().rst().seq(R + 1 + BUFFER));
            h.send(seg().rst().seq(R));
            h.recvNothing();
            h.assertState(TcpState.ESTABLISHED);
        }

        @Test
        void aSynInTheWindowGetsAChallengeAck() {
            TcpHarness h = TcpHarness.established();
            h.send(seg().syn().seq(R + 10).win(REMOTE_WIN));
            h.recv(ackFromUs(R + 1));
            h.assertState(TcpState.ESTABLISHED);
        }

        @Test
        void anOldSynIsAnsweredWithAnAck() {
            TcpHarness h = TcpHarness.established();
            h.send(seg().syn().seq(R).win(REMOTE_WIN).mss(1460));
            h.recv(ackFromUs(R + 1));
            h.assertState(TcpState.ESTABLISHED);
        }

        @Test
        void anAckOfUnsentDataIsAnsweredAndTheSegmentDropped() {
            TcpHarness h = TcpHarness.established();
            h.send(fromThem().ack(L + 100).data("xyz"));
            h.recv(ackFromUs(R + 1));
            assertEquals(0, h.socket.recvQueue());
        }

        @Test
        void anAckTooFarBehindIsAnsweredAndTheSegmentDropped() {
            TcpHarness h = TcpHarness.established();
            h.send(fromThem().ack(L + 1 - REMOTE_WIN - 1).data("xyz"));
            h.recv(ackFromUs(R + 1));
            assertEquals(0, h.socket.recvQueue());
        }

        @Test
        void anOldAckWithinTheAcceptanceRangeIsFine() {
            TcpHarness h = TcpHarness.established();
            h.send(fromThem().ack(L).data("xyz"));
            h.recv(ackFromUs(R + 4).win(BUFFER - 3));
        }

        @Test
        void aDuplicateSegmentIsAnsweredWithAnAck() {
            TcpHarness h = TcpHarness.established();
            h.send(fromThem().data("abc"));
            h.recv(ackFromUs(R + 4).win(BUFFER - 3));
            h.send(fromThem().data("abc"));
            h.recv(ackFromUs(R + 4).win(BUFFER - 3));
            assertEquals("abc", h.recvText());
        }

        @Test
        void aSegmentBeyondTheWindowIsAnsweredWithAnAck() {
            TcpHarness h = TcpHarness.established();
            h.send(fromThem().seq(R + 1 + BUFFER).data("zz"));
            h.recv(ackFromUs(R + 1));
            assertEquals(0, h.socket.recvQueue());
        }

        @Test
        void aSegmentWithoutAckIsDropped() {
            TcpHarness h = TcpHarness.established();
            h.send(fromThem().noAck().data("abc"));
            h.recvNothing();
            assertEquals(0, h.socket.recvQueue());
        }

        @Test
        void abortSendsAnRstAtSndNxt() {
            TcpHarness h = TcpHarness.established();
            h.sendText("abc");
            h.recvOne();
            h.socket.abort();
            h.recv(seg().rst().seq(L + 4));
            h.assertState(TcpState.CLOSED);
            assertEquals(0, h.socket.sendQueue());
            assertFalse(h.accepts(fromThem()));
        }

        @Test
        void urgentDataIsDeliveredInLine() {
            TcpHarness h = TcpHarness.established();
            h.send(fromThem().urg().data("!!"));
            h.recv(ackFromUs(R + 3).win(BUFFER - 2));
            assertEquals("!!", h.recvText());
        }

        @Test
        void connectIsRefusedOnAnOpenSocket() {
            TcpHarness h = TcpHarness.established();
            TcpException.Connect e = assertThrows(TcpException.Connect.class,
                    () -> h.socket.connect(0, LOCAL, REMOTE));
            assertEquals(ConnectError.INVALID_STATE, e.error());
        }
    }

    @Nested
    class InFinWait1 {
        @Test
        void theAckOfOurFinLeadsToFinWait2() {
            TcpHarness h = TcpHarness.finWait2();
            assertEquals(List.of(TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2), h.transitions);
        }

        @Test
        void aFinThatDoesNotAckOursLeadsToClosing() {
            TcpHarness h = TcpHarness.closing();
            assertEquals(List.of(TcpState.FIN_WAIT_1, TcpState.CLOSING), h.transitions);
        }

        @Test
        void aFinThatAcksOursLeadsToTimeWait() {
            TcpHarness h = TcpHarness.finWait1();
            h.send(seg().fin().seq(R + 1).ack(L + 2).win(REMOTE_WIN));
            h.recv(seg().seq(L + 2).ack(R + 2).win(BUFFER));
            h.assertState(TcpState.TIME_WAIT);
        }

        @Test
        void dataIsStillReceived() {
            TcpHarness h = TcpHarness.finWait1();
            h.send(fromThem().data("abc"));
            h.recv(seg().seq(L + 2).ack(R + 4).win(BUFFER - 3));
            assertEquals("abc", h.recvText());
        }

        @Test
        void sendIsRefused() {
            TcpHarness h = TcpHarness.finWait1();
            TcpException.Send e = assertThrows(TcpException.Send.class, () -> h.socket.send(new byte[1], 0, 1));
            assertEquals(SendError.CLOSED_FOR_SENDING, e.error());
            assertFalse(h.socket.canSend());
        }

        @Test
        void theFinIsRetransmitted() {
            TcpHarness h = TcpHarness.finWait1();
            h.at(1000).recv(seg().fin().seq(L + 1).ack(R + 1).win(BUFFER));
            h.at(3000).recv(seg().fin().seq(L + 1).ack(R + 1).win(BUFFER));
        }

        @Test
        void closeAgainChangesNothing() {
            TcpHarness h = TcpHarness.finWait1();
            h.socket.close();
            h.recvNothing();
            h.assertState(TcpState.FIN_WAIT_1);
        }
    }

    @Nested
    class InFinWait2 {
        @Test
        void theRemoteFinLeadsToTimeWait() {
            TcpHarness h = TcpHarness.timeWait();
            assertEquals(List.of(TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2, TcpState.TIME_WAIT), h.transitions);
        }

        @Test
        void dataIsStillReceived() {
            TcpHarness h = TcpHarness.finWait2();
            h.send(seg().seq(R + 1).ack(L + 2).win(REMOTE_WIN).data("more"));
            h.recv(seg().seq(L + 2).ack(R + 5).win(BUFFER - 4));
            assertEquals("more", h.recvText());
        }

        @Test
        void itWaitsForTheRemoteFinWithoutATimer() {
            TcpHarness h = TcpHarness.finWait2();
            assertEquals(Micros.NEVER, h.socket.pollAt(h.now()));
            h.at(3_600_000).recvNothing();
            h.assertState(TcpState.FIN_WAIT_2);
        }

        @Test
        void anRstCloses() {
            TcpHarness h = TcpHarness.finWait2();
            h.send(seg().rst().seq(R + 1));
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.RESET, h.socket.closeReason());
        }
    }

    @Nested
    class InCloseWait {
        @Test
        void closeSendsAFinAndLeadsToLastAck() {
            TcpHarness h = TcpHarness.lastAck();
            assertEquals(List.of(TcpState.CLOSE_WAIT, TcpState.LAST_ACK), h.transitions);
        }

        @Test
        void dataCanStillBeSent() {
            TcpHarness h = TcpHarness.closeWait();
            h.sendText("reply");
            h.recv(seg().psh().seq(L + 1).ack(R + 2).win(BUFFER).data("reply"));
        }

        @Test
        void queuedDataIsReadBeforeTheEndOfStream() throws TcpException {
            TcpHarness h = TcpHarness.established();
            h.send(fromThem().data("last words").fin());
            h.recvOne();
            assertTrue(h.socket.mayRecv());
            assertEquals("last words", h.recvText());
            assertFalse(h.socket.mayRecv());
            TcpException.Recv e = assertThrows(TcpException.Recv.class, () -> h.socket.recv(new byte[1], 0, 1));
            assertEquals(RecvError.FINISHED, e.error());
        }

        @Test
        void aRetransmittedFinIsAcknowledgedAgain() {
            TcpHarness h = TcpHarness.closeWait();
            h.send(seg().fin().seq(R + 1).ack(L + 1).win(REMOTE_WIN));
            h.recv(seg().seq(L + 1).ack(R + 2).win(BUFFER));
            h.assertState(TcpState.CLOSE_WAIT);
        }

        @Test
        void textAfterTheFinIsIgnored() {
            TcpHarness h = TcpHarness.closeWait();
            h.send(seg().seq(R + 2).ack(L + 1).win(REMOTE_WIN).data("late"));
            h.recvNothing();
            assertEquals(0, h.socket.recvQueue());
        }
    }

    @Nested
    class InClosing {
        @Test
        void theAckOfOurFinLeadsToTimeWait() {
            TcpHarness h = TcpHarness.closing();
            h.send(seg().seq(R + 2).ack(L + 2).win(REMOTE_WIN));
            h.recvNothing();
            h.assertState(TcpState.TIME_WAIT);
        }

        @Test
        void ourFinIsRetransmitted() {
            TcpHarness h = TcpHarness.closing();
            h.at(1000).recv(seg().fin().seq(L + 1).ack(R + 2).win(BUFFER));
        }

        @Test
        void anRstCloses() {
            TcpHarness h = TcpHarness.closing();
            h.send(seg().rst().seq(R + 2));
            h.assertState(TcpState.CLOSED);
        }
    }

    @Nested
    class InLastAck {
        @Test
        void theAckOfOurFinClosesTheConnection() {
            TcpHarness h = TcpHarness.lastAck();
            h.send(seg().seq(R + 2).ack(L + 2).win(REMOTE_WIN));
            h.recvNothing();
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.CLOSED, h.socket.closeReason());
            assertEquals(Micros.NEVER, h.socket.pollAt(h.now()));
        }

        @Test
        void anAckThatDoesNotCoverTheFinKeepsWaiting() {
            TcpHarness h = TcpHarness.lastAck();
            h.send(seg().seq(R + 2).ack(L + 1).win(REMOTE_WIN));
            h.assertState(TcpState.LAST_ACK);
        }

        @Test
        void ourFinIsRetransmitted() {
            TcpHarness h = TcpHarness.lastAck();
            h.at(1000).recv(seg().fin().seq(L + 1).ack(R + 2).win(BUFFER));
        }

        @Test
        void anRstCloses() {
            TcpHarness h = TcpHarness.lastAck();
            h.send(seg().rst().seq(R + 2));
            h.assertState(TcpState.CLOSED);
        }
    }

    @Nested
    class InTimeWait {
        @Test
        void theConnectionClosesAfterTenSeconds() {
            TcpHarness h = TcpHarness.timeWait();
            assertEquals(TcpHarness.ms(10_000), h.socket.pollAt(h.now()));
            h.at(9_999).recvNothing();
            h.assertState(TcpState.TIME_WAIT);
            h.at(10_000).recvNothing();
            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.CLOSED, h.socket.closeReason());
        }

        @Test
        void theDurationIsConfigurable() {
            TcpHarness h = TcpHarness.established();
            h.socket.setTimeWaitDuration(TcpHarness.ms(500));
            h.socket.close();
            h.recvOne();
            h.send(seg().fin().seq(R + 1).ack(L + 2).win(REMOTE_WIN));
            h.recvOne();
            h.at(500).recvNothing();
            h.assertState(TcpState.CLOSED);
        }

        @Test
        void aRetransmittedFinIsAcknowledgedAndRestartsTheWait() {
            TcpHarness h = TcpHarness.timeWait();
            h.at(5_000);
            h.send(seg().fin().seq(R + 1).ack(L + 2).win(REMOTE_WIN));
            h.recv(seg().seq(L + 2).ack(R + 2).win(BUFFER));
            h.at(10_000).recvNothing();
            h.assertState(TcpState.TIME_WAIT);
            h.at(15_000).recvNothing();
            h.assertState(TcpState.CLOSED);
        }

        @Test
        void aSynGetsAChallengeAck() {
            TcpHarness h = TcpHarness.timeWait();
            h.send(seg().syn().seq(R + 10).win(REMOTE_WIN));
            h.recv(seg().seq(L + 2).ack(R + 2).win(BUFFER));
            h.assertState(TcpState.TIME_WAIT);
        }

        @Test
        void anRstAtRcvNxtEndsItEarly() {
            TcpHarness h = TcpHarness.timeWait();
            h.send(seg().rst().seq(R + 2));
            h.recvNothing();
            h.assertState(TcpState.CLOSED);
        }

        @Test
        void textIsIgnored() {
            TcpHarness h = TcpHarness.timeWait();
            h.send(seg().seq(R + 2).ack(L + 2).win(REMOTE_WIN).data("x"));
            h.recvNothing();
            assertEquals(0, h.socket.recvQueue());
        }
    }

    @Nested
    class SimultaneousOpenAndClose {
        @Test
        void simultaneousOpenThroughCrossingSynAcks() {
            TcpHarness h = TcpHarness.synSent();
            h.recv(seg().syn().seq(L).win(BUFFER).mss(1460));
            h.send(seg().syn().seq(R).win(REMOTE_WIN).mss(1460));
            h.assertState(TcpState.SYN_RECEIVED);
            h.recv(seg().syn().seq(L).ack(R + 1).win(BUFFER).mss(1460));
            h.send(seg().syn().seq(R).ack(L + 1).win(REMOTE_WIN).mss(1460));
            h.recv(seg().seq(L + 1).ack(R + 1).win(BUFFER));
            h.assertState(TcpState.ESTABLISHED);
            assertEquals(List.of(TcpState.SYN_SENT, TcpState.SYN_RECEIVED, TcpState.ESTABLISHED), h.transitions);
        }

        @Test
        void simultaneousOpenCompletedByAPlainAck() {
            TcpHarness h = TcpHarness.synSent();
            h.recvOne();
            h.send(seg().syn().seq(R).win(REMOTE_WIN).mss(1460));
            h.recvOne();
            h.send(seg().seq(R + 1).ack(L + 1).win(REMOTE_WIN));
            h.recvNothing();
            h.assertState(TcpState.ESTABLISHED);
        }

        @Test
        void simultaneousCloseGoesThroughClosingToTimeWait() {
            TcpHarness h = TcpHarness.closing();
            h.send(seg().fin().seq(R + 1).ack(L + 2).win(REMOTE_WIN));
            h.recv(seg().seq(L + 2).ack(R + 2).win(BUFFER));
            h.send(seg().seq(R + 2).ack(L + 2).win(REMOTE_WIN));
            h.assertState(TcpState.TIME_WAIT);
        }
    }

    @Nested
    class Reuse {
        @Test
        void aClosedSocketCanConnectAgainWithAFreshConnection() throws TcpException {
            TcpHarness h = TcpHarness.lastAck();
            h.send(seg().seq(R + 2).ack(L + 2).win(REMOTE_WIN));
            h.assertState(TcpState.CLOSED);
            h.socket.setSackEnabled(false).setTimestampsEnabled(false).setWindowScaleEnabled(false);
            h.socket.connect(h.now(), LOCAL, REMOTE);
            h.recv(seg().syn().seq(L).win(BUFFER).mss(1460));
            TcpControlBlock tcb = h.socket.controlBlock(h.now());
            assertEquals(0, tcb.recvUnread());
            assertEquals(0, tcb.octetsReceived());
            assertEquals(CloseReason.NONE, tcb.closeReason());
        }

        @Test
        void resetForgetsAConnectionSilently() throws TcpException {
            TcpHarness h = TcpHarness.established();
            h.sendText("abc");
            h.socket.reset();
            h.recvNothing();
            h.assertState(TcpState.CLOSED);
            assertEquals(List.of(TcpState.CLOSED), h.transitions);
            assertEquals(0, h.socket.sendQueue());
            h.socket.listen(LOCAL);
            h.assertState(TcpState.LISTEN);
        }

        @Test
        void anAbortedSocketOwesItsRstBeforeItCanBeReused() {
            TcpHarness h = TcpHarness.established();
            h.socket.abort();
            assertTrue(h.socket.hasSomethingToSend());
            assertThrows(TcpException.Connect.class, () -> h.socket.connect(0, LOCAL, REMOTE));
            h.recv(seg().rst().seq(L + 1));
            assertFalse(h.socket.hasSomethingToSend());
        }
    }

    @Nested
    class Events {
        @Test
        void everyTransitionOfAFullConnectionIsReportedOnce() {
            TcpHarness h = TcpHarness.listening();
            h.send(seg().syn().seq(R).win(REMOTE_WIN).mss(1460));
            h.recvOne();
            h.send(fromThem());
            h.socket.close();
            h.recvOne();
            h.send(seg().seq(R + 1).ack(L + 2).win(REMOTE_WIN));
            h.send(seg().fin().seq(R + 1).ack(L + 2).win(REMOTE_WIN));
            h.recvOne();
            h.at(10_000).recvNothing();
            assertEquals(List.of(TcpState.SYN_RECEIVED, TcpState.ESTABLISHED, TcpState.FIN_WAIT_1,
                    TcpState.FIN_WAIT_2, TcpState.TIME_WAIT, TcpState.CLOSED), h.transitions);
        }

        @Test
        void theListenerHearsTheTimeAndBothStates() {
            List<String> heard = new java.util.ArrayList<>();
            TcpSocket socket = TcpHarness.newSocket(64, 64);
            TcpHarness h = TcpHarness.listening(socket);
            socket.setEventListener((now, s, from, to) -> heard.add(now + " " + from + "->" + to + " " + (s == socket)));
            h.at(42);
            h.send(seg().syn().seq(R).win(REMOTE_WIN));
            assertEquals(List.of("42000 LISTEN->SYN-RECEIVED true"), heard);
        }
    }
}
