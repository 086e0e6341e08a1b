package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_SEQ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What a connection does with an ICMP error about one of its segments (RFC 1122 §4.2.3.9):
 * path MTU discovery on "fragmentation needed" (RFC 1191), an abort on a hard error while
 * opening (RFC 5461), nothing but a note otherwise; and only for a segment in flight (RFC 5927).
 */
class TcpIcmpErrorTest {
    static final Ipv4Address ROUTER = Ipv4Address.parse("10.0.0.1");
    static final int UNREACHABLE = Icmpv4Packet.TYPE_DST_UNREACHABLE;
    static final int PORT_UNREACHABLE = 3;
    static final int HOST_UNREACHABLE = 1;
    static final int FRAGMENTATION_NEEDED = 4;

    static IcmpError tooBig(int nextHopMtu, int quotedLength, int quotedSeq) {
        return new IcmpError(UNREACHABLE, FRAGMENTATION_NEEDED, ROUTER, nextHopMtu, quotedLength, quotedSeq);
    }

    static IcmpError unreachable(int code, int quotedSeq) {
        return new IcmpError(UNREACHABLE, code, ROUTER, 0, 60, quotedSeq);
    }

    /** Established with a peer that announced MSS 1460 and a big window; 4 segments of 1460 in flight. */
    static TcpHarness sending() {
        TcpSocket socket = TcpHarness.newSocket(64, 16 * 1460).setNagle(false).setMtu(1500);
        TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(REMOTE_SEQ).win(60_000).mss(1460));
        h.recvOne();
        h.send(seg().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).win(60_000));
        h.sendBytes(TcpHarness.bytes(4 * 1460, 7));
        assertEquals(List.of(1460, 1460, 1460, 1460), TcpSendTest.lengths(h.drain()), "all of it, in the initial window");
        return h;
    }

    @Nested
    class FragmentationNeeded {
        @Test
        void lowersTheMssToTheNextHopMtuAndSendsWhatWasInFlightAgainAtOnce() {
            TcpHarness h = sending();
            int cwnd = h.socket.controlBlock(h.now()).cwnd();

            assertTrue(h.socket.icmpError(h.now(), tooBig(1000, 1500, LOCAL_SEQ + 1)));

            TcpControlBlock tcb = h.socket.controlBlock(h.now());
            assertEquals(1000, tcb.pathMtu());
            assertEquals(960, tcb.sendMss(), "1000 less 40 octets of headers");
            List<Seg> again = h.drain();
            assertEquals(LOCAL_SEQ + 1, again.get(0).seq, "from SND.UNA");
            assertTrue(again.stream().allMatch(s -> s.payload.length <= 960), "every segment fits: " + again);
            assertEquals(cwnd, h.socket.controlBlock(h.now()).cwnd(), "no congestion response (RFC 1191 §6.5)");
            assertEquals(0, h.socket.controlBlock(h.now()).timeouts());
        }

        @Test
        void octetsSentCountsNewTextInARetransmissionThatRunsPastWhatWasSent() {
            TcpHarness h = sending();
            h.sendBytes(TcpHarness.bytes(2 * 1460, 9)); // waits: the window is full
            assertTrue(h.socket.icmpError(h.now(), tooBig(1000, 1500, LOCAL_SEQ + 1)));
            // 4 x 1460 again in 960-octet pieces: the seventh runs from old text into new.
            int acked = LOCAL_SEQ + 1;
            for (int round = 0; round < 20 && acked != LOCAL_SEQ + 1 + 6 * 1460; round++) {
                for (Seg seg : h.drain()) {
                    acked = Math.max(acked, seg.seq + seg.payload.length);
                }
                h.send(seg().seq(REMOTE_SEQ + 1).ack(acked).win(60_000));
            }
            TcpControlBlock tcb = h.socket.controlBlock(h.now());
            assertEquals(0, tcb.inFlight());
            assertEquals(6 * 1460, tcb.octetsSent(), "every octet once, however it was cut");
        }

        @Test
        void withoutANextHopMtuGuessesThePlateauBelowTheDatagram() {
            TcpHarness h = sending();
            h.socket.icmpError(h.now(), tooBig(0, 1500, LOCAL_SEQ + 1));
            assertEquals(1492, h.socket.controlBlock(h.now()).pathMtu(), "RFC 1191 §7");
        }

        @Test
        void neverBelowTheFloorAForgedTinyMtuWouldForce() {
            TcpHarness h = sending();
            h.socket.icmpError(h.now(), tooBig(100, 1500, LOCAL_SEQ + 1));
            assertEquals(TcpSocket.MIN_PATH_MTU, h.socket.controlBlock(h.now()).pathMtu());
        }

        @Test
        void aLargerMtuThanTheCurrentChangesNothing() {
            TcpHarness h = sending();
            h.socket.icmpError(h.now(), tooBig(1200, 1500, LOCAL_SEQ + 1));
            h.drain();
            h.socket.icmpError(h.now(), tooBig(1400, 1500, LOCAL_SEQ + 1));
            assertEquals(1200, h.socket.controlBlock(h.now()).pathMtu());
            h.recvNothing();
        }
    }

    @Nested
    class OnlyForASegmentInFlight {
        @Test
        void anErrorQuotingASequenceNumberOutsideTheFlightIsNotTaken() {
            TcpHarness h = sending();
            assertFalse(h.socket.icmpError(h.now(), tooBig(1000, 1500, LOCAL_SEQ + 4 * 1460 + 1)), "never sent");
            assertFalse(h.socket.icmpError(h.now(), tooBig(1000, 1500, LOCAL_SEQ)), "acknowledged (the SYN)");
            assertEquals(1500, h.socket.controlBlock(h.now()).pathMtu());
            assertEquals(null, h.socket.controlBlock(h.now()).lastIcmpError());
            h.recvNothing();
        }

        @Test
        void whileOpeningOnlyTheIss() {
            TcpHarness h = TcpHarness.synSent();
            h.drain();
            assertFalse(h.socket.icmpError(h.now(), unreachable(PORT_UNREACHABLE, LOCAL_SEQ + 1)));
            h.assertState(TcpState.SYN_SENT);
        }
    }

    @Nested
    class HardAndSoftErrors {
        @Test
        void portUnreachableAnswersAConnectAndItCloses() {
            TcpHarness h = TcpHarness.synSent();
            h.drain();

            assertTrue(h.socket.icmpError(h.now(), unreachable(PORT_UNREACHABLE, LOCAL_SEQ)));

            h.assertState(TcpState.CLOSED);
            assertEquals(CloseReason.UNREACHABLE, h.socket.closeReason());
            assertEquals("port unreachable from 10.0.0.1", h.socket.lastIcmpError().orElseThrow().toString());
            h.recvNothing();
        }

        @Test
        void hostUnreachableIsSoftTheConnectGoesOnRetrying() {
            TcpHarness h = TcpHarness.synSent();
            h.drain();

            assertTrue(h.socket.icmpError(h.now(), unreachable(HOST_UNREACHABLE, LOCAL_SEQ)));

            h.assertState(TcpState.SYN_SENT);
            assertEquals("host unreachable from 10.0.0.1", h.socket.controlBlock(h.now()).lastIcmpError());
        }

        @Test
        void aPassiveOpenHearingAHardErrorListensAgain() {
            TcpHarness h = TcpHarness.synReceived();
            assertTrue(h.socket.icmpError(h.now(), unreachable(PORT_UNREACHABLE, LOCAL_SEQ)));
            h.assertState(TcpState.LISTEN);
        }

        @Test
        void anEstablishedConnectionOnlyNotesAHardError() {
            TcpHarness h = sending();
            assertTrue(h.socket.icmpError(h.now(), unreachable(PORT_UNREACHABLE, LOCAL_SEQ + 1)));
            h.assertState(TcpState.ESTABLISHED);
            assertTrue(h.socket.controlBlock(h.now()).toString().contains("ICMP:         port unreachable from 10.0.0.1\n"));
        }

        @Test
        void timeExceededIsSoft() {
            TcpHarness h = TcpHarness.synSent();
            h.drain();
            h.socket.icmpError(h.now(), new IcmpError(Icmpv4Packet.TYPE_TIME_EXCEEDED, 0, ROUTER, 0, 60, LOCAL_SEQ));
            h.assertState(TcpState.SYN_SENT);
            assertEquals("time exceeded from 10.0.0.1", h.socket.lastIcmpError().orElseThrow().toString());
        }
    }
}
