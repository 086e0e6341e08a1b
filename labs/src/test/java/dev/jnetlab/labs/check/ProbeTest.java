package dev.jnetlab.labs.check;

import static dev.jnetlab.host.testing.TestFrames.PEER;
import static dev.jnetlab.host.testing.TestFrames.STACK;
import static dev.jnetlab.host.testing.TestFrames.tcp;
import static dev.jnetlab.host.testing.TestFrames.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.labs.FakeWorld;
import dev.jnetlab.labs.Tcb;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.NeighborState;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.WireVectors;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProbeTest {
    private final FakeWorld world = new FakeWorld();
    private static final Ports REMOTE_7 = new Ports(OptionalInt.empty(), OptionalInt.of(7));

    private Verdict evaluate(Check check) {
        return Probe.of(check, 0).evaluate(world, 0);
    }

    @Nested
    class AnArpEntry {
        private final Check.ArpEntry any = new Check.ArpEntry(Ipv4Address.parse("192.168.69.100"), Optional.empty());

        @Test
        void isMissingUntilTheCacheHasIt() {
            assertEquals(new Verdict(false, "no entry for 192.168.69.100"), evaluate(any));
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            assertEquals(new Verdict(true, "192.168.69.100 is REACHABLE at 02:00:00:00:00:02"), evaluate(any));
        }

        @Test
        void inAStateMustBeInThatState() {
            Check.ArpEntry stale = new Check.ArpEntry(Ipv4Address.parse("192.168.69.100"), Optional.of(NeighborState.STALE));
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            assertFalse(evaluate(stale).holds());
            world.arp("192.168.69.100", NeighborState.STALE);
            assertTrue(evaluate(stale).holds());
        }

        @Test
        void incompleteHasNoAddressToShow() {
            world.arp("192.168.69.100", NeighborState.INCOMPLETE);
            assertEquals(new Verdict(true, "192.168.69.100 is INCOMPLETE"), evaluate(any));
        }
    }

    @Nested
    class ASocketState {
        @Test
        void looksAtTheControlBlocksOfMatchingSockets() {
            Check.SocketState established = new Check.SocketState(TcpState.ESTABLISHED, REMOTE_7);
            assertEquals(new Verdict(false, "no TCP socket (remote port 7)"), evaluate(established));
            world.connection(Tcb.of(TcpState.SYN_SENT, 49152, 7).build());
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49153, 9).build());
            assertEquals(new Verdict(false, "tcp#1 SYN-SENT"), evaluate(established));
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49154, 7).build());
            assertEquals(new Verdict(true, "tcp#1 SYN-SENT, tcp#3 ESTABLISHED"), evaluate(established));
        }

        @Test
        void listenIsAListener() {
            world.udp(6969);
            Check.SocketState listening = new Check.SocketState(TcpState.LISTEN,
                    new Ports(OptionalInt.of(6969), OptionalInt.empty()));
            assertFalse(evaluate(listening).holds());
            world.listener(6969);
            assertEquals(new Verdict(true, "tcp#2 LISTEN"), evaluate(listening));
        }
    }

    @Nested
    class OctetsReceived {
        @Test
        void countsTheBusiestMatchingConnection() {
            Check.OctetsReceived five = new Check.OctetsReceived(5, REMOTE_7);
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49152, 7).received(3).build());
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49153, 9).received(100).build());
            assertEquals(new Verdict(false, "tcp#1 received 3 octets"), evaluate(five));
            world.connection(Tcb.of(TcpState.CLOSE_WAIT, 49154, 7).received(5).build());
            assertEquals(new Verdict(true, "tcp#3 received 5 octets"), evaluate(five));
        }
    }

    @Nested
    class AFrame {
        private final byte[] syn = tcp(STACK, 49152, PEER, 7, TcpFlags.SYN, 1000, 0, 64240, 0);
        private final byte[] synAck = tcp(PEER, 7, STACK, 49152, TcpFlags.SYN | TcpFlags.ACK, 5000, 1001, 65160, 0);
        private final byte[] zeroWindow = tcp(STACK, 49152, PEER, 7, TcpFlags.ACK, 1001, 5001, 0, 0);

        private Probe probe(Check.FrameSeen check) {
            return Probe.of(check, 0);
        }

        private void show(Probe probe, Direction direction, byte[] frame) {
            probe.frame(0, direction, frame, 0, frame.length);
        }

        @Test
        void matchingTheFilterAndTheFlags() {
            Probe probe = probe(new Check.FrameSeen("tcp and port 7", Optional.of(Direction.RX),
                    TcpFlags.SYN | TcpFlags.ACK, 0, OptionalInt.empty(), OptionalInt.empty(), 0, 1));
            assertEquals(new Verdict(false, "none seen yet"), probe.evaluate(world, 0));
            show(probe, Direction.TX, syn);
            assertFalse(probe.evaluate(world, 0).holds(), "a SYN sent is not a SYN-ACK received");
            show(probe, Direction.RX, udp(PEER, 7, STACK, 49152, 4));
            assertFalse(probe.evaluate(world, 0).holds());
            show(probe, Direction.RX, synAck);
            assertEquals(new Verdict(true, "seen"), probe.evaluate(world, 0));
        }

        @Test
        void withoutAFlag() {
            Probe bareSyn = probe(new Check.FrameSeen("", Optional.empty(), TcpFlags.SYN, TcpFlags.ACK,
                    OptionalInt.empty(), OptionalInt.empty(), 0, 1));
            show(bareSyn, Direction.RX, synAck);
            assertFalse(bareSyn.evaluate(world, 0).holds());
            show(bareSyn, Direction.TX, syn);
            assertTrue(bareSyn.evaluate(world, 0).holds());
        }

        @Test
        void countingUpToTheCount() {
            Probe three = probe(new Check.FrameSeen("tcp", Optional.of(Direction.TX), TcpFlags.SYN, 0,
                    OptionalInt.empty(), OptionalInt.empty(), 0, 3));
            show(three, Direction.TX, syn);
            show(three, Direction.TX, syn);
            assertEquals(new Verdict(false, "seen 2 of 3"), three.evaluate(world, 0));
            show(three, Direction.TX, syn);
            show(three, Direction.TX, syn);
            assertEquals(new Verdict(true, "seen 3 of 3"), three.evaluate(world, 0));
        }

        @Test
        void aWindowAndALength() {
            Probe closed = probe(new Check.FrameSeen("", Optional.empty(), 0, 0, OptionalInt.of(0), OptionalInt.empty(), 0, 1));
            show(closed, Direction.TX, syn);
            assertFalse(closed.evaluate(world, 0).holds());
            show(closed, Direction.TX, zeroWindow);
            assertTrue(closed.evaluate(world, 0).holds());
            Probe data = probe(new Check.FrameSeen("", Optional.empty(), 0, 0, OptionalInt.empty(), OptionalInt.of(1), 0, 1));
            show(data, Direction.TX, zeroWindow);
            assertFalse(data.evaluate(world, 0).holds());
            show(data, Direction.TX, tcp(STACK, 49152, PEER, 7, TcpFlags.ACK | TcpFlags.PSH, 1001, 5001, 100, 1));
            assertTrue(data.evaluate(world, 0).holds());
        }

        @Test
        void aFilterAloneMatchesAnyProtocol() {
            Probe arpOrUdp = probe(new Check.FrameSeen("udp", Optional.empty(), 0, 0, OptionalInt.empty(),
                    OptionalInt.empty(), 0, 1));
            show(arpOrUdp, Direction.TX, syn);
            assertFalse(arpOrUdp.evaluate(world, 0).holds());
            show(arpOrUdp, Direction.RX, udp(PEER, 7, STACK, 5000, 5));
            assertTrue(arpOrUdp.evaluate(world, 0).holds());
        }

        @Test
        void carryingTcpOptions() {
            Probe mss = probe(new Check.FrameSeen("", Optional.empty(), TcpFlags.SYN, 0, OptionalInt.empty(),
                    OptionalInt.empty(), TcpOptionNames.bit("MSS"), 1));
            show(mss, Direction.TX, syn);
            assertFalse(mss.evaluate(world, 0).holds(), "a SYN without options");
            show(mss, Direction.RX, WireVectors.TCP_SYN);
            assertTrue(mss.evaluate(world, 0).holds(), "Linux's SYN: mss, sackOK, TS, nop, wscale");
            Probe sack = probe(new Check.FrameSeen("", Optional.empty(), 0, 0, OptionalInt.empty(),
                    OptionalInt.empty(), TcpOptionNames.bit("SACK"), 1));
            show(sack, Direction.RX, WireVectors.TCP_SYN);
            assertFalse(sack.evaluate(world, 0).holds(), "SACK-permitted is not SACK");
            show(sack, Direction.RX, WireVectors.TCP_SACK);
            assertTrue(sack.evaluate(world, 0).holds());
        }

        @Test
        void aTruncatedFrameDoesNotMatch() {
            Probe anySyn = probe(new Check.FrameSeen("", Optional.empty(), TcpFlags.SYN, 0, OptionalInt.empty(),
                    OptionalInt.empty(), 0, 1));
            anySyn.frame(0, Direction.TX, syn, 0, 40);
            assertFalse(anySyn.evaluate(world, 0).holds());
        }
    }

    @Nested
    class ACounter {
        @Test
        void reachesItsValue() {
            Check.CounterAtLeast two = new Check.CounterAtLeast(InterfaceCounter.ARP_REQUESTS_OUT, 2);
            world.counter(InterfaceCounter.ARP_REQUESTS_OUT, 1);
            assertEquals(new Verdict(false, "arp_requests_out is 1"), evaluate(two));
            world.counter(InterfaceCounter.ARP_REQUESTS_OUT, 2);
            assertEquals(new Verdict(true, "arp_requests_out is 2"), evaluate(two));
        }
    }

    @Nested
    class Retransmissions {
        @Test
        void byCause() {
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49152, 9).retransmissions(4, 1, 3).build());
            Ports remote9 = new Ports(OptionalInt.empty(), OptionalInt.of(9));
            assertEquals(new Verdict(true, "tcp#1 has 4 retransmissions"),
                    evaluate(new Check.Retransmissions(4, Check.Cause.ANY, remote9)));
            assertEquals(new Verdict(false, "tcp#1 has 3 retransmission timeouts"),
                    evaluate(new Check.Retransmissions(4, Check.Cause.TIMEOUT, remote9)));
            assertEquals(new Verdict(true, "tcp#1 has 1 fast retransmits"),
                    evaluate(new Check.Retransmissions(1, Check.Cause.FAST, remote9)));
            assertEquals(new Verdict(false, "no TCP connection (remote port 7)"),
                    evaluate(new Check.Retransmissions(1, Check.Cause.ANY, REMOTE_7)));
        }
    }

    @Nested
    class AControlBlockField {
        @Test
        void withinBoundsOnAMatchingConnection() {
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49152, 7).retransmissions(3, 0, 3).build());
            Check.ControlBlock timeouts = new Check.ControlBlock(TcbField.TIMEOUTS, OptionalLong.of(2), OptionalLong.of(3),
                    Optional.empty(), REMOTE_7);
            assertEquals(new Verdict(true, "tcp#1 timeouts 3"), evaluate(timeouts));
            Check.ControlBlock rto = new Check.ControlBlock(TcbField.RTO_MS, OptionalLong.empty(), OptionalLong.of(999),
                    Optional.empty(), REMOTE_7);
            assertEquals(new Verdict(false, "tcp#1 rto-ms 1000"), evaluate(rto));
        }

        @Test
        void underAnAlgorithm() {
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49152, 9).cwnd(2920, 1460, CongestionControl.Algorithm.RENO)
                    .retransmissions(1, 1, 0).build());
            Check.ControlBlock cubicFast = new Check.ControlBlock(TcbField.FAST_RETRANSMITS, OptionalLong.of(1),
                    OptionalLong.empty(), Optional.of(CongestionControl.Algorithm.CUBIC), Ports.ANY);
            assertEquals(new Verdict(false, "no TCP connection under cubic"), evaluate(cubicFast));
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49153, 9).cwnd(2920, 1460, CongestionControl.Algorithm.CUBIC)
                    .retransmissions(2, 1, 0).build());
            assertEquals(new Verdict(true, "tcp#2 fast-retransmits 1"), evaluate(cubicFast));
        }
    }

    @Nested
    class TheCongestionWindow {
        @Test
        void inSegmentsOfTheSendMss() {
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49152, 9).cwnd(14_600, 1460, CongestionControl.Algorithm.CUBIC).build());
            Check.Cwnd aboveTen = new Check.Cwnd(Optional.of(WindowSize.parse("10 segments")), Optional.empty(),
                    Optional.empty(), Ports.ANY);
            assertEquals(new Verdict(false, "tcp#1 cubic cwnd 14600 (10 segments of 1460)"), evaluate(aboveTen));
            Check.Cwnd aboveNine = new Check.Cwnd(Optional.of(WindowSize.parse("9 segments")), Optional.empty(),
                    Optional.empty(), Ports.ANY);
            assertTrue(evaluate(aboveNine).holds());
        }

        @Test
        void belowInOctetsUnderAnAlgorithm() {
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49152, 9).cwnd(2920, 1460, CongestionControl.Algorithm.RENO).build());
            Check.Cwnd small = new Check.Cwnd(Optional.empty(), Optional.of(WindowSize.parse("4380")),
                    Optional.of(CongestionControl.Algorithm.RENO), Ports.ANY);
            assertTrue(evaluate(small).holds());
            Check.Cwnd cubic = new Check.Cwnd(Optional.empty(), Optional.of(WindowSize.parse("4380")),
                    Optional.of(CongestionControl.Algorithm.CUBIC), Ports.ANY);
            assertFalse(evaluate(cubic).holds());
        }

        @Test
        void unlimitedWithoutCongestionControl() {
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49152, 9)
                    .cwnd(Integer.MAX_VALUE, 1460, CongestionControl.Algorithm.NONE).build());
            Check.Cwnd below = new Check.Cwnd(Optional.empty(), Optional.of(WindowSize.parse("1000000 segments")),
                    Optional.empty(), Ports.ANY);
            assertEquals(new Verdict(false, "tcp#1 none cwnd unlimited"), evaluate(below));
        }
    }

    @Nested
    class Within {
        private final Check.ArpEntry arp = new Check.ArpEntry(Ipv4Address.parse("192.168.69.100"), Optional.empty());
        private final long start = Micros.ofSeconds(100);

        @Test
        void holdsWhenItsCheckHoldsInTime() {
            Probe probe = Probe.of(new Check.Within(Micros.ofSeconds(5), arp), start);
            assertEquals(start + Micros.ofSeconds(5), probe.deadline());
            assertEquals(new Verdict(false, "no entry for 192.168.69.100; 3 s left"),
                    probe.evaluate(world, start + Micros.ofSeconds(2)));
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            assertTrue(probe.evaluate(world, start + Micros.ofSeconds(5)).holds());
            assertEquals(Micros.NEVER, probe.deadline());
            world.neighbors.clear();
            assertTrue(probe.evaluate(world, start + Micros.ofSeconds(9)).holds(), "once in time, always");
            assertFalse(probe.expired(start + Micros.ofSeconds(9)));
        }

        @Test
        void failsForGoodWhenTheTimeIsOver() {
            Probe probe = Probe.of(new Check.Within(Micros.ofMillis(1500), arp), start);
            assertFalse(probe.expired(start + Micros.ofMillis(1500)));
            assertTrue(probe.expired(start + Micros.ofMillis(1501)));
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            assertEquals(new Verdict(false, "192.168.69.100 is REACHABLE at 02:00:00:00:00:02; the 1.5 s are over "
                    + "('lab retry' starts the step again)"), probe.evaluate(world, start + Micros.ofSeconds(2)));
        }

        @Test
        void countsOnlyTheFramesInTime() {
            Probe probe = Probe.of(new Check.Within(Micros.ofSeconds(1),
                    new Check.FrameSeen("", Optional.empty(), 0, 0, OptionalInt.empty(), OptionalInt.empty(), 0, 1)), start);
            byte[] frame = udp(PEER, 7, STACK, 5000, 1);
            probe.frame(start + Micros.ofSeconds(2), Direction.RX, frame, 0, frame.length);
            assertFalse(probe.evaluate(world, start + Micros.ofSeconds(2)).holds());
        }
    }

    @Nested
    class Composites {
        private final Check.ArpEntry arp = new Check.ArpEntry(Ipv4Address.parse("192.168.69.100"), Optional.empty());
        private final Check.CounterAtLeast udp = new Check.CounterAtLeast(InterfaceCounter.UDP_IN, 1);

        @Test
        void allAnyAndNot() {
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            assertFalse(evaluate(new Check.All(List.of(arp, udp))).holds());
            assertTrue(evaluate(new Check.Any(List.of(arp, udp))).holds());
            assertTrue(evaluate(new Check.Not(udp)).holds());
            assertEquals(new Verdict(false, "192.168.69.100 is REACHABLE at 02:00:00:00:00:02; udp_in is 0"),
                    evaluate(new Check.All(List.of(arp, udp))));
        }

        @Test
        void describeThemselves() {
            assertEquals("all of: an ARP entry for 192.168.69.100; counter udp_in at least 1",
                    new Check.All(List.of(arp, udp)).describe());
            assertEquals("not: counter udp_in at least 1", new Check.Not(udp).describe());
            assertEquals("the peer answered", new Check.Labeled("the peer answered", arp).describe());
            assertEquals("an ARP entry for 192.168.69.100, within 2.5 s of the step starting",
                    new Check.Within(2_500_000, arp).describe());
            assertEquals("3 frames sent matching 'tcp' with SYN without ACK, window 0, at least 1 octet of data",
                    new Check.FrameSeen("tcp", Optional.of(Direction.TX), TcpFlags.SYN, TcpFlags.ACK, OptionalInt.of(0),
                            OptionalInt.of(1), 0, 3).describe());
            assertEquals("cwnd of a TCP connection (local port 5000, remote port 9) under cubic above 10 segments and below 100 octets",
                    new Check.Cwnd(Optional.of(WindowSize.parse("10 segments")), Optional.of(WindowSize.parse("100")),
                            Optional.of(CongestionControl.Algorithm.CUBIC),
                            new Ports(OptionalInt.of(5000), OptionalInt.of(9))).describe());
        }
    }
}
