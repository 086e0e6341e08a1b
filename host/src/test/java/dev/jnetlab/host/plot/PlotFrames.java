package dev.jnetlab.host.plot;

import static dev.jnetlab.host.testing.TestFrames.PEER;
import static dev.jnetlab.host.testing.TestFrames.PEER_MAC;
import static dev.jnetlab.host.testing.TestFrames.STACK;
import static dev.jnetlab.host.testing.TestFrames.STACK_MAC;

import dev.jnetlab.host.ladder.TcpFrame;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.EthernetRepr;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.stack.wire.TcpRepr;
import java.util.function.UnaryOperator;

/** Frames of one connection between this stack (port 49152) and the peer's echo port, with options. */
final class PlotFrames {
    static final int LOCAL_PORT = 49152;
    static final int REMOTE_PORT = 7;

    private PlotFrames() {
    }

    /** A segment from the stack ({@code fromStack}) or the peer, with {@code payload} octets and the options {@code options} sets. */
    static byte[] segment(boolean fromStack, int flags, long seq, long ack, int window, int payload,
                          UnaryOperator<TcpRepr> options) {
        Ipv4Address src = fromStack ? STACK : PEER;
        Ipv4Address dst = fromStack ? PEER : STACK;
        TcpRepr tcp = options.apply(new TcpRepr().sourcePort(fromStack ? LOCAL_PORT : REMOTE_PORT)
                .destinationPort(fromStack ? REMOTE_PORT : LOCAL_PORT).seq((int) seq).flags(flags).window(window));
        if ((flags & TcpFlags.ACK) != 0) {
            tcp.ack((int) ack);
        }
        Ipv4Repr ip = Ipv4Repr.of(src, dst, IpProtocol.TCP, tcp.headerLength() + payload);
        EthernetRepr ethernet = new EthernetRepr(fromStack ? STACK_MAC : PEER_MAC, fromStack ? PEER_MAC : STACK_MAC,
                EtherType.IPV4);
        byte[] frame = new byte[ethernet.bufferLen(ip.bufferLen())];
        EthernetFrame eth = new EthernetFrame().wrap(frame, 0, frame.length);
        ethernet.emit(eth);
        Ipv4Packet packet = new Ipv4Packet().wrap(frame, eth.payloadOffset(), ip.bufferLen());
        ip.emit(packet);
        TcpPacket segment = new TcpPacket().wrap(frame, packet.payloadOffset(), packet.payloadLength());
        tcp.emit(segment);
        segment.fillChecksum(src.bits(), dst.bits());
        return frame;
    }

    static byte[] segment(boolean fromStack, int flags, long seq, long ack, int payload) {
        return segment(fromStack, flags, seq, ack, 1000, payload, t -> t);
    }

    /** The TCP header of {@code frame}, read through a fresh {@link TcpFrame}. */
    static TcpPacket tcp(byte[] frame) {
        TcpFrame reader = new TcpFrame();
        if (!reader.read(frame, 0, frame.length)) {
            throw new IllegalArgumentException("not a TCP frame");
        }
        return reader.tcp();
    }
}
