package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.LOCAL_SEQ;
import static dev.jnetlab.stack.socket.tcp.TcpHarness.REMOTE_SEQ;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.wire.TcpRepr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TCP segmentation offload, as the socket sees it: with a device that cuts segments
 * ({@link TcpSocket#setTsoMaxSize}), new data goes out in segments of many MSS, each saying
 * the MSS to cut at; the windows, the device's limit and Nagle bound them as they bound one
 * segment; without such a device no segment is ever larger than the MSS.
 */
class TcpSegmentationOffloadTest {
    static final int L = LOCAL_SEQ;
    static final int R = REMOTE_SEQ;
    static final int MSS = 1000;

    /** A connection whose peer announced an MSS of 1000 and {@code window}; no timestamps, so the MSS is the payload. */
    static TcpHarness sender(TcpSocket socket, int window) {
        TcpHarness h = TcpHarness.passive(socket, seg().syn().seq(R).win(window).mss(MSS));
        h.recvOne();
        h.send(seg().seq(R + 1).ack(L + 1).win(window));
        return h;
    }

    static TcpSocket socket(int tsoMaxSize, boolean nagle) {
        return TcpHarness.newSocket(1 << 16, 1 << 16).setTsoMaxSize(tsoMaxSize).setNagle(nagle);
    }

    /** Every segment dispatched now, as "payload/cut" (cut: the segment size the device is told, 0 for none). */
    static List<String> dispatched(TcpHarness h) {
        List<String> all = new ArrayList<>();
        TcpRepr out = new TcpRepr();
        while (h.handler.dispatch(h.now(), out)) {
            all.add(out.payloadLength() + "/" + out.segmentSize());
            h.handler.sent(h.now(), out);
        }
        return all;
    }

    static void queue(TcpHarness h, int octets) {
        h.sendBytes(TcpHarness.bytes(octets, 1));
    }

    @Test
    void withoutTsoNoSegmentIsLargerThanTheMss() {
        TcpHarness h = sender(socket(0, false), 60_000);
        queue(h, 5_500);

        assertEquals(List.of("1000/0", "1000/0", "1000/0", "1000/0", "1000/0", "500/0"), dispatched(h));
    }

    @Test
    void withTsoTheQueuedDataLeavesInOneSegmentCutAtTheMss() {
        TcpHarness h = sender(socket(65535, false), 60_000);
        queue(h, 5_500);

        assertEquals(List.of("5500/1000"), dispatched(h), "the short last cut ends the data, and Nagle is off");
    }

    @Test
    void aSegmentOfOneMssOrLessIsNotCut() {
        TcpHarness h = sender(socket(65535, false), 60_000);
        queue(h, 1_000);

        assertEquals(List.of("1000/0"), dispatched(h));
    }

    @Test
    void theDevicesLimitHoldsWholeMssOnly() {
        // 5000 octets less 40 of headers hold 4 segments of 1000, not 4.96.
        TcpHarness h = sender(socket(5_000, false), 60_000);
        queue(h, 10_000);

        assertEquals(List.of("4000/1000", "4000/1000", "2000/1000"), dispatched(h));
    }

    @Test
    void thePeersWindowBoundsTheSegmentToWholeMss() {
        TcpHarness h = sender(socket(65535, false), 4_500);
        queue(h, 10_000);

        assertEquals(List.of("4000/1000"), dispatched(h), "the last 500 the window allows would be a silly segment");
    }

    @Test
    void nagleKeepsTheShortLastCutBackWhileDataIsInFlight() {
        TcpHarness h = sender(socket(65535, true), 60_000);
        queue(h, 2_500);
        assertEquals(List.of("2500/1000"), dispatched(h), "nothing in flight: all of it");

        queue(h, 2_500);
        assertEquals(List.of("2000/1000"), dispatched(h), "the last 500 wait for the ACK");

        h.send(seg().seq(R + 1).ack(L + 1 + 4_500).win(60_000));
        assertEquals(List.of("500/0"), dispatched(h));
    }

    @Test
    void aFastRetransmitIsOneMss() {
        TcpHarness h = sender(socket(65535, false).setSackEnabled(false), 60_000);
        queue(h, 10_000);
        assertEquals(List.of("10000/1000"), dispatched(h));

        for (int i = 0; i < 3; i++) {
            h.send(seg().seq(R + 1).ack(L + 1).win(60_000));
        }
        List<String> repair = dispatched(h);

        assertEquals("1000/0", repair.get(0), "the first lost wire segment, not the whole TSO segment: " + repair);
    }
}
