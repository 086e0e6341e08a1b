package dev.jnetlab.host.ladder;

import static dev.jnetlab.host.testing.TestFrames.PEER;
import static dev.jnetlab.host.testing.TestFrames.STACK;
import static dev.jnetlab.host.testing.TestFrames.tcp;
import static dev.jnetlab.host.testing.TestFrames.tcp6;
import static dev.jnetlab.host.testing.TestFrames.STACK6;
import static dev.jnetlab.host.testing.TestFrames.PEER6;
import static dev.jnetlab.host.testing.TestFrames.udp;
import static dev.jnetlab.stack.wire.TcpFlags.ACK;
import static dev.jnetlab.stack.wire.TcpFlags.FIN;
import static dev.jnetlab.stack.wire.TcpFlags.PSH;
import static dev.jnetlab.stack.wire.TcpFlags.RST;
import static dev.jnetlab.stack.wire.TcpFlags.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.ladder.LadderRenderer.Numbering;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.socket.tcp.TransmitReason;
import dev.jnetlab.stack.wire.WireVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LadderTest {
    private LadderRecorder recorder;

    @BeforeEach
    void recordPort7() {
        recorder = LadderRecorder.firstConnection(7);
    }

    /** This stack (192.168.69.1:49152) sends to the peer's echo port. */
    private void sent(long time, int flags, long seq, long ack, int window, int length) {
        byte[] frame = tcp(STACK, 49152, PEER, 7, flags, seq, ack, window, length);
        recorder.frame(time, Direction.TX, frame, 0, frame.length);
    }

    private void received(long time, int flags, long seq, long ack, int window, int length) {
        byte[] frame = tcp(PEER, 7, STACK, 49152, flags, seq, ack, window, length);
        recorder.frame(time, Direction.RX, frame, 0, frame.length);
    }

    private void handshake() {
        sent(5_000_000, SYN, 1000, 0, 64240, 0);
        received(5_000_120, SYN | ACK, 5000, 1001, 65160, 0);
        sent(5_000_150, ACK, 1001, 5001, 64240, 0);
    }

    private void transfer() {
        sent(6_000_000, PSH | ACK, 1001, 5001, 64240, 5);
        sent(7_000_000, PSH | ACK, 1001, 5001, 64240, 5);
        received(7_000_100, PSH | ACK, 5001, 1006, 65160, 5);
        sent(7_040_000, ACK, 1006, 5006, 64240, 0);
    }

    private void close() {
        sent(9_000_000, FIN | ACK, 1006, 5006, 64240, 0);
        received(9_000_100, ACK, 5006, 1007, 65160, 0);
        received(9_000_200, FIN | ACK, 5006, 1007, 65160, 0);
        sent(9_000_300, ACK, 1007, 5007, 64240, 0);
    }

    private String drawn(Numbering numbering) {
        return LadderRenderer.render(recorder.ladder().orElseThrow(), numbering);
    }

    @Nested
    class ARecordedConnection {
        @Test
        void theThreeWayHandshake() {
            handshake();
            assertEquals("""
                        192.168.69.1:49152                                    192.168.69.100:7
                            this stack                                              peer
                          CLOSED |                                                    | LISTEN
                        0.000000 | S seq 0 win 64240                                  |
                        SYN-SENT |--------------------------------------------------->| SYN-RECEIVED
                        0.000120 |                           S. seq 0 ack 1 win 65160 |
                     ESTABLISHED |<---------------------------------------------------|
                        0.000150 | . seq 1 ack 1 win 64240                            |
                                 |--------------------------------------------------->| ESTABLISHED
                    """, drawn(Numbering.RELATIVE));
        }

        @Test
        void aTransferWithARetransmission() {
            handshake();
            transfer();
            assertEquals("""
                        192.168.69.1:49152                                    192.168.69.100:7
                            this stack                                              peer
                          CLOSED |                                                    | LISTEN
                        0.000000 | S seq 0 win 64240                                  |
                        SYN-SENT |--------------------------------------------------->| SYN-RECEIVED
                        0.000120 |                           S. seq 0 ack 1 win 65160 |
                     ESTABLISHED |<---------------------------------------------------|
                        0.000150 | . seq 1 ack 1 win 64240                            |
                                 |--------------------------------------------------->| ESTABLISHED
                        1.000000 | P. seq 1 ack 1 win 64240 len 5                     |
                                 |--------------------------------------------------->|
                        2.000000 | P. seq 1 ack 1 win 64240 len 5                     |
                                 |----------------- retransmission ------------------>|
                        2.000100 |                     P. seq 1 ack 6 win 65160 len 5 |
                                 |<---------------------------------------------------|
                        2.040000 | . seq 6 ack 6 win 64240                            |
                                 |--------------------------------------------------->|
                    """, drawn(Numbering.RELATIVE));
        }

        @Test
        void theFourWayClose() {
            handshake();
            transfer();
            close();
            String drawn = drawn(Numbering.RELATIVE);
            assertTrue(drawn.endsWith("""
                        4.000000 | F. seq 6 ack 6 win 64240                           |
                      FIN-WAIT-1 |--------------------------------------------------->| CLOSE-WAIT
                        4.000100 |                            . seq 6 ack 7 win 65160 |
                      FIN-WAIT-2 |<---------------------------------------------------|
                        4.000200 |                           F. seq 6 ack 7 win 65160 |
                       TIME-WAIT |<---------------------------------------------------| LAST-ACK
                        4.000300 | . seq 7 ack 7 win 64240                            |
                                 |--------------------------------------------------->| CLOSED
                    """), drawn);
            assertEquals(3 + 11 * 2, drawn.lines().count());
        }

        @Test
        void withAbsoluteNumbers() {
            handshake();
            assertEquals("""
                        192.168.69.1:49152                                    192.168.69.100:7
                            this stack                                              peer
                          CLOSED |                                                    | LISTEN
                        0.000000 | S seq 1000 win 64240                               |
                        SYN-SENT |--------------------------------------------------->| SYN-RECEIVED
                        0.000120 |                     S. seq 5000 ack 1001 win 65160 |
                     ESTABLISHED |<---------------------------------------------------|
                        0.000150 | . seq 1001 ack 5001 win 64240                      |
                                 |--------------------------------------------------->| ESTABLISHED
                    """, drawn(Numbering.ABSOLUTE));
        }

        @Test
        void aConnectionRefused() {
            sent(0, SYN, 1000, 0, 64240, 0);
            received(80, RST | ACK, 0, 1001, 0, 0);
            assertEquals("""
                        192.168.69.1:49152                                    192.168.69.100:7
                            this stack                                              peer
                          CLOSED |                                                    | CLOSED
                        0.000000 | S seq 0 win 64240                                  |
                        SYN-SENT |--------------------------------------------------->|
                        0.000080 |                               R. seq 0 ack 1 win 0 |
                          CLOSED |<---------------------------------------------------|
                    """, drawn(Numbering.RELATIVE));
        }

        @Test
        void fromTheMiddleBothEndsAreTakenAsEstablished() {
            sent(0, FIN | PSH | ACK, 0xFFFF_FFF0L, 0xFFFF_FFFFL, 65535, 1460);
            received(80, ACK, 0xFFFF_FFFFL, 0xFFFF_FFF0L + 1461, 0, 0);
            assertEquals("""
                        192.168.69.1:49152                                    192.168.69.100:7
                            this stack                                              peer
                     ESTABLISHED |                                                    | ESTABLISHED
                        0.000000 | FP. seq 4294967280 ack 4294967295 win 65535        |
                                 | len 1460                                           |
                      FIN-WAIT-1 |--------------------------------------------------->| CLOSE-WAIT
                        0.000080 |                    . seq 4294967295 ack 1445 win 0 |
                      FIN-WAIT-2 |<---------------------------------------------------|
                    """, drawn(Numbering.ABSOLUTE));
        }

        @Test
        void everyLineFitsEightyColumns() {
            handshake();
            transfer();
            close();
            Ladder recorded = recorder.ladder().orElseThrow();
            List<LadderSegment> segments = new java.util.ArrayList<>(recorded.segments());
            // Every flag, the largest numbers, a day later: the widest label there is.
            segments.add(LadderSegment.of(86_400_000_000L, Direction.TX, 0x1FF, -1, -1, 65495, 65535));
            segments.add(LadderSegment.of(86_400_000_001L, Direction.RX, 0x1FF, -1, -1, 65495, 65535));
            Ladder widest = Ladder.inferred(IpEndpoint.parse("255.255.255.255:65535"), IpEndpoint.parse("255.255.255.254:65535"),
                    segments, 99_999);
            for (Numbering numbering : Numbering.values()) {
                LadderRenderer.render(widest, numbering).lines().forEach(line -> assertTrue(line.length() <= 80, line));
            }
        }
    }

    @Nested
    class LossOnTheWire {
        private void lostSent(long time, int flags, long seq, long ack, int window, int length) {
            byte[] frame = tcp(STACK, 49152, PEER, 7, flags, seq, ack, window, length);
            TcpFrame read = new TcpFrame();
            assertTrue(read.read(frame, 0, frame.length));
            recorder.lost(time, Direction.TX, read);
        }

        private void lostReceived(long time, int flags, long seq, long ack, int window, int length) {
            byte[] frame = tcp(PEER, 7, STACK, 49152, flags, seq, ack, window, length);
            TcpFrame read = new TcpFrame();
            assertTrue(read.read(frame, 0, frame.length));
            recorder.lost(time, Direction.RX, read);
        }

        /** A sent segment the link dropped after it was seen going out stops half-way, marked lost. */
        @Test
        void aSentSegmentLostOnTheLinkNeverReachesThePeer() {
            handshake();
            sent(6_000_000, PSH | ACK, 1001, 5001, 64240, 5);
            lostSent(6_000_000, PSH | ACK, 1001, 5001, 64240, 5);
            sent(7_000_000, PSH | ACK, 1001, 5001, 64240, 5);
            String drawn = drawn(Numbering.RELATIVE);
            assertTrue(drawn.contains("""
                        1.000000 | P. seq 1 ack 1 win 64240 len 5                     |
                                 |------------------- lost X                          |
                        2.000000 | P. seq 1 ack 1 win 64240 len 5                     |
                                 |----------------- retransmission ------------------>|
                    """), drawn);
        }

        /** A received segment the link dropped before the monitor saw it is drawn, lost, from the peer's side. */
        @Test
        void aReceivedSegmentLostOnTheLinkIsDrawnFromThePeer() {
            handshake();
            lostReceived(6_000_000, PSH | ACK, 5001, 1001, 65160, 5);
            received(7_000_000, PSH | ACK, 5001, 1001, 65160, 5);
            String drawn = drawn(Numbering.RELATIVE);
            assertTrue(drawn.contains("""
                        1.000000 |                     P. seq 1 ack 1 win 65160 len 5 |
                                 |                         X lost --------------------|
                        2.000000 |                     P. seq 1 ack 1 win 65160 len 5 |
                                 |<---------------- retransmission -------------------|
                    """), drawn);
        }

        /** A lost FIN moves only its sender: the peer stays ESTABLISHED until the FIN comes again. */
        @Test
        void aLostSegmentChangesOnlyItsSendersState() {
            handshake();
            sent(9_000_000, FIN | ACK, 1001, 5001, 64240, 0);
            lostSent(9_000_000, FIN | ACK, 1001, 5001, 64240, 0);
            Ladder ladder = recorder.ladder().orElseThrow();
            LadderSegment fin = ladder.segments().get(3);
            assertTrue(fin.lost());
            assertEquals(Optional.of(TcpState.FIN_WAIT_1), fin.localState());
            assertEquals(Optional.empty(), fin.remoteState(), "the peer never saw it");
        }

        /** The rule its socket sent it by names a segment on its arrow, lost or not, and for new data too. */
        @Test
        void theRuleThatSentASegmentIsItsMark() {
            handshake();
            sent(6_000_000, PSH | ACK, 1001, 5001, 64240, 5);
            sent(7_000_000, PSH | ACK, 1001, 5001, 64240, 5);
            sent(7_500_000, PSH | ACK, 1006, 5001, 64240, 5);
            Ladder seen = recorder.ladder().orElseThrow();
            List<LadderSegment> segments = new ArrayList<>(seen.segments());
            segments.set(4, segments.get(4).because(TransmitReason.RACK_LOSS).asLost());
            segments.set(5, segments.get(5).because(TransmitReason.LOSS_PROBE));
            String drawn = LadderRenderer.render(Ladder.inferred(seen.local(), seen.remote(), segments, 0),
                    Numbering.RELATIVE);
            assertTrue(drawn.contains("""
                                 |--- RACK retransmit lost X                          |
                        2.500000 | P. seq 6 ack 1 win 64240 len 5                     |
                                 |----------------------- TLP ----------------------->|
                    """), drawn);
        }

        /** A retransmission that carries new data after the old is still a retransmission. */
        @Test
        void aRetransmissionWithMoreDataIsMarked() {
            handshake();
            sent(6_000_000, PSH | ACK, 1001, 5001, 64240, 5);
            sent(7_000_000, PSH | ACK, 1001, 5001, 64240, 10);
            String drawn = drawn(Numbering.RELATIVE);
            assertTrue(drawn.contains("""
                        2.000000 | P. seq 1 ack 1 win 64240 len 10                    |
                                 |----------------- retransmission ------------------>|
                    """), drawn);
        }
    }

    /** The same conversation over IPv6, fd00::1:49152 to fd00::100:7. */
    @Nested
    class OverIpv6 {
        private byte[] sent6(long time, int flags, long seq, long ack, int length) {
            byte[] frame = tcp6(STACK6, 49152, PEER6, 7, flags, seq, ack, 64240, length);
            recorder.frame(time, Direction.TX, frame, 0, frame.length);
            return frame;
        }

        private byte[] received6(long time, int flags, long seq, long ack, int length) {
            byte[] frame = tcp6(PEER6, 7, STACK6, 49152, flags, seq, ack, 65160, length);
            recorder.frame(time, Direction.RX, frame, 0, frame.length);
            return frame;
        }

        private void handshake6() {
            sent6(5_000_000, SYN, 1000, 0, 0);
            received6(5_000_120, SYN | ACK, 5000, 1001, 0);
            sent6(5_000_150, ACK, 1001, 5001, 0);
        }

        @Test
        void isDrawnBetweenTheBracketedEndpoints() {
            handshake6();
            assertEquals("""
                          [fd00::1]:49152                                       [fd00::100]:7
                            this stack                                              peer
                          CLOSED |                                                    | LISTEN
                        0.000000 | S seq 0 win 64240                                  |
                        SYN-SENT |--------------------------------------------------->| SYN-RECEIVED
                        0.000120 |                           S. seq 0 ack 1 win 65160 |
                     ESTABLISHED |<---------------------------------------------------|
                        0.000150 | . seq 1 ack 1 win 64240                            |
                                 |--------------------------------------------------->| ESTABLISHED
                    """, drawn(Numbering.RELATIVE));
            assertEquals(IpEndpoint.parse("[fd00::1]:49152"), recorder.ladder().orElseThrow().local());
        }

        @Test
        void aLostSegmentAndItsRetransmissionAreMarked() {
            handshake6();
            byte[] first = sent6(6_000_000, PSH | ACK, 1001, 5001, 5);
            TcpFrame read = new TcpFrame();
            assertTrue(read.read(first, 0, first.length));
            recorder.lost(6_000_000, Direction.TX, read);
            sent6(7_000_000, PSH | ACK, 1001, 5001, 5);
            String drawn = drawn(Numbering.RELATIVE);
            assertTrue(drawn.contains("""
                        1.000000 | P. seq 1 ack 1 win 64240 len 5                     |
                                 |------------------- lost X                          |
                        2.000000 | P. seq 1 ack 1 win 64240 len 5                     |
                                 |----------------- retransmission ------------------>|
                    """), drawn);
        }

        @Test
        void aSegmentOfTheSamePortsOverIpv4IsNotOfTheConnection() {
            handshake6();
            sent(6_000_000, PSH | ACK, 1001, 5001, 64240, 5);
            byte[] elsewhere = tcp6(STACK6, 49152, Ipv6Address.parse("fd01::100"), 7, ACK, 1001, 5001, 64240, 0);
            recorder.frame(6_500_000, Direction.TX, elsewhere, 0, elsewhere.length);
            assertEquals(3, recorder.size());
        }

        @Test
        void aRecorderOfGivenEndsTakesOnlyTheirFamily() {
            LadderRecorder given = LadderRecorder.of(IpEndpoint.parse("[fd00::1]:49152"), IpEndpoint.parse("[fd00::100]:7"));
            byte[] v4 = tcp(STACK, 49152, PEER, 7, SYN, 1000, 0, 64240, 0);
            byte[] v6 = tcp6(STACK6, 49152, PEER6, 7, SYN, 1000, 0, 64240, 0);
            given.frame(0, Direction.TX, v4, 0, v4.length);
            given.frame(1, Direction.TX, v6, 0, v6.length);
            assertEquals(1, given.size());
            assertThrows(IllegalArgumentException.class,
                    () -> LadderRecorder.of(IpEndpoint.parse("[fd00::1]:49152"), IpEndpoint.parse("192.168.69.100:7")));
        }
    }

    @Nested
    class RealFrames {
        /** The socat connection of WireVectors: the kernel at 192.168.69.1:6969 is the local end, and it closes second. */
        private Ladder captured() {
            LadderRecorder socat = LadderRecorder.of(IpEndpoint.parse("192.168.69.1:6969"),
                    IpEndpoint.parse("192.168.69.100:51234"));
            List<byte[]> frames = List.of(WireVectors.TCP_SYN, WireVectors.TCP_SYN_ACK, WireVectors.TCP_ACK,
                    WireVectors.TCP_DATA, WireVectors.TCP_DATA_ACK, WireVectors.TCP_FIN, WireVectors.TCP_REPLY_DATA,
                    WireVectors.TCP_REPLY_DATA_ACK, WireVectors.TCP_REPLY_FIN, WireVectors.TCP_LAST_ACK);
            long time = 0;
            for (byte[] frame : frames) {
                // The direction argument is not what decides: the addresses are.
                socat.frame(time += 250, Direction.RX, frame, 0, frame.length);
            }
            return socat.ladder().orElseThrow();
        }

        @Test
        void drawTheHalfCloseOfARealSocatConnection() {
            assertEquals("""
                         192.168.69.1:6969                                  192.168.69.100:51234
                            this stack                                              peer
                          LISTEN |                                                    | CLOSED
                        0.000000 |                                  S seq 0 win 64240 |
                    SYN-RECEIVED |<---------------------------------------------------| SYN-SENT
                        0.000250 | S. seq 0 ack 1 win 65160                           |
                                 |--------------------------------------------------->| ESTABLISHED
                        0.000500 |                            . seq 1 ack 1 win 64512 |
                     ESTABLISHED |<---------------------------------------------------|
                        0.000750 |                     P. seq 1 ack 1 win 64512 len 6 |
                                 |<---------------------------------------------------|
                        0.001000 | . seq 1 ack 7 win 65536                            |
                                 |--------------------------------------------------->|
                        0.001250 |                           F. seq 7 ack 1 win 64512 |
                      CLOSE-WAIT |<---------------------------------------------------| FIN-WAIT-1
                        0.001500 | P. seq 1 ack 8 win 65536 len 8                     |
                                 |--------------------------------------------------->| FIN-WAIT-2
                        0.001750 |                            . seq 8 ack 9 win 64512 |
                                 |<---------------------------------------------------|
                        0.002000 | F. seq 9 ack 8 win 65536                           |
                        LAST-ACK |--------------------------------------------------->| TIME-WAIT
                        0.002250 |                           . seq 8 ack 10 win 64512 |
                          CLOSED |<---------------------------------------------------|
                    """, LadderRenderer.render(captured(), Numbering.RELATIVE));
        }

        @Test
        void withTheNumbersOnTheWire() {
            String drawn = LadderRenderer.render(captured(), Numbering.ABSOLUTE);
            assertTrue(drawn.contains("""
                        0.000000 |                          S seq 708541127 win 64240 |
                    SYN-RECEIVED |<---------------------------------------------------| SYN-SENT
                        0.000250 | S. seq 3802825045 ack 708541128 win 65160          |
                    """), drawn);
        }

        @Test
        void theStatesAreThoseOfRfc9293() {
            Ladder ladder = captured();
            assertEquals(Optional.of(TcpState.LISTEN), ladder.localInitial());
            assertEquals(Optional.of(TcpState.CLOSED), ladder.remoteInitial());
            assertEquals(List.of(TcpState.SYN_RECEIVED, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT, TcpState.LAST_ACK,
                            TcpState.CLOSED),
                    ladder.segments().stream().flatMap(s -> s.localState().stream()).toList());
            assertEquals(List.of(TcpState.SYN_SENT, TcpState.ESTABLISHED, TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2,
                            TcpState.TIME_WAIT),
                    ladder.segments().stream().flatMap(s -> s.remoteState().stream()).toList());
        }
    }

    @Nested
    class TheRecorder {
        @Test
        void hasNothingBeforeItsConnection() {
            assertEquals(Optional.empty(), recorder.ladder());
            byte[] other = tcp(STACK, 40000, PEER, 80, SYN, 1, 0, 1000, 0);
            recorder.frame(0, Direction.TX, other, 0, other.length);
            byte[] datagram = udp(STACK, 7, PEER, 7, 10);
            recorder.frame(0, Direction.TX, datagram, 0, datagram.length);
            assertEquals(Optional.empty(), recorder.ladder());
        }

        @Test
        void keepsToTheFirstConnectionOnItsPort() {
            handshake();
            byte[] second = tcp(STACK, 49153, PEER, 7, SYN, 77, 0, 1000, 0);
            recorder.frame(6_000_000, Direction.TX, second, 0, second.length);
            Ladder ladder = recorder.ladder().orElseThrow();
            assertEquals(IpEndpoint.parse("192.168.69.1:49152"), ladder.local());
            assertEquals(IpEndpoint.parse("192.168.69.100:7"), ladder.remote());
            assertEquals(3, ladder.segments().size());
        }

        @Test
        void takesTheLocalEndFromTheDirectionOfTheFirstFrame() {
            LadderRecorder server = LadderRecorder.firstConnection(6969);
            byte[] syn = tcp(PEER, 40000, STACK, 6969, SYN, 1, 0, 1000, 0);
            server.frame(0, Direction.RX, syn, 0, syn.length);
            Ladder ladder = server.ladder().orElseThrow();
            assertEquals(IpEndpoint.parse("192.168.69.1:6969"), ladder.local());
            assertEquals(Direction.RX, ladder.segments().get(0).direction());
        }

        @Test
        void countsWhatItDoesNotKeep() {
            LadderRecorder small = LadderRecorder.of(IpEndpoint.parse("192.168.69.1:49152"), IpEndpoint.parse("192.168.69.100:7"), 2);
            for (int i = 0; i < 5; i++) {
                byte[] frame = tcp(STACK, 49152, PEER, 7, ACK, 1 + i, 1, 1000, 1);
                small.frame(i, Direction.TX, frame, 0, frame.length);
            }
            Ladder ladder = small.ladder().orElseThrow();
            assertEquals(2, ladder.segments().size());
            assertEquals(3, ladder.omitted());
            assertTrue(LadderRenderer.render(ladder, Numbering.RELATIVE).endsWith("... and 3 more segments, not kept\n"));
        }

        @Test
        void ignoresATruncatedFrame() {
            byte[] frame = tcp(STACK, 49152, PEER, 7, SYN, 1, 0, 1000, 0);
            recorder.frame(0, Direction.TX, frame, 0, frame.length - 1);
            assertEquals(Optional.empty(), recorder.ladder());
        }
    }
}
