package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.PEER_IP;
import static dev.jnetlab.stack.iface.Frames.PEER_MAC;
import static dev.jnetlab.stack.iface.Frames.STACK_IP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.ChecksumCapabilities;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.socket.tcp.CloseReason;
import dev.jnetlab.stack.socket.tcp.ConnectError;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv4DstUnreachable;
import dev.jnetlab.stack.wire.Icmpv4Repr;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.Octets;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpOption;
import dev.jnetlab.stack.wire.TcpOptionReader;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.stack.wire.TcpRepr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * TCP through one interface on a virtual clock: the frames a listener, an accepted connection
 * and a connecting socket send, exactly, for the segments a scripted peer sends.
 */
class TcpInterfaceTest {
    static final int PORT = 6969;
    static final int PEER_PORT = 40000;
    static final int PEER_ISS = 1000;

    final Harness h = new Harness();

    static byte[] fromPeer(int seq, int ack, int flags, List<TcpOption> options, String text) {
        byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
        return Frames.fromPeer(IpProtocol.TCP, Frames.tcp(PEER_IP, STACK_IP, PEER_PORT, PORT, seq, ack, flags, 64240, options,
                payload));
    }

    static byte[] fromPeer(int seq, int ack, int flags, String text) {
        return fromPeer(seq, ack, flags, List.of(), text);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    SocketHandle<TcpListener> listen(int port) {
        return h.sockets.add(new TcpListener(new Endpoint(0, port), 4, () -> new TcpSocket(65536, 65536)));
    }

    /** The SYN-ACK the stack answers a plain SYN (MSS only) with. */
    /** The kinds of the options of the segment in {@code frame}, in their order on the wire. */
    static List<Integer> optionKinds(Frame frame) {
        byte[] segment = frame.ipPayload();
        List<Integer> kinds = new ArrayList<>();
        for (TcpOptionReader options = new TcpOptionReader().wrap(new TcpPacket().wrap(segment, 0, segment.length));
             options.next(); ) {
            kinds.add(options.kind());
        }
        return kinds;
    }

    TcpRepr handshakeUntilSynAck() {
        h.receive(fromPeer(PEER_ISS, 0, TcpFlags.SYN, List.of(new TcpOption.MaxSegmentSize(1460)), ""));
        return h.sentOne().tcp();
    }

    @BeforeEach
    void knowThePeer() {
        h.knowPeer();
    }

    @Nested
    class AListener {
        SocketHandle<TcpListener> handle;
        TcpListener listener;

        @BeforeEach
        void listen() {
            handle = TcpInterfaceTest.this.listen(PORT);
            listener = h.sockets.get(handle);
        }

        @Test
        void answersASynWithASynAckCarryingMtuMinus40AndTheOptionsOffered() {
            h.receive(fromPeer(PEER_ISS, 0, TcpFlags.SYN, List.of(new TcpOption.MaxSegmentSize(1460), TcpOption.SACK_PERMITTED,
                    new TcpOption.Timestamps(100, 0), TcpOption.NOP, new TcpOption.WindowScale(7)), ""));

            Frame frame = h.sentOne();
            Ipv4Repr ip = frame.ip();
            assertEquals(STACK_IP, ip.source());
            assertEquals(PEER_IP, ip.destination());
            assertEquals(64, ip.ttl());
            assertTrue(ip.dontFragment(), "DF, for path MTU discovery");
            assertEquals(PEER_MAC, frame.eth().destination());
            TcpRepr synAck = frame.tcp();
            assertEquals(TcpFlags.of(TcpFlags.SYN | TcpFlags.ACK), TcpFlags.of(synAck.flags()));
            assertEquals(PORT, synAck.sourcePort());
            assertEquals(PEER_PORT, synAck.destinationPort());
            assertEquals(PEER_ISS + 1, synAck.ackNumber());
            assertEquals(0, synAck.payloadLength());
            assertEquals(1460, synAck.mss());
            assertTrue(synAck.sackPermitted() && synAck.hasWindowScale(), synAck::toString);
            assertEquals(100, synAck.tsEcr());
            assertEquals(List.of(TcpOptionReader.KIND_MSS, TcpOptionReader.KIND_SACK_PERMITTED, TcpOptionReader.KIND_TIMESTAMPS,
                    TcpOptionReader.KIND_NOP, TcpOptionReader.KIND_WINDOW_SCALE), optionKinds(frame),
                    "SACK-permitted in the timestamps' padding, as Linux");
            assertEquals(1, h.counter(InterfaceCounter.TCP_IN));
            assertEquals(1, h.counter(InterfaceCounter.TCP_OUT));
            assertEquals(1, listener.halfOpenCount());
        }

        @Test
        void answersAPeerItDoesNotKnowOnceArpHasResolvedIt() {
            h.iface.flushNeighbors();
            h.receive(fromPeer(PEER_ISS, 0, TcpFlags.SYN, List.of(new TcpOption.MaxSegmentSize(1460)), ""));

            assertTrue(h.sentOne().isArp(), "the SYN-ACK waits for the peer's address");
            assertEquals(h.now() + Micros.ofSeconds(1), h.iface.pollAt(h.now(), h.sockets), "and the listener does not spin");
            h.receive(Frames.arpReply(PEER_MAC, PEER_IP));

            TcpRepr synAck = h.sentOne().tcp();
            assertEquals(TcpFlags.of(TcpFlags.SYN | TcpFlags.ACK), TcpFlags.of(synAck.flags()));
            assertEquals(0, h.counter(InterfaceCounter.TCP_RETRANSMISSIONS), "the first SYN-ACK, not a retransmission");
        }

        @Test
        void offersOnlyWhatThePeerOffered() {
            TcpRepr synAck = handshakeUntilSynAck();

            assertEquals(1460, synAck.mss());
            assertEquals(4, synAck.optionsLength(), () -> "no other option: " + synAck);
        }

        @Test
        void advertisesAnMssOfTheDevicesMtuMinus40() {
            h.device.setMtu(1280);
            TcpRepr synAck = handshakeUntilSynAck();

            assertEquals(1240, synAck.mss());
            assertEquals(4, synAck.optionsLength(), () -> "no other option: " + synAck);
        }

        @Test
        void keepsAnEstablishedConnectionUntilAcceptMovesItIntoTheSet() {
            TcpRepr synAck = handshakeUntilSynAck();
            h.receive(fromPeer(PEER_ISS + 1, synAck.seq() + 1, TcpFlags.ACK, ""));
            h.receive(fromPeer(PEER_ISS + 1, synAck.seq() + 1, TcpFlags.ACK | TcpFlags.PSH, "before accept"));
            assertEquals(1, listener.readyCount());
            assertEquals(1, listener.recvQueue(), "the accept queue");
            assertEquals(1, h.sockets.size());

            Optional<SocketHandle<TcpSocket>> accepted = h.sockets.accept(handle);

            assertTrue(accepted.isPresent());
            SocketHandle<TcpSocket> connection = accepted.get();
            assertEquals("tcp#2", connection.toString());
            assertEquals(SocketKind.TCP, connection.kind());
            assertEquals(0, listener.readyCount());
            assertEquals(Optional.empty(), h.sockets.accept(handle), "one connection, one accept");
            TcpSocket socket = h.sockets.get(connection);
            assertEquals(TcpState.ESTABLISHED, socket.state());
            assertEquals(new Endpoint(STACK_IP.bits(), PORT), socket.localEndpoint());
            assertEquals(new Endpoint(PEER_IP.bits(), PEER_PORT), socket.remoteEndpoint());
            assertEquals("before accept".length(), socket.recvQueue(), "what came before accept waits in the socket");
            List<SocketSummary> summaries = h.sockets.summaries();
            assertEquals("LISTEN", summaries.get(0).state());
            assertEquals("ESTABLISHED", summaries.get(1).state());

            h.receive(fromPeer(PEER_ISS + 14, synAck.seq() + 1, TcpFlags.ACK | TcpFlags.PSH, " and after"));
            byte[] read = new byte[64];
            int n = recv(socket, read);
            assertEquals("before accept and after", new String(read, 0, n, StandardCharsets.US_ASCII));
        }

        @Test
        void answersAnAckForNoConnectionWithAResetOfItsOwn() {
            h.receive(fromPeer(PEER_ISS, 777, TcpFlags.ACK, ""));

            TcpRepr reset = h.sentOne().tcp();
            assertEquals(TcpFlags.of(TcpFlags.RST), TcpFlags.of(reset.flags()));
            assertEquals(777, reset.seq());
            assertEquals(0, h.counter(InterfaceCounter.TCP_RESETS_OUT), "the listener answered, not the interface");
            assertEquals(0, h.counter(InterfaceCounter.DROP_NO_SOCKET));
        }

        @Test
        void tellsTheSetsListenerOfEveryStateChange() {
            List<String> events = new ArrayList<>();
            h.sockets.setTcpEventListener((now, socket, from, to) -> events.add(from + " -> " + to));
            TcpRepr synAck = handshakeUntilSynAck();
            h.receive(fromPeer(PEER_ISS + 1, synAck.seq() + 1, TcpFlags.ACK, ""));

            assertEquals(List.of("CLOSED -> LISTEN", "LISTEN -> SYN-RECEIVED", "SYN-RECEIVED -> ESTABLISHED"), events);
        }

        @Test
        void refusesASecondListenerOnItsPort() {
            assertThrows(IllegalArgumentException.class, () -> TcpInterfaceTest.this.listen(PORT));
        }
    }

    /** An established connection, accepted from a listener. */
    @Nested
    class AConnection {
        TcpSocket socket;
        int iss;

        @BeforeEach
        void establish() {
            SocketHandle<TcpListener> listener = listen(PORT);
            TcpRepr synAck = handshakeUntilSynAck();
            iss = synAck.seq();
            h.receive(fromPeer(PEER_ISS + 1, iss + 1, TcpFlags.ACK, ""));
            socket = h.sockets.get(h.sockets.accept(listener).orElseThrow());
            h.sentNothing();
        }

        @Test
        void receivesDataAndAcknowledgesItAfterTheDelayedAckTimer() {
            h.receive(fromPeer(PEER_ISS + 1, iss + 1, TcpFlags.ACK | TcpFlags.PSH, "hello"));
            h.sentNothing();
            assertEquals(h.now() + TcpSocket.DEFAULT_ACK_DELAY, h.iface.pollAt(h.now(), h.sockets));

            h.advance(TcpSocket.DEFAULT_ACK_DELAY);

            TcpRepr ack = h.sentOne().tcp();
            assertEquals(TcpFlags.of(TcpFlags.ACK), TcpFlags.of(ack.flags()));
            assertEquals(PEER_ISS + 6, ack.ackNumber());
            byte[] read = new byte[16];
            assertEquals("hello", new String(read, 0, recv(socket, read), StandardCharsets.US_ASCII));
        }

        @Test
        void sendsDataStraightFromItsQueue() throws TcpException {
            socket.send(ascii("world"), 0, 5);
            h.poll();

            Frame frame = h.sentOne();
            TcpRepr data = frame.tcp();
            assertEquals(TcpFlags.of(TcpFlags.ACK | TcpFlags.PSH), TcpFlags.of(data.flags()));
            assertEquals(iss + 1, data.seq());
            assertEquals(PEER_ISS + 1, data.ackNumber());
            assertEquals(5, data.payloadLength());
            byte[] ipPayload = frame.ipPayload();
            assertArrayEquals(ascii("world"), java.util.Arrays.copyOfRange(ipPayload, ipPayload.length - 5, ipPayload.length));
            assertTrue(frame.ip().dontFragment());
        }

        @Test
        void closesBothWaysWithFins() throws TcpException {
            h.receive(fromPeer(PEER_ISS + 1, iss + 1, TcpFlags.ACK | TcpFlags.FIN, ""));
            assertEquals(TcpState.CLOSE_WAIT, socket.state());
            TcpRepr ackOfFin = h.sentOne().tcp();
            assertEquals(PEER_ISS + 2, ackOfFin.ackNumber());

            socket.close();
            h.poll();
            TcpRepr fin = h.sentOne().tcp();
            assertEquals(TcpFlags.of(TcpFlags.ACK | TcpFlags.FIN), TcpFlags.of(fin.flags()));
            assertEquals(iss + 1, fin.seq());
            assertEquals(TcpState.LAST_ACK, socket.state());

            h.receive(fromPeer(PEER_ISS + 2, iss + 2, TcpFlags.ACK, ""));
            assertEquals(TcpState.CLOSED, socket.state());
            assertEquals(CloseReason.CLOSED, socket.closeReason());
            h.sentNothing();
        }

        @Test
        void dropsAndCountsASegmentWithABadChecksum() {
            byte[] frame = fromPeer(PEER_ISS + 1, iss + 1, TcpFlags.ACK | TcpFlags.PSH, "corrupted");
            frame[frame.length - 1] ^= 0x20;
            h.receive(frame);
            h.advance(Micros.ofSeconds(1));

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_BAD_CHECKSUM));
            assertEquals(0, socket.recvQueue());
            assertEquals(2, h.counter(InterfaceCounter.TCP_IN), "the SYN and the ACK; not the damaged one");
        }

        @Test
        void leavesChecksumsToADeviceThatOffloadsThem() throws TcpException {
            h.device.setChecksums(ChecksumCapabilities.IGNORED);
            byte[] frame = fromPeer(PEER_ISS + 1, iss + 1, TcpFlags.ACK | TcpFlags.PSH, "unchecked");
            frame[frame.length - 1] ^= 0x20;
            h.receive(frame);
            assertEquals(9, socket.recvQueue(), "the device vouched for the segment");

            socket.send(ascii("x"), 0, 1);
            h.poll();
            byte[] sent = h.sent().get(0).bytes();
            int tcpChecksum = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN + 16;
            assertEquals(0, sent[tcpChecksum] | sent[tcpChecksum + 1], "left for the device to fill");
            assertEquals(0, h.counter(InterfaceCounter.DROP_BAD_CHECKSUM));
        }

        @Test
        void countsARetransmissionAfterTheTimeout() throws TcpException {
            socket.send(ascii("lost"), 0, 4);
            h.poll();
            TcpRepr first = h.sentOne().tcp();

            h.advance(Micros.ofSeconds(1));

            TcpRepr again = h.sentOne().tcp();
            assertEquals(first.seq(), again.seq());
            assertEquals(1, h.counter(InterfaceCounter.TCP_RETRANSMISSIONS));
            assertEquals(socket.controlBlock(h.now()).retransmissions(), h.counter(InterfaceCounter.TCP_RETRANSMISSIONS));
        }

        @Test
        void losesNothingWhenTheDeviceRefuses() throws TcpException {
            socket.send(ascii("patience"), 0, 8);
            h.device.refuse = 1;
            h.poll();
            h.sentNothing();
            assertEquals(iss + 1, socket.controlBlock(h.now()).sndNxt(), "not committed");
            assertEquals(0, h.counter(InterfaceCounter.DROP_DEVICE_BUSY), "nothing was dropped");
            assertEquals(h.now() + Interface.DEVICE_RETRY, h.iface.pollAt(h.now(), h.sockets), "no busy loop");

            h.advance(Interface.DEVICE_RETRY);

            TcpRepr data = h.sentOne().tcp();
            assertEquals(iss + 1, data.seq());
            assertEquals(8, data.payloadLength());
            assertEquals(0, h.counter(InterfaceCounter.TCP_RETRANSMISSIONS));
        }

        @Test
        void aPortWithoutASocketStillGetsTheReset() {
            h.receive(Frames.fromPeer(IpProtocol.TCP, Frames.tcp(PEER_IP, STACK_IP, PEER_PORT, PORT + 1, 5, 0, TcpFlags.SYN,
                    new byte[0])));

            TcpRepr reset = h.sentOne().tcp();
            assertEquals(TcpFlags.of(TcpFlags.RST | TcpFlags.ACK), TcpFlags.of(reset.flags()));
            assertEquals(6, reset.ackNumber());
            assertEquals(1, h.counter(InterfaceCounter.TCP_RESETS_OUT));
        }
    }

    /**
     * An ICMP error quoting a segment reaches the connection it names (RFC 1122 §4.2.3.9), which
     * decides what it means: what each error does is TcpIcmpErrorTest's; here, the delivery.
     */
    @Nested
    class HearingIcmpErrors {
        SocketHandle<TcpSocket> handle;
        TcpSocket socket;

        @BeforeEach
        void connect() throws TcpException {
            socket = new TcpSocket(8192, 8192).setNagle(false);
            handle = h.sockets.add(socket);
            h.iface.connect(h.now(), h.sockets, handle, new Endpoint(PEER_IP.bits(), 80), 0);
            h.poll();
        }

        /** An ICMP message from {@code from} quoting the header and first 8 payload octets of {@code sent}. */
        byte[] about(Frame sent, Icmpv4DstUnreachable reason, int nextHopMtu) {
            Octets quote = Octets.of(Arrays.copyOf(sent.ipPayload(), 8));
            return Frames.fromPeer(IpProtocol.ICMP,
                    Frames.icmp(new Icmpv4Repr.DstUnreachable(reason, nextHopMtu, sent.ip(), quote)));
        }

        void establish(Frame syn) {
            TcpRepr ours = syn.tcp();
            h.receive(Frames.fromPeer(IpProtocol.TCP, Frames.tcp(PEER_IP, STACK_IP, 80, ours.sourcePort(), PEER_ISS,
                    ours.seq() + 1, TcpFlags.SYN | TcpFlags.ACK, 64240, List.of(new TcpOption.MaxSegmentSize(1460)),
                    new byte[0])));
            h.sent();
            assertEquals(TcpState.ESTABLISHED, socket.state());
        }

        @Test
        void portUnreachableForTheSynEndsTheConnect() {
            Frame syn = h.sentOne();

            h.receive(about(syn, Icmpv4DstUnreachable.PORT_UNREACHABLE, 0));

            assertEquals(TcpState.CLOSED, socket.state());
            assertEquals(CloseReason.UNREACHABLE, socket.closeReason());
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_IN));
        }

        @Test
        void fragmentationNeededShrinksTheSegmentsThatFollowAndResendsTheLostOnes() throws TcpException {
            establish(h.sentOne());
            socket.send(Frames.pattern(4000, 3), 0, 4000);
            h.poll();
            List<Frame> big = h.sent();
            assertEquals(1500, big.get(0).ip().bufferLen());
            assertTrue(big.get(0).ip().dontFragment());

            h.receive(about(big.get(0), Icmpv4DstUnreachable.FRAGMENTATION_NEEDED, 1280));
            h.poll();

            List<Frame> again = h.sent();
            assertFalse(again.isEmpty());
            assertEquals(big.get(0).tcp().seq(), again.get(0).tcp().seq(), "from the first lost one");
            assertTrue(again.stream().allMatch(f -> f.ip().bufferLen() <= 1280), "each fits 1280 octets");
            assertEquals(1280, socket.controlBlock(h.now()).pathMtu());
        }

        @Test
        void anErrorQuotingNoSegmentInFlightIsCountedAndIgnored() {
            Frame syn = h.sentOne();
            byte[] forged = syn.bytes().clone();
            forged[EthernetFrame.HEADER_LEN + 20 + 7] ^= 1; // another sequence number
            h.receive(about(new Frame(forged), Icmpv4DstUnreachable.PORT_UNREACHABLE, 0));

            assertEquals(TcpState.SYN_SENT, socket.state());
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_IGNORED));
        }

        @Test
        void anErrorAboutAConnectionThatIsNotHereIsCountedAsForNoSocket() {
            Frame syn = h.sentOne();
            byte[] other = syn.bytes().clone();
            other[EthernetFrame.HEADER_LEN + 20 + 1] ^= 1; // another local port
            h.receive(about(new Frame(other), Icmpv4DstUnreachable.PORT_UNREACHABLE, 0));

            assertEquals(TcpState.SYN_SENT, socket.state());
            assertEquals(1, h.counter(InterfaceCounter.DROP_NO_SOCKET));
        }
    }

    @Nested
    class ConnectingOut {
        SocketHandle<TcpSocket> handle;
        TcpSocket socket;

        @BeforeEach
        void aSocket() {
            socket = new TcpSocket(8192, 8192);
            handle = h.sockets.add(socket);
        }

        @Test
        void asksArpFirstAndSendsTheSynWhenTheReplyComes() throws TcpException {
            h.iface.flushNeighbors();
            h.iface.connect(h.now(), h.sockets, handle, new Endpoint(PEER_IP.bits(), 80), 0);
            h.poll();

            Frame request = h.sentOne();
            assertTrue(request.isArp(), request::toString);
            assertEquals(TcpState.SYN_SENT, socket.state());
            assertEquals(socket.controlBlock(h.now()).iss(), socket.controlBlock(h.now()).sndNxt(), "the SYN waits, uncommitted");
            assertEquals(h.now() + Micros.ofSeconds(1), h.iface.pollAt(h.now(), h.sockets), "no busy loop while ARP asks");
            assertEquals(0, h.iface.pendingFrames(), "nothing parked in the ARP queue");

            h.receive(Frames.arpReply(PEER_MAC, PEER_IP));

            TcpRepr syn = h.sentOne().tcp();
            assertEquals(TcpFlags.of(TcpFlags.SYN), TcpFlags.of(syn.flags()));
            assertEquals(80, syn.destinationPort());
            assertTrue(syn.sourcePort() >= SocketSet.EPHEMERAL_FIRST, "an ephemeral port: " + syn.sourcePort());
            assertEquals(new Endpoint(STACK_IP.bits(), syn.sourcePort()), socket.localEndpoint());
            assertEquals(1460, syn.mss());
        }

        @Test
        void timesOutAsTcpSaysWhenArpNeverAnswers() throws TcpException {
            socket.setMaxRetransmissions(2);
            h.iface.flushNeighbors();
            h.iface.connect(h.now(), h.sockets, handle, new Endpoint(PEER_IP.bits(), 80), 0);
            int polls = 0;
            while (socket.state() != TcpState.CLOSED && polls < 100) {
                h.poll();
                long at = h.iface.pollAt(h.now(), h.sockets);
                assertTrue(at > h.now() || socket.state() == TcpState.CLOSED, "no busy loop at " + Micros.format(h.now()));
                if (at != Micros.NEVER) {
                    h.clock.advanceTo(at);
                }
                polls++;
            }

            assertEquals(TcpState.CLOSED, socket.state());
            assertEquals(CloseReason.TIMED_OUT, socket.closeReason());
            assertTrue(polls < 40, polls + " polls");
            List<Frame> frames = h.sent();
            assertTrue(frames.stream().allMatch(Frame::isArp), "only ARP requests ever left: " + frames);
            assertTrue(h.counter(InterfaceCounter.DROP_ARP_TIMEOUT) >= 2, h.iface.stats().nonZero().toString());
            assertEquals(0, h.counter(InterfaceCounter.TCP_OUT));
        }

        @Test
        void failsAtOnceWithoutARoute() {
            TcpException.Connect e = assertThrows(TcpException.Connect.class,
                    () -> h.iface.connect(h.now(), h.sockets, handle, new Endpoint(Frames.REMOTE_IP.bits(), 80), 0));
            assertEquals(ConnectError.NO_ROUTE, e.error());
            assertEquals(TcpState.CLOSED, socket.state());
        }

        @Test
        void refusesALocalPortAListenerHolds() {
            listen(5000);
            TcpException.Connect e = assertThrows(TcpException.Connect.class,
                    () -> h.iface.connect(h.now(), h.sockets, handle, new Endpoint(PEER_IP.bits(), 80), 5000));
            assertEquals(ConnectError.ADDRESS_IN_USE, e.error());
        }

        @Test
        void reachesAListenerOnItsOwnAddressThroughLoopback() throws TcpException {
            SocketHandle<TcpListener> listener = listen(7);
            h.iface.connect(h.now(), h.sockets, handle, new Endpoint(STACK_IP.bits(), 7), 0);
            for (int i = 0; i < 10; i++) {
                h.poll();
            }
            assertEquals(TcpState.ESTABLISHED, socket.state());
            TcpSocket server = h.sockets.get(h.sockets.accept(listener).orElseThrow());
            socket.send(ascii("to myself"), 0, 9);
            for (int i = 0; i < 10; i++) {
                h.poll();
            }

            byte[] read = new byte[16];
            assertEquals("to myself", new String(read, 0, recv(server, read), StandardCharsets.US_ASCII));
            h.sentNothing();
        }

        @Test
        void takesItsInitialSequenceNumberFromTheInterfacesSeed() throws TcpException {
            assertEquals(synSeq(7), synSeq(7), "the same seed, the same ISN");
            assertNotEquals(synSeq(7), synSeq(8));
        }

        private int synSeq(long seed) throws TcpException {
            Harness other = new Harness(InterfaceConfig.of(Frames.STACK_MAC, Ipv4Cidr.parse("192.168.69.1/24")).withSeed(seed));
            other.knowPeer();
            SocketSet set = other.iface.newSocketSet();
            SocketHandle<TcpSocket> client = set.add(new TcpSocket(1024, 1024));
            other.iface.connect(other.now(), set, client, new Endpoint(PEER_IP.bits(), 80), 40000);
            other.iface.poll(other.now(), other.device, set);
            return other.sentOne().tcp().seq();
        }
    }

    static int recv(TcpSocket socket, byte[] into) {
        try {
            return socket.recv(into, 0, into.length);
        } catch (TcpException.Recv e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSocketOfAnAddressNoLongerOursLosesItsSegmentsInsteadOfSpinning() throws TcpException {
        h.iface.addAddress(Ipv4Cidr.parse("192.168.69.7/24"));
        TcpSocket socket = new TcpSocket(1024, 1024).setMaxRetransmissions(1);
        SocketHandle<TcpSocket> handle = h.sockets.add(socket);
        h.sockets.connect(h.now(), handle, new Endpoint(Ipv4Address.parse("192.168.69.7").bits(), 0),
                new Endpoint(PEER_IP.bits(), 80));
        h.iface.removeAddress(Ipv4Address.parse("192.168.69.7"));

        h.poll();

        h.sentNothing();
        assertEquals(1, h.counter(InterfaceCounter.DROP_NO_ROUTE));
        assertTrue(h.iface.pollAt(h.now(), h.sockets) > h.now());
        assertFalse(socket.state() == TcpState.CLOSED);
    }
}
