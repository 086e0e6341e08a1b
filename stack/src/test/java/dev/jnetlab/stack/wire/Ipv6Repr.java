package dev.jnetlab.stack.wire;

import java.util.Objects;

/**
 * An IPv6 fixed header as a value (RFC 8200 section 3). Extension headers are not part of it:
 * {@code nextHeader} is whatever follows, and the payload is {@code payloadLength} octets
 * after the header.
 */
public record Ipv6Repr(
        Ipv6Address source,
        Ipv6Address destination,
        int nextHeader,
        int payloadLength,
        int hopLimit,
        int trafficClass,
        int flowLabel) {

    public Ipv6Repr {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Bytes.requireUnsigned(nextHeader, 8, "next header");
        Bytes.requireUnsigned(payloadLength, 16, "IPv6 payload length");
        Bytes.requireUnsigned(hopLimit, 8, "hop limit");
        Bytes.requireUnsigned(trafficClass, 8, "traffic class");
        Bytes.requireUnsigned(flowLabel, 20, "flow label");
    }

    /** A header with hop limit 64, traffic class and flow label 0. */
    public static Ipv6Repr of(Ipv6Address source, Ipv6Address destination, int nextHeader, int payloadLength) {
        return new Ipv6Repr(source, destination, nextHeader, payloadLength, Ipv6Packet.DEFAULT_HOP_LIMIT, 0, 0);
    }

    /** Parses a received packet's header after {@link Ipv6Packet#check()}. */
    public static Ipv6Repr parse(Ipv6Packet packet) throws WireException {
        packet.validate();
        return new Ipv6Repr(packet.source(), packet.destination(), packet.nextHeader(), packet.payloadLength(),
                packet.hopLimit(), packet.trafficClass(), packet.flowLabel());
    }

    public int bufferLen() {
        return Ipv6Packet.HEADER_LEN + payloadLength;
    }

    /** Writes the header; the payload goes to {@link Ipv6Packet#payloadOffset()}. */
    public void emit(Ipv6Packet packet) {
        EmitLength.require(packet, Ipv6Packet.HEADER_LEN);
        packet.setVersion(6).setTrafficClass(trafficClass).setFlowLabel(flowLabel).setPayloadLength(payloadLength)
                .setNextHeader(nextHeader).setHopLimit(hopLimit).setSource(source.high(), source.low())
                .setDestination(destination.high(), destination.low());
    }
}
