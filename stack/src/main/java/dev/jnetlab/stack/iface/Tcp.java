package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.socket.tcp.DeadlineHeap;
import dev.jnetlab.stack.socket.tcp.IcmpError;
import dev.jnetlab.stack.socket.tcp.TcpHandler;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.stack.wire.TcpRepr;
import dev.jnetlab.stack.wire.WireError;

/**
 * The glue between the interface and the TCP sockets of a {@link SocketSet}: a received
 * segment is checked, parsed into one reused {@link TcpRepr} and given
 * to the handler {@link SocketSet#findTcp} names; its immediate answer (or the reset of RFC
 * 9293 section 3.10.7.1 when no handler takes it) goes out from inside the receive. Unlike the
 * other protocols' replies it is sent here rather than returned, because the socket must
 * learn whether it went. On the
 * way out, every handler is asked for segments while it has one, and each goes through
 * {@link Transmitter#sendTcp}; what goes wrong how is said in {@link Interface}'s class
 * comment. Errors ICMP reports about a segment reach the connection here too.
 */
final class Tcp {
    /** What an ICMP error quotes of a segment at least, and all TCP needs of it: the ports and the sequence number (RFC 792, RFC 4443 section 3.2). */
    static final int QUOTED_SEGMENT = 8;

    private final InterfaceCounters counters;
    private final NeighborCache neighbors;
    private final Transmitter tx;
    private final TransmitRequest request;
    private final ArpWaiters arpWaiters;
    private final Ipv6 ipv6;

    private final TcpPacket tcp = new TcpPacket();
    private final TcpPacket tcpOut = new TcpPacket();
    private final TcpPacket quotedTcp = new TcpPacket();
    private final TcpRepr segmentIn = new TcpRepr();
    private final TcpRepr segmentOut = new TcpRepr();
    private final TcpRepr reply = new TcpRepr();
    /** Whether the dispatch pass in progress sent or committed anything. */
    private boolean dispatched;

    Tcp(InterfaceCounters counters, NeighborCache neighbors, Transmitter tx, TransmitRequest request, Ipv6 ipv6) {
        this.ipv6 = ipv6;
        this.counters = counters;
        this.neighbors = neighbors;
        this.tx = tx;
        this.request = request;
        this.arpWaiters = new ArpWaiters(neighbors);
    }

    /**
     * Takes the segment in the checked datagram {@code ip} and sends the answer, if any.
     * {@code vouched}: the device vouched for the checksum, which is then not verified.
     */
    void receive(long now, SocketSet sockets, Ipv4Packet ip, boolean broadcast, boolean vouched) {
        WireError reason = tcp.wrap(ip.buffer(), ip.payloadOffset(), ip.payloadLength()).check();
        if (reason == null && tx.checksums().tcp().rx() && !vouched
                && !tcp.verifyChecksum(ip.source(), ip.destination())) {
            reason = WireError.BAD_CHECKSUM;
        }
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        counters.add(InterfaceCounter.TCP_IN);
        if (broadcast) {
            // RFC 1122 section 4.2.3.10: TCP is unicast only; no listener takes it, no reset answers it.
            counters.add(InterfaceCounter.DROP_NOT_FOR_US);
            return;
        }
        int local = ip.destination();
        int remote = ip.source();
        segmentIn.parse(tcp, remote, local);
        sockets.expireTimeWaits(now);
        TcpHandler handler = sockets.findTcp(local, remote, segmentIn);
        if (handler == null) {
            counters.add(InterfaceCounter.DROP_NO_SOCKET);
            // The reset of RFC 9293 section 3.10.7.1 (state CLOSED); never one for a reset.
            if (TcpSocket.resetFor(local, remote, segmentIn, reply)) {
                tx.sendReply(replyTo(ip, reply).countedAs(InterfaceCounter.TCP_OUT, InterfaceCounter.TCP_RESETS_OUT));
            }
            return;
        }
        if (handler.process(now, local, remote, segmentIn, reply)
                && tx.sendReply(replyTo(ip, reply).countedAs(InterfaceCounter.TCP_OUT))) {
            handler.replied(now, reply); // the socket commits its answer only once it went
        }
        if (handler instanceof TcpSocket socket) {
            sockets.tcpDeadlines().changed(socket); // what arrived may make it due, or move its timers
            sockets.noteTcpActivity(socket); // and its owner may have something to read, or room to write
        }
        segmentIn.clear(); // the payload was lent for the call only
    }

    /**
     * Takes the segment at {@code offset} of {@code length} octets in the checked IPv6 packet
     * {@code ip} and sends the answer, if any, as {@link #receive} does over IPv4: the checksum
     * over IPv6's pseudo-header (RFC 8200 section 8.1) unless the device vouched for it, the
     * socket found by the addresses' folds and then the whole addresses, the reset of RFC 9293
     * section 3.10.7.1 for a closed port. {@code toGroup}: sent to a multicast group, which TCP
     * never takes.
     */
    void receive6(long now, SocketSet sockets, Ipv6Packet ip, int offset, int length, boolean toGroup, boolean vouched) {
        WireError reason = tcp.wrap(ip.buffer(), offset, length).check();
        if (reason == null && tx.checksums().tcp().rx() && !vouched
                && !tcp.verifyChecksumIpv6(ip.pseudoHeaderSum(IpProtocol.TCP.value(), length))) {
            reason = WireError.BAD_CHECKSUM;
        }
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        counters.add(InterfaceCounter.TCP_IN);
        if (toGroup) {
            counters.add(InterfaceCounter.DROP_NOT_FOR_US);
            return;
        }
        long srcH = ip.sourceHigh();
        long srcL = ip.sourceLow();
        long dstH = ip.destinationHigh();
        long dstL = ip.destinationLow();
        int local = Ipv6Address.fold(dstH, dstL);
        int remote = Ipv6Address.fold(srcH, srcL);
        segmentIn.parse(tcp, remote, local).ipv6Addresses(srcH, srcL, dstH, dstL);
        sockets.expireTimeWaits(now);
        TcpHandler handler = sockets.findTcp(local, remote, segmentIn);
        if (handler == null) {
            counters.add(InterfaceCounter.DROP_NO_SOCKET);
            if (TcpSocket.resetFor(local, remote, segmentIn, reply) && went6(sendIpv6(null, reply))) {
                counters.add(InterfaceCounter.TCP_OUT);
                counters.add(InterfaceCounter.TCP_RESETS_OUT);
            }
            segmentIn.clear();
            return;
        }
        if (handler.process(now, local, remote, segmentIn, reply) && went6(sendIpv6(null, reply))) {
            counters.add(InterfaceCounter.TCP_OUT);
            handler.replied(now, reply);
        }
        if (handler instanceof TcpSocket socket) {
            sockets.tcpDeadlines().changed(socket); // as over IPv4: its timers may have moved
            sockets.noteTcpActivity(socket); // and its owner may have something to read, or room to write
        }
        segmentIn.clear(); // the payload was lent for the call only
    }

    /** Whether an answer over IPv6 went (or waits for NDP); if not, counts why. */
    private boolean went6(TransmitResult result) {
        switch (result) {
            case SENT, QUEUED:
                return true;
            case QUEUE_FULL:
                counters.add(InterfaceCounter.DROP_NDP_QUEUE_FULL);
                return false;
            case TOO_BIG:
                counters.add(InterfaceCounter.DROP_TOO_BIG_DONT_FRAGMENT);
                return false;
            case REFUSED:
                return false; // counted by the transmit
            default:
                counters.add(InterfaceCounter.DROP_NO_ROUTE);
                return false;
        }
    }

    /**
     * Writes {@code segment} as an IPv6 packet from and to the addresses it carries (hop limit
     * the interface's, RFC 8200 section 3) into the IPv6 side's frame, its payload copied by
     * {@code handler} from its send queue (none for an answer), the checksum over IPv6's
     * pseudo-header, and sends it through the neighbor cache, which holds it while NDP asks
     * when the neighbor is not known yet: then the segment counts as sent, and the socket's
     * retransmission covers it if the answer never comes. A connection over IPv6 sizes its
     * segments to the MTU less 60 and does not use the device's TSO, so a segment fits the link;
     * one larger than a path MTU a Packet Too Big lowered goes in fragments.
     */
    private TransmitResult sendIpv6(TcpHandler handler, TcpRepr segment) {
        int tcpLength = segment.headerLength() + segment.payloadLength();
        int frameLength = EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + tcpLength;
        if (frameLength - EthernetFrame.HEADER_LEN > ipv6.linkMtu()) {
            return TransmitResult.TOO_BIG;
        }
        if (!ipv6.isUsableSource(segment.sourceHigh(), segment.sourceLow())) {
            return TransmitResult.NO_ROUTE;
        }
        int at = ipv6.header(segment.sourceHigh(), segment.sourceLow(), segment.destinationHigh(),
                segment.destinationLow(), ipv6.hopLimit(), IpProtocol.TCP.value(), tcpLength);
        tcpOut.wrap(ipv6.out, at, tcpLength);
        int headerLength = segment.emit(tcpOut);
        if (handler != null) {
            handler.copyPayload(segment, ipv6.out, at + headerLength);
        }
        tcpOut.fillChecksumIpv6(ipv6.outIp().pseudoHeaderSum(IpProtocol.TCP.value(), tcpLength));
        return ipv6.transmitUnicast(segment.destinationHigh(), segment.destinationLow(), frameLength);
    }

    /**
     * The datagram of a segment a socket filled as its immediate answer to the segment just
     * received (or the reset for a closed port): header only, back to where {@code ip} came
     * from. Unlike a dispatched segment it cannot be described again, so, like the interface's
     * other answers, it may wait in the ARP queue.
     */
    private TransmitRequest replyTo(Ipv4Packet ip, TcpRepr answer) {
        int source = ip.destination();
        int destination = ip.source();
        request.datagram(source, destination, IpProtocol.TCP, Ipv4Packet.DEFAULT_TTL, true);
        tcpOut.wrap(request.head(), 0, answer.headerLength());
        request.headLength(answer.emit(tcpOut));
        tx.finishTcpChecksum(tcpOut, source, destination);
        return request;
    }

    /**
     * An ICMP error from {@code reporter} quoting a segment we sent ({@code quoted}, its header
     * checked): the quote holds at least the first 8 octets of the segment, its ports and
     * sequence number (RFC 792), which name the connection; the connection decides what the
     * error means (RFC 1122 section 4.2.3.9).
     */
    void receiveIcmpError(long now, SocketSet sockets, Icmpv4Packet error, int reporter, Ipv4Packet quoted) {
        quotedTcp.wrap(quoted.buffer(), quoted.payloadOffset(), Icmpv4Packet.HEADER_LEN);
        TcpSocket socket = inFlight(sockets.findTcpConnection(quoted.source(), quotedTcp.srcPort(), quoted.destination(),
                quotedTcp.dstPort()));
        if (socket != null) {
            int nextHopMtu = error.type() == Icmpv4Packet.TYPE_DST_UNREACHABLE ? error.nextHopMtu() : 0;
            take(now, sockets, socket, new IcmpError(error.type(), error.code(), Ipv4Address.of(reporter), nextHopMtu,
                    quoted.totalLength(), quotedTcp.seqNumber()));
        }
    }

    /**
     * A Packet Too Big of {@code mtu} from {@code reporter} quoting a segment we sent over IPv6
     * ({@code quoted}: its IPv6 header, checked, then at least the first 8 octets of the segment,
     * RFC 4443 section 3.2): the connection it names lowers its path MTU and sends what was lost
     * again, as for "fragmentation needed" over IPv4 (RFC 8201 section 5.2).
     */
    void receivePacketTooBig(long now, SocketSet sockets, int mtu, long reporterHigh, long reporterLow, Ipv6Packet quoted) {
        quotedTcp.wrap(quoted.buffer(), quoted.payloadOffset(), QUOTED_SEGMENT);
        long srcH = quoted.sourceHigh();
        long srcL = quoted.sourceLow();
        long dstH = quoted.destinationHigh();
        long dstL = quoted.destinationLow();
        TcpSocket socket = sockets.findTcpConnection(Ipv6Address.fold(srcH, srcL), quotedTcp.srcPort(),
                Ipv6Address.fold(dstH, dstL), quotedTcp.dstPort());
        socket = inFlight(socket != null && socket.isBetween(srcH, srcL, dstH, dstL) ? socket : null);
        if (socket != null) {
            take(now, sockets, socket, new IcmpError(Icmpv6Packet.TYPE_PACKET_TOO_BIG, 0,
                    new Ipv6Address(reporterHigh, reporterLow), mtu, Ipv6Packet.HEADER_LEN + quoted.payloadLength(),
                    quotedTcp.seqNumber()));
        }
    }

    /**
     * {@code socket} if the quoted segment ({@link #quotedTcp}) is one it has in flight; else
     * null, counted (no such connection, or an error a forger could have sent, RFC 5927), having
     * allocated nothing.
     */
    private TcpSocket inFlight(TcpSocket socket) {
        if (socket == null) {
            counters.add(InterfaceCounter.DROP_NO_SOCKET);
            return null;
        }
        if (!socket.isInFlight(quotedTcp.seqNumber())) {
            counters.add(InterfaceCounter.ICMP_ERRORS_IGNORED);
            return null;
        }
        return socket;
    }

    /** Gives {@code error} to the connection, which may send again at once or close. */
    private void take(long now, SocketSet sockets, TcpSocket socket, IcmpError error) {
        socket.icmpError(now, error);
        sockets.tcpDeadlines().changed(socket);
        sockets.noteTcpActivity(socket);
    }

    /** ARP gave up on {@code address}: the segments that waited for it are lost on their next description. */
    void resolutionFailed(int address) {
        arpWaiters.markFailed(address);
    }

    /**
     * The earliest instant a TCP handler wants its dispatch, leaving out the connections whose
     * segment waits for ARP (see {@link ArpWaiters}): a listener's other connections still count.
     * The set's connections are read off its {@link DeadlineHeap}, so the cost is that of the
     * listeners and of the connections something happened to since, not of every connection.
     */
    long pollAt(long now, SocketSet sockets) {
        DeadlineHeap deadlines = sockets.tcpDeadlines();
        arpWaiters.releaseParked(now, deadlines);
        long at = deadlines.earliest(now);
        for (int i = 0; i < sockets.tcpListenerCount(); i++) {
            at = Math.min(at, sockets.tcpListenerAt(i).pollAt(now, arpWaiters.waiting));
        }
        return at;
    }

    /**
     * Asks the TCP connections that are due (by the set's {@link DeadlineHeap}), then every
     * listener, for segments while each has one; see {@link Interface}'s class comment for what
     * goes wrong how. A connection whose next hop is unresolved is tried once and then parked
     * out of the heap until the resolution ends: alone, so a listener goes on with its others.
     */
    boolean dispatch(long now, SocketSet set) {
        dispatched = false;
        arpWaiters.beginPass();
        DeadlineHeap deadlines = set.tcpDeadlines();
        arpWaiters.releaseParked(now, deadlines);
        int due = deadlines.takeDue(now);
        boolean whole = true;
        for (int i = 0; i < due && whole; i++) {
            TcpSocket socket = deadlines.due(i);
            TcpState before = socket.state();
            whole = drain(now, socket, deadlines);
            if (socket.state() != before) {
                set.noteTcpActivity(socket); // a timer closed it, say: its owner should know
            }
        }
        for (int i = 0; i < due; i++) {
            deadlines.reschedule(now, deadlines.due(i)); // those not reached are still due
        }
        for (int i = 0; i < set.tcpListenerCount() && whole; i++) {
            whole = drain(now, set.tcpListenerAt(i), deadlines);
        }
        if (whole) {
            arpWaiters.endPass(); // an interrupted pass keeps its waiting entries
        }
        return dispatched;
    }

    /**
     * Sends {@code handler}'s segments while it has one. Returns false when the device is full
     * or refused (the pass ends there), true when the handler has nothing more for now.
     */
    private boolean drain(long now, TcpHandler handler, DeadlineHeap deadlines) {
        TcpListener listener = handler instanceof TcpListener l ? l : null;
        while (true) {
            if (tx.shouldYield()) {
                return false;
            }
            if (listener != null ? !listener.dispatch(now, segmentOut, arpWaiters.skippedInPass)
                    : !handler.dispatch(now, segmentOut)) {
                return true;
            }
            TcpSocket connection = listener != null ? listener.dispatchedConnection() : (TcpSocket) handler;
            TransmitResult result = segmentOut.isIpv6() ? sendIpv6(handler, segmentOut)
                    : tx.sendTcp(handler, segmentOut, Ipv4Packet.DEFAULT_TTL);
            switch (result) {
                case SENT, QUEUED -> {
                    counters.add(InterfaceCounter.TCP_OUT);
                    if (handler.sent(now, segmentOut)) {
                        counters.add(InterfaceCounter.TCP_RETRANSMISSIONS);
                    }
                    dispatched = true;
                }
                case REFUSED -> {
                    return false;
                }
                case UNRESOLVED -> {
                    int hop = tx.unresolvedHop();
                    if (arpWaiters.waitOrFail(connection, hop)) {
                        lost(now, handler, InterfaceCounter.DROP_ARP_TIMEOUT);
                        dispatched = true;
                    } else if (!tx.resolve(hop)) {
                        lost(now, handler, InterfaceCounter.DROP_ARP_QUEUE_FULL);
                        dispatched = true;
                    } else if (listener == null) {
                        deadlines.park(connection); // the socket waits, its segment uncommitted
                        return true;
                    }
                    // a listener's connection waits alone: it is skipped from now on, the others go on
                }
                case TOO_BIG -> {
                    lost(now, handler, InterfaceCounter.DROP_TOO_BIG_DONT_FRAGMENT);
                    dispatched = true;
                }
                case QUEUE_FULL -> {
                    // Only over IPv6 (an IPv4 segment never waits in the ARP queue): NDP holds
                    // one packet per neighbor, and holds another already.
                    lost(now, handler, InterfaceCounter.DROP_NDP_QUEUE_FULL);
                    dispatched = true;
                }
                // A segment is never fragmented, so PARTIAL does not happen; counted as no
                // route, as anything else undeliverable.
                case NO_ROUTE, PARTIAL -> {
                    lost(now, handler, InterfaceCounter.DROP_NO_ROUTE);
                    dispatched = true;
                }
            }
        }
    }

    /** The segment described cannot be delivered: commit it as lost, for the socket's timers to deal with. */
    private void lost(long now, TcpHandler handler, InterfaceCounter reason) {
        counters.add(reason);
        handler.sent(now, segmentOut);
    }
}
