package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A million frames, random and mutated from real and random valid ones (cut short, bits
 * flipped, length fields that lie), go through every view's check and accessors, every repr's
 * parse, and both printers. The wire layer may refuse them only with its own WireException:
 * anything else thrown fails the test, and so does taking longer than the timeout. Seeded, so
 * a failure reproduces.
 */
class MalformedFramesPropertyTest {
    private static final int FRAMES = 1_000_000;

    private final Random random = new Random(0x5EED_F00DL);
    private final RandomReprs reprs = new RandomReprs(random);
    private final List<byte[]> seeds = new ArrayList<>(WireVectors.ALL.values());

    {
        seeds.addAll(Ipv6Vectors.ALL.values());
    }

    private final EthernetFrame ethernet = new EthernetFrame();
    private final ArpPacket arp = new ArpPacket();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final Ipv4Packet quoted = new Ipv4Packet();
    private final Icmpv4Packet icmp = new Icmpv4Packet();
    private final UdpPacket udp = new UdpPacket();
    private final TcpPacket tcp = new TcpPacket();
    private final TcpRepr tcpRepr = new TcpRepr();
    private final TcpOptionReader options = new TcpOptionReader();
    private final Ipv6Packet ip6 = new Ipv6Packet();
    private final Ipv6HeaderChain chain = new Ipv6HeaderChain();
    private final Icmpv6Packet icmp6 = new Icmpv6Packet();
    private final NdpOptions ndp = new NdpOptions();
    private final OneLinePrinter oneLine = new OneLinePrinter();
    private final NestedPrinter nested = new NestedPrinter();
    private final StringBuilder out = new StringBuilder(4096);

    private final Map<WireError, Integer> refusals = new EnumMap<>(WireError.class);
    private int parsedWhole;
    private long sink;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void nothingButTheTypedErrorComesOutOfAMillionBadFrames() {
        for (int i = 0; i < 200; i++) {
            seeds.add(validFrame());
        }
        for (int i = 0; i < FRAMES; i++) {
            byte[] frame = next();
            dissect(frame);
            out.setLength(0);
            oneLine.appendTo(out, frame, 0, frame.length);
            nested.appendTo(out, frame, 0, frame.length);
            sink += out.length();
        }
        assertNotEquals(0, sink, "the reads were made (the sum wraps, so its sign says nothing)");
        for (WireError reason : WireError.values()) {
            assertTrue(refusals.getOrDefault(reason, 0) > 0, "no frame was refused as " + reason + ": " + refusals);
        }
        assertTrue(parsedWhole > FRAMES / 100, "only " + parsedWhole + " frames parsed whole: " + refusals);
    }

    /** A frame from one of the ways of breaking one, chosen at random. */
    private byte[] next() {
        byte[] seed = seeds.get(random.nextInt(seeds.size()));
        switch (random.nextInt(8)) {
            case 0:
                byte[] noise = new byte[random.nextInt(120)];
                random.nextBytes(noise);
                return noise;
            case 1:
                return Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            case 2:
            case 3:
                return flipBits(Arrays.copyOf(seed, seed.length), 1 + random.nextInt(8));
            case 4:
            case 5:
                return lie(Arrays.copyOf(seed, seed.length));
            case 6:
                return flipBits(Arrays.copyOf(seed, random.nextInt(seed.length + 1)), 1 + random.nextInt(3));
            default:
                return random.nextInt(4) == 0 ? validFrame() : seed;
        }
    }

    private byte[] flipBits(byte[] frame, int count) {
        for (int i = 0; i < count && frame.length > 0; i++) {
            int bit = random.nextInt(frame.length * 8);
            frame[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return frame;
    }

    /**
     * Writes a random value into a field that says how long something is: the IPv4 version
     * and IHL, total length or fragment offset, the UDP length, the TCP data offset or an option
     * length, or the same in the datagram an ICMP error quotes. Checksums are fixed afterwards
     * half of the time, so that the lie reaches the checks behind them.
     */
    private byte[] lie(byte[] frame) {
        int ipAt = EthernetFrame.HEADER_LEN;
        if (frame.length >= ipAt + Ipv6Packet.HEADER_LEN && Bytes.u16(frame, 12) == EtherType.IPV6.value()) {
            return lie6(frame);
        }
        if (frame.length < ipAt + Ipv4Packet.HEADER_LEN || Bytes.u16(frame, 12) != EtherType.IPV4.value()) {
            return flipBits(frame, 4);
        }
        int l4At = ipAt + (frame[ipAt] & 0x0F) * 4;
        int[] fields = {ipAt, ipAt + 2, ipAt + 3, ipAt + 6, l4At + 4, l4At + 5, l4At + 12, l4At + 21, l4At + 23, l4At + 25,
            l4At + 8, l4At + 10, l4At + 11, l4At + 8 + 20 + 4};
        int at = fields[random.nextInt(fields.length)];
        if (at < frame.length) {
            frame[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : random.nextInt(16));
        }
        if (random.nextBoolean()) {
            fixChecksums(frame);
        }
        return frame;
    }

    /**
     * The same for IPv6: the payload length, the next header, the first octets of the first
     * extension header or option, or an NDP option's length; the ICMPv6 checksum is fixed
     * afterwards half of the time.
     */
    private byte[] lie6(byte[] frame) {
        int ipAt = EthernetFrame.HEADER_LEN;
        int payload = ipAt + Ipv6Packet.HEADER_LEN;
        int[] fields = {ipAt + 5, ipAt + 6, payload, payload + 1, payload + 2, payload + 3, payload + 8, payload + 25,
            payload + 9};
        int at = fields[random.nextInt(fields.length)];
        if (at < frame.length) {
            frame[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : random.nextInt(8));
        }
        if (random.nextBoolean()) {
            ip6.wrap(frame, ipAt, frame.length - ipAt);
            if (ip6.check() == null && chain.walk(ip6) == null && chain.upperLayer() == 58
                    && icmp6.wrap(frame, chain.upperOffset(), chain.upperLength()).check() == null) {
                icmp6.fillChecksum(ip6.pseudoHeaderSum(58, chain.upperLength()));
            }
        }
        return frame;
    }

    private void fixChecksums(byte[] frame) {
        ip.wrap(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN);
        if (ip.checkHeader() != null) {
            return;
        }
        ip.fillChecksum();
        int length = Math.min(ip.totalLength(), ip.length()) - ip.headerLength();
        if (ip.protocolValue() == IpProtocol.ICMP.value() && length >= Icmpv4Packet.HEADER_LEN) {
            icmp.wrap(frame, ip.payloadOffset(), length).fillChecksum();
        } else if (ip.protocolValue() == IpProtocol.TCP.value() && length >= TcpPacket.HEADER_LEN) {
            tcp.wrap(frame, ip.payloadOffset(), length).fillChecksum(ip.source(), ip.destination());
        }
    }

    private byte[] validFrame() {
        EthernetRepr ethernetRepr;
        byte[] frame;
        if (random.nextInt(6) == 0) {
            ArpRepr arpRepr = reprs.arp();
            ethernetRepr = new EthernetRepr(reprs.mac(), reprs.mac(), EtherType.ARP);
            frame = new byte[ethernetRepr.bufferLen(arpRepr.bufferLen())];
            arpRepr.emit(arp.wrap(frame, EthernetFrame.HEADER_LEN, arpRepr.bufferLen()));
        } else {
            int kind = random.nextInt(3);
            Icmpv4Repr icmpRepr = kind == 0 ? reprs.icmp() : null;
            int payloadLength = random.nextInt(64);
            UdpRepr udpRepr = kind == 1 ? reprs.udp(payloadLength) : null;
            TcpRepr tcpHeader = kind == 2 ? reprs.tcpHeader() : null;
            List<TcpOption> tcpOptions = kind == 2 ? reprs.tcpOptions() : null;
            int transportLength = icmpRepr != null ? icmpRepr.bufferLen() : udpRepr != null ? udpRepr.bufferLen()
                    : TcpSegments.headerLength(tcpOptions) + payloadLength;
            IpProtocol protocol = icmpRepr != null ? IpProtocol.ICMP : udpRepr != null ? IpProtocol.UDP : IpProtocol.TCP;
            Ipv4Repr ipRepr = new Ipv4Repr(reprs.ipv4Address(), reprs.ipv4Address(), protocol, transportLength, 1 + random.nextInt(255),
                    0, 0, reprs.u16(), true, false, 0, random.nextInt(4) == 0 ? Octets.of(new byte[] {1, 1, 1, 0}) : Octets.EMPTY);
            ethernetRepr = new EthernetRepr(reprs.mac(), reprs.mac(), EtherType.IPV4);
            frame = new byte[ethernetRepr.bufferLen(ipRepr.bufferLen())];
            ipRepr.emit(ip.wrap(frame, EthernetFrame.HEADER_LEN, ipRepr.bufferLen()));
            int at = ip.payloadOffset();
            if (icmpRepr != null) {
                icmpRepr.emit(icmp.wrap(frame, at, transportLength));
            } else if (udpRepr != null) {
                udpRepr.emit(udp.wrap(frame, at, transportLength), ipRepr.source(), ipRepr.destination());
            } else {
                tcpHeader.sourceAddress(ipRepr.source().bits()).destinationAddress(ipRepr.destination().bits());
                TcpSegments.write(tcpHeader, tcpOptions, new byte[payloadLength], tcp.wrap(frame, at, transportLength));
            }
        }
        ethernetRepr.emit(ethernet.wrap(frame, 0, frame.length));
        return frame;
    }

    /**
     * Every layer the views can reach: check it, read every field if it passed, parse its repr
     * (counting the refusal if there is one), and go on down through the view either way.
     */
    private void dissect(byte[] frame) {
        ethernet.wrap(frame, 0, frame.length);
        boolean whole = parse(ethernet) && parseEthernet();
        if (ethernet.check() != null) {
            return;
        }
        sink += ethernet.destination() + ethernet.source() + ethernet.headerLength();
        if (ethernet.hasVlanTag()) {
            sink += ethernet.vlanTci() + ethernet.innerEtherTypeValue();
        }
        int type = ethernet.payloadEtherTypeValue();
        int at = ethernet.payloadOffset();
        int length = ethernet.payloadLength();
        if (type == EtherType.ARP.value()) {
            arp.wrap(frame, at, length);
            whole &= parse(arp) && parseArp();
            if (arp.check() == null) {
                sink += arp.hardwareType() + arp.protocolType() + arp.operationValue() + arp.senderHardwareAddr()
                        + arp.senderProtocolAddr() + arp.targetHardwareAddr() + arp.targetProtocolAddr();
            }
        } else if (type == EtherType.IPV4.value()) {
            ip.wrap(frame, at, length);
            whole &= parse(ip) && parseIpv4() && transport(frame);
        } else if (type == EtherType.IPV6.value()) {
            ip6.wrap(frame, at, length);
            whole &= parse(ip6) && ipv6(frame);
        } else {
            whole = false;
        }
        if (whole) {
            parsedWhole++;
        }
    }

    private boolean transport(byte[] frame) {
        if (ip.check() != null || ip.isFragment()) {
            return ip.check() == null;
        }
        sink += ip.dscp() + ip.ecn() + ip.identification() + ip.ttl() + ip.optionsLength() + ip.checksum();
        int at = ip.payloadOffset();
        int length = ip.payloadLength();
        switch (ip.protocolValue()) {
            case 1:
                icmp.wrap(frame, at, length);
                boolean parsed = parse(icmp) && parseIcmp();
                if (icmp.check() == null) {
                    sink += icmp.type() + icmp.code() + icmp.restOfHeader() + icmp.echoIdentifier() + icmp.pointer()
                            + icmp.gateway() + icmp.nextHopMtu();
                    quoted.wrap(frame, icmp.dataOffset(), icmp.dataLength());
                    if (quoted.checkHeader() == null) {
                        sink += quoted.destination() + quoted.payloadLength() + quoted.optionsLength();
                    }
                }
                return parsed;
            case 6:
                tcp.wrap(frame, at, length);
                parsed = parse(tcp) && parseTcp();
                if (tcp.check() == null) {
                    sink += tcp.seqNumber() + tcp.ackNumber() + tcp.flags() + tcp.window() + tcp.urgentPointer()
                            + tcp.payloadLength() + tcp.segmentLength();
                    for (options.wrap(tcp); options.next(); ) {
                        sink += options.kind() + options.length();
                    }
                    assertEquals(null, options.error(), "a checked segment's options read without error");
                }
                return parsed;
            case 17:
                udp.wrap(frame, at, length);
                parsed = parse(udp) && parseUdp();
                if (udp.check() == null) {
                    sink += udp.srcPort() + udp.dstPort() + udp.payloadLength() + udp.checksum();
                }
                return parsed;
            default:
                return true;
        }
    }

    /** The extension headers, then ICMPv6 and its NDP options. */
    private boolean ipv6(byte[] frame) {
        sink += ip6.trafficClass() + ip6.flowLabel() + ip6.hopLimit() + Long.bitCount(ip6.sourceLow()) + Long.bitCount(ip6.destinationHigh());
        WireError reason = chain.walk(ip6);
        if (reason != null) {
            assertTrue(!chain.explain().isEmpty());
            refusals.merge(reason, 1, Integer::sum);
            return false;
        }
        if (chain.upperLayer() != 58 || chain.hasFragmentHeader() && !chain.isAtomicFragment()) {
            return true;
        }
        icmp6.wrap(frame, chain.upperOffset(), chain.upperLength());
        if (!parse(icmp6)) {
            return false;
        }
        sink += icmp6.type() + icmp6.code() + icmp6.restOfHeader();
        if (icmp6.isNdp() && ndp.wrap(icmp6).check() == null) {
            while (ndp.next()) {
                sink += ndp.type() + ndp.length();
            }
        }
        try {
            sink += Icmpv6Repr.parse(ip6, icmp6).hashCode();
            return true;
        } catch (WireException e) {
            return refused(e);
        }
    }

    /** The view's check, counted; a refusal here is also what its repr's parse reports. */
    private boolean parse(PacketView view) {
        WireError reason = view.check();
        if (reason != null) {
            refusals.merge(reason, 1, Integer::sum);
        }
        return reason == null;
    }

    private boolean parseEthernet() {
        try {
            sink += EthernetRepr.parse(ethernet).hashCode();
            return true;
        } catch (WireException e) {
            return refused(e);
        }
    }

    private boolean parseArp() {
        try {
            sink += ArpRepr.parse(arp).hashCode();
            return true;
        } catch (WireException e) {
            return refused(e);
        }
    }

    private boolean parseIpv4() {
        try {
            sink += Ipv4Repr.parse(ip).hashCode();
            return true;
        } catch (WireException e) {
            return refused(e);
        }
    }

    private boolean parseIcmp() {
        try {
            sink += Icmpv4Repr.parse(icmp).hashCode();
            return true;
        } catch (WireException e) {
            return refused(e);
        }
    }

    private boolean parseUdp() {
        try {
            sink += UdpRepr.parse(udp, Ipv4Address.of(ip.source()), Ipv4Address.of(ip.destination())).hashCode();
            return true;
        } catch (WireException e) {
            return refused(e);
        }
    }

    /** TCP's representation takes a segment that passed its check, as the interface gives it one. */
    private boolean parseTcp() {
        tcpRepr.parse(tcp, ip.source(), ip.destination());
        sink += tcpRepr.optionsLength() + tcpRepr.sackBlockCount() + tcpRepr.payloadLength();
        return true;
    }

    private boolean refused(WireException e) {
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), "a refusal says what is wrong");
        refusals.merge(e.reason(), 1, Integer::sum);
        return false;
    }
}
