package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.wire.Bytes;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv6Repr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6FragmentHeader;
import dev.jnetlab.stack.wire.Ipv6HeaderChain;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.Octets;
import java.util.Arrays;
import java.util.List;

/**
 * IPv6 fragments for interface tests (RFC 8200 section 4.5): cutting a whole frame into
 * fragments as a peer would send them, and putting what the interface sent back together,
 * checking every fragment on the way.
 */
final class Fragments6 {
    private static final int IP = EthernetFrame.HEADER_LEN;
    private static final int PAYLOAD = IP + Ipv6Packet.HEADER_LEN;

    private Fragments6() {
    }

    /** An echo request from the peer to fd00::1 carrying {@code dataLength} octets 0, 1, 2, ... */
    static byte[] echoRequest(int identifier, int sequence, int dataLength) {
        return Frames6.icmp(Frames.STACK_MAC, Frames6.PEER, Frames6.STACK, 64,
                new Icmpv6Repr.EchoRequest(identifier, sequence, pattern(dataLength)));
    }

    static Octets pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) i;
        }
        return Octets.of(data);
    }

    /**
     * The fragment of {@code whole} (a frame of an IPv6 packet without extension headers) that
     * carries {@code length} octets of its payload from {@code offset}, with a Fragment header
     * of identification {@code id}; the last one if not {@code more}.
     */
    static byte[] fragment(byte[] whole, int offset, int length, boolean more, int id) {
        byte[] frame = new byte[PAYLOAD + Ipv6FragmentHeader.LENGTH + length];
        System.arraycopy(whole, 0, frame, 0, PAYLOAD);
        Ipv6Packet ip = new Ipv6Packet().wrap(frame, IP, frame.length - IP);
        int nextHeader = ip.nextHeader();
        ip.setPayloadLength(Ipv6FragmentHeader.LENGTH + length).setNextHeader(Ipv6HeaderChain.FRAGMENT);
        Ipv6FragmentHeader.write(frame, PAYLOAD, nextHeader, offset, more, id);
        System.arraycopy(whole, PAYLOAD + offset, frame, PAYLOAD + Ipv6FragmentHeader.LENGTH, length);
        return frame;
    }

    /** {@code whole} cut as Linux cuts for an MTU of 1500: 1448 octets of payload a fragment. */
    static List<byte[]> cut(byte[] whole, int id) {
        int payload = whole.length - PAYLOAD;
        List<byte[]> fragments = new java.util.ArrayList<>();
        for (int offset = 0; offset < payload; offset += 1448) {
            int length = Math.min(1448, payload - offset);
            fragments.add(fragment(whole, offset, length, offset + length < payload, id));
        }
        return fragments;
    }

    /** The frame with another IPv6 destination (and, for a group, the all-nodes MAC); checksums are not redone. */
    static byte[] to(byte[] frame, Ipv6Address destination) {
        byte[] copy = frame.clone();
        destination.writeTo(copy, IP + Ipv6Packet.DESTINATION);
        if (destination.isMulticast()) {
            new EthernetFrame().wrap(copy, 0, copy.length).setDestination(MacAddress.parse("33:33:00:00:00:01").bits());
        }
        return copy;
    }

    /**
     * The packet the interface sent as {@code fragments}, put back together as one frame: each
     * fragment is checked to fit {@code mtu}, to share the first one's identification and
     * header, to carry a multiple of 8 octets but for the last, and to follow the one before.
     */
    static Frame reassemble(List<Frame> fragments, int mtu) {
        assertTrue(fragments.size() >= 2, () -> "fragments, not " + fragments);
        byte[] first = fragments.get(0).bytes();
        int id = Bytes.i32(first, PAYLOAD + Ipv6FragmentHeader.IDENTIFICATION);
        int nextHeader = first[PAYLOAD] & 0xFF;
        byte[] whole = new byte[Ipv6.MAX_PACKET];
        System.arraycopy(first, 0, whole, 0, PAYLOAD);
        int end = 0;
        for (int k = 0; k < fragments.size(); k++) {
            byte[] frame = fragments.get(k).bytes();
            Ipv6Packet ip = new Ipv6Packet().wrap(frame, IP, frame.length - IP);
            assertTrue(frame.length - IP <= mtu, "fragment " + k + " of " + (frame.length - IP) + " octets, over the MTU " + mtu);
            assertEquals(Ipv6HeaderChain.FRAGMENT, ip.nextHeader());
            assertEquals(id, Bytes.i32(frame, PAYLOAD + Ipv6FragmentHeader.IDENTIFICATION), "identification");
            assertEquals(nextHeader, frame[PAYLOAD] & 0xFF, "next header");
            assertTrue(Arrays.equals(first, 0, PAYLOAD - Ipv6Packet.HEADER_LEN + 4, frame, 0, PAYLOAD - Ipv6Packet.HEADER_LEN + 4),
                    "Ethernet header and IPv6 version, class and flow as the first");
            int offsetFlags = Bytes.u16(frame, PAYLOAD + Ipv6FragmentHeader.OFFSET_FLAGS);
            int offset = offsetFlags & 0xFFF8;
            boolean more = (offsetFlags & 1) != 0;
            int data = ip.payloadLength() - Ipv6FragmentHeader.LENGTH;
            assertEquals(end, offset, "fragment " + k + " follows the one before");
            assertEquals(k < fragments.size() - 1, more, "M flag of fragment " + k);
            if (more) {
                assertEquals(0, data % 8, "a fragment with more to come carries a multiple of 8 octets");
            }
            System.arraycopy(frame, PAYLOAD + Ipv6FragmentHeader.LENGTH, whole, PAYLOAD + offset, data);
            end = offset + data;
        }
        Ipv6Packet ip = new Ipv6Packet().wrap(whole, IP, Ipv6Packet.HEADER_LEN + end);
        ip.setPayloadLength(end).setNextHeader(nextHeader);
        return new Frame(Arrays.copyOf(whole, PAYLOAD + end));
    }
}
