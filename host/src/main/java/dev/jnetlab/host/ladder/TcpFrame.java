package dev.jnetlab.host.ladder;

import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.TcpPacket;

/**
 * Reads a TCP segment out of an Ethernet frame through the wire layer's views, for whoever
 * follows connections on the link (a {@link LadderRecorder}, the console's connection log):
 * {@link #read} says whether the frame is one, then the views stand on it. Reused from frame
 * to frame; allocates nothing.
 */
public final class TcpFrame {
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int PROTOCOL_TCP = 6;

    private final EthernetFrame ethernet = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final TcpPacket tcp = new TcpPacket();

    /**
     * Whether the frame carries a well-formed, unfragmented TCP segment in IPv4; its headers are
     * then {@link #ip()} and {@link #tcp()} until the next call.
     */
    public boolean read(byte[] frame, int offset, int length) {
        return ethernet.wrap(frame, offset, length).check() == null
                && ethernet.payloadEtherTypeValue() == ETHERTYPE_IPV4
                && ip.wrap(frame, ethernet.payloadOffset(), ethernet.payloadLength()).check() == null
                && ip.protocolValue() == PROTOCOL_TCP && !ip.isFragment()
                && tcp.wrap(frame, ip.payloadOffset(), ip.payloadLength()).check() == null;
    }

    public Ipv4Packet ip() {
        return ip;
    }

    public TcpPacket tcp() {
        return tcp;
    }
}
