package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.PEER_IP;
import static dev.jnetlab.stack.iface.Frames.STACK_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.stack.wire.WireError;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md §6 for TCP through the interface: segments with random flags, numbers, windows,
 * options (well formed, malformed, unknown) and payloads, all with valid checksums so that
 * they reach the listener, its backlog and the connections, never make the interface throw;
 * each is counted as a TCP segment in or as a drop with its reason. Seeded.
 */
class TcpInterfaceFuzzTest {
    private static final int ROUNDS = 30_000;

    @Test
    void randomSegmentsToListenersAndConnectionsRaiseNothing() throws TcpException {
        Harness h = new Harness();
        h.knowPeer();
        SocketHandle<TcpListener> listener = h.sockets.add(new TcpListener(new Endpoint(0, 80), 2, 4,
                () -> new TcpSocket(4096, 4096)));
        TcpSocket client = new TcpSocket(4096, 4096);
        h.iface.connect(h.now(), h.sockets, h.sockets.add(client), new Endpoint(PEER_IP.bits(), 443), 40000);
        SplittableRandom random = new SplittableRandom(6);
        long wellFormed = 0;

        for (int round = 0; round < ROUNDS; round++) {
            byte[] segment = randomSegment(random, round);
            h.device.inject(Frames.fromPeer(IpProtocol.TCP, segment));
            if (new TcpPacket().wrap(segment, 0, segment.length).check() == null) {
                wellFormed++;
            }
            if (random.nextInt(8) == 0) {
                h.clock.advance(random.nextLong(2_000_000));
            }
            h.poll();
            h.sent();
            if (random.nextInt(50) == 0) {
                h.sockets.accept(listener).ifPresent(h.sockets::remove);
            }
        }

        InterfaceStats stats = h.iface.stats();
        long malformed = stats.get(InterfaceCounter.of(WireError.TRUNCATED)) + stats.get(InterfaceCounter.DROP_BAD_DATA_OFFSET)
                + stats.get(InterfaceCounter.DROP_BAD_FLAGS) + stats.get(InterfaceCounter.DROP_BAD_OPTION);
        assertEquals(wellFormed, stats.get(InterfaceCounter.TCP_IN), stats.nonZero()::toString);
        assertEquals(ROUNDS, stats.get(InterfaceCounter.TCP_IN) + malformed, stats.nonZero()::toString);
        assertTrue(stats.get(InterfaceCounter.TCP_OUT) > 0);
    }

    /** A segment from the peer to port 80 or to the client's port, fields and options at random, checksum right. */
    private static byte[] randomSegment(SplittableRandom random, int round) {
        int optionsLength = random.nextInt(3) == 0 ? 4 * random.nextInt(11) : 0;
        int payload = random.nextInt(4) == 0 ? random.nextInt(200) : 0;
        byte[] segment = new byte[TcpPacket.HEADER_LEN + optionsLength + payload];
        TcpPacket view = new TcpPacket().wrap(segment, 0, segment.length);
        boolean toClient = random.nextBoolean();
        view.setSrcPort(toClient ? 443 : 1000 + random.nextInt(8)).setDstPort(toClient ? 40000 : 80)
                .setSeqNumber(random.nextInt()).setAckNumber(random.nextInt())
                .setDataOffset(random.nextInt(20) == 0 ? random.nextInt(16) : (TcpPacket.HEADER_LEN + optionsLength) / 4)
                .setFlags(random.nextInt(4) == 0 ? random.nextInt(0x200) : pick(random, round))
                .setWindow(random.nextInt(0x10000)).setUrgentPointer(random.nextInt(0x10000));
        int at = TcpPacket.HEADER_LEN;
        while (at < TcpPacket.HEADER_LEN + optionsLength) {
            int left = TcpPacket.HEADER_LEN + optionsLength - at;
            int kind = random.nextInt(10);
            if (kind == 0 && left >= 4) {
                segment[at] = 2;
                segment[at + 1] = 4;
                segment[at + 2] = (byte) random.nextInt(256);
                segment[at + 3] = (byte) random.nextInt(256);
                at += 4;
            } else if (kind == 1 && left >= 3) {
                segment[at] = 3;
                segment[at + 1] = 3;
                segment[at + 2] = (byte) random.nextInt(256);
                at += 3;
            } else if (kind == 2 && left >= 10) {
                segment[at] = 8;
                segment[at + 1] = 10;
                for (int i = 2; i < 10; i++) {
                    segment[at + i] = (byte) random.nextInt(256);
                }
                at += 10;
            } else if (kind == 3 && left >= 10) {
                int blocks = Math.min((left - 2) / 8, 1 + random.nextInt(4));
                segment[at] = 5;
                segment[at + 1] = (byte) (2 + 8 * blocks);
                for (int i = 2; i < 2 + 8 * blocks; i++) {
                    segment[at + i] = (byte) random.nextInt(256);
                }
                at += 2 + 8 * blocks;
            } else if (kind == 4 && left >= 2) {
                segment[at] = 4;
                segment[at + 1] = 2;
                at += 2;
            } else if (kind == 5) {
                segment[at] = (byte) random.nextInt(256); // anything at all, malformed or not
                at++;
            } else {
                segment[at] = 1;
                at++;
            }
        }
        for (int i = TcpPacket.HEADER_LEN + optionsLength; i < segment.length; i++) {
            segment[i] = (byte) random.nextInt(256);
        }
        view.fillChecksum(PEER_IP.bits(), STACK_IP.bits());
        return segment;
    }

    /** Mostly the flag combinations a real peer sends. */
    private static int pick(SplittableRandom random, int round) {
        int[] usual = {0x02, 0x12, 0x10, 0x18, 0x11, 0x19, 0x04, 0x14, 0x01};
        return usual[(round + random.nextInt(usual.length)) % usual.length];
    }
}
