package dev.jnetlab.stack.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An ICMPv6 message as a value (RFC 4443), Neighbor Discovery's (RFC 4861) included: one
 * record per message this stack reads and writes. {@link #parse} verifies the checksum over
 * IPv6's pseudo-header and refuses NDP options of length zero or running past the message;
 * {@link #emit} writes the message and its checksum after the IPv6 header was written (the
 * checksum needs its addresses). Link-layer addresses are Ethernet ones.
 */
public sealed interface Icmpv6Repr {
    /** The message's length in octets. */
    int bufferLen();

    /** Writes the body; {@link #emit} adds the checksum. */
    void emitBody(Icmpv6Packet message);

    /** Writes the message into {@code message} and its checksum for the addresses in {@code ip}. */
    default void emit(Ipv6Packet ip, Icmpv6Packet message) {
        EmitLength.require(message, bufferLen());
        emitBody(message);
        message.fillChecksum(ip.pseudoHeaderSum(IpProtocol.ICMPV6.value(), message.length()));
    }

    record EchoRequest(int identifier, int sequence, Octets data) implements Icmpv6Repr {
        public EchoRequest {
            Bytes.requireUnsigned(identifier, 16, "echo identifier");
            Bytes.requireUnsigned(sequence, 16, "echo sequence");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int bufferLen() {
            return Icmpv6Packet.HEADER_LEN + data.length();
        }

        @Override
        public void emitBody(Icmpv6Packet message) {
            message.setType(Icmpv6Packet.TYPE_ECHO_REQUEST).setCode(0).setEchoIdentifier(identifier).setEchoSequence(sequence);
            data.copyTo(message.buffer(), message.dataOffset());
        }
    }

    record EchoReply(int identifier, int sequence, Octets data) implements Icmpv6Repr {
        public EchoReply {
            Bytes.requireUnsigned(identifier, 16, "echo identifier");
            Bytes.requireUnsigned(sequence, 16, "echo sequence");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int bufferLen() {
            return Icmpv6Packet.HEADER_LEN + data.length();
        }

        @Override
        public void emitBody(Icmpv6Packet message) {
            message.setType(Icmpv6Packet.TYPE_ECHO_REPLY).setCode(0).setEchoIdentifier(identifier).setEchoSequence(sequence);
            data.copyTo(message.buffer(), message.dataOffset());
        }
    }

    /**
     * An error message (RFC 4443 section 3): destination unreachable, packet too big, time
     * exceeded or parameter problem; {@code parameter} is the MTU of packet too big, the
     * pointer of parameter problem, zero for the others; {@code quoted} is as much of the
     * offending packet as fits.
     */
    record Error(int type, int code, long parameter, Octets quoted) implements Icmpv6Repr {
        public Error {
            if (type < Icmpv6Packet.TYPE_DST_UNREACHABLE || type > Icmpv6Packet.TYPE_PARAM_PROBLEM) {
                throw new IllegalArgumentException("ICMPv6 error types are 1 to 4, not " + type);
            }
            Bytes.requireUnsigned(code, 8, "ICMPv6 code");
            if (parameter < 0 || parameter > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("an ICMPv6 error's parameter is 32 bits: " + parameter);
            }
            Objects.requireNonNull(quoted, "quoted");
        }

        @Override
        public int bufferLen() {
            return Icmpv6Packet.HEADER_LEN + quoted.length();
        }

        @Override
        public void emitBody(Icmpv6Packet message) {
            message.setType(type).setCode(code).setRestOfHeader((int) parameter);
            quoted.copyTo(message.buffer(), message.dataOffset());
        }
    }

    /** Router solicitation (RFC 4861 section 4.1); a host without an address sends none of its link-layer address. */
    record RouterSolicit(Optional<MacAddress> sourceLinkLayer) implements Icmpv6Repr {
        public RouterSolicit {
            Objects.requireNonNull(sourceLinkLayer, "sourceLinkLayer");
        }

        @Override
        public int bufferLen() {
            return Icmpv6Packet.HEADER_LEN + (sourceLinkLayer.isPresent() ? NdpOptions.LINK_LAYER_LEN : 0);
        }

        @Override
        public void emitBody(Icmpv6Packet message) {
            message.setType(Icmpv6Packet.TYPE_ROUTER_SOLICIT).setCode(0).setRestOfHeader(0);
            sourceLinkLayer.ifPresent(mac -> NdpOptions.writeLinkLayer(message.buffer(), message.ndpOptionsOffset(),
                    NdpOptions.SOURCE_LINK_LAYER, mac.bits()));
        }
    }

    /** A prefix information option (RFC 4861 section 4.6.2); lifetimes in seconds, {@link NdpOptions#INFINITE} for ever. */
    record PrefixInformation(Ipv6Address prefix, int prefixLength, boolean onLink, boolean autonomous,
            long validLifetime, long preferredLifetime) {
        public PrefixInformation {
            Objects.requireNonNull(prefix, "prefix");
            if (prefixLength < 0 || prefixLength > 128) {
                throw new IllegalArgumentException("a prefix length is 0 to 128, not " + prefixLength);
            }
            if (validLifetime < 0 || validLifetime > NdpOptions.INFINITE || preferredLifetime < 0
                    || preferredLifetime > NdpOptions.INFINITE) {
                throw new IllegalArgumentException("prefix lifetimes are 32-bit seconds");
            }
        }
    }

    /** Router advertisement (RFC 4861 section 4.2); times in the message's units (seconds, milliseconds). */
    record RouterAdvert(int currentHopLimit, boolean managed, boolean otherConfig, int routerLifetime, long reachableTime,
            long retransTimer, Optional<MacAddress> sourceLinkLayer, OptionalLong mtu, List<PrefixInformation> prefixes)
            implements Icmpv6Repr {
        public RouterAdvert {
            Bytes.requireUnsigned(currentHopLimit, 8, "current hop limit");
            Bytes.requireUnsigned(routerLifetime, 16, "router lifetime");
            Objects.requireNonNull(sourceLinkLayer, "sourceLinkLayer");
            Objects.requireNonNull(mtu, "mtu");
            prefixes = List.copyOf(prefixes);
        }

        @Override
        public int bufferLen() {
            return 16 + (sourceLinkLayer.isPresent() ? NdpOptions.LINK_LAYER_LEN : 0) + (mtu.isPresent() ? NdpOptions.MTU_LEN : 0)
                    + prefixes.size() * NdpOptions.PREFIX_INFORMATION_LEN;
        }

        @Override
        public void emitBody(Icmpv6Packet message) {
            message.setType(Icmpv6Packet.TYPE_ROUTER_ADVERT).setCode(0).setCurrentHopLimit(currentHopLimit)
                    .setRouterFlags(managed, otherConfig).setRouterLifetime(routerLifetime).setReachableTime(reachableTime)
                    .setRetransTimer(retransTimer);
            byte[] buf = message.buffer();
            int at = message.ndpOptionsOffset();
            if (sourceLinkLayer.isPresent()) {
                NdpOptions.writeLinkLayer(buf, at, NdpOptions.SOURCE_LINK_LAYER, sourceLinkLayer.get().bits());
                at += NdpOptions.LINK_LAYER_LEN;
            }
            if (mtu.isPresent()) {
                NdpOptions.writeMtu(buf, at, mtu.getAsLong());
                at += NdpOptions.MTU_LEN;
            }
            for (PrefixInformation p : prefixes) {
                NdpOptions.writePrefixInformation(buf, at, p.prefixLength(), p.onLink(), p.autonomous(), p.validLifetime(),
                        p.preferredLifetime(), p.prefix().high(), p.prefix().low());
                at += NdpOptions.PREFIX_INFORMATION_LEN;
            }
        }
    }

    /** Neighbor solicitation (RFC 4861 section 4.3); DAD's comes from :: and carries no link-layer address. */
    record NeighborSolicit(Ipv6Address target, Optional<MacAddress> sourceLinkLayer) implements Icmpv6Repr {
        public NeighborSolicit {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(sourceLinkLayer, "sourceLinkLayer");
        }

        @Override
        public int bufferLen() {
            return 24 + (sourceLinkLayer.isPresent() ? NdpOptions.LINK_LAYER_LEN : 0);
        }

        @Override
        public void emitBody(Icmpv6Packet message) {
            message.setType(Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT).setCode(0).setRestOfHeader(0)
                    .setTarget(target.high(), target.low());
            sourceLinkLayer.ifPresent(mac -> NdpOptions.writeLinkLayer(message.buffer(), message.ndpOptionsOffset(),
                    NdpOptions.SOURCE_LINK_LAYER, mac.bits()));
        }
    }

    /** Neighbor advertisement (RFC 4861 section 4.4). */
    record NeighborAdvert(boolean router, boolean solicited, boolean override, Ipv6Address target,
            Optional<MacAddress> targetLinkLayer) implements Icmpv6Repr {
        public NeighborAdvert {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(targetLinkLayer, "targetLinkLayer");
        }

        @Override
        public int bufferLen() {
            return 24 + (targetLinkLayer.isPresent() ? NdpOptions.LINK_LAYER_LEN : 0);
        }

        @Override
        public void emitBody(Icmpv6Packet message) {
            message.setType(Icmpv6Packet.TYPE_NEIGHBOR_ADVERT).setCode(0).setAdvertFlags(router, solicited, override)
                    .setTarget(target.high(), target.low());
            targetLinkLayer.ifPresent(mac -> NdpOptions.writeLinkLayer(message.buffer(), message.ndpOptionsOffset(),
                    NdpOptions.TARGET_LINK_LAYER, mac.bits()));
        }
    }

    /** Redirect (RFC 4861 section 4.5): packets to {@code destination} are better sent to {@code target}. */
    record Redirect(Ipv6Address target, Ipv6Address destination, Optional<MacAddress> targetLinkLayer)
            implements Icmpv6Repr {
        public Redirect {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(targetLinkLayer, "targetLinkLayer");
        }

        @Override
        public int bufferLen() {
            return 40 + (targetLinkLayer.isPresent() ? NdpOptions.LINK_LAYER_LEN : 0);
        }

        @Override
        public void emitBody(Icmpv6Packet message) {
            message.setType(Icmpv6Packet.TYPE_REDIRECT).setCode(0).setRestOfHeader(0).setTarget(target.high(), target.low())
                    .setRedirectDestination(destination.high(), destination.low());
            targetLinkLayer.ifPresent(mac -> NdpOptions.writeLinkLayer(message.buffer(), message.ndpOptionsOffset(),
                    NdpOptions.TARGET_LINK_LAYER, mac.bits()));
        }
    }

    /**
     * Parses {@code message}, carried in {@code ip}: the fixed part of its type, the checksum
     * over the pseudo-header, and for NDP the options (RFC 4861 section 4.6). Other NDP checks
     * (hop limit 255, code 0, RFC 4861 sections 6.1 and 7.1.1) are the receiver's, which knows
     * what it does with an invalid one.
     *
     * @throws WireException TRUNCATED, BAD_CHECKSUM, BAD_NDP_OPTION, or UNSUPPORTED for a type not listed here
     */
    static Icmpv6Repr parse(Ipv6Packet ip, Icmpv6Packet message) throws WireException {
        message.validate();
        int pseudo = ip.pseudoHeaderSum(IpProtocol.ICMPV6.value(), message.length());
        if (!message.verifyChecksum(pseudo)) {
            throw new WireException(WireError.BAD_CHECKSUM, "ICMPv6: bad checksum " + Hex.field16(message.checksum())
                    + ", should be " + Hex.field16(message.expectedChecksum(pseudo)));
        }
        byte[] buf = message.buffer();
        int type = message.type();
        switch (type) {
            case Icmpv6Packet.TYPE_ECHO_REQUEST:
                return new EchoRequest(message.echoIdentifier(), message.echoSequence(),
                        Octets.copyOf(buf, message.dataOffset(), message.dataLength()));
            case Icmpv6Packet.TYPE_ECHO_REPLY:
                return new EchoReply(message.echoIdentifier(), message.echoSequence(),
                        Octets.copyOf(buf, message.dataOffset(), message.dataLength()));
            case Icmpv6Packet.TYPE_DST_UNREACHABLE:
            case Icmpv6Packet.TYPE_TIME_EXCEEDED:
                return new Error(type, message.code(), 0, Octets.copyOf(buf, message.dataOffset(), message.dataLength()));
            case Icmpv6Packet.TYPE_PACKET_TOO_BIG:
                return new Error(type, message.code(), message.mtu(), Octets.copyOf(buf, message.dataOffset(), message.dataLength()));
            case Icmpv6Packet.TYPE_PARAM_PROBLEM:
                return new Error(type, message.code(), message.pointer(), Octets.copyOf(buf, message.dataOffset(), message.dataLength()));
            default:
                break;
        }
        if (!message.isNdp()) {
            throw new WireException(WireError.UNSUPPORTED, "ICMPv6: type " + type + " (" + Icmpv6Names.type(type) + ") not spoken here");
        }
        NdpOptions options = new NdpOptions().wrap(message);
        if (options.check() != null) {
            throw new WireException(WireError.BAD_NDP_OPTION, options.explain());
        }
        Optional<MacAddress> source = linkLayer(options, NdpOptions.SOURCE_LINK_LAYER);
        switch (type) {
            case Icmpv6Packet.TYPE_ROUTER_SOLICIT:
                return new RouterSolicit(source);
            case Icmpv6Packet.TYPE_ROUTER_ADVERT: {
                int mtuAt = options.find(NdpOptions.MTU);
                OptionalLong mtu = mtuAt >= 0 && lengthAt(buf, mtuAt) == NdpOptions.MTU_LEN
                        ? OptionalLong.of(NdpOptions.mtu(buf, mtuAt)) : OptionalLong.empty();
                List<PrefixInformation> prefixes = new ArrayList<>();
                while (options.next()) {
                    int at = options.at();
                    if (options.type() == NdpOptions.PREFIX_INFORMATION && options.length() == NdpOptions.PREFIX_INFORMATION_LEN
                            && NdpOptions.prefixLength(buf, at) <= 128) {
                        prefixes.add(new PrefixInformation(Ipv6Address.read(buf, at + 16), NdpOptions.prefixLength(buf, at),
                                NdpOptions.onLink(buf, at), NdpOptions.autonomous(buf, at), NdpOptions.validLifetime(buf, at),
                                NdpOptions.preferredLifetime(buf, at)));
                    }
                }
                return new RouterAdvert(message.currentHopLimit(), message.managed(), message.otherConfig(),
                        message.routerLifetime(), message.reachableTime(), message.retransTimer(), source, mtu, prefixes);
            }
            case Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT:
                return new NeighborSolicit(Ipv6Address.read(buf, message.targetOffset()), source);
            case Icmpv6Packet.TYPE_NEIGHBOR_ADVERT:
                return new NeighborAdvert(message.routerFlag(), message.solicitedFlag(), message.overrideFlag(),
                        Ipv6Address.read(buf, message.targetOffset()), linkLayer(options, NdpOptions.TARGET_LINK_LAYER));
            default:
                return new Redirect(Ipv6Address.read(buf, message.targetOffset()),
                        Ipv6Address.read(buf, message.redirectDestinationOffset()), linkLayer(options, NdpOptions.TARGET_LINK_LAYER));
        }
    }

    private static int lengthAt(byte[] buf, int option) {
        return Bytes.u8(buf, option + 1) * 8;
    }

    /** The Ethernet address of the first option of {@code type}; a link-layer option of another length is not Ethernet's and is ignored. */
    private static Optional<MacAddress> linkLayer(NdpOptions options, int type) {
        int at = options.find(type);
        byte[] buf = options.buffer();
        return at >= 0 && lengthAt(buf, at) == NdpOptions.LINK_LAYER_LEN
                ? Optional.of(MacAddress.of(NdpOptions.linkLayerAddress(buf, at))) : Optional.empty();
    }
}
