package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Ipv6HeaderChainTest {
    private static final int IP_AT = EthernetFrame.HEADER_LEN;

    private final Ipv6Packet packet = new Ipv6Packet();
    private final Ipv6HeaderChain chain = new Ipv6HeaderChain();

    private WireError walk(byte[] frame) {
        packet.wrap(frame, IP_AT, frame.length - IP_AT);
        assertNull(packet.check());
        return chain.walk(packet);
    }

    /** An IPv6 packet (no Ethernet header before it, so IP_AT octets of zeros) with {@code first} and these octets as its payload. */
    private static byte[] packet(int first, String payloadHex) {
        byte[] payload = HexBytes.parse(payloadHex);
        byte[] frame = new byte[IP_AT + Ipv6Packet.HEADER_LEN + payload.length];
        Ipv6Repr.of(Ipv6Address.parse("fd00::100"), Ipv6Address.parse("fd00::1"), first, payload.length)
                .emit(new Ipv6Packet().wrap(frame, IP_AT, frame.length - IP_AT));
        System.arraycopy(payload, 0, frame, IP_AT + Ipv6Packet.HEADER_LEN, payload.length);
        return frame;
    }

    @Nested
    class RealChains {
        @Test
        void noExtensionHeadersLeadStraightToTheUpperLayer() {
            assertNull(walk(Ipv6Vectors.ECHO_REQUEST));
            assertEquals(0, chain.headerCount());
            assertEquals(58, chain.upperLayer());
            assertEquals(IP_AT + 40, chain.upperOffset());
            assertEquals(64, chain.upperLength());
            assertFalse(chain.hasFragmentHeader());
        }

        @Test
        void anMldReportIsBehindHopByHopWithRouterAlert() {
            assertNull(walk(Ipv6Vectors.MLD_REPORT));
            assertEquals(1, chain.headerCount());
            assertEquals(Ipv6HeaderChain.HOP_BY_HOP, chain.headerType(0));
            assertEquals(58, chain.upperLayer());
            assertEquals(IP_AT + 48, chain.upperOffset());
            assertEquals(48, chain.upperLength());
        }

        @Test
        void theFirstFragmentCarriesTheUpperLayerHeader() {
            assertNull(walk(Ipv6Vectors.FRAGMENT_FIRST));
            assertTrue(chain.hasFragmentHeader());
            assertEquals(0, chain.fragmentOffset());
            assertTrue(chain.moreFragments());
            assertEquals(0x8A3C3B7F, chain.fragmentIdentification());
            assertFalse(chain.isAtomicFragment());
            assertEquals(58, chain.upperLayer());
            assertEquals(1448, chain.upperLength());
        }

        @Test
        void aLaterFragmentStopsTheWalk() {
            assertNull(walk(Ipv6Vectors.FRAGMENT_LAST));
            assertEquals(1448, chain.fragmentOffset());
            assertFalse(chain.moreFragments());
            assertEquals(160, chain.upperLength());
        }
    }

    @Nested
    class CraftedChains {
        @Test
        void destinationOptionsAndAZeroSegmentsRoutingHeaderAreSkipped() {
            // Destination options (8 octets: Pad1 then PadN of 3), routing type 2 with no segments left (24 octets), UDP.
            assertNull(walk(packet(60, "2b00 00 01 03 000000" + "11 02 02 00 00000000" + "00".repeat(16) + "0000000700080000")));
            assertEquals(2, chain.headerCount());
            assertEquals(17, chain.upperLayer());
            assertEquals(8, chain.upperLength());
        }

        @Test
        void anAtomicFragmentIsAWholePacket() {
            assertNull(walk(packet(44, "3a00 0000 12345678" + "8000000000010001")));
            assertTrue(chain.isAtomicFragment());
            assertEquals(58, chain.upperLayer());
        }

        @Test
        void aChainThatRunsPastThePacket() {
            assertEquals(WireError.BAD_EXTENSION_HEADER, walk(packet(60, "3a01 0000 00000000")));
            assertEquals(Ipv6HeaderChain.Problem.RUNS_PAST_END, chain.problem());
            assertEquals(41, chain.problemPointer());
            assertEquals("IPv6: extension header at octet 41 runs past the end of the packet", chain.explain());
        }

        @Test
        void aHeaderCutShorterThanEightOctets() {
            assertEquals(WireError.BAD_EXTENSION_HEADER, walk(packet(43, "3a00 0000")));
            assertEquals(Ipv6HeaderChain.Problem.RUNS_PAST_END, chain.problem());
        }

        @Test
        void hopByHopAnywhereButFirst() {
            assertEquals(WireError.BAD_EXTENSION_HEADER, walk(packet(60, "0000 01 04 00000000" + "3a00 01 04 00000000")));
            assertEquals(Ipv6HeaderChain.Problem.HOP_BY_HOP_NOT_FIRST, chain.problem());
            assertEquals(1, chain.problemCode());
        }

        @Test
        void anOptionRunningPastItsHeader() {
            assertEquals(WireError.BAD_EXTENSION_HEADER, walk(packet(0, "3a00 01 05 00000000")));
            assertEquals(Ipv6HeaderChain.Problem.OPTION_PAST_HEADER, chain.problem());
            assertEquals(42, chain.problemPointer());
        }

        @Test
        void anUnknownOptionThatSaysSkipIsSkipped() {
            assertNull(walk(packet(60, "3a00 3e 04 00000000" + "8000000000010001")));
        }

        @Test
        void anUnknownOptionThatSaysDiscardIsAParameterProblemAtTheOption() {
            assertEquals(WireError.UNRECOGNIZED_EXTENSION, walk(packet(60, "3a00 01 00 be 02 0000" + "8000000000010001")));
            assertEquals(Ipv6HeaderChain.Problem.UNRECOGNIZED_OPTION, chain.problem());
            assertEquals(2, chain.problemCode());
            assertEquals(44, chain.problemPointer());
        }

        @Test
        void aRoutingHeaderWithSegmentsLeftIsForARouter() {
            assertEquals(WireError.UNRECOGNIZED_EXTENSION, walk(packet(43, "3a02 00 01 00000000" + "00".repeat(16))));
            assertEquals(Ipv6HeaderChain.Problem.SEGMENTS_LEFT, chain.problem());
            assertEquals(0, chain.problemCode());
            assertEquals(42, chain.problemPointer());
        }

        @Test
        void moreThanEightHeaders() {
            assertEquals(WireError.BAD_EXTENSION_HEADER, walk(packet(60, "3c00 01 04 00000000".repeat(9) + "")));
            assertEquals(Ipv6HeaderChain.Problem.TOO_MANY_HEADERS, chain.problem());
        }
    }
}
