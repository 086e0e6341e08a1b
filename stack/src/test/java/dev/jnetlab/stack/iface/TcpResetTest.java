package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.DIRECTED_BROADCAST;
import static dev.jnetlab.stack.iface.Frames.PEER_IP;
import static dev.jnetlab.stack.iface.Frames.PEER_MAC;
import static dev.jnetlab.stack.iface.Frames.STACK_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpRepr;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A segment to a port with no socket gets the reset of RFC 9293 section 3.10.7.1, and a reset gets nothing. */
class TcpResetTest {
    private final Harness h = new Harness();

    @BeforeEach
    void knowThePeer() {
        h.knowPeer();
    }

    private TcpRepr resetFor(int seq, int ack, int flags, byte[] payload) {
        h.receive(Frames.fromPeer(IpProtocol.TCP, Frames.tcp(PEER_IP, STACK_IP, 40000, 80, seq, ack, flags, payload)));
        Frame frame = h.sentOne();
        assertEquals(PEER_IP, frame.ip().destination());
        assertEquals(STACK_IP, frame.ip().source());
        return frame.tcp();
    }

    @Test
    void aSynWithoutAckGetsRstAckOfItsSequencePlusOne() {
        TcpRepr reset = resetFor(1000, 0, TcpFlags.SYN, new byte[0]);

        assertEquals("80 > 40000 [RST,ACK] seq=0 ack=1001 win=0 len=0", reset.toString(), "no options, no payload");
        assertEquals(1, h.counter(InterfaceCounter.TCP_RESETS_OUT));
        assertEquals(1, h.counter(InterfaceCounter.DROP_NO_SOCKET));
    }

    @Test
    void aSegmentWithAckGetsARstWhoseSequenceIsItsAck() {
        TcpRepr reset = resetFor(1000, 0xFFFF_FFF0, TcpFlags.ACK | TcpFlags.PSH, new byte[10]);

        assertEquals("80 > 40000 [RST] seq=4294967280 win=0 len=0", reset.toString(), "no ACK, no options, no payload");
    }

    @Test
    void dataAndFinWithoutAckCountInTheAcknowledgment() {
        TcpRepr reset = resetFor(0xFFFF_FFFE, 0, TcpFlags.FIN, new byte[5]);

        assertEquals(4, reset.ackNumber(), "SEG.SEQ + 5 octets + FIN, modulo 2^32");
        assertEquals(TcpFlags.of(TcpFlags.RST | TcpFlags.ACK), TcpFlags.of(reset.flags()));
    }

    @Test
    void aResetGetsNoReset() {
        h.receive(Frames.fromPeer(IpProtocol.TCP, Frames.tcp(PEER_IP, STACK_IP, 40000, 80, 5, 7, TcpFlags.RST | TcpFlags.ACK,
                new byte[0])));

        h.sentNothing();
        assertEquals(1, h.counter(InterfaceCounter.DROP_NO_SOCKET));
    }

    @Test
    void aSegmentToABroadcastAddressGetsNoReset() {
        byte[] segment = Frames.tcp(PEER_IP, DIRECTED_BROADCAST, 40000, 80, 5, 0, TcpFlags.SYN, new byte[0]);
        h.receive(Frames.ipv4(PEER_MAC, MacAddress.BROADCAST, Ipv4Repr.of(PEER_IP, DIRECTED_BROADCAST, IpProtocol.TCP,
                segment.length), segment));

        h.sentNothing();
    }

    @Test
    void aSegmentWithABadChecksumGetsNoReset() {
        byte[] segment = Frames.tcp(PEER_IP, STACK_IP, 40000, 80, 5, 0, TcpFlags.SYN, new byte[0]);
        segment[16] ^= 1;
        h.receive(Frames.fromPeer(IpProtocol.TCP, segment));

        h.sentNothing();
        assertEquals(1, h.counter(InterfaceCounter.DROP_BAD_CHECKSUM));
    }

    @Test
    void aMalformedSegmentIsCountedByItsReason() {
        byte[] segment = Frames.tcp(PEER_IP, STACK_IP, 40000, 80, 5, 0, TcpFlags.SYN, new byte[0]);
        segment[13] = (byte) (TcpFlags.SYN | TcpFlags.FIN);
        h.receive(Frames.fromPeer(IpProtocol.TCP, segment));
        byte[] offset = Frames.tcp(PEER_IP, STACK_IP, 40000, 80, 5, 0, TcpFlags.SYN, new byte[0]);
        offset[12] = 0x40;
        h.receive(Frames.fromPeer(IpProtocol.TCP, offset));

        h.sentNothing();
        assertEquals(1, h.counter(InterfaceCounter.DROP_BAD_FLAGS));
        assertEquals(1, h.counter(InterfaceCounter.DROP_BAD_DATA_OFFSET));
    }
}
