package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DhcpReprTest {
    /** dnsmasq's OFFER of 192.168.69.63 to busybox udhcpc, captured on this machine: the UDP payload. */
    static final byte[] OFFER = DnsReprTest.payload("0200000000016eeeaeb21f58080045c0014899c800004011d328c0a84564c0a8453f0043004401340d3a02010600a2e338300000000000000000c0a8453fc0a845640000000002000000000100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000638253633501023604c0a845643304000000783a040000003c3b04000000690104ffffff001c04c0a845ff0304c0a845640604c0a845640f036c6162ff000000");
    /** udhcpc's DISCOVER. */
    static final byte[] DISCOVER = DnsReprTest.payload("ffffffffffff02000000000108004500014800000000401179a600000000ffffffff0044004301345ac001010600a2e33830000000000000000000000000000000000000000002000000000100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000638253633501013902024037070103060c0f1c2a3c0c756468637020312e33352e303d0701020000000001ff0000000000000000000000000000000000000000");

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    @Nested
    class Deconstruct {
        @Test
        void readsDnsmasqsOffer() throws MessageException {
            DhcpRepr offer = DhcpRepr.parse(new DhcpPacket().wrap(OFFER, 0, OFFER.length));
            assertEquals(DhcpMessageType.OFFER, offer.type());
            assertEquals(ip("192.168.69.63"), offer.yourAddress());
            assertEquals(MacAddress.parse("02:00:00:00:00:01"), offer.clientMac());
            assertEquals(Optional.of(ip("192.168.69.100")), offer.serverId());
            assertEquals(Optional.of(120), offer.leaseSeconds());
            assertEquals(Optional.of(60), offer.renewalSeconds());
            assertEquals(Optional.of(105), offer.rebindingSeconds());
            assertEquals(Optional.of(ip("255.255.255.0")), offer.subnetMask());
            assertEquals(List.of(ip("192.168.69.100")), offer.routers());
            assertEquals(List.of(ip("192.168.69.100")), offer.dnsServers());
        }

        @Test
        void readsUdhcpcsDiscover() throws MessageException {
            DhcpRepr discover = DhcpRepr.parse(new DhcpPacket().wrap(DISCOVER, 0, DISCOVER.length));
            assertEquals(DhcpMessageType.DISCOVER, discover.type());
            assertTrue(discover.parameterRequests().containsAll(List.of(1, 3, 6)));
        }

        @Test
        void everyMessageShorterThanTheFixedPartIsTruncated() {
            for (int length = 0; length < DhcpPacket.OPTIONS; length++) {
                int n = length;
                assertEquals(MessageError.TRUNCATED, assertThrows(MessageException.class,
                        () -> DhcpRepr.parse(new DhcpPacket().wrap(OFFER, 0, n))).reason());
            }
        }

        @Test
        void anOptionRunningPastTheEndIsTruncated() {
            byte[] cut = java.util.Arrays.copyOf(OFFER, DhcpPacket.OPTIONS + 4); // in the middle of option 54
            assertEquals(MessageError.TRUNCATED, new DhcpPacket().wrap(cut, 0, cut.length).checkMessage());
        }

        @Test
        void aWrongCookieIsRefused() {
            byte[] copy = OFFER.clone();
            copy[236] = 0;
            assertEquals(MessageError.BAD_MAGIC_COOKIE, new DhcpPacket().wrap(copy, 0, copy.length).checkMessage());
        }

        @Test
        void anAddressOptionOfTheWrongLengthIsABadOption() {
            DhcpRepr ack = DhcpRepr.client(DhcpMessageType.DISCOVER, 1, MacAddress.parse("02:00:00:00:00:01"))
                    .withRequest(Optional.of(ip("10.0.0.1")), Optional.empty(), List.of());
            byte[] wire = new byte[ack.bufferLen()];
            ack.emit(new DhcpPacket().wrap(wire, 0, wire.length));
            int at = new DhcpPacket().wrap(wire, 0, wire.length).findOption(DhcpPacket.OPTION_REQUESTED_ADDRESS);
            wire[at - 1] = 8; // the End option and padding are inside it now, so the list still walks
            assertEquals(MessageError.BAD_OPTION, assertThrows(MessageException.class,
                    () -> DhcpRepr.parse(new DhcpPacket().wrap(wire, 0, wire.length))).reason());
        }
    }

    @Nested
    class Construct {
        @Test
        void emitThenParseGivesTheSameMessage() throws MessageException {
            DhcpRepr request = DhcpRepr.client(DhcpMessageType.REQUEST, 0x1234, MacAddress.parse("02:00:00:00:00:01"))
                    .withBroadcast(true)
                    .withRequest(Optional.of(ip("192.168.69.50")), Optional.of(ip("192.168.69.100")),
                            DhcpRepr.CLIENT_PARAMETERS);
            byte[] wire = new byte[request.bufferLen()];
            request.emit(new DhcpPacket().wrap(wire, 0, wire.length));
            assertEquals(DhcpPacket.MIN_LEN, wire.length);
            assertEquals(request, DhcpRepr.parse(new DhcpPacket().wrap(wire, 0, wire.length)));
        }

        @Test
        void aServersAckCarriesItsLeaseAndConfiguration() throws MessageException {
            DhcpRepr discover = DhcpRepr.client(DhcpMessageType.DISCOVER, 9, MacAddress.parse("02:00:00:00:00:01"));
            DhcpRepr ack = DhcpRepr.reply(DhcpMessageType.ACK, discover, ip("192.168.69.100"))
                    .withAddresses(Ipv4Address.UNSPECIFIED, ip("192.168.69.50")).withLease(3600, 1800, 3150)
                    .withConfiguration(Optional.of(ip("255.255.255.0")), List.of(ip("192.168.69.100")),
                            List.of(ip("192.168.69.100")));
            byte[] wire = new byte[ack.bufferLen()];
            ack.emit(new DhcpPacket().wrap(wire, 0, wire.length));
            assertEquals(ack, DhcpRepr.parse(new DhcpPacket().wrap(wire, 0, wire.length)));
            assertEquals(DhcpPacket.OP_REPLY, new DhcpPacket().wrap(wire, 0, wire.length).op());
        }
    }
}
