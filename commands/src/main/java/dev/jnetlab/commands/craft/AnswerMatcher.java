package dev.jnetlab.commands.craft;

import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.Bytes;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Packet;

/**
 * Whether a received frame answers a sent one, as scapy's {@code sr1} decides it: an ARP reply
 * from the address asked about; an IPv4 datagram from the destination back to the source with
 * the ports swapped (TCP, UDP) or the echo's identifier and sequence (ICMP); or an ICMP error,
 * from anywhere, that quotes the sent datagram's addresses and protocol (RFC 792: the quote
 * starts with its IP header).
 */
final class AnswerMatcher {
    private final EthernetFrame ethernet = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final Ipv4Packet quoted = new Ipv4Packet();
    private final Icmpv4Packet icmp = new Icmpv4Packet();
    private final ArpPacket arp = new ArpPacket();

    private final int etherType;
    private final int arpTarget;
    private final int source;
    private final int destination;
    private final int protocol;
    /** Source and destination port (TCP, UDP), or echo identifier and sequence (ICMP): the first four transport octets. */
    private final int first;
    private final int second;
    private final boolean echo;
    private final int echoId;
    private final int echoSeq;

    AnswerMatcher(byte[] sent) {
        ethernet.wrap(sent, 0, sent.length);
        etherType = ethernet.check() == null ? ethernet.etherTypeValue() : -1;
        int at = EthernetFrame.HEADER_LEN;
        int rest = sent.length - at;
        boolean arpRequest = etherType == EtherType.ARP.value() && arp.wrap(sent, at, rest).check() == null
                && arp.operationValue() == 1;
        arpTarget = arpRequest ? arp.targetProtocolAddr() : 0;
        boolean isIp = etherType == EtherType.IPV4.value() && ip.wrap(sent, at, rest).checkHeader() == null;
        source = isIp ? ip.source() : 0;
        destination = isIp ? ip.destination() : 0;
        protocol = isIp ? ip.protocolValue() : -1;
        int transport = isIp ? ip.payloadOffset() : 0;
        boolean ports = isIp && sent.length >= transport + 4;
        first = ports ? Bytes.u16(sent, transport) : -1;
        second = ports ? Bytes.u16(sent, transport + 2) : -1;
        echo = ports && protocol == IpProtocol.ICMP.value() && sent.length >= transport + 8
                && (sent[transport] & 0xFF) == Icmpv4Packet.TYPE_ECHO_REQUEST;
        echoId = echo ? Bytes.u16(sent, transport + 4) : -1;
        echoSeq = echo ? Bytes.u16(sent, transport + 6) : -1;
    }

    boolean answers(byte[] frame, int offset, int length) {
        ethernet.wrap(frame, offset, length);
        if (ethernet.check() != null) {
            return false;
        }
        int at = ethernet.payloadOffset();
        int rest = ethernet.payloadLength();
        if (ethernet.payloadEtherTypeValue() == EtherType.ARP.value()) {
            return arpTarget != 0 && arp.wrap(frame, at, rest).check() == null && arp.operationValue() == 2
                    && arp.senderProtocolAddr() == arpTarget;
        }
        if (protocol < 0 || ethernet.payloadEtherTypeValue() != EtherType.IPV4.value()
                || ip.wrap(frame, at, rest).check() != null || ip.destination() != source) {
            return false;
        }
        int transport = ip.payloadOffset();
        int transportLength = ip.payloadLength();
        if (ip.protocolValue() == IpProtocol.ICMP.value() && isErrorAboutSent(frame, transport, transportLength)) {
            return true;
        }
        if (ip.source() != destination || ip.protocolValue() != protocol || transportLength < 8) {
            return false;
        }
        if (echo) {
            return (frame[transport] & 0xFF) == Icmpv4Packet.TYPE_ECHO_REPLY
                    && Bytes.u16(frame, transport + 4) == echoId && Bytes.u16(frame, transport + 6) == echoSeq;
        }
        return protocol != IpProtocol.ICMP.value()
                && Bytes.u16(frame, transport) == second && Bytes.u16(frame, transport + 2) == first;
    }

    private boolean isErrorAboutSent(byte[] frame, int transport, int transportLength) {
        icmp.wrap(frame, transport, transportLength);
        if (icmp.check() != null || !icmp.isError()) {
            return false;
        }
        quoted.wrap(frame, icmp.dataOffset(), icmp.dataLength());
        return quoted.checkHeader() == null && quoted.source() == source && quoted.destination() == destination
                && quoted.protocolValue() == protocol;
    }
}
