package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.GATEWAY_IP;
import static dev.jnetlab.stack.iface.Frames.OTHER_IP;
import static dev.jnetlab.stack.iface.Frames.OTHER_MAC;
import static dev.jnetlab.stack.iface.Frames.PEER_IP;
import static dev.jnetlab.stack.iface.Frames.PEER_MAC;
import static dev.jnetlab.stack.iface.Frames.STACK_IP;
import static dev.jnetlab.stack.iface.Frames.STACK_MAC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.IcmpMessage;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.ArpOperation;
import dev.jnetlab.stack.wire.ArpRepr;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetRepr;
import dev.jnetlab.stack.wire.Icmpv4Repr;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ARP (RFC 826, RFC 5227 for gratuitous ARP): replies, learning rules, expiry, eviction, the request rate, the pending queue. */
class ArpTest {
    private final Harness h = new Harness();

    private void sendUdp(UdpSocket socket, Ipv4Address to, String text) throws Exception {
        byte[] data = text.getBytes();
        socket.sendTo(to.bits(), 7, data, 0, data.length);
        h.poll();
    }

    private static ArpRepr request(Ipv4Address target) {
        return new ArpRepr(ArpOperation.REQUEST, STACK_MAC, STACK_IP, MacAddress.UNSPECIFIED, target);
    }

    private Optional<NeighborEntry> entry(Ipv4Address address) {
        return h.iface.neighbors(h.now()).stream().filter(e -> e.address().equals(address)).findFirst();
    }

    @Nested
    class Replying {
        @Test
        void answersARequestForItsAddressToTheAskerAlone() {
            h.receive(Frames.arpRequest(PEER_MAC, PEER_IP, STACK_IP));

            Frame reply = h.sentOne();
            assertEquals(new EthernetRepr(STACK_MAC, PEER_MAC, EtherType.ARP), reply.eth());
            assertEquals(new ArpRepr(ArpOperation.REPLY, STACK_MAC, STACK_IP, PEER_MAC, PEER_IP), reply.arp());
            assertEquals(1, h.counter(InterfaceCounter.ARP_REQUESTS_IN));
            assertEquals(1, h.counter(InterfaceCounter.ARP_REPLIES_OUT));
        }

        @Test
        void answersForEveryOneOfItsAddresses() {
            Ipv4Address second = Ipv4Address.parse("10.0.0.1");
            h.iface.addAddress(Ipv4Cidr.parse("10.0.0.1/8"));
            h.receive(Frames.arpRequest(PEER_MAC, Ipv4Address.parse("10.0.0.9"), second));

            assertEquals(new ArpRepr(ArpOperation.REPLY, STACK_MAC, second, PEER_MAC, Ipv4Address.parse("10.0.0.9")),
                    h.sentOne().arp());
        }

        @Test
        void answersAProbeFromAHostWithoutAnAddressYet() {
            // RFC 5227 section 2.1.1: a probe has sender address 0.0.0.0; the owner answers it.
            h.receive(Frames.arpRequest(PEER_MAC, Ipv4Address.UNSPECIFIED, STACK_IP));

            assertEquals(new ArpRepr(ArpOperation.REPLY, STACK_MAC, STACK_IP, PEER_MAC, Ipv4Address.UNSPECIFIED),
                    h.sentOne().arp());
            assertTrue(h.iface.neighbors(h.now()).isEmpty(), "0.0.0.0 is learned by no one");
        }

        @Test
        void staysSilentForAnotherHostsAddress() {
            h.receive(Frames.arpRequest(PEER_MAC, PEER_IP, OTHER_IP));

            h.sentNothing();
        }

        @Test
        void ignoresOperationsOtherThanRequestAndReply() {
            byte[] rarp = Frames.arpRequest(PEER_MAC, PEER_IP, STACK_IP);
            rarp[14 + 7] = 3; // RARP request

            h.receive(rarp);

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_UNSUPPORTED));
        }

        @Test
        void countsATruncatedPacket() {
            byte[] whole = Frames.arpRequest(PEER_MAC, PEER_IP, STACK_IP);
            h.receive(java.util.Arrays.copyOf(whole, 14 + 20));

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_TRUNCATED));
        }
    }

    @Nested
    class Learning {
        @Test
        void fromARequestAddressedToIt() {
            h.receive(Frames.arpRequest(PEER_MAC, PEER_IP, STACK_IP));

            NeighborEntry peer = entry(PEER_IP).orElseThrow();
            assertEquals(Optional.of(PEER_MAC), peer.mac());
            assertEquals(NeighborState.REACHABLE, peer.state());
            assertEquals(Micros.ofSeconds(60), peer.expiresMicros());
        }

        @Test
        void notFromARequestForAnotherHost() {
            h.receive(Frames.arpRequest(PEER_MAC, PEER_IP, OTHER_IP));

            assertTrue(entry(PEER_IP).isEmpty());
        }

        @Test
        void fromAGratuitousRequestAndAGratuitousReply() {
            h.receive(Frames.arp(ArpOperation.REQUEST, MacAddress.BROADCAST, PEER_MAC, PEER_IP, MacAddress.UNSPECIFIED, PEER_IP));
            h.receive(Frames.arp(ArpOperation.REPLY, MacAddress.BROADCAST, OTHER_MAC, OTHER_IP, MacAddress.BROADCAST, OTHER_IP));

            h.sentNothing();
            assertEquals(Optional.of(PEER_MAC), entry(PEER_IP).orElseThrow().mac());
            assertEquals(Optional.of(OTHER_MAC), entry(OTHER_IP).orElseThrow().mac());
        }

        @Test
        void notFromAnUnsolicitedReply() {
            h.receive(Frames.arpReply(PEER_MAC, PEER_IP));

            h.sentNothing();
            assertTrue(entry(PEER_IP).isEmpty());
            assertEquals(1, h.counter(InterfaceCounter.ARP_REPLIES_UNSOLICITED));
        }

        @Test
        void mergesAnyPacketAboutAnAddressItHasIntoThatEntry() {
            h.knowPeer();
            // RFC 826: the sender's entry is updated whoever the packet is for.
            h.receive(Frames.arpRequest(OTHER_MAC, PEER_IP, OTHER_IP));

            assertEquals(Optional.of(OTHER_MAC), entry(PEER_IP).orElseThrow().mac());
        }

        @Test
        void notAHostOutsideItsNetworks() {
            h.receive(Frames.arpRequest(PEER_MAC, Ipv4Address.parse("10.9.9.9"), STACK_IP));

            assertEquals(1, h.sent().size(), "it answers");
            assertTrue(h.iface.neighbors(h.now()).isEmpty(), "but a host not on its network is no neighbor");
        }

        @Test
        void notAHostClaimingItsOwnAddress() {
            h.receive(Frames.arp(ArpOperation.REQUEST, MacAddress.BROADCAST, PEER_MAC, STACK_IP, MacAddress.UNSPECIFIED, STACK_IP));

            h.sentNothing();
            assertTrue(h.iface.neighbors(h.now()).isEmpty());
            assertEquals(1, h.counter(InterfaceCounter.ARP_ADDRESS_CONFLICTS));
        }

        @Test
        void notAGroupHardwareAddress() {
            h.receive(Frames.arp(ArpOperation.REQUEST, MacAddress.BROADCAST, MacAddress.parse("03:00:00:00:00:09"), PEER_IP,
                    MacAddress.UNSPECIFIED, PEER_IP));

            assertTrue(h.iface.neighbors(h.now()).isEmpty());
        }
    }

    @Nested
    class Resolving {
        @Test
        void sendsARequestAndHoldsTheDatagramUntilTheReplyComes() throws Exception {
            UdpSocket socket = h.udp(5000);
            sendUdp(socket, PEER_IP, "first");
            sendUdp(socket, PEER_IP, "second");

            Frame request = h.sentOne();
            assertEquals(new EthernetRepr(STACK_MAC, MacAddress.BROADCAST, EtherType.ARP), request.eth());
            assertEquals(request(PEER_IP), request.arp());
            assertEquals(NeighborState.INCOMPLETE, entry(PEER_IP).orElseThrow().state());
            assertEquals(2, entry(PEER_IP).orElseThrow().pendingFrames());
            assertEquals(2, h.iface.pendingFrames());

            h.receive(Frames.arpReply(PEER_MAC, PEER_IP));

            List<Frame> frames = h.sent();
            assertEquals(2, frames.size(), frames::toString);
            assertEquals(PEER_MAC, frames.get(0).eth().destination());
            assertArrayEquals("first".getBytes(), frames.get(0).udpPayload(), "in the order they were sent");
            assertArrayEquals("second".getBytes(), frames.get(1).udpPayload());
            assertEquals(NeighborState.REACHABLE, entry(PEER_IP).orElseThrow().state());
            assertEquals(0, h.iface.pendingFrames());
        }

        @Test
        void thenSendsStraightAway() throws Exception {
            UdpSocket socket = h.udp(5000);
            sendUdp(socket, PEER_IP, "a");
            h.receive(Frames.arpReply(PEER_MAC, PEER_IP));
            h.sent();

            sendUdp(socket, PEER_IP, "b");

            Frame frame = h.sentOne();
            assertTrue(frame.isIpv4());
            assertArrayEquals("b".getBytes(), frame.udpPayload());
        }

        @Test
        void asksAtMostOnceASecondThreeTimesThenDropsWhatWaited() throws Exception {
            UdpSocket socket = h.udp(5000);
            sendUdp(socket, PEER_IP, "1");
            assertTrue(h.sentOne().isArp());
            for (int i = 0; i < 5; i++) {
                h.advance(Micros.ofMillis(150));
                sendUdp(socket, PEER_IP, "again");
            }
            h.sentNothing(); // 750 ms after the first request
            h.advance(Micros.ofMillis(250));
            assertEquals(request(PEER_IP), h.sentOne().arp(), "the second, a second after the first");
            h.advance(Micros.ofMillis(999));
            h.sentNothing();
            h.advance(Micros.ofMillis(1));
            assertEquals(request(PEER_IP), h.sentOne().arp(), "the third");
            assertEquals(6, h.iface.pendingFrames());

            h.advance(Micros.ofSeconds(1));

            h.sentNothing();
            assertEquals(0, h.iface.pendingFrames());
            assertEquals(6, h.counter(InterfaceCounter.DROP_ARP_TIMEOUT));
            assertEquals(6, socket.sendDropped(), "the socket hears of its lost datagrams");
            assertTrue(entry(PEER_IP).isEmpty(), "the failed resolution is forgotten");
            assertEquals(3, h.counter(InterfaceCounter.ARP_REQUESTS_OUT));
        }

        @Test
        void atMostFiftyRequestsASecondGoOutWhateverTheNumberOfAddresses() throws Exception {
            UdpSocket socket = h.udp(5000);
            for (int n = 0; n < 200; n++) {
                sendUdp(socket, Ipv4Address.parse("192.168.69." + (2 + n)), "x");
            }
            assertEquals(NeighborCache.MAX_REQUESTS_PER_SECOND, h.counter(InterfaceCounter.ARP_REQUESTS_OUT));
            assertEquals(h.now() + NeighborCache.TOKEN_INTERVAL, h.iface.pollAt(h.now(), h.sockets),
                    "the next request when a token comes back, not at once");
            h.advance(NeighborCache.TOKEN_INTERVAL);
            assertEquals(NeighborCache.MAX_REQUESTS_PER_SECOND + 1, h.counter(InterfaceCounter.ARP_REQUESTS_OUT));
            for (int step = 0; step < 100; step++) {
                h.advance(Micros.ofMillis(10));
            }
            long sent = h.counter(InterfaceCounter.ARP_REQUESTS_OUT);
            assertTrue(sent <= 2L * NeighborCache.MAX_REQUESTS_PER_SECOND + 1, () -> sent + " requests in 1.02 s");
        }

        @Test
        void pollAtNamesTheNextRequest() throws Exception {
            UdpSocket socket = h.udp(5000);
            sendUdp(socket, PEER_IP, "1");
            h.sent();

            assertEquals(h.now() + Micros.ofSeconds(1), h.iface.pollAt(h.now(), h.sockets));
            assertEquals(Micros.ofSeconds(1), h.iface.pollDelay(h.now(), h.sockets));
        }

        @Test
        void anEchoRequestThatFoundNoOneComesBackAsHostUnreachable() throws Exception {
            IcmpSocket ping = h.icmp(0x1234);
            ping.sendEcho(PEER_IP, 1, "hello".getBytes());
            h.poll();
            for (int i = 0; i < 3; i++) {
                h.advance(Micros.ofSeconds(1));
            }

            IcmpMessage error = ping.recv();
            assertEquals("Destination Host Unreachable", error.describe());
            assertEquals(STACK_IP, error.from(), "reported by this host, as Linux's ping shows it");
            assertEquals(1, error.sequence());
            assertEquals(0x1234, error.identifier());
        }

        @Test
        void holdsAtMostItsQueueForOneNeighbor() throws Exception {
            Harness small = new Harness(InterfaceConfig.of(STACK_MAC, Ipv4Cidr.parse("192.168.69.1/24")).withPendingFrames(4, 2));
            UdpSocket socket = small.udp(5000);
            for (int i = 0; i < 3; i++) {
                socket.sendTo(PEER_IP.bits(), 7, new byte[10], 0, 10);
            }
            small.poll();

            assertEquals(2, small.iface.pendingFrames());
            assertEquals(1, small.counter(InterfaceCounter.DROP_ARP_QUEUE_FULL));
            assertEquals(1, socket.sendDropped());
        }

        @Test
        void holdsAWholeLargestDatagramInFragmentsForOneNeighbor() throws Exception {
            // 65,507 octets of UDP data in 1,480-octet fragments: 45 frames wait for one reply.
            UdpSocket socket = h.udp(5000);
            socket.sendTo(PEER_IP.bits(), 7, new byte[65_507], 0, 65_507);
            h.poll();
            assertTrue(h.sentOne().isArp());
            assertEquals(45, h.iface.pendingFrames());

            h.receive(Frames.arpReply(PEER_MAC, PEER_IP));

            assertEquals(45, h.sent().size());
            assertEquals(0, h.counter(InterfaceCounter.DROP_ARP_QUEUE_FULL));
        }

        @Test
        void resolvesTheGatewayForADistantHost() throws Exception {
            h.iface.setDefaultGateway(GATEWAY_IP);
            UdpSocket socket = h.udp(5000);
            sendUdp(socket, Frames.REMOTE_IP, "far");

            assertEquals(request(GATEWAY_IP), h.sentOne().arp());
            h.receive(Frames.arpReply(Frames.GATEWAY_MAC, GATEWAY_IP));
            Frame frame = h.sentOne();
            assertEquals(Frames.GATEWAY_MAC, frame.eth().destination());
            assertEquals(Frames.REMOTE_IP, frame.ip().destination());
        }
    }

    @Nested
    class Expiring {
        @Test
        void anEntryTurnsStaleAfterSixtySecondsAndIsStillUsedWhileAUnicastRequestProbesIt() throws Exception {
            h.knowPeer();
            UdpSocket socket = h.udp(5000);
            h.clock.advance(Micros.ofSeconds(60) - 1);
            sendUdp(socket, PEER_IP, "still");
            assertTrue(h.sentOne().isIpv4(), "reachable up to 60 s");

            h.clock.advance(1);
            assertEquals(NeighborState.STALE, entry(PEER_IP).orElseThrow().state());
            sendUdp(socket, PEER_IP, "again");

            Frame datagram = h.sentOne();
            assertArrayEquals("again".getBytes(), datagram.udpPayload(), "sent at once");
            assertEquals(PEER_MAC, datagram.eth().destination(), "to the cached address");
            assertEquals(NeighborState.PROBE, entry(PEER_IP).orElseThrow().state());
            assertEquals(Micros.ofSeconds(3), entry(PEER_IP).orElseThrow().expiresMicros());
            assertEquals(h.now(), h.iface.pollAt(h.now(), h.sockets), "the probe is due");

            h.poll();
            Frame probe = h.sentOne();
            assertEquals(request(PEER_IP), probe.arp());
            assertEquals(PEER_MAC, probe.eth().destination(), "RFC 1122 2.3.2.1: a unicast poll");

            h.receive(Frames.arpReply(PEER_MAC, PEER_IP));
            assertEquals(NeighborState.REACHABLE, entry(PEER_IP).orElseThrow().state());
            assertEquals(Micros.ofSeconds(60), entry(PEER_IP).orElseThrow().expiresMicros());
        }

        @Test
        void aProbeAsksOnceASecondThreeTimesThenDeletesTheEntry() throws Exception {
            h.knowPeer();
            UdpSocket socket = h.udp(5000);
            h.clock.advance(Micros.ofSeconds(61));
            sendUdp(socket, PEER_IP, "gone?");
            h.poll();
            assertEquals(2, h.sent().size(), "the datagram, then the first probe");

            for (int second = 1; second <= 2; second++) {
                assertEquals(h.now() + Micros.ofSeconds(1), h.iface.pollAt(h.now(), h.sockets), "the next probe");
                h.advance(Micros.ofSeconds(1));
                Frame probe = h.sentOne();
                assertEquals(request(PEER_IP), probe.arp());
                assertEquals(PEER_MAC, probe.eth().destination());
                sendUdp(socket, PEER_IP, "still used " + second);
                assertEquals(PEER_MAC, h.sentOne().eth().destination(), "the probed entry is used meanwhile");
            }
            h.advance(Micros.ofSeconds(1));

            h.sentNothing();
            assertTrue(entry(PEER_IP).isEmpty(), "deleted after three unanswered probes");
            assertEquals(3, h.counter(InterfaceCounter.ARP_REQUESTS_OUT));
            sendUdp(socket, PEER_IP, "who now?");
            Frame ask = h.sentOne();
            assertEquals(request(PEER_IP), ask.arp());
            assertEquals(MacAddress.BROADCAST, ask.eth().destination(), "resolved from scratch");
        }

        @Test
        void aFreshRequestFromThePeerRenewsIt() {
            h.knowPeer();
            h.clock.advance(Micros.ofSeconds(50));
            h.knowPeer();
            h.clock.advance(Micros.ofSeconds(50));

            NeighborEntry peer = entry(PEER_IP).orElseThrow();
            assertEquals(NeighborState.REACHABLE, peer.state());
            assertEquals(Micros.ofSeconds(50), peer.ageMicros());
            assertEquals(Micros.ofSeconds(10), peer.expiresMicros());
        }
    }

    /** Room as in Linux's neighbor table: {@code gc_thresh3} entries at most, forced and periodic collection. */
    @Nested
    class MakingRoom {
        private final Harness small = new Harness(
                InterfaceConfig.of(STACK_MAC, Ipv4Cidr.parse("192.168.69.1/24")).withNeighborCacheSize(2));

        private void learn(MacAddress mac, Ipv4Address ip) {
            small.receive(Frames.arpRequest(mac, ip, STACK_IP));
            small.sent();
        }

        private List<Ipv4Address> known(Harness harness) {
            return harness.iface.neighbors(harness.now()).stream().map(NeighborEntry::address).sorted(
                    (a, b) -> Integer.compareUnsigned(a.bits(), b.bits())).toList();
        }

        @Test
        void aFullTableOfFreshEntriesRefusesANewOneRatherThanPushOneOut() throws Exception {
            learn(PEER_MAC, PEER_IP);
            learn(OTHER_MAC, OTHER_IP);
            learn(Frames.GATEWAY_MAC, GATEWAY_IP);
            UdpSocket socket = small.udp(5000);
            socket.sendTo(Ipv4Address.parse("192.168.69.77").bits(), 7, new byte[1], 0, 1);
            small.poll();

            assertEquals(List.of(PEER_IP, OTHER_IP), known(small), "Linux's 'neighbor table overflow'");
            assertEquals(1, small.counter(InterfaceCounter.DROP_ARP_QUEUE_FULL), "the datagram that needed an entry");
            small.sentNothing();
        }

        @Test
        void anEntryNeitherConfirmedNorUsedForFiveSecondsMakesRoom() throws Exception {
            learn(PEER_MAC, PEER_IP);
            learn(OTHER_MAC, OTHER_IP);
            small.clock.advance(NeighborCache.GC_INTERVAL);
            UdpSocket socket = small.udp(5000);
            socket.sendTo(PEER_IP.bits(), 7, new byte[1], 0, 1);
            small.poll(); // the peer's entry is used, the other's not

            learn(Frames.GATEWAY_MAC, GATEWAY_IP);

            assertEquals(List.of(PEER_IP, GATEWAY_IP), known(small));
        }

        @Test
        void aResolutionUnderWayIsNeverCutShort() throws Exception {
            UdpSocket socket = small.udp(5000);
            socket.sendTo(PEER_IP.bits(), 7, new byte[1], 0, 1);
            socket.sendTo(OTHER_IP.bits(), 7, new byte[1], 0, 1);
            small.poll();
            small.clock.advance(Micros.ofMillis(2900));

            learn(Frames.GATEWAY_MAC, GATEWAY_IP);

            assertEquals(List.of(PEER_IP, OTHER_IP), known(small), "both still resolving");
            small.advance(Micros.ofMillis(100));
            assertEquals(List.of(), known(small), "given up, their entries free");
        }

        @Test
        void aStaticEntryStays() {
            small.iface.addStaticNeighbor(PEER_IP, PEER_MAC);
            learn(OTHER_MAC, OTHER_IP);
            small.clock.advance(Micros.ofSeconds(3600));
            learn(Frames.GATEWAY_MAC, GATEWAY_IP);

            assertEquals(List.of(PEER_IP, GATEWAY_IP), known(small));
        }

        @Test
        void thePeriodicCollectionRemovesEntriesUnusedForAMinuteOnceAnEighthIsTaken() {
            Harness eight = new Harness(InterfaceConfig.of(STACK_MAC, Ipv4Cidr.parse("192.168.69.1/24")).withNeighborCacheSize(8));
            eight.receive(Frames.arpRequest(PEER_MAC, PEER_IP, STACK_IP));
            eight.advance(NeighborCache.GC_STALE_TIME);
            assertEquals(List.of(PEER_IP), known(eight), "one entry is not more than an eighth of eight: kept");

            eight.receive(Frames.arpRequest(OTHER_MAC, OTHER_IP, STACK_IP));
            eight.advance(NeighborCache.GC_STALE_TIME - 1);
            assertEquals(List.of(OTHER_IP), known(eight), "the peer, unused for two minutes, went; the other is not yet due");
        }

        @Test
        void aFloodOfResolutionsHeldBackByTheOverallLimitGivesUpWithinThreeSeconds() throws Exception {
            UdpSocket socket = h.udp(5000);
            for (int n = 0; n < 200; n++) {
                sendUdp(socket, Ipv4Address.parse("192.168.69." + (2 + n)), "x");
            }
            for (int step = 0; step < 300; step++) {
                h.advance(Micros.ofMillis(10));
            }
            long asked = h.counter(InterfaceCounter.ARP_REQUESTS_OUT);

            assertEquals(List.of(), h.iface.neighbors(h.now()), "every resolution gave up");
            h.advance(Micros.ofSeconds(10));
            assertEquals(asked, h.counter(InterfaceCounter.ARP_REQUESTS_OUT), "and nothing goes on asking");
        }
    }

    @Nested
    class StaticEntries {
        @Test
        void areUsedWithoutAskingAndNeverExpire() throws Exception {
            h.iface.addStaticNeighbor(PEER_IP, PEER_MAC);
            UdpSocket socket = h.udp(5000);
            h.clock.advance(Micros.ofSeconds(3600));

            sendUdp(socket, PEER_IP, "x");

            Frame frame = h.sentOne();
            assertEquals(PEER_MAC, frame.eth().destination());
            NeighborEntry entry = entry(PEER_IP).orElseThrow();
            assertEquals(NeighborState.STATIC, entry.state());
            assertEquals(Micros.NEVER, entry.expiresMicros());
        }

        @Test
        void areNotChangedByWhatArpSays() {
            h.iface.addStaticNeighbor(PEER_IP, PEER_MAC);
            h.receive(Frames.arpRequest(OTHER_MAC, PEER_IP, STACK_IP));

            assertEquals(Optional.of(PEER_MAC), entry(PEER_IP).orElseThrow().mac());
        }

        @Test
        void surviveAFlushAndGoWithADelete() {
            h.iface.addStaticNeighbor(PEER_IP, PEER_MAC);
            h.receive(Frames.arpRequest(OTHER_MAC, OTHER_IP, STACK_IP));

            assertEquals(1, h.iface.flushNeighbors());
            assertEquals(List.of(PEER_IP), h.iface.neighbors(h.now()).stream().map(NeighborEntry::address).toList());
            assertTrue(h.iface.removeNeighbor(PEER_IP));
            assertFalse(h.iface.removeNeighbor(PEER_IP));
            assertTrue(h.iface.neighbors(h.now()).isEmpty());
        }

        @Test
        void releaseWhatWaitedForTheAddress() throws Exception {
            UdpSocket socket = h.udp(5000);
            sendUdp(socket, PEER_IP, "waiting");
            h.sent();

            h.iface.addStaticNeighbor(PEER_IP, PEER_MAC);
            assertTrue(h.iface.pollAt(h.now(), h.sockets) <= h.now());
            h.poll();

            assertArrayEquals("waiting".getBytes(), h.sentOne().udpPayload());
        }

        @Test
        void refuseAGroupAddressOrOneOfItsOwn() {
            assertThrows(IllegalArgumentException.class, () -> h.iface.addStaticNeighbor(PEER_IP, MacAddress.BROADCAST));
            assertThrows(IllegalArgumentException.class, () -> h.iface.addStaticNeighbor(STACK_IP, PEER_MAC));
        }
    }

    @Test
    void aFlushDropsWhatWaitedForAForgottenResolution() throws Exception {
        UdpSocket socket = h.udp(5000);
        sendUdp(socket, PEER_IP, "lost");
        h.sent();

        h.iface.flushNeighbors();

        assertEquals(0, h.iface.pendingFrames());
        assertEquals(1, h.counter(InterfaceCounter.DROP_ARP_TIMEOUT));
    }

    @Test
    void theFirstPingIsNotLost() throws Exception {
        IcmpSocket ping = h.icmp(7);
        ping.sendEcho(PEER_IP, 1, "payload".getBytes());
        h.poll();
        assertTrue(h.sentOne().isArp());

        h.receive(Frames.arpReply(PEER_MAC, PEER_IP));

        Frame request = h.sentOne();
        assertEquals(new Icmpv4Repr.EchoRequest(7, 1, dev.jnetlab.stack.wire.Octets.of("payload".getBytes())), request.icmp());
    }
}
