package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.BUFFER;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_ADDR;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_PORT;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_ADDR;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_PORT;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_WIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.wire.TcpRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 5961 (blind attacks), RFC 6528 (ISNs) and the defences against ACK storms. */
class TcpSecurityTest {

    static final int L = LOCAL_SEQ;
    static final int R = REMOTE_SEQ;
    static final Seg OUR_ACK = seg().seq(L + 1).ack(R + 1).win(BUFFER);

    @Nested
    class ChallengeAcks {
        @Test
        void atMostTenPerSecondAreSent() {
            TcpHarness h = TcpHarness.established();
            int answered = 0;
            for (int i = 0; i < 15; i++) {
                h.send(seg().rst().seq(R + 2 + i));
                answered += h.drain().size();
            }
            assertEquals(10, answered);
            h.assertState(TcpState.ESTABLISHED);
            h.at(999).send(seg().rst().seq(R + 2)).recvNothing();
            h.at(1000).send(seg().rst().seq(R + 2)).recv(OUR_ACK);
            assertEquals(11, h.socket.controlBlock(h.now()).challengeAcks());
        }

        @Test
        void synsShareTheLimit() {
            TcpHarness h = TcpHarness.established();
            h.socket.setChallengeAckLimit(2);
            h.send(seg().syn().seq(R + 5).win(REMOTE_WIN)).recv(OUR_ACK);
            h.send(seg().rst().seq(R + 5)).recv(OUR_ACK);
            h.send(seg().syn().seq(R + 5).win(REMOTE_WIN)).recvNothing();
        }

        @Test
        void aLimitOfZeroSendsNone() {
            TcpHarness h = TcpHarness.established();
            h.socket.setChallengeAckLimit(0);
            h.send(seg().rst().seq(R + 3)).recvNothing();
            h.assertState(TcpState.ESTABLISHED);
        }
    }

    @Nested
    class BlindAttacks {
        @Test
        void guessedRstsResetOnlyAtTheExactSequenceNumber() {
            TcpHarness h = TcpHarness.established();
            Random random = new Random(1);
            for (int i = 0; i < 2000; i++) {
                int guess = random.nextInt();
                if (guess != R + 1) {
                    h.send(seg().rst().seq(guess));
                }
            }
            h.drain();
            h.assertState(TcpState.ESTABLISHED);
        }

        @Test
        void dataOutsideTheWindowIsNeverDelivered() {
            TcpHarness h = TcpHarness.established();
            h.send(seg().seq(R + 1 + 100_000).ack(L + 1).win(REMOTE_WIN).data("evil")).recv(OUR_ACK);
            h.send(seg().seq(R - 100_000).ack(L + 1).win(REMOTE_WIN).data("evil")).recv(OUR_ACK);
            assertEquals(0, h.socket.recvQueue());
        }

        @Test
        void dataWithAnImplausibleAckIsDroppedAndAnsweredWithAChallengeAck() {
            TcpHarness h = TcpHarness.established();
            h.send(seg().seq(R + 1).ack(L + 1 + 1_000_000).win(REMOTE_WIN).data("evil")).recv(OUR_ACK);
            h.send(seg().seq(R + 1).ack(L - 1_000_000).win(REMOTE_WIN).data("evil")).recv(OUR_ACK);
            assertEquals(0, h.socket.recvQueue());
            assertEquals(2, h.socket.controlBlock(h.now()).challengeAcks());
        }

        /** RFC 5961 §5.2 and §7: the ACKs that answer implausible ACK numbers are rate-limited. */
        @Test
        void implausibleAcksAreAnsweredWithinTheChallengeAckLimit() {
            TcpHarness h = TcpHarness.established();
            h.socket.setChallengeAckLimit(2);
            h.send(seg().seq(R + 1).ack(L + 1 + 1_000_000).win(REMOTE_WIN).data("evil")).recv(OUR_ACK);
            h.send(seg().seq(R + 1).ack(L - 1_000_000).win(REMOTE_WIN)).recv(OUR_ACK);
            h.send(seg().seq(R + 1).ack(L + 1 + 1_000_000).win(REMOTE_WIN).data("evil")).recvNothing();
            h.send(seg().rst().seq(R + 5)).recvNothing();
            h.at(1000).send(seg().seq(R + 1).ack(L - 1_000_000).win(REMOTE_WIN)).recv(OUR_ACK);
            assertEquals(0, h.socket.recvQueue());
            h.assertState(TcpState.ESTABLISHED);
        }

        @Test
        void segmentsForAnotherConnectionAreNotAccepted() {
            TcpHarness h = TcpHarness.established();
            TcpRepr otherPort = seg().seq(R + 1).ack(L + 1).fill(new TcpRepr(), REMOTE_PORT + 1, LOCAL_PORT);
            TcpRepr ours = seg().seq(R + 1).ack(L + 1).fill(new TcpRepr(), REMOTE_PORT, LOCAL_PORT);
            assertFalse(h.socket.accepts(LOCAL_ADDR, REMOTE_ADDR, otherPort));
            assertFalse(h.socket.accepts(LOCAL_ADDR, REMOTE_ADDR + 1, ours));
            assertFalse(h.socket.accepts(LOCAL_ADDR + 1, REMOTE_ADDR, ours));
            assertTrue(h.socket.accepts(LOCAL_ADDR, REMOTE_ADDR, ours));
        }
    }

    @Nested
    class AckStorms {
        @Test
        void unacceptablePureAcksAreAnsweredAtMostTwiceASecond() {
            TcpHarness h = TcpHarness.established();
            Seg outOfWindow = seg().seq(R + 1000).ack(L + 1).win(REMOTE_WIN);
            h.send(outOfWindow).recv(OUR_ACK);
            h.at(100).send(outOfWindow).recvNothing();
            h.at(499).send(outOfWindow).recvNothing();
            h.at(500).send(outOfWindow).recv(OUR_ACK);
        }

        @Test
        void unacceptableDataIsAlwaysAnswered() {
            TcpHarness h = TcpHarness.established();
            Seg old = seg().seq(R - 10).ack(L + 1).win(REMOTE_WIN).data("old");
            h.send(old).recv(OUR_ACK);
            h.send(old).recv(OUR_ACK);
        }

        @Test
        void aPureAckAtTheRightEdgeOfAFullWindowIsTaken() {
            TcpHarness h = TcpHarness.established();
            h.sendText("abc");
            h.recvOne();
            h.send(seg().seq(R + 1 + BUFFER).ack(L + 4).win(REMOTE_WIN));
            h.recvNothing();
            assertEquals(0, h.socket.sendQueue());
        }

        @Test
        void outOfOrderDataGetsAPureDuplicateAckEvenWithDataWaiting() {
            TcpHarness h = TcpHarness.established(TcpHarness.newSocket(64, 64));
            h.sendText("a");
            h.recvOne();
            h.sendText("b");
            h.recvNothing();
            h.send(seg().seq(R + 5).ack(L + 2).win(REMOTE_WIN).data("late"));
            h.recv(seg().seq(L + 2).ack(R + 1).win(BUFFER),
                    seg().psh().seq(L + 2).ack(R + 1).win(BUFFER).data("b"));
        }
    }

    /** The ACKs that {@code process} returns as its reply, and what they commit. */
    @Nested
    class ImmediateReplies {
        @Test
        void aReplyTheDeviceRefusedLeavesTheDelayedAckOwed() {
            TcpHarness h = TcpHarness.established(TcpHarness.newSocket(BUFFER, BUFFER).setDelayedAck(true));
            h.send(seg().seq(R + 1).ack(L + 1).win(REMOTE_WIN).data("abc")).recvNothing();
            h.refuseReplies(true).send(seg().seq(R + 4 + 1000).ack(L + 1).win(REMOTE_WIN).data("far")).recvNothing();
            h.refuseReplies(false);
            h.at(39).recvNothing();
            h.at(40).recv(seg().seq(L + 1).ack(R + 4).win(BUFFER - 3));
        }

        @Test
        void aReplyThatWentCancelsTheDelayedAck() {
            TcpHarness h = TcpHarness.established(TcpHarness.newSocket(BUFFER, BUFFER).setDelayedAck(true));
            h.send(seg().seq(R + 1).ack(L + 1).win(REMOTE_WIN).data("abc")).recvNothing();
            h.send(seg().seq(R + 4 + 1000).ack(L + 1).win(REMOTE_WIN).data("far"))
                    .recv(seg().seq(L + 1).ack(R + 4).win(BUFFER - 3));
            h.at(40).recvNothing();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.jnetlab.stack.socket.tcp.TcpSecurityTest#replyCauses")
        void aReplyCountsAsASegmentOutOnlyWhenItWent(String cause, Seg trigger) {
            TcpHarness h = TcpHarness.established();
            long before = h.socket.controlBlock(h.now()).segmentsOut();
            h.refuseReplies(true).send(trigger);
            assertEquals(before, h.socket.controlBlock(h.now()).segmentsOut());
            h.drain(); // an ACK still owed for duplicate text goes by dispatch
            h.refuseReplies(false).at(1000);
            long sent = h.socket.controlBlock(h.now()).segmentsOut();
            h.send(trigger).recv(OUR_ACK);
            assertEquals(sent + 1, h.socket.controlBlock(h.now()).segmentsOut());
        }
    }

    static Stream<Arguments> replyCauses() {
        return Stream.of(
                Arguments.of("duplicate ACK for text outside the window", seg().seq(R - 10).ack(L + 1).win(REMOTE_WIN).data("old")),
                Arguments.of("ACK for a pure ACK outside the window", seg().seq(R + 1000).ack(L + 1).win(REMOTE_WIN)),
                Arguments.of("challenge ACK for an RST in the window", seg().rst().seq(R + 2)),
                Arguments.of("challenge ACK for a SYN", seg().syn().seq(R + 5).win(REMOTE_WIN)),
                Arguments.of("challenge ACK for an implausible ACK", seg().seq(R + 1).ack(L + 1_000_000).win(REMOTE_WIN)));
    }

    @Nested
    class InitialSequenceNumbers {
        @Test
        void theSourceIsAskedWithTheFourNumbersAndTheTime() throws TcpException {
            List<String> asked = new ArrayList<>();
            TcpSocket socket = new TcpSocket(64, 64).setIsnSource((now, la, lp, ra, rp) -> {
                asked.add(now + " " + Integer.toHexString(la) + ":" + lp + " " + Integer.toHexString(ra) + ":" + rp);
                return 77;
            });
            socket.connect(1234, LOCAL, REMOTE);
            assertEquals(List.of("1234 c0a84501:80 c0a84502:49500"), asked);
            assertEquals(77, socket.controlBlock(1234).iss());
        }

        @Test
        void theRfc6528GeneratorGivesDifferentConnectionsUnrelatedNumbers() throws TcpException {
            IsnGenerator generator = IsnGenerator.fromSeed(42);
            TcpSocket one = new TcpSocket(64, 64).setIsnSource(generator::isn);
            TcpSocket two = new TcpSocket(64, 64).setIsnSource(generator::isn);
            one.connect(0, LOCAL, REMOTE);
            two.connect(0, LOCAL, new dev.jnetlab.stack.socket.Endpoint(REMOTE_ADDR, REMOTE_PORT + 1));
            assertNotEquals(one.controlBlock(0).iss(), two.controlBlock(0).iss());
        }

        @Test
        void aPassiveOpenAsksWithTheClientsNumbers() {
            List<String> asked = new ArrayList<>();
            TcpSocket socket = TcpHarness.newSocket(64, 64).setIsnSource((now, la, lp, ra, rp) -> {
                asked.add(Integer.toHexString(la) + ":" + lp + " " + Integer.toHexString(ra) + ":" + rp);
                return L;
            });
            TcpHarness.passive(socket, seg().syn().seq(R).win(REMOTE_WIN));
            assertEquals(List.of("c0a84501:80 c0a84502:49500"), asked);
        }
    }
}
