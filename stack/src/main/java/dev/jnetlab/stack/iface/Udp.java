package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.socket.OutgoingDatagrams;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.wire.Checksum;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.UdpPacket;
import dev.jnetlab.stack.wire.WireError;

/**
 * The interface's UDP (RFC 768): datagrams to and from the {@link UdpSocket}s, straight
 * between the socket's buffer and the frame; a datagram no socket takes gets a port
 * unreachable ({@link Icmpv4#error}).
 */
final class Udp {
    /** The code of port unreachable in a destination unreachable message (RFC 792). */
    private static final int PORT_UNREACHABLE = 3;

    private final InterfaceCounters counters;
    private final Transmitter tx;
    private final TransmitRequest request;
    private final Icmpv4 icmpv4;
    private final UdpPacket udp = new UdpPacket();
    private final UdpPacket udpOut = new UdpPacket();

    Udp(InterfaceCounters counters, Transmitter tx, TransmitRequest request, Icmpv4 icmpv4) {
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
}
