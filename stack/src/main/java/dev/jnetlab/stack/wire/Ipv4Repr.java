package dev.jnetlab.stack.wire;

import java.util.Objects;

/**
 * An IPv4 header as a value (RFC 791 section 3.1). Options are kept as raw octets; the
 * reserved flag is not represented (RFC 791 requires it to be zero, so it is ignored when
 * parsing and written as zero). The payload is not part of the value: it is
 * {@code payloadLength} octets after the header.
 *
 * @param fragmentOffset in octets, a multiple of 8
 * @param options        0 to 40 octets, a multiple of 4, padding included
 */
public record Ipv4Repr(
        Ipv4Address source,
        Ipv4Address destination,
        IpProtocol protocol,
        int payloadLength,
        int ttl,
        int dscp,
        int ecn,
        int identification,
        boolean dontFragment,
        boolean moreFragments,
        int fragmentOffset,
        Octets options) {

    private static final int MAX_OPTIONS_LEN = 40;

    public Ipv4Repr {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(options, "options");
        Bytes.requireUnsigned(ttl, 8, "TTL");
        Bytes.requireUnsigned(dscp, 6, "DSCP");
        Bytes.requireUnsigned(ecn, 2, "ECN");
        Bytes.requireUnsigned(identification, 16, "identification");
        if (options.length() % 4 != 0 || options.length() > MAX_OPTIONS_LEN) {
            throw new IllegalArgumentException("IPv4 options are up to 40 octets in whole words, not " + options.length());
        }
        if (fragmentOffset < 0 || fragmentOffset % 8 != 0) {
            throw new IllegalArgumentException("a fragment offset is a multiple of 8 octets, not " + fragmentOffset);
        }
        if (payloadLength < 0 || Ipv4Packet.HEADER_LEN + options.length() + payloadLength > Ipv4Packet.MAX_LEN) {
            throw new IllegalArgumentException("a payload of " + payloadLength + " octets does not fit in an IPv4 datagram");
        }
        if (fragmentOffset + payloadLength > Ipv4Packet.MAX_LEN) {
            throw new IllegalArgumentException("a fragment at " + fragmentOffset + " of " + payloadLength
                    + " octets ends beyond " + Ipv4Packet.MAX_LEN);
        }
    }

    /** An unfragmented datagram without options: TTL 64, DSCP and ECN 0, identification 0, DF clear. */
    public static Ipv4Repr of(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int payloadLength) {
        return new Ipv4Repr(source, destination, protocol, payloadLength, Ipv4Packet.DEFAULT_TTL, 0, 0, 0, false, false, 0, Octets.EMPTY);
    }

    /** Parses a received datagram: {@link Ipv4Packet#check()}, then the header checksum. */
    public static Ipv4Repr parse(Ipv4Packet packet) throws WireException {
        packet.validate();
        if (!packet.verifyChecksum()) {
            throw new WireException(WireError.BAD_CHECKSUM, "IPv4: bad header checksum " + Hex.field16(packet.checksum())
                    + ", should be " + Hex.field16(packet.expectedChecksum()));
        }
        return read(packet);
    }

    /**
     * Parses the datagram quoted by an ICMP error: only {@link Ipv4Packet#checkHeader()}, as
     * the datagram is cut short, and not the checksum, which a router that rewrote the header
     * on its way back need not have kept valid.
     */
    static Ipv4Repr parseQuoted(Ipv4Packet packet) throws WireException {
        packet.validateHeader();
        int payloadLength = packet.totalLength() - packet.headerLength();
        if (packet.fragmentOffset() + payloadLength > Ipv4Packet.MAX_LEN) {
            throw new WireException(WireError.BAD_FRAGMENT_OFFSET, "IPv4: quoted fragment at offset " + packet.fragmentOffset()
                    + " with " + payloadLength + " octets ends beyond " + Ipv4Packet.MAX_LEN);
        }
        return read(packet);
    }

    private static Ipv4Repr read(Ipv4Packet packet) {
        return new Ipv4Repr(Ipv4Address.of(packet.source()), Ipv4Address.of(packet.destination()), packet.protocol(),
                packet.totalLength() - packet.headerLength(), packet.ttl(), packet.dscp(), packet.ecn(),
                packet.identification(), packet.dontFragment(), packet.moreFragments(), packet.fragmentOffset(),
                Octets.copyOf(packet.buffer(), packet.optionsOffset(), packet.optionsLength()));
    }

    public int headerLen() {
        return Ipv4Packet.HEADER_LEN + options.length();
    }

    /** The datagram's total length: header and payload. */
    public int bufferLen() {
        return headerLen() + payloadLength;
    }

    /** Writes the header, checksum included; the payload goes to {@link Ipv4Packet#payloadOffset()}. */
    public void emit(Ipv4Packet packet) {
        EmitLength.require(packet, headerLen());
        packet.setVersion(4).setIhl(headerLen() / 4).setDscp(dscp).setEcn(ecn).setTotalLength(bufferLen())
                .setIdentification(identification).setReservedFlag(false).setDontFragment(dontFragment)
                .setMoreFragments(moreFragments).setFragmentOffset(fragmentOffset).setTtl(ttl)
                .setProtocolValue(protocol.value()).setSource(source.bits()).setDestination(destination.bits());
        options.copyTo(packet.buffer(), packet.optionsOffset());
        packet.fillChecksum();
    }
}
