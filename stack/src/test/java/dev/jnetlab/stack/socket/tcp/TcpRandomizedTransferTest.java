package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm.CUBIC;
import static dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm.NONE;
import static dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm.RENO;

import dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm;
import dev.jnetlab.stack.time.Micros;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two sockets transfer a megabyte each way through a link that drops, duplicates and reorders
 * segments, with and without SACK and timestamps, under each congestion algorithm: every
 * octet must arrive, in order, once, and both ends must close cleanly. Seeded: a failure
 * reproduces.
 */
class TcpRandomizedTransferTest {

    static final int MEGABYTE = 1 << 20;

    static Stream<Arguments> scenarios() {
        return Stream.of(
                // seed, drop, duplicate, reorder, sack, timestamps, congestion control, buffer
                Arguments.of(1L, 0.0, 0.0, 0.0, true, true, NONE, 65536),
                Arguments.of(2L, 0.05, 0.02, 0.05, true, true, RENO, 65536),
                Arguments.of(3L, 0.05, 0.02, 0.05, false, false, CUBIC, 65536),
                Arguments.of(4L, 0.15, 0.02, 0.05, true, true, RENO, 262144),
                Arguments.of(5L, 0.15, 0.02, 0.05, false, true, CUBIC, 262144),
                Arguments.of(6L, 0.15, 0.02, 0.05, true, false, NONE, 32768),
                Arguments.of(7L, 0.15, 0.02, 0.05, false, false, NONE, 16384),
                Arguments.of(8L, 0.02, 0.10, 0.20, true, true, CUBIC, 131072),
                Arguments.of(9L, 0.10, 0.05, 0.10, false, false, RENO, 4096),
                Arguments.of(10L, 0.15, 0.05, 0.05, true, true, CUBIC, 1 << 20),
                Arguments.of(11L, 0.15, 0.02, 0.05, false, false, RENO, 65536),
                Arguments.of(12L, 0.15, 0.02, 0.05, true, false, CUBIC, 65536));
    }

    @ParameterizedTest(name = "seed {0}: drop {1}, dup {2}, reorder {3}, sack {4}, ts {5}, {6}, buffers {7}")
    @MethodSource("scenarios")
    void aMegabyteEachWayArrivesExactly(long seed, double drop, double duplicate, double reorder,
            boolean sack, boolean timestamps, Algorithm algorithm, int buffer) throws TcpException {
        TcpSocket a = socket(buffer, sack, timestamps, algorithm);
        TcpSocket b = socket(buffer, sack, timestamps, algorithm);
        TcpLink link = new TcpLink(a, b, seed);
        link.drop = drop;
        link.duplicate = duplicate;
        link.reorder = reorder;
        byte[] toB = data(MEGABYTE, seed);
        byte[] toA = data(MEGABYTE, ~seed);

        TcpLink.Result result = link.transfer(toB, toA, Micros.ofSeconds(7200));

        assertArrayEquals(toB, result.receivedByB());
        assertArrayEquals(toA, result.receivedByA());
        assertClosedCleanly(a);
        assertClosedCleanly(b);
        assertTrue(link.resets.isEmpty(), () -> "resets: " + link.resets);
        assertEquals(sack, a.controlBlock(link.now).sackNegotiated());
        assertEquals(timestamps, a.controlBlock(link.now).timestampsNegotiated());
        assertEquals(algorithm, b.controlBlock(link.now).congestionAlgorithm());
    }

    static Stream<Arguments> heavy() {
        return Stream.of(NONE, RENO, CUBIC).flatMap(algorithm -> Stream.of(
                Arguments.of(algorithm, true), Arguments.of(algorithm, false)));
    }

    /**
     * The socket-level version of the fault-injector run: 15 % drop and 15 % corruption
     * (a corrupted frame fails its checksum and is dropped, so 27.75 % loss each way), 5 %
     * reordering, 2 % duplication, 10 MB each way.
     */
    @ParameterizedTest(name = "{0}, SACK and timestamps {1}")
    @MethodSource("heavy")
    void tenMegabytesEachWayThroughAVeryLossyLink(Algorithm algorithm, boolean options) throws TcpException {
        TcpSocket a = socket(256 * 1024, options, options, algorithm);
        TcpSocket b = socket(256 * 1024, options, options, algorithm);
        TcpLink link = new TcpLink(a, b, 42);
        link.drop = 1 - 0.85 * 0.85;
        link.duplicate = 0.02;
        link.reorder = 0.05;
        byte[] toB = data(10 * MEGABYTE, 1);
        byte[] toA = data(10 * MEGABYTE, 2);

        TcpLink.Result result = link.transfer(toB, toA, Micros.ofSeconds(1_000_000));

        assertArrayEquals(toB, result.receivedByB());
        assertArrayEquals(toA, result.receivedByA());
        assertClosedCleanly(a);
        assertClosedCleanly(b);
        assertTrue(link.resets.isEmpty(), () -> "resets: " + link.resets);
    }

    /** In TIME-WAIT, or closed by the FIN handshake (or by an RST that ended TIME-WAIT early). */
    static void assertClosedCleanly(TcpSocket socket) {
        if (socket.state() == TcpState.TIME_WAIT) {
            assertEquals(CloseReason.NONE, socket.closeReason());
        } else {
            assertEquals(TcpState.CLOSED, socket.state());
            assertEquals(CloseReason.CLOSED, socket.closeReason());
        }
    }

    static TcpSocket socket(int buffer, boolean sack, boolean timestamps, Algorithm algorithm) {
        // TIME-WAIT of 2 MSL (RFC 9293: 4 minutes) rather than the default 10 s: at 15 % loss a
        // FIN retransmitted after several backed-off timeouts (up to 60 s apart) can otherwise
        // reach a peer whose TIME-WAIT has ended, and be answered with an RST.
        TcpSocket socket = new TcpSocket(buffer, buffer).setSackEnabled(sack).setTimestampsEnabled(timestamps)
                .setTimeWaitDuration(Micros.ofSeconds(240)).setCongestionAlgorithm(algorithm);
        return socket;
    }

    static byte[] data(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }
}
