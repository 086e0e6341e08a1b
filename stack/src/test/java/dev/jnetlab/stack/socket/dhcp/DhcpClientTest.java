package dev.jnetlab.stack.socket.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.DhcpMessageType;
import dev.jnetlab.stack.wire.DhcpRepr;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The client against a scripted server, on stack time: every exchange of RFC 2131 and the probe of RFC 5227. */
class DhcpClientTest {
    static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress OTHER = MacAddress.parse("02:00:00:00:00:99");
    static final Ipv4Address SERVER = Ipv4Address.parse("192.168.69.100");
    static final Ipv4Address OFFERED = Ipv4Address.parse("192.168.69.50");

    final DhcpClient client = new DhcpClient(MAC, 1);

    static long at(double seconds) {
        return Micros.ofSeconds(seconds);
    }

    DhcpTransmit.Message send(long now) {
        return assertInstanceOf(DhcpTransmit.Message.class, client.poll(now));
    }

    static DhcpRepr answer(DhcpMessageType type, DhcpRepr request, Ipv4Address yiaddr, int lease) {
        return DhcpRepr.reply(type, request, SERVER).withAddresses(Ipv4Address.UNSPECIFIED, yiaddr)
                .withLease(lease, lease / 2, lease * 7 / 8)
                .withConfiguration(Optional.of(Ipv4Address.parse("255.255.255.0")), List.of(SERVER), List.of(SERVER));
    }

    /** DISCOVER, OFFER, REQUEST, ACK at 0 s; returns the REQUEST. */
    DhcpRepr requestAndAck(int lease) {
        client.start(0);
        DhcpRepr discover = send(0).message();
        client.process(0, answer(DhcpMessageType.OFFER, discover, OFFERED, lease));
        DhcpRepr request = send(0).message();
        client.process(0, answer(DhcpMessageType.ACK, request, OFFERED, lease));
        return request;
    }

    /** Through the probes to BOUND at 4 s. */
    DhcpLease bound(int lease) {
        requestAndAck(lease);
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(DhcpTransmit.Probe.class, client.poll(at(i)));
        }
        assertNull(client.poll(at(4)));
        assertEquals(DhcpState.BOUND, client.state());
        DhcpEvent.Configured configured = assertInstanceOf(DhcpEvent.Configured.class, client.takeEvent());
        return configured.lease();
    }

    @Nested
    class Dora {
        @Test
        void discoverIsBroadcastFromNoAddressAsksForTheConfigurationAndSetsTheBroadcastFlag() {
            client.start(0);
            DhcpTransmit.Message discover = send(0);
            assertEquals(DhcpMessageType.DISCOVER, discover.message().type());
            assertEquals(Ipv4Address.UNSPECIFIED, discover.source());
            assertEquals(Ipv4Address.BROADCAST, discover.destination());
            assertTrue(discover.message().broadcast());
            assertTrue(discover.message().parameterRequests().containsAll(List.of(1, 3, 6)));
            assertEquals(MAC, discover.message().clientMac());
        }

        @Test
        void anOfferIsRequestedByAddressAndServerIdentifier() {
            client.start(0);
            DhcpRepr discover = send(0).message();
            client.process(0, answer(DhcpMessageType.OFFER, discover, OFFERED, 3600));
            DhcpTransmit.Message request = send(0);
            assertEquals(DhcpMessageType.REQUEST, request.message().type());
            assertEquals(discover.xid(), request.message().xid());
            assertEquals(Optional.of(OFFERED), request.message().requested());
            assertEquals(Optional.of(SERVER), request.message().serverId());
            assertEquals(Ipv4Address.UNSPECIFIED, request.message().clientAddress());
            assertEquals(Ipv4Address.BROADCAST, request.destination());
        }

        @Test
        void theAckedAddressIsProbedThreeTimesASecondApartThenBoundAfterTwoQuietSeconds() {
            requestAndAck(3600);
            assertEquals(DhcpState.PROBING, client.state());
            assertEquals(new DhcpTransmit.Probe(OFFERED), client.poll(0));
            assertEquals(at(1), client.pollAt());
            assertEquals(new DhcpTransmit.Probe(OFFERED), client.poll(at(1)));
            assertEquals(new DhcpTransmit.Probe(OFFERED), client.poll(at(2)));
            assertEquals(at(4), client.pollAt());
            assertNull(client.takeEvent(), "nothing is configured while probing");
            assertNull(client.poll(at(4)));
            DhcpEvent.Configured configured = assertInstanceOf(DhcpEvent.Configured.class, client.takeEvent());
            DhcpLease lease = configured.lease();
            assertEquals(new Ipv4Cidr(OFFERED, 24), lease.address());
            assertEquals(Optional.of(SERVER), lease.router());
            assertEquals(List.of(SERVER), lease.dnsServers());
            assertEquals(at(1800), lease.renewAt());
            assertEquals(at(3150), lease.rebindAt());
            assertEquals(at(3600), lease.expiresAt());
            assertTrue(client.isConfigured());
        }

        @Test
        void anUnansweredDiscoverIsSentAgainAfter4Then8Then16Seconds() {
            client.start(0);
            send(0);
            assertEquals(at(4), client.pollAt());
            assertNull(client.poll(at(3.9)));
            send(at(4));
            assertEquals(at(12), client.pollAt());
            send(at(12));
            assertEquals(at(28), client.pollAt());
        }

        @Test
        void aNakStartsOverWithANewTransaction() {
            client.start(0);
            DhcpRepr discover = send(0).message();
            client.process(0, answer(DhcpMessageType.OFFER, discover, OFFERED, 3600));
            DhcpRepr request = send(0).message();
            client.process(0, DhcpRepr.reply(DhcpMessageType.NAK, request, SERVER).withMessage("wrong network"));
            assertEquals(DhcpState.SELECTING, client.state());
            DhcpRepr again = send(0).message();
            assertEquals(DhcpMessageType.DISCOVER, again.type());
            assertNotEquals(discover.xid(), again.xid());
        }
    }

    @Nested
    class AddressConflict {
        @Test
        void anArpReplyFromTheAddressWhileProbingDeclinesIt() {
            requestAndAck(3600);
            client.poll(0);
            DhcpTransmit.Message decline = client.arpSeen(at(0.5), OFFERED, OTHER, Ipv4Address.UNSPECIFIED, false);
            assertEquals(DhcpMessageType.DECLINE, decline.message().type());
            assertEquals(Optional.of(OFFERED), decline.message().requested());
            assertEquals(Optional.of(SERVER), decline.message().serverId());
            assertEquals(Ipv4Address.UNSPECIFIED, decline.message().clientAddress());
            assertEquals(Ipv4Address.BROADCAST, decline.destination());
            DhcpEvent.Declined declined = assertInstanceOf(DhcpEvent.Declined.class, client.takeEvent());
            assertEquals(OTHER.toString(), declined.byMac());
            assertFalse(client.isConfigured());
        }

        @Test
        void afterDecliningItWaitsTenSecondsThenDiscoversAgain() {
            requestAndAck(3600);
            client.poll(0);
            client.arpSeen(at(0.5), OFFERED, OTHER, Ipv4Address.UNSPECIFIED, false);
            assertEquals(DhcpState.DECLINED, client.state());
            assertNull(client.poll(at(10)));
            assertEquals(DhcpMessageType.DISCOVER, send(at(10.5)).message().type());
        }

        @Test
        void anotherHostProbingForTheSameAddressIsAConflictToo() {
            requestAndAck(3600);
            client.poll(0);
            assertEquals(DhcpMessageType.DECLINE,
                    client.arpSeen(at(0.5), Ipv4Address.UNSPECIFIED, OTHER, OFFERED, true).message().type());
        }

        @Test
        void itsOwnProbesAndOtherAddressesAreNoConflict() {
            requestAndAck(3600);
            client.poll(0);
            assertNull(client.arpSeen(at(0.1), Ipv4Address.UNSPECIFIED, MAC, OFFERED, true));
            assertNull(client.arpSeen(at(0.2), Ipv4Address.parse("192.168.69.7"), OTHER, SERVER, false));
            assertEquals(DhcpState.PROBING, client.state());
        }
    }

    @Nested
    class LeaseLifetime {
        @Test
        void atT1ItRenewsByUnicastToItsServerFromItsAddress() {
            bound(3600);
            DhcpTransmit.Message renew = send(at(1800));
            assertEquals(DhcpState.RENEWING, client.state());
            assertEquals(DhcpMessageType.REQUEST, renew.message().type());
            assertEquals(OFFERED, renew.message().clientAddress());
            assertEquals(Optional.empty(), renew.message().requested(), "RFC 2131 4.3.2: no requested address when renewing");
            assertEquals(OFFERED, renew.source());
            assertEquals(SERVER, renew.destination());
        }

        @Test
        void theServersAckRenewsTheLeaseFromNow() {
            bound(3600);
            DhcpRepr renew = send(at(1800)).message();
            client.process(at(1801), answer(DhcpMessageType.ACK, renew, OFFERED, 3600));
            DhcpEvent.Configured renewed = assertInstanceOf(DhcpEvent.Configured.class, client.takeEvent());
            assertTrue(renewed.renewal());
            assertEquals(at(1801 + 1800), renewed.lease().renewAt());
            assertEquals(DhcpState.BOUND, client.state());
        }

        @Test
        void unansweredRenewalsComeAfterHalfTheTimeToT2ThenItRebindsByBroadcastAtT2() {
            bound(3600);
            send(at(1800));
            assertEquals(at(1800 + 675), client.pollAt(), "half of the 1350 s to T2");
            send(at(2475));
            assertEquals(at(2475 + 337.5), client.pollAt());
            long now = at(2812.5);
            while (now < at(3150)) {
                send(now);
                long left = at(3150) - now;
                assertEquals(now + Math.max(left / 2, Math.min(at(60), left)), client.pollAt(),
                        "half the time left, at least 60 s, at most until T2");
                now = client.pollAt();
            }
            DhcpTransmit.Message rebind = send(at(3150));
            assertEquals(DhcpState.REBINDING, client.state());
            assertEquals(Ipv4Address.BROADCAST, rebind.destination());
            assertEquals(OFFERED, rebind.message().clientAddress());
        }

        @Test
        void atExpiryTheLeaseIsGoneAndItStartsOver() {
            bound(100);
            for (long now = at(50); client.state() != DhcpState.SELECTING; now = client.pollAt()) {
                client.poll(now);
            }
            DhcpEvent.Deconfigured gone = assertInstanceOf(DhcpEvent.Deconfigured.class, client.takeEvent());
            assertEquals("the lease expired", gone.why());
            assertFalse(client.isConfigured());
        }

        @Test
        void renewNowIsT1Early() {
            bound(3600);
            assertTrue(client.renew(at(10)));
            assertEquals(SERVER, send(at(10)).destination());
        }

        @Test
        void releaseIsUnicastToTheServerAndStops() {
            bound(3600);
            DhcpTransmit.Message release = client.release(at(10));
            assertEquals(DhcpMessageType.RELEASE, release.message().type());
            assertEquals(OFFERED, release.message().clientAddress());
            assertEquals(SERVER, release.destination());
            assertInstanceOf(DhcpEvent.Deconfigured.class, client.takeEvent());
            assertEquals(DhcpState.STOPPED, client.state());
            assertEquals(Micros.NEVER, client.pollAt());
        }
    }

    @Nested
    class HostileMessages {
        DhcpRepr discover;

        void selecting() {
            client.start(0);
            discover = send(0).message();
        }

        @Test
        void anOfferForTheBroadcastAddressIsDropped() {
            selecting();
            client.process(0, answer(DhcpMessageType.OFFER, discover, Ipv4Address.BROADCAST, 3600));
            client.process(0, answer(DhcpMessageType.OFFER, discover, Ipv4Address.parse("192.168.69.255"), 3600));
            client.process(0, answer(DhcpMessageType.OFFER, discover, Ipv4Address.UNSPECIFIED, 3600));
            assertEquals(Map.of(DhcpDrop.BAD_ADDRESS, 3L), client.drops());
            assertEquals(DhcpState.SELECTING, client.state());
        }

        @Test
        void aLeaseOfZeroSecondsIsDropped() {
            selecting();
            client.process(0, answer(DhcpMessageType.OFFER, discover, OFFERED, 0));
            assertEquals(Map.of(DhcpDrop.ZERO_LEASE, 1L), client.drops());
            assertEquals(DhcpState.SELECTING, client.state());
        }

        @Test
        void anotherTransactionsOfferIsNotOurs() {
            selecting();
            DhcpRepr other = DhcpRepr.client(DhcpMessageType.DISCOVER, discover.xid() + 1, MAC);
            client.process(0, answer(DhcpMessageType.OFFER, other, OFFERED, 3600));
            assertEquals(Map.of(DhcpDrop.NOT_OURS, 1L), client.drops());
        }

        @Test
        void anAckWhileSelectingIsUnexpected() {
            selecting();
            client.process(0, answer(DhcpMessageType.ACK, discover, OFFERED, 3600));
            assertEquals(Map.of(DhcpDrop.UNEXPECTED, 1L), client.drops());
        }

        @Test
        void bytesThatAreNoDhcpMessageAreMalformed() {
            selecting();
            client.process(0, SERVER, new byte[100], 0, 100);
            assertEquals(Map.of(DhcpDrop.MALFORMED, 1L), client.drops());
        }
    }
}
