package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.PEER_IP;
import static dev.jnetlab.stack.iface.Frames.PEER_MAC;
import static dev.jnetlab.stack.iface.Frames.STACK_IP;
import static dev.jnetlab.stack.iface.Frames.STACK_MAC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpOption;
import dev.jnetlab.stack.wire.TcpRepr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A SYN flood from 1,000 forged on-link sources, none of which answers ARP, against a
 * listener with Linux's default queues, while a real client (whose address the stack knows)
 * connects: on the virtual clock, the client's SYN,ACK and its retransmissions go exactly when
 * they go without the flood, and during it a client completes its handshake (with a cookie) at
 * once. Each SYN,ACK to a forged source waits for ARP alone and is lost
 * alone; the neighbor cache keeps the client's entry and gives the forged ones up.
 */
class SynFloodFromForgedSourcesTest {
    static final int PORT = 80;
    static final int CLIENT_PORT = 40000;
    static final int CLIENT_ISS = 1000;
    static final int SOURCES = 1000;

    final Harness h = new Harness(InterfaceConfig.of(STACK_MAC, Ipv4Cidr.parse("192.168.69.1/16")));
    final TcpListener listener = new TcpListener(new Endpoint(0, PORT), () -> new TcpSocket(65536, 65536));

    SynFloodFromForgedSourcesTest() {
        h.sockets.add(listener);
        h.knowPeer();
    }

    /** A SYN from forged source number {@code n}: an on-link address and a MAC nobody has. */
    static byte[] forgedSyn(int n) {
        Ipv4Address source = Ipv4Address.of(0xC0A8_0000 | (1 + n / 250) << 8 | 1 + n % 250);
        MacAddress mac = MacAddress.of(0x0200_0A00_0000L | n);
        byte[] segment = Frames.tcp(source, STACK_IP, 1024 + n, PORT, n * 7919, 0, TcpFlags.SYN, 64240,
                List.of(new TcpOption.MaxSegmentSize(1460)), new byte[0]);
        return Frames.ipv4(mac, STACK_MAC, Ipv4Repr.of(source, STACK_IP, IpProtocol.TCP, segment.length), segment);
    }

    static byte[] fromClient(int seq, int ack, int flags) {
        return Frames.fromPeer(IpProtocol.TCP, Frames.tcp(PEER_IP, STACK_IP, CLIENT_PORT, PORT, seq, ack, flags, 64240,
                List.of(new TcpOption.MaxSegmentSize(1460)), new byte[0]));
    }

    /** The flood: every source's SYN within 100 ms, 50 in each of 20 polls (10,000 SYNs a second). */
    void flood() {
        for (int batch = 0; batch < 20; batch++) {
            List<byte[]> frames = new ArrayList<>();
            for (int n = batch * SOURCES / 20; n < (batch + 1) * SOURCES / 20; n++) {
                frames.add(forgedSyn(n));
            }
            h.receiveAll(frames);
            h.clock.advance(Micros.ofMillis(5));
        }
    }

    /** The instants, until {@code end}, at which a SYN,ACK went to the client, the stack polled whenever it asked to be. */
    List<Long> synAcksToClientUntil(long end) {
        List<Long> at = new ArrayList<>();
        while (true) {
            collectSynAcks(at);
            long next = h.iface.pollAt(h.now(), h.sockets);
            if (next > end) {
                return at;
            }
            h.clock.advance(Math.max(0, next - h.now()));
            h.poll();
        }
    }

    private void collectSynAcks(List<Long> at) {
        for (Frame frame : h.sent()) {
            if (frame.eth().etherType() == EtherType.IPV4 && frame.ip().destination().equals(PEER_IP)) {
                TcpRepr tcp = frame.tcp();
                assertEquals(TcpFlags.of(TcpFlags.SYN | TcpFlags.ACK), TcpFlags.of(tcp.flags()));
                at.add(h.now());
            }
        }
    }

    /**
     * The client's SYN,ACKs, relative to its SYN, which the client never acknowledges, with
     * or without the flood just after it (which fills the half-open queue behind the client's
     * connection, then gets cookies).
     */
    List<Long> clientSynAcks(boolean withFlood) {
        long syn = h.now();
        h.receive(fromClient(CLIENT_ISS, 0, TcpFlags.SYN));
        List<Long> at = new ArrayList<>();
        collectSynAcks(at);
        h.clock.advance(Micros.ofMillis(10));
        if (withFlood) {
            flood();
        }
        at.addAll(synAcksToClientUntil(syn + Micros.ofSeconds(4)));
        return at.stream().map(t -> t - syn).toList();
    }

    @Test
    void theClientsSynAckAndItsRetransmissionsGoWhenTheyWouldWithoutTheFlood() {
        List<Long> quiet = new SynFloodFromForgedSourcesTest().clientSynAcks(false);
        List<Long> flooded = clientSynAcks(true);

        assertTrue(quiet.size() >= 2, () -> "a SYN,ACK and a retransmission within 4 s: " + quiet);
        assertEquals(0L, quiet.get(0), "the first at once");
        assertEquals(quiet, flooded);
        assertTrue(h.counter(InterfaceCounter.ARP_REQUESTS_OUT) > 0, "the forged sources were asked for");
        assertEquals(TcpListener.DEFAULT_MAX_HALF_OPEN, listener.halfOpenCount(), "the client's and 127 forged");
        assertTrue(listener.cookiesSent() > 0, "the rest got cookies");
    }

    @Test
    void theClientCompletesItsHandshakeAtOnceDuringTheFlood() {
        flood();
        h.receive(fromClient(CLIENT_ISS, 0, TcpFlags.SYN));
        TcpRepr synAck = h.sent().stream().filter(f -> f.eth().etherType() == EtherType.IPV4
                && f.ip().destination().equals(PEER_IP)).findFirst().orElseThrow().tcp();

        h.receive(fromClient(CLIENT_ISS + 1, synAck.seq() + 1, TcpFlags.ACK));

        assertTrue(h.sockets.get(h.sockets.handles().get(0)) == listener);
        TcpSocket accepted = listener.accept().orElseThrow();
        assertEquals(PEER_IP.bits(), accepted.remoteAddress());
    }

    @Test
    void theClientsNeighborEntryOutlastsTheFloodAndTheForgedOnesAreGivenUp() {
        flood();
        long end = h.now() + Micros.ofSeconds(10);
        synAcksToClientUntil(end);

        List<NeighborEntry> entries = h.iface.neighbors(h.now());
        assertTrue(entries.stream().anyMatch(e -> e.address().equals(PEER_IP)), entries::toString);
        assertTrue(h.counter(InterfaceCounter.DROP_ARP_TIMEOUT) >= TcpListener.DEFAULT_MAX_HALF_OPEN,
                () -> "each half-open SYN,ACK to a forged source lost alone: " + h.iface.stats().nonZero());
    }
}
