package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Icmpv4ReprTest {
    private static final int IP_AT = EthernetFrame.HEADER_LEN;
    private static final int ICMP_AT = IP_AT + Ipv4Packet.HEADER_LEN;
    private static final Ipv4Address PEER = Ipv4Address.parse("192.168.69.100");
    private static final Ipv4Address HOST = Ipv4Address.parse("192.168.69.1");

    private final Icmpv4Packet message = new Icmpv4Packet();

    private Icmpv4Repr parse(byte[] frame) throws WireException {
        return Icmpv4Repr.parse(message.wrap(frame, ICMP_AT, frame.length - ICMP_AT));
    }

    /** The octets of {@code frame} from the IPv4 payload on: what an ICMP error quotes after the header. */
    private static Octets ipPayload(byte[] frame, int length) {
        return Octets.copyOf(frame, ICMP_AT, length);
    }

    @Nested
    class Echo {
        @Test
        void aRealRequest() throws WireException {
            Icmpv4Repr repr = parse(WireVectors.PING_REQUEST);
            assertEquals(new Icmpv4Repr.EchoRequest(9011, 1, Octets.copyOf(WireVectors.PING_REQUEST, ICMP_AT + 8, 56)), repr);
            assertEquals(64, repr.bufferLen());
        }

        @Test
        void aRealReplyEchoesTheRequestsData() throws WireException {
            Icmpv4Repr.EchoRequest request = (Icmpv4Repr.EchoRequest) parse(WireVectors.PING_REQUEST);
            assertEquals(new Icmpv4Repr.EchoReply(request.identifier(), request.sequence(), request.data()),
                    parse(WireVectors.PING_REPLY));
        }

        @Test
        void emitsTheWholeMessageOctetForOctet() throws WireException {
            Icmpv4Repr repr = parse(WireVectors.PING_REPLY);
            byte[] built = Arrays.copyOf(WireVectors.PING_REPLY, WireVectors.PING_REPLY.length);
            Arrays.fill(built, ICMP_AT, built.length, (byte) 0);
            repr.emit(message.wrap(built, ICMP_AT, repr.bufferLen()));
            assertArrayEquals(WireVectors.PING_REPLY, built);
        }
    }

    @Nested
    class ErrorsQuoteTheDatagramThatCausedThem {
        @Test
        void portUnreachableQuotesTheWholeUdpDatagram() throws WireException {
            Ipv4Repr original = new Ipv4Repr(PEER, HOST, IpProtocol.UDP, 13, 64, 0, 0, 32582, true, false, 0, Octets.EMPTY);
            assertEquals(new Icmpv4Repr.DstUnreachable(Icmpv4DstUnreachable.PORT_UNREACHABLE, 0, original,
                    ipPayload(WireVectors.UDP_TO_CLOSED_PORT, 13)), parse(WireVectors.ICMP_PORT_UNREACHABLE));
        }

        @Test
        void fragmentationNeededCarriesTheMtuAndAQuoteCutAt576Octets() throws WireException {
            Icmpv4Repr.DstUnreachable repr = (Icmpv4Repr.DstUnreachable) parse(WireVectors.ICMP_FRAGMENTATION_NEEDED);
            assertEquals(Icmpv4DstUnreachable.FRAGMENTATION_NEEDED, repr.reason());
            assertEquals(1280, repr.nextHopMtu());
            assertEquals(1408, repr.header().payloadLength(), "the original length, not what is quoted");
            assertEquals(ipPayload(WireVectors.PING_DONT_FRAGMENT, 528), repr.data());
            assertEquals(576 - 20, repr.bufferLen());
        }

        @Test
        void hostUnreachableQuotesTheDatagramAsTheRouterReceivedIt() throws WireException {
            Icmpv4Repr.DstUnreachable repr = (Icmpv4Repr.DstUnreachable) parse(WireVectors.ICMP_HOST_UNREACHABLE);
            assertEquals(Icmpv4DstUnreachable.HOST_UNREACHABLE, repr.reason());
            assertEquals(Ipv4Address.parse("10.0.0.99"), repr.header().destination());
            assertEquals(63, repr.header().ttl(), "after the router decremented it");
            assertEquals(ipPayload(WireVectors.PING_NO_SUCH_HOST, 64), repr.data());
        }

        @Test
        void protocolUnreachable() throws WireException {
            Icmpv4Repr.DstUnreachable repr = (Icmpv4Repr.DstUnreachable) parse(WireVectors.ICMP_PROTOCOL_UNREACHABLE);
            assertEquals(Icmpv4DstUnreachable.PROTOCOL_UNREACHABLE, repr.reason());
            assertEquals(IpProtocol.of(253), repr.header().protocol());
            assertEquals(ipPayload(WireVectors.IP_PROTOCOL_253, 20), repr.data());
        }

        @Test
        void timeExceededInTransit() throws WireException {
            Icmpv4Repr.TimeExceeded repr = (Icmpv4Repr.TimeExceeded) parse(WireVectors.ICMP_TIME_EXCEEDED);
            assertEquals(Icmpv4TimeExceeded.TTL_EXCEEDED_IN_TRANSIT, repr.reason());
            assertEquals(new Ipv4Repr(PEER, Ipv4Address.parse("10.0.0.2"), IpProtocol.ICMP, 64, 1, 0, 0, 21659, true, false, 0,
                    Octets.EMPTY), repr.header());
            assertEquals(ipPayload(WireVectors.PING_TTL_1, 64), repr.data());
        }

        @Test
        void parameterProblemPointsIntoAQuotedHeaderWithOptions() throws WireException {
            Icmpv4Repr.ParamProblem repr = (Icmpv4Repr.ParamProblem) parse(WireVectors.ICMP_PARAMETER_PROBLEM);
            assertEquals(Icmpv4ParamProblem.POINTER_INDICATES_ERROR, repr.reason());
            assertEquals(21, repr.pointer());
            assertEquals(Octets.of(HexBytes.parse("0702 0400")), repr.header().options());
            assertEquals(Octets.of("bad option".getBytes(StandardCharsets.US_ASCII)), repr.data());
        }

        @Test
        void aRedirectNamesTheGateway() throws WireException {
            Ipv4Repr original = Ipv4Repr.of(PEER, Ipv4Address.parse("203.0.113.7"), IpProtocol.TCP, 20);
            Icmpv4Repr repr = new Icmpv4Repr.Redirect(Icmpv4Redirect.HOST, Ipv4Address.parse("192.168.69.254"), original,
                    Octets.of(new byte[8]));
            byte[] buffer = new byte[repr.bufferLen()];
            repr.emit(message.wrap(buffer, 0, buffer.length));
            assertEquals(5, message.type());
            assertEquals(1, message.code());
            assertEquals(repr, Icmpv4Repr.parse(message));
        }

        @Test
        void everyOneEmitsOctetForOctet() throws WireException {
            for (byte[] frame : new byte[][] {WireVectors.ICMP_PORT_UNREACHABLE, WireVectors.ICMP_FRAGMENTATION_NEEDED,
                WireVectors.ICMP_HOST_UNREACHABLE, WireVectors.ICMP_PROTOCOL_UNREACHABLE, WireVectors.ICMP_TIME_EXCEEDED,
                WireVectors.ICMP_PARAMETER_PROBLEM}) {
                Icmpv4Repr repr = parse(frame);
                assertInstanceOf(Icmpv4Repr.ErrorMessage.class, repr);
                byte[] built = Arrays.copyOf(frame, frame.length);
                Arrays.fill(built, ICMP_AT, built.length, (byte) 0);
                repr.emit(message.wrap(built, ICMP_AT, repr.bufferLen()));
                assertArrayEquals(frame, built, repr::toString);
            }
        }
    }

    @Nested
    class Refuses {
        private byte[] frame(byte[] vector) {
            return Arrays.copyOf(vector, vector.length);
        }

        private WireException refusal(byte[] frame) {
            message.wrap(frame, ICMP_AT, frame.length - ICMP_AT).fillChecksum();
            return assertThrows(WireException.class, () -> Icmpv4Repr.parse(message));
        }

        @Test
        void aBadChecksumAndSaysWhatItShouldBe() {
            byte[] frame = frame(WireVectors.PING_REQUEST);
            Bytes.put16(frame, ICMP_AT + 2, 0xBEEF);
            WireException e = assertThrows(WireException.class, () -> parse(frame));
            assertEquals(WireError.BAD_CHECKSUM, e.reason());
            assertEquals("ICMP: bad checksum 0xbeef, should be 0xdaa1", e.getMessage());
        }

        @Test
        void aMessageShorterThanItsHeader() {
            WireException e = assertThrows(WireException.class,
                    () -> Icmpv4Repr.parse(message.wrap(WireVectors.PING_REQUEST, ICMP_AT, 7)));
            assertEquals(WireError.TRUNCATED, e.reason());
        }

        @ParameterizedTest(name = "type {0}")
        @CsvSource({"4, source quench", "13, timestamp", "9, router advertisement", "42, extended echo", "255, unassigned"})
        void aTypeThisStackDoesNotSpeakAsUnsupported(int type, String name) {
            byte[] frame = frame(WireVectors.PING_REQUEST);
            frame[ICMP_AT] = (byte) type;
            WireException e = refusal(frame);
            assertEquals(WireError.UNSUPPORTED, e.reason());
            assertEquals("ICMP: type " + type + " is not supported", e.getMessage());
        }

        @ParameterizedTest(name = "{0} code {1}")
        @CsvSource({"3, 16, destination unreachable", "11, 2, time exceeded", "12, 3, parameter problem", "5, 4, redirect"})
        void aCodeNotDefinedForItsTypeAsUnsupported(int type, int code, String name) {
            byte[] frame = frame(WireVectors.ICMP_PORT_UNREACHABLE);
            frame[ICMP_AT] = (byte) type;
            frame[ICMP_AT + 1] = (byte) code;
            WireException e = refusal(frame);
            assertEquals(WireError.UNSUPPORTED, e.reason());
            assertEquals("ICMP: " + name + " code " + code + " is not defined", e.getMessage());
        }

        @Test
        void anEchoWithACodeOtherThanZero() {
            byte[] frame = frame(WireVectors.PING_REQUEST);
            frame[ICMP_AT + 1] = 1;
            assertEquals("ICMP: echo request with code 1, not 0", refusal(frame).getMessage());
        }

        @Test
        void aQuoteTooShortForAnIpv4Header() {
            byte[] frame = frame(WireVectors.ICMP_PORT_UNREACHABLE);
            int length = 8 + 19;
            message.wrap(frame, ICMP_AT, length).fillChecksum();
            WireException e = assertThrows(WireException.class, () -> Icmpv4Repr.parse(message));
            assertEquals(WireError.TRUNCATED, e.reason());
            assertEquals("ICMP: quoted datagram: IPv4: 19 octets, shorter than the 20-octet header", e.getMessage());
        }

        @Test
        void aQuotedHeaderThatIsNotIpv4() {
            byte[] frame = frame(WireVectors.ICMP_PORT_UNREACHABLE);
            frame[ICMP_AT + 8] = 0x65;
            WireException e = refusal(frame);
            assertEquals(WireError.BAD_VERSION, e.reason());
            assertTrue(e.getMessage().startsWith("ICMP: quoted datagram: IPv4: version 6"), e.getMessage());
        }

        @Test
        void toRepresentAnMtuWithoutFragmentationNeeded() {
            Ipv4Repr header = Ipv4Repr.of(PEER, HOST, IpProtocol.UDP, 8);
            assertThrows(IllegalArgumentException.class,
                    () -> new Icmpv4Repr.DstUnreachable(Icmpv4DstUnreachable.PORT_UNREACHABLE, 1280, header, Octets.EMPTY));
        }
    }

    @Test
    void parsesWhatItEmits() throws WireException {
        RandomReprs reprs = new RandomReprs(new Random(792));
        byte[] buffer = new byte[256];
        for (int i = 0; i < 3000; i++) {
            Icmpv4Repr repr = reprs.icmp();
            repr.emit(message.wrap(buffer, 0, repr.bufferLen()));
            assertEquals(repr, Icmpv4Repr.parse(message));
        }
    }
}
