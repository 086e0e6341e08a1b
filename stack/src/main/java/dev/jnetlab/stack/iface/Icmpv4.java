package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.OutgoingDatagrams;
import dev.jnetlab.stack.wire.Checksum;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.WireError;

/**
 * The interface's ICMP (RFC 792, RFC 1122 section 3.2.2): answers echo requests with the
 * request's data (switchable; broadcast requests ignored by default); makes the errors the
 * other protocols ask for (port and protocol unreachable, reassembly time exceeded),
 * rate-limited ({@link IcmpRateLimiter}) and never about an ICMP error, a broadcast or
 * multicast, a non-first fragment or a source that is not one host; delivers echo replies
 * and errors about echo requests to the {@link IcmpSocket} of their identifier, and errors
 * about a TCP segment to {@link Tcp}; sends the sockets' echo requests, those to an IPv6
 * address through {@link Ipv6} (one queue per socket holds both families, in order).
 */
final class Icmpv4 {
    /** Room for an error this interface tells its own sockets of: ICMP header, IPv4 header, 8 octets. */
    private static final int LOCAL_ERROR_LEN = Icmpv4Packet.HEADER_LEN + 60 + 8;
    /** Source quench, deprecated (RFC 6633) but still an error. */
    private static final int TYPE_SOURCE_QUENCH = 4;
    /** The highest type RFC 792 and RFC 950 define; Linux takes any above as an error too. */
    private static final int TYPE_LAST_KNOWN = 18;

    private final InterfaceCounters counters;
    private final Routes routes;
    private final Transmitter tx;
    private final TransmitRequest request;
    private final IcmpRateLimiter rateLimiter;
    private final Tcp tcp;
    private final Ipv6 ipv6;
    private boolean echoReplies;
    private boolean broadcastEchoReplies;

    private final Icmpv4Packet icmp = new Icmpv4Packet();
    private final Icmpv4Packet icmpOut = new Icmpv4Packet();
    private final Icmpv4Packet quotedIcmp = new Icmpv4Packet();
    private final Ipv4Packet quoted = new Ipv4Packet();
    private final byte[] localError = new byte[LOCAL_ERROR_LEN];

    Icmpv4(InterfaceCounters counters, Routes routes, Transmitter tx, TransmitRequest request,
           IcmpRateLimiter rateLimiter, Tcp tcp, Ipv6 ipv6, InterfaceConfig config) {
        this.counters = counters;
        this.routes = routes;
        this.tx = tx;
        this.request = request;
        this.rateLimiter = rateLimiter;
        this.tcp = tcp;
        this.ipv6 = ipv6;
        this.echoReplies = config.echoReplies();
        this.broadcastEchoReplies = config.broadcastEchoReplies();
    }

    /** Takes the ICMP message in the checked datagram {@code ip}; returns the echo reply to send, or null. */
    TransmitRequest receive(long now, SocketSet sockets, Ipv4Packet ip, boolean broadcast) {
        WireError reason = icmp.wrap(ip.buffer(), ip.payloadOffset(), ip.payloadLength()).check();
        if (reason == null && tx.checksums().icmpv4().rx() && !icmp.verifyChecksum()) {
            reason = WireError.BAD_CHECKSUM;
        }
        if (reason != null) {
            counters.drop(reason);
            return null;
        }
        switch (icmp.type()) {
            case Icmpv4Packet.TYPE_ECHO_REQUEST:
                counters.add(InterfaceCounter.ICMP_ECHO_REQUESTS_IN);
                if (!echoReplies || broadcast && !broadcastEchoReplies) {
                    counters.add(InterfaceCounter.ICMP_ECHO_REQUESTS_IGNORED);
                    return null;
                }
                return echoReply(ip, broadcast);
            case Icmpv4Packet.TYPE_ECHO_REPLY:
                counters.add(InterfaceCounter.ICMP_ECHO_REPLIES_IN);
                deliver(sockets.findIcmp(icmp.echoIdentifier()), ip);
                return null;
            case Icmpv4Packet.TYPE_DST_UNREACHABLE:
            case Icmpv4Packet.TYPE_TIME_EXCEEDED:
            case Icmpv4Packet.TYPE_PARAM_PROBLEM:
            case Icmpv4Packet.TYPE_REDIRECT:
                counters.add(InterfaceCounter.ICMP_ERRORS_IN);
                receiveError(now, sockets, ip);
                return null;
            default:
                counters.drop(WireError.UNSUPPORTED);
                return null;
        }
    }

    /**
     * An error about one of our echo requests goes to the socket of the request's identifier;
     * one about a TCP segment to {@link Tcp}.
     */
    private void receiveError(long now, SocketSet sockets, Ipv4Packet ip) {
        WireError reason = quoted.wrap(icmp.buffer(), icmp.dataOffset(), icmp.dataLength()).checkHeader();
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        if (quoted.fragmentOffset() != 0 || quoted.payloadLength() < Icmpv4Packet.HEADER_LEN
                || !routes.isOurAddress(quoted.source())) {
            return; // about something no socket here sent
        }
        if (quoted.protocolValue() == IpProtocol.TCP.value()) {
            tcp.receiveIcmpError(now, sockets, icmp, ip.source(), quoted);
            return;
        }
        if (quoted.protocolValue() != IpProtocol.ICMP.value()) {
            return;
        }
        quotedIcmp.wrap(quoted.buffer(), quoted.payloadOffset(), Icmpv4Packet.HEADER_LEN);
        if (quotedIcmp.type() != Icmpv4Packet.TYPE_ECHO_REQUEST) {
            return;
        }
        deliver(sockets.findIcmp(quotedIcmp.echoIdentifier()), ip);
    }

    private void deliver(IcmpSocket socket, Ipv4Packet ip) {
        if (socket == null) {
            counters.add(InterfaceCounter.DROP_NO_SOCKET);
        } else if (!socket.deliver(ip.source(), ip.destination(), ip.ttl(), icmp.buffer(), icmp.offset(), icmp.length())) {
            counters.add(InterfaceCounter.DROP_SOCKET_BUFFER_FULL);
        }
    }

    /** The reply carries the request's identifier, sequence number and data, octet for octet (RFC 792). */
    private TransmitRequest echoReply(Ipv4Packet ip, boolean broadcast) {
        request.datagram(broadcast ? 0 : ip.destination(), ip.source(), IpProtocol.ICMP, Ipv4Packet.DEFAULT_TTL, false)
                .headLength(Icmpv4Packet.HEADER_LEN).body(icmp.buffer(), icmp.dataOffset(), icmp.dataLength())
                .countedAs(InterfaceCounter.ICMP_ECHO_REPLIES_OUT);
        icmpOut.wrap(request.head(), 0, Icmpv4Packet.HEADER_LEN).setType(Icmpv4Packet.TYPE_ECHO_REPLY).setCode(0)
                .setChecksum(0).setRestOfHeader(icmp.restOfHeader());
        return withChecksum();
    }

    /** Fills the checksum of the ICMP header in {@link #icmpOut}, over it and the request's body. */
    private TransmitRequest withChecksum() {
        icmpOut.setChecksum(tx.checksums().icmpv4().tx() ? Checksum.finish(request.transportSum()) : 0);
        return request;
    }

    /**
     * The ICMP error about {@code original} (a whole datagram, or the first fragment of one)
     * to send, or null if RFC 1122 section 3.2.2 forbids it or the rate limit holds it back.
     * It quotes as much of the datagram as fits in {@link Interface#MAX_ICMP_ERROR} octets.
     */
    TransmitRequest error(long now, int type, int code, int restOfHeader, Ipv4Packet original, boolean broadcast) {
        int destination = original.destination();
        if (broadcast || destination == -1 || Ipv4Address.isMulticast(destination)
                || routes.isDirectedBroadcast(destination) || original.fragmentOffset() != 0
                || !routes.isUnicastHost(original.source(), false) || isError(original)) {
            counters.add(InterfaceCounter.ICMP_ERRORS_SUPPRESSED);
            return null;
        }
        if (!rateLimiter.tryTake(now)) {
            counters.add(InterfaceCounter.ICMP_ERRORS_RATE_LIMITED);
            return null;
        }
        int quote = Math.min(original.headerLength() + original.payloadLength(),
                Interface.MAX_ICMP_ERROR - Ipv4Packet.HEADER_LEN - Icmpv4Packet.HEADER_LEN);
        request.datagram(routes.isOurAddress(destination) ? destination : 0, original.source(), IpProtocol.ICMP,
                        Ipv4Packet.DEFAULT_TTL, false)
                .headLength(Icmpv4Packet.HEADER_LEN).body(original.buffer(), original.offset(), quote)
                .countedAs(InterfaceCounter.ICMP_ERRORS_OUT);
        icmpOut.wrap(request.head(), 0, Icmpv4Packet.HEADER_LEN).setType(type).setCode(code).setChecksum(0)
                .setRestOfHeader(restOfHeader);
        return withChecksum();
    }

    /**
     * Whether a datagram is an ICMP error message (or of a type unknown to ICMP, which Linux
     * also treats as one): no error is ever sent about an error (RFC 1122 section 3.2.2).
     */
    private boolean isError(Ipv4Packet datagram) {
        if (datagram.protocolValue() != IpProtocol.ICMP.value() || datagram.payloadLength() < 1) {
            return false;
        }
        int type = quotedIcmp.wrap(datagram.buffer(), datagram.payloadOffset(), 1).type();
        return type == Icmpv4Packet.TYPE_DST_UNREACHABLE || type == TYPE_SOURCE_QUENCH || type == Icmpv4Packet.TYPE_REDIRECT
                || type == Icmpv4Packet.TYPE_TIME_EXCEEDED || type == Icmpv4Packet.TYPE_PARAM_PROBLEM
                || type > TYPE_LAST_KNOWN;
    }

    /**
     * An echo request that waited for ARP in vain ({@code lost}, its header checked): its
     * socket is told as Linux tells ping, "Destination Host Unreachable" from this host's own
     * address (RFC 1122 section 2.3.2.1 lets a host report the failure).
     */
    void resolutionFailed(SocketSet sockets, Ipv4Packet lost) {
        quotedIcmp.wrap(lost.buffer(), lost.payloadOffset(), Icmpv4Packet.HEADER_LEN);
        if (quotedIcmp.type() != Icmpv4Packet.TYPE_ECHO_REQUEST) {
            return;
        }
        IcmpSocket socket = sockets.findIcmp(quotedIcmp.echoIdentifier());
        if (socket == null) {
            return;
        }
        int quoteLen = lost.headerLength() + 8;
        int messageLen = Icmpv4Packet.HEADER_LEN + quoteLen;
        System.arraycopy(lost.buffer(), lost.offset(), localError, Icmpv4Packet.HEADER_LEN, quoteLen);
        icmpOut.wrap(localError, 0, messageLen).setType(Icmpv4Packet.TYPE_DST_UNREACHABLE).setCode(1)
                .setChecksum(0).setRestOfHeader(0).fillChecksum();
        socket.deliver(lost.source(), lost.source(), Ipv4Packet.DEFAULT_TTL, localError, 0, messageLen);
    }

    /** Sends the sockets' queued echo requests while the device takes them. */
    boolean dispatch(SocketSet set) {
        boolean did = false;
        for (int i = 0; i < set.icmpCount(); i++) {
            IcmpSocket socket = set.icmpAt(i);
            OutgoingDatagrams outgoing = socket.outgoing();
            while (!outgoing.isEmpty()) {
                if (tx.shouldYield()) {
                    return did;
                }
                did = true;
                if (outgoing.isIpv6()) {
                    TransmitResult result = ipv6.sendEcho(outgoing.high(), outgoing.low(), socket.identifier(), outgoing.tag(),
                            outgoing.ttl(), outgoing.array(), outgoing.offset(), outgoing.length());
                    if (result == TransmitResult.REFUSED) {
                        return did;
                    }
                    if (result == TransmitResult.SENT || result == TransmitResult.QUEUED) {
                        socket.outgoingSent();
                    } else {
                        socket.outgoingDropped();
                    }
                    continue;
                }
                request.datagram(0, outgoing.address(), IpProtocol.ICMP, outgoing.ttl(), outgoing.dontFragment())
                        .headLength(Icmpv4Packet.HEADER_LEN).body(outgoing.array(), outgoing.offset(), outgoing.length());
                icmpOut.wrap(request.head(), 0, Icmpv4Packet.HEADER_LEN).setType(Icmpv4Packet.TYPE_ECHO_REQUEST)
                        .setCode(0).setChecksum(0).setEchoIdentifier(socket.identifier()).setEchoSequence(outgoing.tag());
                withChecksum();
                TransmitResult result = tx.send(request);
                if (result == TransmitResult.REFUSED) {
                    return did;
                }
                if (tx.went(result)) {
                    counters.add(InterfaceCounter.ICMP_ECHO_REQUESTS_OUT);
                    socket.outgoingSent();
                } else {
                    socket.outgoingDropped();
                }
            }
        }
        return did;
    }

    boolean echoReplies() {
        return echoReplies;
    }

    void setEchoReplies(boolean answer) {
        this.echoReplies = answer;
    }

    boolean broadcastEchoReplies() {
        return broadcastEchoReplies;
    }

    void setBroadcastEchoReplies(boolean answer) {
        this.broadcastEchoReplies = answer;
    }
}
