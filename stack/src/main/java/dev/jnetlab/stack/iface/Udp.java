package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.socket.OutgoingDatagrams;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.wire.Checksum;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.UdpPacket;
import dev.jnetlab.stack.wire.WireError;

/**
 * The interface's UDP (RFC 768): datagrams to and from the {@link UdpSocket}s, straight
 * between the socket's buffer and the frame; a datagram no socket takes gets a port
 * unreachable ({@link Icmpv4#error}). Over IPv6 the same sockets (those bound to every
 * address) take and send datagrams through {@link Ipv6}, with the checksum over IPv6's
 * pseudo-header that RFC 8200 section 8.1 makes mandatory.
 */
final class Udp {
    /** The code of port unreachable in a destination unreachable message (RFC 792). */
    private static final int PORT_UNREACHABLE = 3;

    private final InterfaceCounters counters;
    private final Transmitter tx;
    private final TransmitRequest request;
    private final Icmpv4 icmpv4;
    private final Ipv6 ipv6;
    private final UdpPacket udp = new UdpPacket();
    private final UdpPacket udpOut = new UdpPacket();

    Udp(InterfaceCounters counters, Transmitter tx, TransmitRequest request, Icmpv4 icmpv4, Ipv6 ipv6) {
        this.ipv6 = ipv6;
        this.counters = counters;
        this.tx = tx;
        this.request = request;
        this.icmpv4 = icmpv4;
    }

    /**
     * Takes the datagram in the checked IPv4 datagram {@code ip}; returns the port unreachable
     * to send, or null. {@code vouched}: the device vouched for the checksum, which is then not
     * verified.
     */
    TransmitRequest receive(long now, SocketSet sockets, Ipv4Packet ip, boolean broadcast, boolean vouched) {
        WireError reason = udp.wrap(ip.buffer(), ip.payloadOffset(), ip.payloadLength()).check();
        if (reason == null && tx.checksums().udp().rx() && !vouched
                && !udp.verifyChecksum(ip.source(), ip.destination())) {
            reason = WireError.BAD_CHECKSUM;
        }
        if (reason != null) {
            counters.drop(reason);
            return null;
        }
        counters.add(InterfaceCounter.UDP_IN);
        UdpSocket socket = sockets.findUdp(ip.destination(), udp.dstPort(), broadcast);
        if (socket == null) {
            counters.add(InterfaceCounter.DROP_NO_SOCKET);
            return icmpv4.error(now, Icmpv4Packet.TYPE_DST_UNREACHABLE, PORT_UNREACHABLE, 0, ip, broadcast);
        }
        if (!socket.deliver(ip.source(), udp.srcPort(), ip.destination(), udp.buffer(), udp.payloadOffset(),
                udp.payloadLength())) {
            counters.add(InterfaceCounter.DROP_SOCKET_BUFFER_FULL);
        }
        return null;
    }

    /**
     * Takes the datagram at {@code offset} of {@code length} octets in the checked IPv6 packet
     * {@code ip}. Returns false when no socket has its port, so that the caller answers with a
     * port unreachable; true when it was delivered or dropped for another reason (counted).
     * A socket bound to its destination takes it, else one bound to every address (a datagram
     * to a group, only the latter).
     */
    boolean receive6(SocketSet sockets, Ipv6Packet ip, int offset, int length, boolean vouched) {
        WireError reason = udp.wrap(ip.buffer(), offset, length).check();
        if (reason == null && tx.checksums().udp().rx() && !vouched
                && !udp.verifyChecksumIpv6(ip.pseudoHeaderSum(IpProtocol.UDP.value(), length))) {
            reason = WireError.BAD_CHECKSUM;
        }
        if (reason != null) {
            counters.drop(reason);
            return true;
        }
        counters.add(InterfaceCounter.UDP_IN);
        UdpSocket socket = sockets.findUdp6(ip.destinationHigh(), ip.destinationLow(), udp.dstPort(),
                Ipv6Address.isMulticast(ip.destinationHigh()));
        if (socket == null) {
            counters.add(InterfaceCounter.DROP_NO_SOCKET);
            return false; // the error is not sent about a packet to a group, and counted so there
        }
        if (!socket.deliver6(ip.sourceHigh(), ip.sourceLow(), udp.srcPort(), ip.destinationHigh(), ip.destinationLow(),
                udp.buffer(), udp.payloadOffset(), udp.payloadLength())) {
            counters.add(InterfaceCounter.DROP_SOCKET_BUFFER_FULL);
        }
        return true;
    }

    /** A datagram that waited for ARP in vain ({@code lost}, its header checked): its socket counts it. */
    void resolutionFailed(SocketSet sockets, Ipv4Packet lost) {
        int port = udp.wrap(lost.buffer(), lost.payloadOffset(), UdpPacket.HEADER_LEN).srcPort();
        UdpSocket socket = sockets.findUdp(lost.source(), port, false);
        if (socket != null) {
            socket.noteSendDropped();
        }
    }

    /** Sends the sockets' queued datagrams while the device takes them. */
    boolean dispatch(SocketSet set) {
        boolean did = false;
        for (int i = 0; i < set.udpCount(); i++) {
            UdpSocket socket = set.udpAt(i);
            OutgoingDatagrams outgoing = socket.outgoing();
            while (!outgoing.isEmpty()) {
                if (tx.shouldYield()) {
                    return did;
                }
                did = true;
                if (outgoing.isIpv6()) {
                    TransmitResult result = send6(socket, outgoing);
                    if (result == TransmitResult.REFUSED) {
                        return did;
                    }
                    if (result == TransmitResult.SENT || result == TransmitResult.QUEUED) {
                        counters.add(InterfaceCounter.UDP_OUT);
                        socket.outgoingSent();
                    } else {
                        counters.add(result == TransmitResult.QUEUE_FULL ? InterfaceCounter.DROP_NDP_QUEUE_FULL
                                : result == TransmitResult.TOO_BIG ? InterfaceCounter.DROP_TOO_BIG_DONT_FRAGMENT
                                : InterfaceCounter.DROP_NO_ROUTE);
                        socket.outgoingDropped();
                    }
                    continue;
                }
                int remote = outgoing.address();
                int length = outgoing.length();
                int source = socket.localAddressBits();
                if (source == 0) {
                    // Needed now for the checksum's pseudo-header; no source means no route,
                    // which the transmitter reports below.
                    source = tx.sourceFor(remote);
                }
                int datagramLength = UdpPacket.HEADER_LEN + length;
                request.datagram(source, remote, IpProtocol.UDP, outgoing.ttl(), outgoing.dontFragment())
                        .headLength(UdpPacket.HEADER_LEN).body(outgoing.array(), outgoing.offset(), length);
                udpOut.wrap(request.head(), 0, UdpPacket.HEADER_LEN).setSrcPort(socket.localPort())
                        .setDstPort(outgoing.tag()).setDatagramLength(datagramLength).setChecksum(0);
                if (tx.checksums().udp().tx()) {
                    int sum = Checksum.add(Checksum.pseudoHeader(source, remote, IpProtocol.UDP.value(), datagramLength),
                            request.transportSum());
                    int checksum = Checksum.finish(sum);
                    udpOut.setChecksum(checksum == 0 ? 0xFFFF : checksum); // RFC 768: 0 means none
                }
                TransmitResult result = tx.send(request);
                if (result == TransmitResult.REFUSED) {
                    return did;
                }
                if (tx.went(result)) {
                    counters.add(InterfaceCounter.UDP_OUT);
                    socket.outgoingSent();
                } else {
                    socket.outgoingDropped();
                }
            }
        }
        return did;
    }

    /**
     * Writes the front datagram of {@code outgoing}, to an IPv6 address, into the IPv6 side's
     * frame from the socket's address, or the one RFC 6724 picks when it is bound to every address, and sends it through the neighbor cache
     * (held while NDP asks), in fragments when it is larger than the path MTU.
     */
    private TransmitResult send6(UdpSocket socket, OutgoingDatagrams outgoing) {
        long dstH = outgoing.high();
        long dstL = outgoing.low();
        int datagramLength = UdpPacket.HEADER_LEN + outgoing.length();
        int frameLength = EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + datagramLength;
        long srcH = socket.boundHigh();
        long srcL = socket.boundLow();
        if (!socket.isBoundToIpv6()) {
            int source = ipv6.addresses.sourceFor(dstH, dstL);
            if (source < 0) {
                return TransmitResult.NO_ROUTE;
            }
            srcH = ipv6.addresses.high(source);
            srcL = ipv6.addresses.low(source);
        }
        int at = ipv6.header(srcH, srcL, dstH, dstL, outgoing.ttl(), IpProtocol.UDP.value(), datagramLength);
        System.arraycopy(outgoing.array(), outgoing.offset(), ipv6.out, at + UdpPacket.HEADER_LEN, outgoing.length());
        udpOut.wrap(ipv6.out, at, datagramLength).setSrcPort(socket.localPort()).setDstPort(outgoing.tag())
                .setDatagramLength(datagramLength)
                .fillChecksumIpv6(ipv6.outIp().pseudoHeaderSum(IpProtocol.UDP.value(), datagramLength));
        return ipv6.transmitUnicast(dstH, dstL, frameLength);
    }
}
