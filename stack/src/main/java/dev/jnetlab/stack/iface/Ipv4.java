package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.WireError;

/**
 * The interface's IPv4 on the way in (RFC 791, RFC 1122 section 3.3): checks a datagram,
 * keeps what is for this host (its addresses, limited and directed broadcast) and drops the
 * rest (it does not forward), reassembles fragments ({@link FragmentReassembler}) and times
 * them out, and hands each whole datagram to {@link Icmpv4}, {@link Udp} or {@link Tcp},
 * sending the reply the first two return (TCP sends its own). Options are ignored. The way out is the
 * {@link Transmitter}'s.
 */
final class Ipv4 {
    /** Codes of destination unreachable and time exceeded (RFC 792). */
    private static final int PROTOCOL_UNREACHABLE = 2;
    private static final int REASSEMBLY_TIME_EXCEEDED = 1;

    private final InterfaceCounters counters;
    private final Routes routes;
    private final Transmitter tx;
    private final FragmentReassembler reassembler;
    private final Icmpv4 icmpv4;
    private final Udp udp;
    private final Tcp tcp;
    private final Ipv4Packet ip = new Ipv4Packet();
    private final Ipv4Packet quoted = new Ipv4Packet();

    Ipv4(InterfaceCounters counters, Routes routes, Transmitter tx, FragmentReassembler reassembler,
         Icmpv4 icmpv4, Udp udp, Tcp tcp) {
        this.counters = counters;
        this.routes = routes;
        this.tx = tx;
        this.reassembler = reassembler;
        this.icmpv4 = icmpv4;
        this.udp = udp;
        this.tcp = tcp;
    }

    /**
     * Takes the datagram of {@code length} octets at {@code offset} of a received frame.
     * {@code linkBroadcast}: the frame went to a group MAC address; {@code fromDevice}: it came
     * from the wire, not round the loopback queue; {@code vouched}: the device vouched for its
     * TCP or UDP checksum.
     */
    void receive(long now, SocketSet sockets, byte[] frame, int offset, int length, boolean linkBroadcast,
                 boolean fromDevice, boolean vouched) {
        WireError reason = ip.wrap(frame, offset, length).check();
        if (reason == null && tx.checksums().ipv4().rx() && !ip.verifyChecksum()) {
            reason = WireError.BAD_CHECKSUM;
        }
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        int destination = ip.destination();
        boolean broadcast = destination == -1 || routes.isDirectedBroadcast(destination);
        if (!broadcast && !routes.isOurAddress(destination)) {
            counters.add(ip.ttl() <= 1 && !Ipv4Address.isMulticast(destination)
                    ? InterfaceCounter.DROP_TTL_EXPIRED : InterfaceCounter.DROP_NOT_FOR_US);
            return;
        }
        if (linkBroadcast && !broadcast) {
            counters.add(InterfaceCounter.DROP_NOT_FOR_US); // RFC 1122 section 3.3.6
            return;
        }
        // 0.0.0.0 is a host that does not know its address yet: allowed as the source of a
        // broadcast, as a DHCP client's DISCOVER is (RFC 1122 section 3.2.1.3, RFC 2131 section 4.1).
        if (!routes.isUnicastHost(ip.source(), fromDevice) && !(ip.source() == 0 && broadcast)) {
            counters.add(InterfaceCounter.DROP_BAD_SOURCE);
            return;
        }
        if (!ip.isFragment()) {
            deliver(now, sockets, broadcast, vouched);
            return;
        }
        counters.add(InterfaceCounter.FRAGMENTS_IN);
        FragmentReassembler.Result result = reassembler.add(ip, now);
        if (reassembler.evicted()) {
            counters.add(InterfaceCounter.DROP_REASSEMBLY_FULL);
        }
        switch (result) {
            case INCOMPLETE -> {
                // kept until the rest arrives or the timeout
            }
            case COMPLETE -> {
                int slot = reassembler.completed();
                try {
                    counters.add(InterfaceCounter.DATAGRAMS_REASSEMBLED);
                    ip.wrap(reassembler.buffer(slot), reassembler.datagramOffset(slot), reassembler.datagramLength(slot));
                    deliver(now, sockets, broadcast, false); // the last fragment's mark says nothing of the others
                } finally {
                    reassembler.release(slot);
                }
            }
            case DUPLICATE -> counters.add(InterfaceCounter.DROP_FRAGMENT_DUPLICATE);
            case OVERLAP -> counters.add(InterfaceCounter.DROP_FRAGMENT_OVERLAP);
            case INVALID -> counters.add(InterfaceCounter.DROP_FRAGMENT_INVALID);
            case TOO_BIG -> counters.add(InterfaceCounter.DROP_REASSEMBLY_TOO_BIG);
            case FULL -> counters.add(InterfaceCounter.DROP_REASSEMBLY_FULL);
            case ORPHANED -> counters.add(InterfaceCounter.DROP_FRAGMENT_ORPHANED);
        }
    }

    /** Hands the datagram in {@link #ip} (whole, checked) to its protocol and sends the reply it returns, if any. */
    private void deliver(long now, SocketSet sockets, boolean broadcast, boolean vouched) {
        counters.add(InterfaceCounter.IPV4_IN);
        int protocol = ip.protocolValue();
        if (protocol == IpProtocol.TCP.value()) {
            tcp.receive(now, sockets, ip, broadcast, vouched); // sends its own answer
            return;
        }
        TransmitRequest reply;
        if (protocol == IpProtocol.UDP.value()) {
            reply = udp.receive(now, sockets, ip, broadcast, vouched);
        } else if (protocol == IpProtocol.ICMP.value()) {
            reply = icmpv4.receive(now, sockets, ip, broadcast);
        } else {
            counters.add(InterfaceCounter.DROP_UNKNOWN_PROTOCOL);
            reply = icmpv4.error(now, Icmpv4Packet.TYPE_DST_UNREACHABLE, PROTOCOL_UNREACHABLE, 0, ip, broadcast);
        }
        if (reply != null) {
            tx.sendReply(reply);
        }
    }

    /**
     * Gives up the datagrams whose reassembly timed out, answering with time exceeded when the
     * first fragment was there (RFC 792; RFC 1122 section 3.3.2). Returns whether any was.
     */
    boolean expireReassembly(long now) {
        boolean did = false;
        for (int slot = reassembler.expired(now); slot >= 0; slot = reassembler.expired(now)) {
            counters.add(InterfaceCounter.DROP_FRAGMENT_TIMEOUT);
            if (reassembler.hasFirst(slot)) {
                quoted.wrap(reassembler.buffer(slot), reassembler.datagramOffset(slot), reassembler.firstFragmentLength(slot));
                TransmitRequest error = icmpv4.error(now, Icmpv4Packet.TYPE_TIME_EXCEEDED, REASSEMBLY_TIME_EXCEEDED, 0,
                        quoted, false);
                if (error != null) {
                    tx.sendReply(error);
                }
            }
            reassembler.release(slot);
            did = true;
        }
        return did;
    }

    /**
     * A frame of {@code length} octets that waited for ARP in vain: the socket that sent its
     * datagram is told ({@link Udp#resolutionFailed}, {@link Icmpv4#resolutionFailed}).
     */
    void resolutionFailed(SocketSet sockets, byte[] frame, int length) {
        if (length < EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN + 8) {
            return;
        }
        Ipv4Packet lost = quoted.wrap(frame, EthernetFrame.HEADER_LEN, length - EthernetFrame.HEADER_LEN);
        if (lost.checkHeader() != null || lost.fragmentOffset() != 0 || lost.payloadLength() < 8) {
            return;
        }
        if (lost.protocolValue() == IpProtocol.UDP.value()) {
            udp.resolutionFailed(sockets, lost);
        } else if (lost.protocolValue() == IpProtocol.ICMP.value()) {
            icmpv4.resolutionFailed(sockets, lost);
        }
    }
}
