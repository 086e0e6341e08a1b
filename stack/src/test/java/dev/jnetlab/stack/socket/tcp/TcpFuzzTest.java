package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.wire.TcpFlags;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ARCHITECTURE.md §6: nothing a peer sends may crash the stack. Seeded random segments, most of them
 * near the connection's real sequence numbers so that they reach deep into the state machine,
 * are thrown at a socket (and a listener) in every state; each must be processed without an
 * exception, every reply must be empty of payload, the dispatch loop must end, and the queues
 * must stay within their capacity.
 */
class TcpFuzzTest {

    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of("LISTEN", (Supplier<TcpHarness>) TcpHarness::listening),
                Arguments.of("SYN-SENT", (Supplier<TcpHarness>) TcpHarness::synSent),
                Arguments.of("SYN-RECEIVED", (Supplier<TcpHarness>) TcpHarness::synReceived),
                Arguments.of("ESTABLISHED", (Supplier<TcpHarness>) TcpHarness::established),
                Arguments.of("FIN-WAIT-1", (Supplier<TcpHarness>) TcpHarness::finWait1),
                Arguments.of("FIN-WAIT-2", (Supplier<TcpHarness>) TcpHarness::finWait2),
                Arguments.of("CLOSE-WAIT", (Supplier<TcpHarness>) TcpHarness::closeWait),
                Arguments.of("CLOSING", (Supplier<TcpHarness>) TcpHarness::closing),
                Arguments.of("LAST-ACK", (Supplier<TcpHarness>) TcpHarness::lastAck),
                Arguments.of("TIME-WAIT", (Supplier<TcpHarness>) TcpHarness::timeWait));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void randomSegmentsNeverBreakTheSocket(String name, Supplier<TcpHarness> fixture) {
        Random random = new Random(name.hashCode());
        for (int round = 0; round < 40; round++) {
            TcpHarness h = fixture.get();
            for (int i = 0; i < 300; i++) {
                Seg segment = randomSegment(random);
                if (h.accepts(segment)) {
                    h.send(segment);
                }
                if (random.nextInt(8) == 0) {
                    h.advance(random.nextInt(3000));
                }
                if (random.nextInt(10) == 0 && h.socket.canRecv()) {
                    h.recvText();
                }
                if (random.nextInt(10) == 0 && h.socket.maySend()) {
                    h.sendBytes(TcpHarness.bytes(1 + random.nextInt(100), i));
                }
                for (Seg out : h.drain()) {
                    assertTrue(out.payload.length <= 1460, out::toString);
                }
                assertTrue(h.socket.recvQueue() <= h.socket.recvCapacity());
                assertTrue(h.socket.sendQueue() <= h.socket.sendCapacity());
                // Drained: nothing is overdue.
                assertTrue(h.socket.pollAt(h.now()) >= h.now());
                h.socket.controlBlock(h.now());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void randomSegmentsFromManyClientsNeverBreakAListener() {
        Random random = new Random(99);
        TcpListener listener = new TcpListener(TcpHarness.LOCAL, 4, 8, () -> TcpHarness.newSocket(64, 64));
        TcpHarness h = new TcpHarness(listener);
        for (int i = 0; i < 20_000; i++) {
            h.from(0x0A000000 + random.nextInt(4), 1000 + random.nextInt(6));
            Seg segment = randomSegment(random);
            if (random.nextInt(3) == 0) {
                segment = segment.flag(TcpFlags.SYN).noFlag(TcpFlags.RST);
            }
            h.send(segment);
            if (random.nextInt(50) == 0) {
                listener.accept();
            }
            if (random.nextInt(20) == 0) {
                h.advance(random.nextInt(5000));
            }
            h.drainAddressed();
            assertTrue(listener.halfOpenCount() <= 8);
            assertTrue(listener.readyCount() <= 4 + 8);
            assertTrue(listener.pollAt(h.now()) >= h.now());
        }
    }

    /** A segment with random control bits, options and payload, numbered near the real connection. */
    static Seg randomSegment(Random random) {
        Seg segment = Seg.seg().flag(random.nextInt(512) & ~(random.nextBoolean() ? TcpFlags.RST : 0));
        int near = TcpHarness.REMOTE_SEQ + random.nextInt(200) - 50;
        segment = segment.seq(random.nextInt(4) == 0 ? random.nextInt() : near);
        if (segment.is(TcpFlags.ACK)) {
            int ackNear = TcpHarness.LOCAL_SEQ + random.nextInt(200) - 50;
            segment = segment.ack(random.nextInt(4) == 0 ? random.nextInt() : ackNear);
        }
        segment = segment.win(random.nextInt(4) == 0 ? 0 : random.nextInt(65536));
        if (random.nextInt(3) == 0) {
            segment = segment.mss(random.nextInt(65536));
        }
        if (random.nextInt(3) == 0) {
            segment = segment.ws(random.nextInt(256));
        }
        if (random.nextInt(3) == 0) {
            segment = segment.sackOk();
        }
        if (random.nextInt(3) == 0) {
            segment = segment.ts(random.nextInt(), random.nextInt());
        }
        int blocks = random.nextInt(5);
        for (int i = 0; i < blocks; i++) {
            int left = TcpHarness.LOCAL_SEQ + random.nextInt(300) - 100;
            segment = segment.sack(left, left + random.nextInt(200) - 50);
        }
        if (random.nextBoolean()) {
            segment = segment.data(TcpHarness.bytes(random.nextInt(random.nextInt(10) == 0 ? 2000 : 80), random.nextInt()));
        }
        return segment;
    }
}
