package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_WIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Micros;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The receiving half: reassembly (RFC 9293 §3.10.7.4 seventh), windows (§3.8.6), ACK policy (RFC 5681 §4.2). */
class TcpReceiveTest {

    static final int L = LOCAL_SEQ;
    static final int R = REMOTE_SEQ;

    /** Data from the remote at {@code offset} octets after its first data octet. */
    static Seg data(int offset, String text) {
        return seg().seq(R + 1 + offset).ack(L + 1).win(REMOTE_WIN).data(text);
    }

    static Seg ack(int offset, int window) {
        return seg().seq(L + 1).ack(R + 1 + offset).win(window);
    }

    static String repeat(char c, int n) {
        char[] chars = new char[n];
        Arrays.fill(chars, c);
        return new String(chars);
    }

    static int read(TcpHarness h, int n) {
        try {
            return h.socket.recv(new byte[n], 0, n);
        } catch (TcpException e) {
            throw new AssertionError(e);
        }
    }

    @Nested
    class Reassembly {
        @Test
        void anOutOfOrderSegmentIsHeldAndDeliveredOnceTheGapFills() {
            TcpHarness h = TcpHarness.established();
            h.send(data(3, "def"));
            h.recv(ack(0, 64));
            assertEquals(0, h.socket.recvQueue());
            h.send(data(0, "abc"));
            h.recv(ack(6, 58));
            assertEquals("abcdef", h.recvText());
        }

        @Test
        void severalGapsFillInAnyOrder() {
            TcpHarness h = TcpHarness.established();
            h.send(data(8, "ij"));
            h.send(data(4, "efg"));
            h.send(data(2, "cd"));
            h.send(data(7, "h"));
            h.drain();
            assertEquals(0, h.socket.recvQueue());
            h.send(data(0, "ab"));
            h.recv(ack(10, 54));
            assertEquals("abcdefghij", h.recvText());
        }

        @Test
        void anOverlappingRetransmissionIsTrimmed() {
            TcpHarness h = TcpHarness.established();
            h.send(data(0, "abcdef"));
            h.recv(ack(6, 58));
            h.send(data(3, "defghi"));
            h.recv(ack(9, 55));
            assertEquals("abcdefghi", h.recvText());
        }

        @Test
        void overlappingOutOfOrderSegmentsMerge() {
            TcpHarness h = TcpHarness.established();
            h.send(data(4, "efgh"));
            h.send(data(6, "ghij"));
            h.send(data(0, "abcd"));
            assertEquals("abcdefghij", h.recvText());
        }

        @Test
        void theTailBeyondTheWindowIsCut() {
            TcpHarness h = TcpHarness.established();
            h.send(data(0, repeat('x', 70)));
            h.recv(ack(64, 0));
            assertEquals(64, h.socket.recvQueue());
        }

        @Test
        void outOfOrderRangesBeyondTheBoundAreDropped() {
            TcpHarness h = TcpHarness.established(new TcpSocket(64, 64, 2)
                    .setIsnSource((n, a, b, c, d) -> L).setDelayedAck(false));
            h.send(data(10, "kk"));
            h.send(data(20, "uu"));
            h.send(data(30, "EE"));
            h.drain();
            h.send(data(0, "aaaaaaaaaa"));
            h.recv(ack(12, 52));
            h.send(data(12, "mmmmmmmm"));
            h.recv(ack(22, 42));
            h.send(data(22, "wwwwwwww"));
            h.recv(ack(30, 34));
            assertEquals(1, h.socket.controlBlock(h.now()).outOfOrderDrops());
        }

        @Test
        void aFinAheadOfMissingDataWaitsForIt() {
            TcpHarness h = TcpHarness.established();
            h.send(data(3, "def").fin());
            h.recv(ack(0, 64));
            h.assertState(TcpState.ESTABLISHED);
            h.send(data(0, "abc"));
            h.recv(ack(7, 58));
            h.assertState(TcpState.CLOSE_WAIT);
            assertEquals("abcdef", h.recvText());
        }

        @Test
        void dataWrapsAroundTheReceiveQueue() {
            TcpHarness h = TcpHarness.established();
            h.send(data(0, repeat('a', 64)));
            h.recv(ack(64, 0));
            assertEquals(40, read(h, 40));
            h.recv(ack(64, 40));
            h.send(data(64, repeat('b', 40)));
            h.recv(ack(104, 0));
            assertEquals(repeat('a', 24) + repeat('b', 40), h.recvText());
        }

        @Test
        void peekLeavesTheDataQueued() throws TcpException {
            TcpHarness h = TcpHarness.established();
            h.send(data(0, "hello"));
            byte[] buffer = new byte[8];
            assertEquals(5, h.socket.peek(buffer, 0, 8));
            assertEquals(5, h.socket.recvQueue());
            assertEquals("hello", h.recvText());
        }

        @Test
        void sequenceNumbersWrapAroundTwoToThe32() {
            TcpSocket socket = TcpHarness.newSocket(64, 64).setIsnSource((n, a, b, c, d) -> -3);
            TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(-2).win(256));
            h.recv(seg().syn().seq(-3).ack(-1).win(64).mss(1460));
            h.send(seg().seq(-1).ack(-2).win(256).data("abcd"));
            h.recv(seg().seq(-2).ack(3).win(60));
            h.sendText("wxyz");
            h.recv(seg().psh().seq(-2).ack(3).win(60).data("wxyz"));
            h.send(seg().seq(3).ack(2).win(256));
            assertEquals(0, h.socket.sendQueue());
            assertEquals("abcd", h.recvText());
        }
    }

    @Nested
    class Window {
        @Test
        void aFullQueueAdvertisesAZeroWindow() {
            TcpHarness h = TcpHarness.established();
            h.send(data(0, repeat('x', 64)));
            h.recv(ack(64, 0));
        }

        @Test
        void dataIntoAZeroWindowIsRefusedWithAnAck() {
            TcpHarness h = TcpHarness.established();
            h.send(data(0, repeat('x', 64)));
            h.recvOne();
            h.send(data(64, "y"));
            h.recv(ack(64, 0));
            assertEquals(64, h.socket.recvQueue());
        }

        @Test
        void theAckInAZeroWindowProbeStillCounts() {
            TcpHarness h = TcpHarness.established();
            h.sendText("xyz");
            h.recvOne();
            h.send(data(0, repeat('x', 64)));
            h.recvOne();
            h.send(data(64, "y").ack(L + 4));
            h.recv(seg().seq(L + 4).ack(R + 65).win(0));
            assertEquals(0, h.socket.sendQueue());
        }

        @Test
        void aBareFinIsTakenEvenInAZeroWindow() {
            TcpHarness h = TcpHarness.established();
            h.send(data(0, repeat('x', 64)));
            h.recvOne();
            h.send(seg().fin().seq(R + 65).ack(L + 1).win(REMOTE_WIN));
            h.recv(ack(65, 0));
            h.assertState(TcpState.CLOSE_WAIT);
        }

        @Test
        void readingOpensTheWindowOnlyInWorthwhileSteps() {
            TcpHarness h = TcpHarness.established();
            h.send(data(0, repeat('x', 64)));
            h.recv(ack(64, 0));
            read(h, 10);
            // Receiver silly-window avoidance: 10 octets are less than min(64 / 2, MSS).
            h.recvNothing();
            assertEquals(Micros.NEVER, h.socket.pollAt(h.now()));
            read(h, 22);
            h.recv(ack(64, 32));
        }

        @Test
        void aSmallOpeningIsNotAdvertisedEvenOnAnotherAck() {
            TcpHarness h = TcpHarness.established();
            h.send(data(0, repeat('x', 64)));
            h.recvOne();
            read(h, 10);
            h.sendText("a");
            h.recv(seg().psh().seq(L + 1).ack(R + 65).win(0).data("a"));
        }

        @Test
        void theRightEdgeNeverMovesLeft() {
            TcpHarness h = TcpHarness.established();
            int edge = R + 65;
            int offset = 0;
            for (int round = 0; round < 40; round++) {
                int length = 3 + round % 7;
                h.send(data(offset, repeat('z', length)));
                for (Seg ack : h.drain()) {
                    int newEdge = ack.ack + ack.window;
                    assertTrue(newEdge - edge >= 0, "the edge moved left");
                    edge = newEdge;
                    offset = ack.ack - R - 1;
                }
                read(h, round % 3 == 0 ? 20 : 2);
                for (Seg update : h.drain()) {
                    assertTrue(update.ack + update.window - edge >= 0);
                    edge = update.ack + update.window;
                }
            }
            int reached = offset;
            assertTrue(reached > 200, () -> "the transfer stalled at " + reached);
        }

        @Test
        void theWindowIsUpdatedWhenItOpensFromZero() {
            TcpSocket socket = TcpHarness.newSocket(4096, 64);
            TcpHarness h = TcpHarness.established(socket);
            h.send(data(0, repeat('q', 1460)));
            h.send(data(1460, repeat('q', 1460)));
            h.send(data(2920, repeat('q', 1176)));
            h.drain();
            assertEquals(4096, socket.recvQueue());
            read(h, 1000);
            h.recvNothing();
            read(h, 460);
            h.recv(ack(4096, 1460));
        }
    }

    @Nested
    class DelayedAck {
        TcpHarness delayed(TcpSocket socket) {
            TcpHarness h = TcpHarness.established(socket.setDelayedAck(true));
            return h;
        }

        @Test
        void itIsOnByDefaultWithFortyMilliseconds() {
            TcpSocket socket = new TcpSocket(64, 64);
            assertTrue(socket.delayedAck());
            assertEquals(Micros.ofMillis(40), socket.ackDelay());
        }

        @Test
        void aLoneSegmentIsAcknowledgedAfterTheDelay() {
            TcpHarness h = delayed(TcpHarness.newSocket(64, 64));
            h.send(data(0, "abc"));
            h.recvNothing();
            assertEquals(TcpHarness.ms(40), h.socket.pollAt(h.now()));
            assertEquals(TcpHarness.ms(40), h.socket.controlBlock(h.now()).remaining(TcpTimer.DELAYED_ACK).getAsLong());
            h.at(39).recvNothing();
            h.at(40).recv(ack(3, 61));
            h.at(100).recvNothing();
        }

        @Test
        void theDelayIsConfigurableButBelowHalfASecond() {
            TcpHarness h = delayed(TcpHarness.newSocket(64, 64).setAckDelay(Micros.ofMillis(200)));
            h.send(data(0, "abc"));
            h.at(199).recvNothing();
            h.at(200).recv(ack(3, 61));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> h.socket.setAckDelay(Micros.ofMillis(500)));
        }

        @Test
        void everySecondFullSizedSegmentIsAcknowledgedAtOnce() {
            TcpHarness h = delayed(TcpHarness.newSocket(8192, 64));
            h.send(data(0, repeat('a', 1460)));
            h.recvNothing();
            h.send(data(1460, repeat('b', 1460)));
            h.recv(ack(2920, 8192 - 2920));
            h.send(data(2920, repeat('c', 1460)));
            h.recvNothing();
        }

        @Test
        void thePendingAckRidesOnOurData() {
            TcpHarness h = delayed(TcpHarness.newSocket(64, 64));
            h.send(data(0, "ping"));
            h.recvNothing();
            h.sendText("pong");
            h.recv(seg().psh().seq(L + 1).ack(R + 5).win(60).data("pong"));
            h.at(40).recvNothing();
        }

        @Test
        void anOutOfOrderSegmentIsAcknowledgedAtOnce() {
            TcpHarness h = delayed(TcpHarness.newSocket(64, 64));
            h.send(data(5, "xyz"));
            h.recv(ack(0, 64));
        }

        @Test
        void aSegmentThatFillsAGapIsAcknowledgedAtOnce() {
            TcpHarness h = delayed(TcpHarness.newSocket(64, 64));
            h.send(data(3, "def"));
            h.recvOne();
            h.send(data(0, "abc"));
            h.recv(ack(6, 58));
        }

        @Test
        void aFinIsAcknowledgedAtOnce() {
            TcpHarness h = delayed(TcpHarness.newSocket(64, 64));
            h.send(data(0, "bye").fin());
            h.recv(ack(4, 61));
        }

        @Test
        void withDelayedAcksOffEverySegmentIsAcknowledgedAtOnce() {
            TcpHarness h = TcpHarness.established();
            h.send(data(0, "a"));
            h.recv(ack(1, 63));
            h.send(data(1, "b"));
            h.recv(ack(2, 62));
        }
    }

    @Nested
    class Reading {
        @Test
        void recvInPiecesKeepsTheOrder() throws TcpException {
            TcpHarness h = TcpHarness.established();
            h.send(data(0, "abcdefghij"));
            byte[] buffer = new byte[10];
            assertEquals(4, h.socket.recv(buffer, 0, 4));
            assertEquals(6, h.socket.recv(buffer, 4, 6));
            assertArrayEquals("abcdefghij".getBytes(), buffer);
            assertEquals(0, h.socket.recv(buffer, 0, 10));
        }

        @Test
        void canRecvAndMayRecvFollowTheQueueAndTheState() {
            TcpHarness h = TcpHarness.established();
            assertTrue(h.socket.mayRecv());
            assertEquals(false, h.socket.canRecv());
            h.send(data(0, "x").fin());
            assertTrue(h.socket.canRecv());
            assertTrue(h.socket.mayRecv());
            h.recvText();
            assertEquals(false, h.socket.mayRecv());
        }

        @Test
        void recvChecksItsArguments() {
            TcpHarness h = TcpHarness.established();
            org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                    () -> h.socket.recv(new byte[4], 2, 3));
        }
    }
}
