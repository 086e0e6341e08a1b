package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm;
import dev.jnetlab.stack.socket.tcp.HyStartPlusPlus.Phase;
import dev.jnetlab.stack.time.Micros;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * HyStart++ (RFC 9406) end to end: a CUBIC sender's first slow start into a bottleneck of
 * 20 Mbit/s with a queue of 100 frames and 40 ms of round trip (a
 * {@link dev.jnetlab.stack.phy.ShapedWire}'s rate and tail drop, in {@link TcpLink}), 2 MiB
 * from A to B on the virtual clock. Without HyStart++ slow start doubles cwnd until the queue
 * overflows, and the round that overflows it loses about as much as the queue held; with it
 * the queue's delay is seen rounds earlier and Conservative Slow Start takes over. Losses are
 * counted at the bottleneck, the same seed both ways.
 */
class TcpHyStartTest {

    static final int OCTETS = 2 * 1024 * 1024;

    @Test
    void fewerSegmentsAreLostAtTheEndOfSlowStartWithHyStart() throws TcpException {
        Run on = transfer(true);
        Run off = transfer(false);

        System.out.println("HyStart++ over 20 Mbit/s, 100 frames of queue, 40 ms: " + on.drops
                + " segments dropped with it, " + off.drops + " without");
        assertTrue(on.drops < off.drops / 2, "with HyStart++ " + on.drops + " dropped, without " + off.drops);
        assertEquals(Phase.DONE, on.hyStart.phase());
        assertEquals(Phase.OFF, off.hyStart.phase());
        assertTrue(on.hyStart.lastRoundMinRtt() > Micros.ofMillis(40), "the queue's delay was seen");
    }

    record Run(long drops, HyStartState hyStart) {
    }

    static Run transfer(boolean hyStart) throws TcpException {
        TcpSocket a = socket().setHyStart(hyStart);
        TcpSocket b = socket();
        TcpLink link = new TcpLink(a, b, 7);
        link.latency = Micros.ofMillis(20);
        link.jitter = 0;
        link.bottleneckBitsPerSecond = 20_000_000;
        link.bottleneckQueue = 100;
        byte[] data = new byte[OCTETS];
        new Random(1).nextBytes(data);

        TcpLink.Result result = link.transfer(data, new byte[0], Micros.ofSeconds(600));

        assertArrayEquals(data, result.receivedByB());
        return new Run(link.bottleneckDrops, a.controlBlock(link.now).hyStart());
    }

    static TcpSocket socket() {
        return new TcpSocket(1 << 20, 1 << 20).setCongestionAlgorithm(Algorithm.CUBIC);
    }
}
