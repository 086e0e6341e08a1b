package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.PEER_IP;
import static dev.jnetlab.stack.iface.Frames.STACK_IP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.iface.ScriptedDevice.Offload;
import dev.jnetlab.stack.phy.ChecksumCapabilities;
import dev.jnetlab.stack.phy.DeviceCapabilities;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpOption;
import dev.jnetlab.stack.wire.TcpPacket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The interface on a device with a tap's offloads (checksum offload both ways, TSO, GSO
 * super-frames received), and on one without: what it leaves to the device, what it takes
 * from it.
 */
class OffloadTest {
    static final int PORT = 6969;
    static final int PEER_PORT = 40000;
    static final int PEER_ISS = 1000;
    static final int MSS = 1460;
    /** A tap with TUN_F_CSUM | TUN_F_TSO4, as TapInterface describes it. */
    static final DeviceCapabilities TAP = DeviceCapabilities.ethernet(1500).withChecksums(ChecksumCapabilities.TAP_OFFLOAD)
            .withTsoMaxSize(DeviceCapabilities.MAX_IPV4_DATAGRAM).withMaxReceiveSize(65553);

    final Harness h = new Harness();
    SocketHandle<TcpListener> listener;

    @BeforeEach
    void listen() {
        h.knowPeer();
        // No congestion control: the tests are about how the whole window is cut, not about slow start.
        listener = h.sockets.add(new TcpListener(new Endpoint(0, PORT), 4,
                () -> new TcpSocket(1 << 17, 1 << 17).setCongestionAlgorithm(CongestionControl.Algorithm.NONE)));
    }

    static byte[] fromPeer(int seq, int ack, int flags, List<TcpOption> options, byte[] payload) {
        return Frames.fromPeer(IpProtocol.TCP, Frames.tcp(PEER_IP, STACK_IP, PEER_PORT, PORT, seq, ack, flags, 64240, options,
                payload));
    }

    static byte[] syn() {
        return fromPeer(PEER_ISS, 0, TcpFlags.SYN, List.of(new TcpOption.MaxSegmentSize(MSS)), new byte[0]);
    }

    /** The frame with its TCP checksum field replaced by {@code value}. */
    static byte[] withTcpChecksum(byte[] frame, int value) {
        byte[] copy = frame.clone();
        TcpPacket tcp = tcpView(copy);
        tcp.setChecksum(value);
        return copy;
    }

    static TcpPacket tcpView(byte[] frame) {
        Ipv4Packet ip = new Ipv4Packet().wrap(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN);
        return new TcpPacket().wrap(frame, ip.payloadOffset(), ip.totalLength() - ip.headerLength());
    }

    /** The SYN, the SYN-ACK, the ACK: returns the accepted connection. */
    TcpSocket establish() {
        h.receive(syn());
        int iss = tcpView(h.sent().get(0).bytes()).seqNumber();
        h.receive(fromPeer(PEER_ISS + 1, iss + 1, TcpFlags.ACK, List.of(), new byte[0]));
        return h.sockets.get(h.sockets.accept(listener).orElseThrow());
    }

    @Nested
    class Receiving {
        @BeforeEach
        void offloads() {
            h.device.setCapabilities(TAP);
        }

        @Test
        void aSegmentWithABadChecksumIsDroppedWhenTheDeviceDoesNotVouchForIt() {
            h.receive(withTcpChecksum(syn(), 0x1234));

            assertEquals(1, h.counter(InterfaceCounter.DROP_BAD_CHECKSUM));
            h.sentNothing();
        }

        @Test
        void aSegmentTheDeviceVouchesForIsNotVerified() {
            // As the kernel hands it over with NEEDS_CSUM: only the pseudo-header sum in the field.
            byte[] partial = syn();
            TcpPacket tcp = tcpView(partial);
            tcp.setPartialChecksum(PEER_IP.bits(), STACK_IP.bits());
            h.device.injectVouched(partial);
            h.poll();

            assertEquals(0, h.counter(InterfaceCounter.DROP_BAD_CHECKSUM));
            assertEquals(1, h.sent().size(), "the SYN-ACK");
        }

        @Test
        void aGsoSuperFrameIsOneSegmentOfItsRealLength() throws TcpException {
            TcpSocket socket = establish();
            byte[] data = Frames.pattern(40_000, 7);
            byte[] superFrame = fromPeer(PEER_ISS + 1, socket.controlBlock(h.now()).sndNxt(), TcpFlags.ACK, List.of(), data);
            assertTrue(superFrame.length > h.device.capabilities().maxFrameSize());

            h.device.injectVouched(superFrame);
            h.poll();

            byte[] got = new byte[50_000];
            assertEquals(data.length, socket.recv(got, 0, got.length));
            assertArrayEquals(data, Arrays.copyOf(got, data.length));
            assertEquals(1, h.counter(InterfaceCounter.TCP_IN) - 2, "one segment, after the SYN and the ACK");
        }
    }

    @Nested
    class Sending {
        @Test
        void withChecksumOffloadATcpSegmentCarriesThePseudoHeaderSumAndSaysSo() {
            h.device.setCapabilities(TAP);
            h.receive(syn());

            byte[] synAck = h.sent().get(0).bytes();
            TcpPacket tcp = tcpView(synAck);
            assertTrue(tcp.hasPartialChecksum(STACK_IP.bits(), PEER_IP.bits()), "the field holds the pseudo-header sum");
            assertFalse(tcp.verifyChecksum(STACK_IP.bits(), PEER_IP.bits()));
        }

        @Test
        void withChecksumOffloadTheDeviceIsToldTheChecksumIsPartial() {
            h.device.setCapabilities(TAP);
            h.receive(syn());
            h.device.drain();
            h.receive(fromPeer(PEER_ISS, 0, TcpFlags.SYN, List.of(new TcpOption.MaxSegmentSize(MSS)), new byte[0]));

            assertEquals(List.of(new Offload(true, 0)), h.device.offloads(), "a retransmitted SYN-ACK");
        }

        @Test
        void withoutOffloadsEveryChecksumIsWhole() {
            h.receive(syn());

            List<Offload> offloads = h.device.offloads();
            TcpPacket tcp = tcpView(h.sent().get(0).bytes());
            assertTrue(tcp.verifyChecksum(STACK_IP.bits(), PEER_IP.bits()));
            assertEquals(List.of(new Offload(false, 0)), offloads);
        }

        @Test
        void withTsoNewDataLeavesInOneFrameForTheDeviceToCut() throws TcpException {
            h.device.setCapabilities(TAP);
            TcpSocket socket = establish();
            h.sent();
            byte[] data = Frames.pattern(20_000, 3);

            socket.send(data, 0, data.length);
            h.poll();

            List<Offload> offloads = h.device.offloads();
            List<Frame> frames = h.sent();
            assertEquals(1, frames.size(), () -> frames.toString());
            assertEquals(List.of(new Offload(true, MSS)), offloads, "cut into segments of the peer's MSS");
            TcpPacket tcp = tcpView(frames.get(0).bytes());
            assertEquals(data.length, tcp.payloadLength());
            assertTrue(tcp.hasPartialChecksum(STACK_IP.bits(), PEER_IP.bits()), "over the whole segment's length");
        }

        @Test
        void aSegmentOfMoreThanOneMssIsCutEvenWhenItFitsTheLink() throws TcpException {
            h.device.setCapabilities(TAP);
            h.receive(fromPeer(PEER_ISS, 0, TcpFlags.SYN, List.of(new TcpOption.MaxSegmentSize(536)), new byte[0]));
            int iss = tcpView(h.sent().get(0).bytes()).seqNumber();
            h.receive(fromPeer(PEER_ISS + 1, iss + 1, TcpFlags.ACK, List.of(), new byte[0]));
            TcpSocket socket = h.sockets.get(h.sockets.accept(listener).orElseThrow()).setNagle(false);
            h.sent();

            socket.send(Frames.pattern(1000, 5), 0, 1000);
            h.poll();

            List<Offload> offloads = h.device.offloads();
            List<Frame> frames = h.sent();
            assertEquals(1, frames.size(), () -> frames.toString());
            assertEquals(1000, tcpView(frames.get(0).bytes()).payloadLength());
            assertEquals(List.of(new Offload(true, 536)), offloads, "the peer's MSS of 536 bounds every wire segment");
        }

        @Test
        void aSegmentThatWaitedForArpLeavesWithAWholeChecksum() {
            h.device.setCapabilities(TAP);
            h.iface.flushNeighbors();
            h.receive(fromPeer(PEER_ISS, 777, TcpFlags.ACK, List.of(), new byte[0])); // no such connection: a reset
            assertTrue(h.sentOne().isArp(), "the reset waits for ARP");

            h.receive(Frames.arpReply(Frames.PEER_MAC, PEER_IP));

            List<Offload> offloads = h.device.offloads();
            List<Frame> frames = h.sent();
            TcpPacket reset = tcpView(frames.get(frames.size() - 1).bytes());
            assertTrue(reset.rst());
            assertTrue(reset.verifyChecksum(STACK_IP.bits(), PEER_IP.bits()),
                    "whole: the device may have lost its checksum offload meanwhile");
            assertEquals(new Offload(false, 0), offloads.get(offloads.size() - 1));
        }

        @Test
        void withoutTsoNewDataLeavesInSegmentsOfTheMss() throws TcpException {
            TcpSocket socket = establish();
            h.sent();
            byte[] data = Frames.pattern(20_000, 3);

            socket.send(data, 0, data.length);
            h.poll();

            List<Frame> frames = h.sent();
            assertEquals(13, frames.size(), "13 of 1460 octets; the last 1020 wait for an ACK (Nagle)");
            for (Frame frame : frames) {
                assertEquals(MSS, frame.tcp().payloadLength());
            }
        }
    }
}
