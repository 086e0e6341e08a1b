package dev.jnetlab.stack.phy;

import static dev.jnetlab.stack.wire.WireVectors.ARP_REPLY;
import static dev.jnetlab.stack.wire.WireVectors.ARP_REQUEST;
import static dev.jnetlab.stack.wire.WireVectors.FRAGMENTED_PING_REQUEST_LAST;
import static dev.jnetlab.stack.wire.WireVectors.ICMP_PORT_UNREACHABLE;
import static dev.jnetlab.stack.wire.WireVectors.PING_REPLY;
import static dev.jnetlab.stack.wire.WireVectors.PING_REQUEST;
import static dev.jnetlab.stack.wire.WireVectors.TCP_RST;
import static dev.jnetlab.stack.wire.WireVectors.TCP_SYN;
import static dev.jnetlab.stack.wire.WireVectors.UDP_DATAGRAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.wire.Ipv6Vectors;
import dev.jnetlab.testing.AllocationMeter;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Frames are genuine Linux captures (WireVectors): 192.168.69.100 is the client, 192.168.69.1 the server. */
class TraceFilterTest {

    private static boolean matches(String filter, byte[] frame) throws FilterSyntaxException {
        return TraceFilter.parse(filter).accepts(frame, 0, frame.length);
    }

    @Nested
    class Protocols {

        @Test
        void arpMatchesArpOnly() throws FilterSyntaxException {
            assertTrue(matches("arp", ARP_REQUEST));
            assertFalse(matches("arp", PING_REQUEST));
        }

        @Test
        void eachIpProtocolMatchesItsOwn() throws FilterSyntaxException {
            assertTrue(matches("icmp", PING_REPLY));
            assertTrue(matches("icmp", ICMP_PORT_UNREACHABLE));
            assertTrue(matches("tcp", TCP_SYN));
            assertTrue(matches("udp", UDP_DATAGRAM));
            assertFalse(matches("udp", TCP_SYN));
            assertFalse(matches("tcp", ARP_REPLY));
        }

        @Test
        void ip6MatchesEveryIpv6FrameAndIcmp6ThoseLeadingToIcmpv6() throws FilterSyntaxException {
            assertTrue(matches("ip6", Ipv6Vectors.UDP));
            assertTrue(matches("ip6", Ipv6Vectors.ECHO_REQUEST));
            assertFalse(matches("ip6", PING_REQUEST));
            assertFalse(matches("ip", Ipv6Vectors.ECHO_REQUEST));
            assertTrue(matches("icmp6", Ipv6Vectors.NEIGHBOR_SOLICIT));
            assertTrue(matches("icmp6", Ipv6Vectors.MLD_REPORT), "through the hop-by-hop header");
            assertFalse(matches("icmp6", Ipv6Vectors.UDP));
            assertFalse(matches("icmp6", PING_REQUEST));
            assertFalse(matches("icmp", Ipv6Vectors.ECHO_REQUEST));
            assertTrue(matches("ip6 and not icmp6", Ipv6Vectors.UDP));
        }

        @Test
        void hostTakesAnIpv6AddressAtEitherEnd() throws FilterSyntaxException {
            assertTrue(matches("host fd00::100", Ipv6Vectors.ECHO_REQUEST));
            assertTrue(matches("host fd00::1", Ipv6Vectors.ECHO_REQUEST));
            assertTrue(matches("src host fd00::100", Ipv6Vectors.ECHO_REQUEST));
            assertFalse(matches("dst host fd00::100", Ipv6Vectors.ECHO_REQUEST));
            assertFalse(matches("host fd00::2", Ipv6Vectors.ECHO_REQUEST));
            assertFalse(matches("host fd00::100", PING_REQUEST));
            assertFalse(matches("host 192.168.69.100", Ipv6Vectors.ECHO_REQUEST));
        }

        @Test
        void ipMatchesEveryIpv4Frame() throws FilterSyntaxException {
            assertTrue(matches("ip", PING_REQUEST));
            assertTrue(matches("ip", TCP_RST));
            assertFalse(matches("ip", ARP_REQUEST));
        }
    }

    @Nested
    class HostsAndPorts {

        @Test
        void hostMatchesEitherEndOfIpAndOfArp() throws FilterSyntaxException {
            assertTrue(matches("host 192.168.69.100", PING_REQUEST));
            assertTrue(matches("host 192.168.69.100", PING_REPLY));
            assertTrue(matches("host 192.168.69.1", ARP_REQUEST), "the target of an ARP request");
            assertFalse(matches("host 10.0.0.1", PING_REQUEST));
        }

        @Test
        void srcAndDstPickOneEnd() throws FilterSyntaxException {
            assertTrue(matches("src host 192.168.69.100", PING_REQUEST));
            assertFalse(matches("dst host 192.168.69.100", PING_REQUEST));
            assertTrue(matches("dst host 192.168.69.1", PING_REQUEST));
        }

        @Test
        void srcAndDstTakeAnAddressWithoutHostAsTcpdumpDoes() throws FilterSyntaxException {
            assertTrue(matches("icmp and src 192.168.69.100", PING_REQUEST));
            assertFalse(matches("icmp and src 192.168.69.1", PING_REQUEST));
            assertTrue(matches("dst 192.168.69.1", PING_REQUEST));
            assertTrue(matches("src fd00::100", Ipv6Vectors.ECHO_REQUEST));
            assertFalse(matches("dst fd00::100", Ipv6Vectors.ECHO_REQUEST));
        }

        @Test
        void portMatchesTcpAndUdpEitherWay() throws FilterSyntaxException {
            assertTrue(matches("port 6969", TCP_SYN));
            assertTrue(matches("port 51234", TCP_SYN));
            assertTrue(matches("port 6969", UDP_DATAGRAM));
            assertTrue(matches("dst port 6969", UDP_DATAGRAM));
            assertFalse(matches("src port 6969", UDP_DATAGRAM));
            assertFalse(matches("port 6969", PING_REQUEST));
        }

        @Test
        void aLaterFragmentHasNoPorts() throws FilterSyntaxException {
            assertFalse(matches("port 0", FRAGMENTED_PING_REQUEST_LAST));
            assertTrue(matches("host 192.168.69.100", FRAGMENTED_PING_REQUEST_LAST));
        }
    }

    @Nested
    class Combinations {

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
            "tcp and port 6969;true",
            "tcp && port 7;false",
            "tcp or arp;true",
            "udp or arp;false",
            "udp || tcp;true",
            "not arp;true",
            "! tcp;false",
            "tcp and not port 7;true",
            "(udp or tcp) and host 192.168.69.1;true",
            "udp or tcp and port 7;false",
            "not (tcp and port 6969);false",
            "TCP AND PORT 6969;true",
        })
        void onASyn(String filter, boolean expected) throws FilterSyntaxException {
            assertEquals(expected, matches(filter, TCP_SYN));
        }
    }

    @Nested
    class FramesTooShortToShowAField {

        @Test
        void doNotMatchAndDoNotThrow() throws FilterSyntaxException {
            TraceFilter filter = TraceFilter.parse("port 6969 or host 192.168.69.1 or arp");
            for (int length = 0; length < TCP_SYN.length; length++) {
                byte[] cut = Arrays.copyOf(TCP_SYN, length);
                boolean matched = filter.accepts(cut, 0, length);
                if (length < 14 + 20) {
                    assertFalse(matched, "length " + length);
                }
            }
        }

        @Test
        void theTransportHeaderMustBeThereForAPort() throws FilterSyntaxException {
            byte[] cut = Arrays.copyOf(TCP_SYN, 14 + 20 + 3);
            assertFalse(TraceFilter.parse("port 51234").accepts(cut, 0, cut.length));
        }
    }

    @Nested
    class BadFilters {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "''|an empty filter (leave it out to trace every frame)",
            "host|expected an IPv4 or IPv6 address after 'host' at the end of the filter",
            "host 300.1.1.1|'300.1.1.1' is not an IPv4 or IPv6 address (as in host 192.168.69.100 or host fd00::100)",
            "host fd00:::1|'fd00:::1' is not an IPv4 or IPv6 address (as in host 192.168.69.100 or host fd00::100)",
            "port http|'http' is not a port number (0 to 65535)",
            "port 70000|'70000' is not a port number (0 to 65535)",
            "tcp port 80|unexpected 'port' at word 2 (join primitives with and, or)",
            "(tcp or udp|expected ')' at the end of the filter",
            "ipv6|unknown word 'ipv6': expected arp, ip, icmp, udp, tcp, ip6, icmp6, host IP, port N, and, or, not",
            "src tcp|expected host, port or an address after src, found 'tcp'",
            "src 300.1.1.1|'300.1.1.1' is not an IPv4 or IPv6 address (as in host 192.168.69.100 or host fd00::100)",
            "tcp and|expected arp, ip, icmp, udp, tcp, ip6, icmp6, host IP or port N at the end of the filter",
        })
        void sayWhatIsWrong(String filter, String message) {
            FilterSyntaxException error = assertThrows(FilterSyntaxException.class, () -> TraceFilter.parse(filter));
            assertEquals(message, error.getMessage());
        }
    }

    @Test
    void keepsItsTextForDisplay() throws FilterSyntaxException {
        assertEquals("tcp and port 80", TraceFilter.parse("  tcp and port 80 ").toString());
    }

    @Test
    void judgingAFrameAllocatesNothing() throws FilterSyntaxException {
        TraceFilter filter = TraceFilter.parse("(tcp and port 6969) or (udp and not host 10.0.0.1) or arp");
        int frames = 100_000;
        int[] accepted = new int[1];
        AllocationMeter.assertNoAllocationPerFrame(frames, () -> {
            for (int i = 0; i < frames; i++) {
                byte[] frame = (i & 1) == 0 ? TCP_SYN : PING_REQUEST;
                if (filter.accepts(frame, 0, frame.length)) {
                    accepted[0]++;
                }
            }
        });
        assertEquals(frames, accepted[0], "every SYN, no ping, in each of two runs");
    }
}
