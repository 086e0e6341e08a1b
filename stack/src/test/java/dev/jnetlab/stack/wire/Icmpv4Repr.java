package dev.jnetlab.stack.wire;

import java.util.Objects;

/**
 * An ICMPv4 message this stack speaks (RFC 792), as a value: echo request and reply, and the
 * four errors that quote a datagram. Any other type (source quench, timestamp, router
 * discovery, ...) and any code not defined for its type is {@link WireError#UNSUPPORTED}.
 */
public sealed interface Icmpv4Repr {
    /** The largest message an IPv4 datagram without options can carry. */
    int MAX_LEN = Ipv4Packet.MAX_LEN - Ipv4Packet.HEADER_LEN;

    /** Parses a received message: the header, then the checksum, then the type's own rules. */
    static Icmpv4Repr parse(Icmpv4Packet packet) throws WireException {
        packet.validate();
        if (!packet.verifyChecksum()) {
            throw new WireException(WireError.BAD_CHECKSUM, "ICMP: bad checksum " + Hex.field16(packet.checksum())
                    + ", should be " + Hex.field16(packet.expectedChecksum()));
        }
        int code = packet.code();
        switch (packet.type()) {
            case Icmpv4Packet.TYPE_ECHO_REQUEST:
                requireCodeZero(packet, "echo request");
                return new EchoRequest(packet.echoIdentifier(), packet.echoSequence(), data(packet));
            case Icmpv4Packet.TYPE_ECHO_REPLY:
                requireCodeZero(packet, "echo reply");
                return new EchoReply(packet.echoIdentifier(), packet.echoSequence(), data(packet));
            case Icmpv4Packet.TYPE_DST_UNREACHABLE: {
                Icmpv4DstUnreachable reason = Icmpv4DstUnreachable.ofCode(code)
                        .orElseThrow(() -> unknownCode("destination unreachable", code));
                int mtu = reason == Icmpv4DstUnreachable.FRAGMENTATION_NEEDED ? packet.nextHopMtu() : 0;
                Ipv4Repr header = quotedHeader(packet);
                return new DstUnreachable(reason, mtu, header, quotedData(packet, header));
            }
            case Icmpv4Packet.TYPE_TIME_EXCEEDED: {
                Icmpv4TimeExceeded reason = Icmpv4TimeExceeded.ofCode(code).orElseThrow(() -> unknownCode("time exceeded", code));
                Ipv4Repr header = quotedHeader(packet);
                return new TimeExceeded(reason, header, quotedData(packet, header));
            }
            case Icmpv4Packet.TYPE_PARAM_PROBLEM: {
                Icmpv4ParamProblem reason = Icmpv4ParamProblem.ofCode(code).orElseThrow(() -> unknownCode("parameter problem", code));
                Ipv4Repr header = quotedHeader(packet);
                return new ParamProblem(reason, packet.pointer(), header, quotedData(packet, header));
            }
            case Icmpv4Packet.TYPE_REDIRECT: {
                Icmpv4Redirect reason = Icmpv4Redirect.ofCode(code).orElseThrow(() -> unknownCode("redirect", code));
                Ipv4Repr header = quotedHeader(packet);
                return new Redirect(reason, Ipv4Address.of(packet.gateway()), header, quotedData(packet, header));
            }
            default:
                throw new WireException(WireError.UNSUPPORTED, "ICMP: type " + packet.type() + " is not supported");
        }
    }

    /** The message's length in octets. */
    int bufferLen();

    /** Writes the whole message, checksum included, into a view of exactly {@link #bufferLen()} octets. */
    void emit(Icmpv4Packet packet);

    /** An echo request (type 8), which a host answers with an {@link EchoReply} of the same data (RFC 1122 section 3.2.2.6). */
    record EchoRequest(int identifier, int sequence, Octets data) implements Icmpv4Repr {
        public EchoRequest {
            Bytes.requireUnsigned(identifier, 16, "echo identifier");
            Bytes.requireUnsigned(sequence, 16, "echo sequence");
            requireFits(Icmpv4Packet.HEADER_LEN, data);
        }

        @Override
        public int bufferLen() {
            return Icmpv4Packet.HEADER_LEN + data.length();
        }

        @Override
        public void emit(Icmpv4Packet packet) {
            emitEcho(packet, Icmpv4Packet.TYPE_ECHO_REQUEST, identifier, sequence, data, bufferLen());
        }
    }

    /** An echo reply (type 0). */
    record EchoReply(int identifier, int sequence, Octets data) implements Icmpv4Repr {
        public EchoReply {
            Bytes.requireUnsigned(identifier, 16, "echo identifier");
            Bytes.requireUnsigned(sequence, 16, "echo sequence");
            requireFits(Icmpv4Packet.HEADER_LEN, data);
        }

        @Override
        public int bufferLen() {
            return Icmpv4Packet.HEADER_LEN + data.length();
        }

        @Override
        public void emit(Icmpv4Packet packet) {
            emitEcho(packet, Icmpv4Packet.TYPE_ECHO_REPLY, identifier, sequence, data, bufferLen());
        }
    }

    /**
     * An error about a datagram, which it quotes: the datagram's header and its first data
     * octets (at least 8 by RFC 792, as many as fit in 576 by RFC 1812 section 4.3.2.3).
     */
    sealed interface ErrorMessage extends Icmpv4Repr {
        /** The quoted datagram's header; its payload length is the original one, not what is quoted. */
        Ipv4Repr header();

        /** The quoted data that follows the header. */
        Octets data();

        @Override
        default int bufferLen() {
            return Icmpv4Packet.HEADER_LEN + header().headerLen() + data().length();
        }
    }

    /** Destination unreachable (type 3). */
    record DstUnreachable(Icmpv4DstUnreachable reason, int nextHopMtu, Ipv4Repr header, Octets data) implements ErrorMessage {
        /** @param nextHopMtu for {@link Icmpv4DstUnreachable#FRAGMENTATION_NEEDED} (0 if the router did not say), else 0 */
        public DstUnreachable {
            Objects.requireNonNull(reason, "reason");
            Bytes.requireUnsigned(nextHopMtu, 16, "next-hop MTU");
            if (nextHopMtu != 0 && reason != Icmpv4DstUnreachable.FRAGMENTATION_NEEDED) {
                throw new IllegalArgumentException("only fragmentation needed carries a next-hop MTU, not " + reason);
            }
            requireQuote(header, data);
        }

        @Override
        public void emit(Icmpv4Packet packet) {
            emitError(packet, this, Icmpv4Packet.TYPE_DST_UNREACHABLE, reason.code(), nextHopMtu);
        }
    }

    /** Time exceeded (type 11). */
    record TimeExceeded(Icmpv4TimeExceeded reason, Ipv4Repr header, Octets data) implements ErrorMessage {
        public TimeExceeded {
            Objects.requireNonNull(reason, "reason");
            requireQuote(header, data);
        }

        @Override
        public void emit(Icmpv4Packet packet) {
            emitError(packet, this, Icmpv4Packet.TYPE_TIME_EXCEEDED, reason.code(), 0);
        }
    }

    /** Parameter problem (type 12). */
    record ParamProblem(Icmpv4ParamProblem reason, int pointer, Ipv4Repr header, Octets data) implements ErrorMessage {
        /** @param pointer the octet of the quoted header where the problem is */
        public ParamProblem {
            Objects.requireNonNull(reason, "reason");
            Bytes.requireUnsigned(pointer, 8, "pointer");
            requireQuote(header, data);
        }

        @Override
        public void emit(Icmpv4Packet packet) {
            emitError(packet, this, Icmpv4Packet.TYPE_PARAM_PROBLEM, reason.code(), pointer << 24);
        }
    }

    /** Redirect (type 5): send datagrams for the quoted destination to {@code gateway} instead. */
    record Redirect(Icmpv4Redirect reason, Ipv4Address gateway, Ipv4Repr header, Octets data) implements ErrorMessage {
        public Redirect {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(gateway, "gateway");
            requireQuote(header, data);
        }

        @Override
        public void emit(Icmpv4Packet packet) {
            emitError(packet, this, Icmpv4Packet.TYPE_REDIRECT, reason.code(), gateway.bits());
        }
    }

    private static void requireCodeZero(Icmpv4Packet packet, String type) throws WireException {
        if (packet.code() != 0) {
            throw new WireException(WireError.UNSUPPORTED, "ICMP: " + type + " with code " + packet.code() + ", not 0");
        }
    }

    private static WireException unknownCode(String type, int code) {
        return new WireException(WireError.UNSUPPORTED, "ICMP: " + type + " code " + code + " is not defined");
    }

    private static Octets data(Icmpv4Packet packet) {
        return Octets.copyOf(packet.buffer(), packet.dataOffset(), packet.dataLength());
    }

    private static Ipv4Repr quotedHeader(Icmpv4Packet packet) throws WireException {
        Ipv4Packet quoted = new Ipv4Packet().wrap(packet.buffer(), packet.dataOffset(), packet.dataLength());
        try {
            return Ipv4Repr.parseQuoted(quoted);
        } catch (WireException e) {
            throw new WireException(e.reason(), "ICMP: quoted datagram: " + e.getMessage());
        }
    }

    /** The quoted octets after {@code header}, which {@link #quotedHeader} found whole. */
    private static Octets quotedData(Icmpv4Packet packet, Ipv4Repr header) {
        int headerLen = header.headerLen();
        return Octets.copyOf(packet.buffer(), packet.dataOffset() + headerLen, packet.dataLength() - headerLen);
    }

    private static void requireFits(int headerLen, Octets data) {
        Objects.requireNonNull(data, "data");
        if (headerLen + data.length() > MAX_LEN) {
            throw new IllegalArgumentException("an ICMP message of " + (headerLen + data.length()) + " octets does not fit in IPv4");
        }
    }

    private static void requireQuote(Ipv4Repr header, Octets data) {
        Objects.requireNonNull(header, "header");
        requireFits(Icmpv4Packet.HEADER_LEN + header.headerLen(), data);
    }

    private static void emitEcho(Icmpv4Packet packet, int type, int identifier, int sequence, Octets data, int bufferLen) {
        requireExactLength(packet, bufferLen);
        packet.setType(type).setCode(0).setEchoIdentifier(identifier).setEchoSequence(sequence);
        data.copyTo(packet.buffer(), packet.dataOffset());
        packet.fillChecksum();
    }

    private static void emitError(Icmpv4Packet packet, ErrorMessage message, int type, int code, int restOfHeader) {
        requireExactLength(packet, message.bufferLen());
        packet.setType(type).setCode(code).setRestOfHeader(restOfHeader);
        Ipv4Repr header = message.header();
        header.emit(new Ipv4Packet().wrap(packet.buffer(), packet.dataOffset(), header.headerLen()));
        message.data().copyTo(packet.buffer(), packet.dataOffset() + header.headerLen());
        packet.fillChecksum();
    }

    private static void requireExactLength(Icmpv4Packet packet, int bufferLen) {
        // The checksum covers the view, so a longer view would sum octets that are not the message's.
        if (packet.length() != bufferLen) {
            throw new IllegalArgumentException("a view of " + packet.length() + " octets for a message of " + bufferLen);
        }
    }
}
