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
import dev.jnetlab.stack.iface.Ipv6AddressOrigin;
import dev.jnetlab.stack.iface.Ipv6AddressState;
import dev.jnetlab.stack.iface.NdpState;
import dev.jnetlab.stack.iface.NeighborState;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.DhcpMessageType;
import dev.jnetlab.stack.wire.DhcpPacket;
import dev.jnetlab.stack.wire.DhcpRepr;
import dev.jnetlab.stack.wire.DnsPacket;
import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
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

    /** Evaluates {@code check} as of a step that began before anything the test put in the world. */
    private Verdict evaluate(Check check) {
        return Probe.of(check, 0, new FakeWorld()).evaluate(world, 0);
    }

    @Nested
    class FromTheStepsStart {
        @Test
        void aCounterCountsOnlyWhatCameAfter() {
            world.counter(InterfaceCounter.ICMP_ECHO_REPLIES_IN, 3);
            Probe probe = Probe.of(new Check.CounterAtLeast(InterfaceCounter.ICMP_ECHO_REPLIES_IN, 1), 0, world);
            assertEquals(new Verdict(false, "icmp_echo_replies_in is 3, up 0 in this step"), probe.evaluate(world, 0));
            world.counter(InterfaceCounter.ICMP_ECHO_REPLIES_IN, 4);
            assertEquals(new Verdict(true, "icmp_echo_replies_in is 4, up 1 in this step"), probe.evaluate(world, 0));
        }

        @Test
        void octetsCountFromTheStepsStartAndANewConnectionFromZero() {
            var old = world.connection(Tcb.of(TcpState.ESTABLISHED, 49152, 7).received(100).build());
            Probe probe = Probe.of(new Check.OctetsReceived(5, REMOTE_7), 0, world);
            assertFalse(probe.evaluate(world, 0).holds(), "100 octets before the step count for nothing");
            world.update(old, Tcb.of(TcpState.ESTABLISHED, 49152, 7).received(104).build());
            assertEquals(new Verdict(false, "tcp#1 received 4 octets in this step"), probe.evaluate(world, 0));
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49153, 7).received(5).build());
            assertEquals(new Verdict(true, "tcp#2 received 5 octets in this step"), probe.evaluate(world, 0));
        }
    }

    @Nested
    class OnAnotherNode {
        private final FakeWorld h2 = new FakeWorld();
        private final Check sentOnH2 = new Check.OnNode("h2", new Check.ControlBlock(TcbField.OCTETS_SENT,
                OptionalLong.of(1000), OptionalLong.empty(), Optional.empty(), new Ports(OptionalInt.empty(), OptionalInt.of(9))));

        @Test
        void readsThatNodesConnectionsFromTheStepsStartAndNotTheLabsHost() {
            world.nodes.put("h2", h2);
            var old = h2.connection(Tcb.of(TcpState.ESTABLISHED, 49152, 9).sent(5000).build());
            Probe probe = Probe.of(sentOnH2, 0, world);
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49153, 9).sent(9000).build());
            assertEquals(new Verdict(false, "h2: tcp#1 octets-sent 0"), probe.evaluate(world, 0),
                    "h1's octets are not h2's, and what h2 sent before the step counts for nothing");
            h2.update(old, Tcb.of(TcpState.ESTABLISHED, 49152, 9).sent(6000).build());
            assertEquals(new Verdict(true, "h2: tcp#1 octets-sent 1000"), probe.evaluate(world, 0));
        }

        @Test
        void neverHoldsWhereThereIsNoSuchNode() {
            assertEquals(new Verdict(false, "no host h2 on this network"), Probe.of(sentOnH2, 0, world).evaluate(world, 0));
        }

        @Test
        void countsThatNodesFramesOnly() {
            world.nodes.put("h2", h2);
            byte[] syn = tcp(STACK, 49152, PEER, 9, TcpFlags.SYN, 0, 0, 64240, 0);
            Probe probe = Probe.of(new Check.OnNode("h2", new Check.FrameSeen("tcp", Optional.of(Direction.TX), TcpFlags.SYN, 0,
                    OptionalInt.empty(), OptionalInt.empty(), 0, 1)), 0, world);
            probe.frame(0, Direction.TX, syn, 0, syn.length);
            probe.nodeFrame("h3", 0, Direction.TX, syn, 0, syn.length);
            assertEquals(new Verdict(false, "h2: none seen yet"), probe.evaluate(world, 0), "the lab's host's and h3's SYNs");
            probe.nodeFrame("h2", 0, Direction.TX, syn, 0, syn.length);
            assertEquals(new Verdict(true, "h2: seen"), probe.evaluate(world, 0));
        }

        @Test
        void reachesThroughCompositesAndDescribesItself() {
            world.nodes.put("h2", h2);
            byte[] syn = tcp(STACK, 49152, PEER, 9, TcpFlags.SYN, 0, 0, 64240, 0);
            Check frame = new Check.OnNode("h2", new Check.FrameSeen("tcp", Optional.empty(), 0, 0, OptionalInt.empty(),
                    OptionalInt.empty(), 0, 1));
            Probe probe = Probe.of(new Check.All(List.of(new Check.Not(new Check.Within(Micros.ofSeconds(5), frame)))), 0, world);
            assertTrue(probe.evaluate(world, 0).holds());
            probe.nodeFrame("h2", 0, Direction.TX, syn, 0, syn.length);
            assertFalse(probe.evaluate(world, 0).holds());
            assertEquals("octets-sent in this step of a TCP connection (remote port 9) at least 1000 on h2", sentOnH2.describe());
        }
    }

    @Nested
    class OnALink {
        private LinkCounters r1r2(long dropsFromR1, long dropsFromR2, int queuedFromR1) {
            return new LinkCounters("r1-r2", "r1", "r2", 900, 450, dropsFromR1, dropsFromR2, queuedFromR1, 0);
        }

        @Test
        void tailDropsCountFromTheStepsStartOneWay() {
            world.links.put("r1-r2", r1r2(40, 7, 0));
            Probe probe = Probe.of(new Check.LinkCount("r1-r2", Optional.of("r1"), LinkField.TAIL_DROPS, OptionalLong.of(1),
                    OptionalLong.empty()), 0, world);
            assertEquals(new Verdict(false, "r1-r2 from r1 tail-drops 40, up 0 in this step"), probe.evaluate(world, 0));
            world.links.put("r1-r2", r1r2(40, 9, 0));
            assertFalse(probe.evaluate(world, 0).holds(), "drops the other way are not r1's");
            world.links.put("r1-r2", r1r2(41, 9, 0));
            assertEquals(new Verdict(true, "r1-r2 from r1 tail-drops 41, up 1 in this step"), probe.evaluate(world, 0));
        }

        @Test
        void bothWaysAddUpWithoutAnEnd() {
            world.links.put("r1-r2", r1r2(0, 0, 0));
            Probe probe = Probe.of(new Check.LinkCount("r1-r2", Optional.empty(), LinkField.FRAMES, OptionalLong.of(10),
                    OptionalLong.empty()), 0, world);
            world.links.put("r1-r2", new LinkCounters("r1-r2", "r1", "r2", 905, 455, 0, 0, 0, 0));
            assertEquals(new Verdict(true, "r1-r2 frames 1360, up 10 in this step"), probe.evaluate(world, 0));
        }

        @Test
        void theQueueIsReadAsItIsNow() {
            world.links.put("r1-r2", r1r2(0, 0, 19));
            Check full = new Check.LinkCount("r1-r2", Optional.of("r1"), LinkField.QUEUED, OptionalLong.of(15), OptionalLong.empty());
            assertEquals(new Verdict(true, "r1-r2 from r1 queued 19"), Probe.of(full, 0, world).evaluate(world, 0));
            assertEquals("frames queued on link r1-r2 from r1 at least 15", full.describe());
        }

        @Test
        void neverHoldsWhereThereIsNoSuchLink() {
            assertEquals(new Verdict(false, "no link r1-r2 on this network"), Probe.of(new Check.LinkCount("r1-r2", Optional.empty(),
                    LinkField.TAIL_DROPS, OptionalLong.of(1), OptionalLong.empty()), 0, world).evaluate(world, 0));
        }
    }

    @Nested
    class ACommand {
        private final Check.CommandRun twoReads = new Check.CommandRun("udp recv", 2, Optional.of("{udp:5000}"));

        @Test
        void countsSuccessfulRunsOnTheNamedSocketOnly() {
            Probe probe = Probe.of(twoReads, 0, world);
            java.util.Map<String, String> names = java.util.Map.of("{udp:5000}", "udp#3");
            probe.command(List.of("udp", "recv", "udp#3"), 2, true, names);
            probe.command(List.of("udp", "recv", "udp#3"), 2, false, names);
            probe.command(List.of("udp", "recv", "2", "--wait", "3"), 2, true, names);
            probe.command(List.of("udp", "send", "udp#3", "192.168.69.100:7", "x"), 2, true, names);
            assertEquals(new Verdict(false, "run 1 time"), probe.evaluate(world, 0));
            probe.command(List.of("udp", "recv", "3"), 2, true, names);
            assertEquals(new Verdict(true, "run 2 times"), probe.evaluate(world, 0));
        }

        @Test
        void aNameIsNotMatchedByItsSubCommands() {
            Probe listing = Probe.of(new Check.CommandRun("arp", 1, Optional.empty()), 0, world);
            listing.command(List.of("arp", "flush"), 2, true, java.util.Map.of());
            listing.command(List.of("arp", "add", "192.168.69.100", "02:00:00:00:00:02"), 2, true, java.util.Map.of());
            assertEquals(new Verdict(false, "not run yet"), listing.evaluate(world, 0));
            listing.command(List.of("arp"), 1, true, java.util.Map.of());
            assertEquals(new Verdict(true, "run 1 time"), listing.evaluate(world, 0));
        }

        @Test
        void withWordsCountsOnlyARunThatHasThemTheLabsDirectoryFilledIn() {
            Probe probe = Probe.of(new Check.CommandRun("tcp plot", 1, Optional.of("{tcp:9}"), false,
                    List.of("--svg", "{dir}/flow.svg")), 0, world);
            java.util.Map<String, String> names = java.util.Map.of("{tcp:9}", "tcp#2", "{dir}", "/tmp/lab-1");
            probe.command(List.of("tcp", "plot", "2"), 2, true, names);
            probe.command(List.of("tcp", "plot", "2", "--svg", "/tmp/other/flow.svg"), 2, true, names);
            probe.command(List.of("tcp", "plot", "1", "--svg", "/tmp/lab-1/flow.svg"), 2, true, names);
            assertEquals(new Verdict(false, "not run yet"), probe.evaluate(world, 0),
                    "no file, a file elsewhere, another connection's plot");
            probe.command(List.of("tcp", "plot", "tcp#2", "--svg", "/tmp/lab-1//./flow.svg"), 2, true, names);
            assertEquals(new Verdict(true, "run 1 time"), probe.evaluate(world, 0), "the same path written otherwise");
        }

        @Test
        void describesItself() {
            assertEquals("'udp recv' run 2 times on your UDP socket on port 5000 in this step", twoReads.describe());
            assertEquals("'tcp plot ... --cwnd' run on your TCP connection to port 9 in this step",
                    new Check.CommandRun("tcp plot", 1, Optional.of("{tcp:9}"), false, List.of("--cwnd")).describe());
        }
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

        /** arp-ping's step 4 once took 'arp add 192.168.69.100 02:00:00:00:00:03' as done. */
        @Test
        void withAMacMustHoldThatMac() {
            Check.ArpEntry pinned = new Check.ArpEntry(Ipv4Address.parse("192.168.69.100"),
                    Optional.of(NeighborState.STATIC), Optional.of(dev.jnetlab.stack.wire.MacAddress.parse("02:00:00:00:00:02")));
            world.addStaticNeighbor(Ipv4Address.parse("192.168.69.100"),
                    dev.jnetlab.stack.wire.MacAddress.parse("02:00:00:00:00:03"));
            assertEquals(new Verdict(false, "192.168.69.100 is STATIC at 02:00:00:00:00:03"), evaluate(pinned));
            world.addStaticNeighbor(Ipv4Address.parse("192.168.69.100"),
                    dev.jnetlab.stack.wire.MacAddress.parse("02:00:00:00:00:02"));
            assertTrue(evaluate(pinned).holds());
        }

        @Test
        void incompleteHasNoAddressToShow() {
            world.arp("192.168.69.100", NeighborState.INCOMPLETE);
            assertEquals(new Verdict(true, "192.168.69.100 is INCOMPLETE"), evaluate(any));
        }
    }

    @Nested
    class AnNdpEntry {
        private static final String PEER6 = "fd00::100";
        private final Check.NdpEntry reachableAtThePeersMac = new Check.NdpEntry(Ipv6Address.parse(PEER6),
                Optional.of(NdpState.REACHABLE), Optional.of(MacAddress.parse("02:00:00:00:00:02")));

        @Test
        void isMissingUntilTheCacheHasIt() {
            assertEquals(new Verdict(false, "no NDP entry for fd00::100"), evaluate(reachableAtThePeersMac));
            world.ndp(PEER6, NdpState.REACHABLE, "02:00:00:00:00:02");
            assertEquals(new Verdict(true, "fd00::100 is REACHABLE at 02:00:00:00:00:02"), evaluate(reachableAtThePeersMac));
        }

        @Test
        void inAStateMustBeInThatState() {
            world.ndp(PEER6, NdpState.DELAY, "02:00:00:00:00:02");
            assertEquals(new Verdict(false, "fd00::100 is DELAY at 02:00:00:00:00:02"), evaluate(reachableAtThePeersMac));
            world.ndp(PEER6, NdpState.INCOMPLETE, null);
            assertEquals(new Verdict(false, "fd00::100 is INCOMPLETE"), evaluate(reachableAtThePeersMac));
        }

        @Test
        void withAMacMustHoldThatMac() {
            world.ndp(PEER6, NdpState.REACHABLE, "02:00:00:00:00:03");
            assertFalse(evaluate(reachableAtThePeersMac).holds());
        }

        @Test
        void anIpv4EntryForTheSameHostIsNotOne() {
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            assertFalse(evaluate(reachableAtThePeersMac).holds());
        }

        @Test
        void describesItself() {
            assertEquals("an NDP entry for fd00::100 at 02:00:00:00:00:02 in state REACHABLE", reachableAtThePeersMac.describe());
        }
    }

    @Nested
    class AnIpv6Address {
        private final Check.AddressHeld slaac = new Check.AddressHeld(Ipv6Address.parse("fd00::ff:fe00:1"),
                Optional.of(Ipv6AddressState.PREFERRED), Optional.of(Ipv6AddressOrigin.SLAAC));

        @Test
        void isMissingUntilTheInterfaceHasIt() {
            world.ipv6Address("fd00::1", Ipv6AddressState.PREFERRED, Ipv6AddressOrigin.SLAAC);
            assertEquals(new Verdict(false, "fd00::ff:fe00:1 is not an address of this host"), evaluate(slaac));
            world.ipv6Address("fd00::ff:fe00:1", Ipv6AddressState.PREFERRED, Ipv6AddressOrigin.SLAAC);
            assertEquals(new Verdict(true, "fd00::ff:fe00:1/64 preferred slaac valid forever preferred forever"),
                    evaluate(slaac));
        }

        @Test
        void tentativeIsNotPreferred() {
            world.ipv6Address("fd00::ff:fe00:1", Ipv6AddressState.TENTATIVE, Ipv6AddressOrigin.SLAAC);
            assertFalse(evaluate(slaac).holds());
        }

        @Test
        void typedByHandIsNotFromARouter() {
            world.ipv6Address("fd00::ff:fe00:1", Ipv6AddressState.PREFERRED, Ipv6AddressOrigin.MANUAL);
            assertFalse(evaluate(slaac).holds());
        }

        @Test
        void withoutStateOrOriginAnyWillDo() {
            Check.AddressHeld any = new Check.AddressHeld(Ipv6Address.parse("fd00::1"), Optional.empty(), Optional.empty());
            world.ipv6Address("fd00::1", Ipv6AddressState.TENTATIVE, Ipv6AddressOrigin.MANUAL);
            assertTrue(evaluate(any).holds());
            assertEquals("the address fd00::1", any.describe());
            assertEquals("the address fd00::ff:fe00:1 preferred from slaac", slaac.describe());
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

    /** listener: the numbers of 'tcp show' of the lab's listener on a port. */
    @Nested
    class AListener {
        private ListenerStatus status(int halfOpen, long cookiesSent, long validated) {
            return new ListenerStatus(0, 128, halfOpen, 8, 1, 0, cookiesSent, validated, 0, 0, 0, 0);
        }

        @Test
        void countsCookiesFromTheStepsStartOnTheListenerOfItsPortOnly() {
            var listener = world.listener(80);
            world.listener(listener, status(8, 30, 0));
            var other = world.listener(81);
            world.listener(other, status(8, 500, 0));
            Probe probe = Probe.of(new Check.Listener(80, ListenerField.COOKIES_SENT, OptionalLong.of(10),
                    OptionalLong.empty()), 0, world);
            assertEquals(new Verdict(false, "tcp#1 cookies-sent 0 in this step"), probe.evaluate(world, 0),
                    "30 cookies before the step, and 500 on port 81, count for nothing");
            world.listener(listener, status(8, 40, 0));
            assertEquals(new Verdict(true, "tcp#1 cookies-sent 10 in this step"), probe.evaluate(world, 0));
        }

        @Test
        void aQueueIsReadAsItIsNow() {
            var listener = world.listener(80);
            world.listener(listener, status(3, 0, 0));
            Check full = new Check.Listener(80, ListenerField.HALF_OPEN, OptionalLong.of(8), OptionalLong.empty());
            assertEquals(new Verdict(false, "tcp#1 half-open 3"), evaluate(full));
            world.listener(listener, status(8, 0, 0));
            assertTrue(evaluate(full).holds());
        }

        @Test
        void noListenerOnThePortIsSaid() {
            world.connection(Tcb.of(TcpState.ESTABLISHED, 80, 49152).build());
            assertEquals(new Verdict(false, "no listener of yours on port 80"), evaluate(new Check.Listener(80,
                    ListenerField.COOKIES_VALIDATED, OptionalLong.of(1), OptionalLong.empty())));
        }

        @Test
        void describesItself() {
            assertEquals("cookies-validated in this step of your listener on port 80 at least 1",
                    new Check.Listener(80, ListenerField.COOKIES_VALIDATED, OptionalLong.of(1), OptionalLong.empty())
                            .describe());
            assertEquals("max-half-open of your listener on port 80 at most 8",
                    new Check.Listener(80, ListenerField.MAX_HALF_OPEN, OptionalLong.empty(), OptionalLong.of(8))
                            .describe());
        }
    }

    @Nested
    class OctetsReceived {
        @Test
        void countsTheBusiestMatchingConnection() {
            Check.OctetsReceived five = new Check.OctetsReceived(5, REMOTE_7);
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49152, 7).received(3).build());
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49153, 9).received(100).build());
            assertEquals(new Verdict(false, "tcp#1 received 3 octets in this step"), evaluate(five));
            world.connection(Tcb.of(TcpState.CLOSE_WAIT, 49154, 7).received(5).build());
            assertEquals(new Verdict(true, "tcp#3 received 5 octets in this step"), evaluate(five));
        }
    }

    @Nested
    class AFrame {
        private final byte[] syn = tcp(STACK, 49152, PEER, 7, TcpFlags.SYN, 1000, 0, 64240, 0);
        private final byte[] synAck = tcp(PEER, 7, STACK, 49152, TcpFlags.SYN | TcpFlags.ACK, 5000, 1001, 65160, 0);
        private final byte[] zeroWindow = tcp(STACK, 49152, PEER, 7, TcpFlags.ACK, 1001, 5001, 0, 0);

        private Probe probe(Check.FrameSeen check) {
            return Probe.of(check, 0, world);
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
        void aSegmentThatNearlyMatchedIsNamedInsteadOfNoneSeen() {
            Probe synTo81 = probe(new Check.FrameSeen("tcp and dst port 81", Optional.of(Direction.TX), TcpFlags.SYN, 0,
                    OptionalInt.empty(), OptionalInt.empty(), 0, 1));
            show(synTo81, Direction.RX, synAck);
            assertEquals(new Verdict(false, "none seen yet"), synTo81.evaluate(world, 0), "the other way is no near miss");
            show(synTo81, Direction.TX, syn);
            assertEquals(new Verdict(false, "none seen yet; a SYN went to port 7 instead"), synTo81.evaluate(world, 0));

            Probe resetTo7 = probe(new Check.FrameSeen("tcp and dst port 7", Optional.of(Direction.TX), TcpFlags.RST, 0,
                    OptionalInt.empty(), OptionalInt.empty(), 0, 1));
            show(resetTo7, Direction.TX, zeroWindow);
            assertEquals(new Verdict(false, "none seen yet"), resetTo7.evaluate(world, 0), "a plain ACK is no near miss");
            show(resetTo7, Direction.TX, tcp(STACK, 49152, PEER, 7, TcpFlags.FIN | TcpFlags.ACK, 1001, 5001, 64240, 0));
            assertEquals(new Verdict(false, "none seen yet; a FIN+ACK went to port 7 instead"), resetTo7.evaluate(world, 0));
            show(resetTo7, Direction.TX, tcp(STACK, 49152, PEER, 7, TcpFlags.RST, 1002, 0, 0, 0));
            assertEquals(new Verdict(true, "seen"), resetTo7.evaluate(world, 0));

            Probe ackTo9 = probe(new Check.FrameSeen("tcp and dst port 9", Optional.of(Direction.TX), TcpFlags.ACK, 0,
                    OptionalInt.empty(), OptionalInt.empty(), 0, 1));
            show(ackTo9, Direction.TX, tcp(STACK, 49152, PEER, 7, TcpFlags.ACK, 1001, 5001, 64240, 0));
            assertEquals(new Verdict(false, "none seen yet; an ACK went to port 7 instead"), ackTo9.evaluate(world, 0));

            Probe smallWindow = probe(new Check.FrameSeen("tcp and dst port 7", Optional.of(Direction.TX), TcpFlags.SYN, 0,
                    OptionalInt.of(64), OptionalInt.empty(), 0, 1));
            show(smallWindow, Direction.TX, syn);
            assertEquals(new Verdict(false, "none seen yet"), smallWindow.evaluate(world, 0),
                    "the SYN asked for, with another window: not 'a SYN instead'");
        }

        @Test
        void aTruncatedFrameDoesNotMatch() {
            Probe anySyn = probe(new Check.FrameSeen("", Optional.empty(), TcpFlags.SYN, 0, OptionalInt.empty(),
                    OptionalInt.empty(), 0, 1));
            anySyn.frame(0, Direction.TX, syn, 0, 40);
            assertFalse(anySyn.evaluate(world, 0).holds());
        }
    }

    /** A frame of {@code frame}'s headers whose payload (at {@code offset}) is {@code payload}; checksums aside. */
    private static byte[] carrying(byte[] frame, int offset, byte[] payload) {
        System.arraycopy(payload, 0, frame, offset, payload.length);
        return frame;
    }

    /** A UDP datagram holding {@code payload}. */
    private static byte[] udpWith(Ipv4Address src, int srcPort, Ipv4Address dst, int dstPort, byte[] payload) {
        return carrying(udp(src, srcPort, dst, dstPort, payload.length), 14 + 20 + 8, payload);
    }

    @Nested
    class ADhcpMessage {
        private byte[] message(DhcpMessageType type) {
            DhcpRepr repr = DhcpRepr.client(type, 0x1234, MacAddress.parse("02:00:00:00:00:01"));
            byte[] wire = new byte[repr.bufferLen()];
            repr.emit(new DhcpPacket().wrap(wire, 0, wire.length));
            return wire;
        }

        @Test
        void isCountedByItsTypeAndDirectionBetweenPorts67And68() {
            Probe decline = Probe.of(new Check.DhcpSeen(DhcpMessageType.DECLINE, Optional.of(Direction.TX), 1), 0, world);
            byte[] request = udpWith(STACK, 68, PEER, 67, message(DhcpMessageType.REQUEST));
            decline.frame(0, Direction.TX, request, 0, request.length);
            assertEquals(new Verdict(false, "none seen yet"), decline.evaluate(world, 0), "a REQUEST is not a DECLINE");
            byte[] declined = udpWith(STACK, 68, PEER, 67, message(DhcpMessageType.DECLINE));
            decline.frame(0, Direction.RX, declined, 0, declined.length);
            assertFalse(decline.evaluate(world, 0).holds(), "received, not sent");
            byte[] elsewhere = udpWith(STACK, 5000, PEER, 7, message(DhcpMessageType.DECLINE));
            decline.frame(0, Direction.TX, elsewhere, 0, elsewhere.length);
            assertFalse(decline.evaluate(world, 0).holds(), "not between the DHCP ports");
            decline.frame(0, Direction.TX, declined, 0, declined.length);
            assertEquals(new Verdict(true, "seen 1"), decline.evaluate(world, 0));
        }
    }

    @Nested
    class ADnsMessage {
        private final byte[] query = DnsRepr.query(7, "peer.lab.", DnsType.A.value()).emit();
        private final byte[] aliasAnswer = new DnsRepr(7, DnsPacket.FLAG_QR | DnsPacket.FLAG_AA,
                List.of(new DnsRepr.Question("www.lab.", DnsType.A.value())),
                List.of(new DnsRepr.Record("www.lab.", DnsType.CNAME.value(), 300, new DnsRepr.Target("peer.lab.")),
                        new DnsRepr.Record("peer.lab.", DnsType.A.value(), 300, new DnsRepr.Address(PEER))),
                List.of(), List.of()).emit();
        private final byte[] truncated = new DnsRepr(8, DnsPacket.FLAG_QR | DnsPacket.FLAG_TC,
                List.of(new DnsRepr.Question("big.lab.", DnsType.A.value())), List.of(), List.of(), List.of()).emit();

        private Probe probe(Optional<Direction> direction, Optional<String> transport, Optional<Boolean> response,
                            Optional<String> name, Optional<Boolean> cname, Optional<Boolean> truncatedFlag) {
            return Probe.of(new Check.DnsSeen(direction, transport, response, name, cname, truncatedFlag, 1), 0, world);
        }

        private void show(Probe probe, Direction direction, byte[] frame) {
            probe.frame(0, direction, frame, 0, frame.length);
        }

        @Test
        void aQueryByItsNameInAnyCaseWithOrWithoutTheDot() {
            Probe peer = probe(Optional.of(Direction.TX), Optional.of("udp"), Optional.of(false), Optional.of("PEER.lab"),
                    Optional.empty(), Optional.empty());
            show(peer, Direction.TX, udpWith(STACK, 40000, PEER, 53, aliasAnswer));
            assertFalse(peer.evaluate(world, 0).holds(), "an answer about www.lab");
            show(peer, Direction.TX, udpWith(STACK, 40000, PEER, 5353, query));
            assertFalse(peer.evaluate(world, 0).holds(), "not port 53");
            show(peer, Direction.TX, udpWith(STACK, 40000, PEER, 53, query));
            assertTrue(peer.evaluate(world, 0).holds());
        }

        @Test
        void anAnswerWithACname() {
            Probe alias = probe(Optional.of(Direction.RX), Optional.empty(), Optional.of(true), Optional.empty(),
                    Optional.of(true), Optional.empty());
            show(alias, Direction.RX, udpWith(PEER, 53, STACK, 40000, truncated));
            assertFalse(alias.evaluate(world, 0).holds(), "no CNAME in it");
            show(alias, Direction.RX, udpWith(PEER, 53, STACK, 40000, aliasAnswer));
            assertTrue(alias.evaluate(world, 0).holds());
        }

        @Test
        void truncatedOverUdpAndWholeOverTcpAfterItsLength() {
            Probe cut = probe(Optional.empty(), Optional.of("udp"), Optional.empty(), Optional.of("big.lab"),
                    Optional.empty(), Optional.of(true));
            show(cut, Direction.RX, udpWith(PEER, 53, STACK, 40000, aliasAnswer));
            assertFalse(cut.evaluate(world, 0).holds());
            show(cut, Direction.RX, udpWith(PEER, 53, STACK, 40000, truncated));
            assertTrue(cut.evaluate(world, 0).holds());

            Probe overTcp = probe(Optional.empty(), Optional.of("tcp"), Optional.of(false), Optional.of("peer.lab"),
                    Optional.empty(), Optional.empty());
            show(overTcp, Direction.TX, udpWith(STACK, 40000, PEER, 53, query));
            assertFalse(overTcp.evaluate(world, 0).holds(), "over UDP");
            byte[] framed = new byte[2 + query.length];
            framed[1] = (byte) query.length;
            System.arraycopy(query, 0, framed, 2, query.length);
            byte[] segment = tcp(STACK, 40000, PEER, 53, TcpFlags.ACK | TcpFlags.PSH, 1, 1, 1000, framed.length);
            byte[] noLength = tcp(STACK, 40000, PEER, 53, TcpFlags.ACK | TcpFlags.PSH, 1, 1, 1000, query.length);
            show(overTcp, Direction.TX, carrying(noLength, 14 + 20 + 20, query));
            assertFalse(overTcp.evaluate(world, 0).holds(), "without the two-octet length it is no message");
            show(overTcp, Direction.TX, carrying(segment, 14 + 20 + 20, framed));
            assertTrue(overTcp.evaluate(world, 0).holds());
        }
    }

    @Nested
    class ACounter {
        @Test
        void reachesItsValue() {
            Check.CounterAtLeast two = new Check.CounterAtLeast(InterfaceCounter.ARP_REQUESTS_OUT, 2);
            world.counter(InterfaceCounter.ARP_REQUESTS_OUT, 1);
            assertEquals(new Verdict(false, "arp_requests_out is 1, up 1 in this step"), evaluate(two));
            world.counter(InterfaceCounter.ARP_REQUESTS_OUT, 2);
            assertEquals(new Verdict(true, "arp_requests_out is 2, up 2 in this step"), evaluate(two));
        }
    }

    @Nested
    class Retransmissions {
        @Test
        void byCause() {
            world.connection(Tcb.of(TcpState.ESTABLISHED, 49152, 9).retransmissions(4, 1, 3).build());
            Ports remote9 = new Ports(OptionalInt.empty(), OptionalInt.of(9));
            assertEquals(new Verdict(true, "tcp#1 has 4 retransmissions in this step"),
                    evaluate(new Check.Retransmissions(4, Check.Cause.ANY, remote9)));
            assertEquals(new Verdict(false, "tcp#1 has 3 retransmission timeouts in this step"),
                    evaluate(new Check.Retransmissions(4, Check.Cause.TIMEOUT, remote9)));
            assertEquals(new Verdict(true, "tcp#1 has 1 fast retransmits in this step"),
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
            Probe probe = Probe.of(new Check.Within(Micros.ofSeconds(5), arp), start, world);
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
            Probe probe = Probe.of(new Check.Within(Micros.ofMillis(1500), arp), start, world);
            assertFalse(probe.expired(start + Micros.ofMillis(1500)));
            assertTrue(probe.expired(start + Micros.ofMillis(1501)));
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            assertEquals(new Verdict(false, "192.168.69.100 is REACHABLE at 02:00:00:00:00:02; the 1.5 s are over "
                    + "('lab retry' starts the step again)"), probe.evaluate(world, start + Micros.ofSeconds(2)));
        }

        @Test
        void countsOnlyTheFramesInTime() {
            Probe probe = Probe.of(new Check.Within(Micros.ofSeconds(1),
                    new Check.FrameSeen("", Optional.empty(), 0, 0, OptionalInt.empty(), OptionalInt.empty(), 0, 1)), start, world);
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
            assertEquals(new Verdict(false, "192.168.69.100 is REACHABLE at 02:00:00:00:00:02; udp_in is 0, up 0 in this step"),
                    evaluate(new Check.All(List.of(arp, udp))));
        }

        @Test
        void aNotOfWhatLastsCanNoLongerPassOnceItHeld() {
            Probe notUdp = Probe.of(new Check.Not(udp), 0, world);
            Probe notArp = Probe.of(new Check.Not(arp), 0, world);
            Probe all = Probe.of(new Check.All(List.of(arp, new Check.Not(udp))), 0, world);
            assertTrue(notUdp.evaluate(world, 0).holds());
            assertFalse(notUdp.expired(0), "nothing came yet");

            world.counter(InterfaceCounter.UDP_IN, 1);
            world.arp("192.168.69.100", NeighborState.REACHABLE);
            assertFalse(notUdp.evaluate(world, 0).holds());
            assertFalse(notArp.evaluate(world, 0).holds());

            assertTrue(notUdp.expired(0), "a counter never goes down: the step cannot pass");
            assertFalse(notArp.expired(0), "an ARP entry can go away again");
            all.evaluate(world, 0);
            assertTrue(all.expired(0), "nor can an all of it");
        }

        @Test
        void describeThemselves() {
            assertEquals("all of: an ARP entry for 192.168.69.100; counter udp_in up by at least 1 in this step",
                    new Check.All(List.of(arp, udp)).describe());
            assertEquals("not: counter udp_in up by at least 1 in this step", new Check.Not(udp).describe());
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
