package dev.jnetlab.host.plot;

import static dev.jnetlab.host.plot.PlotFrames.segment;
import static dev.jnetlab.host.plot.PlotFrames.tcp;
import static dev.jnetlab.stack.wire.TcpFlags.ACK;
import static dev.jnetlab.stack.wire.TcpFlags.PSH;
import static dev.jnetlab.stack.wire.TcpFlags.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.testing.AllocationMeter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plots' ring of samples: what a sample holds, which are kept, and that recording costs nothing. */
class SampleRingTest {
    private final SampleRing ring = new SampleRing(4);

    private void sent(long now, int flags, long seq, int payload) {
        ring.record(now, Direction.TX, tcp(segment(true, flags, seq, 1, payload)), null);
    }

    @Test
    void keepsTheSegmentsFieldsOldestFirst() {
        sent(10, SYN, 100, 0);
        ring.record(20, Direction.RX, tcp(segment(false, SYN | ACK, 500, 101, 0)), null);
        List<Sample> samples = ring.samples();
        assertEquals(2, samples.size());
        Sample syn = samples.get(0);
        assertEquals(10, syn.time());
        assertEquals(Direction.TX, syn.direction());
        assertEquals(100, syn.seq());
        assertEquals(101, samples.get(1).ack());
        assertEquals(1000, samples.get(1).window());
        assertTrue(syn.congestion().isEmpty());
    }

    @Test
    void overwritesTheOldestWhenFull() {
        for (int i = 0; i < 6; i++) {
            sent(i, ACK | PSH, 1 + 100L * i, 100);
        }
        List<Sample> samples = ring.samples();
        assertEquals(6, ring.recorded());
        assertEquals(List.of(2L, 3L, 4L, 5L), samples.stream().map(Sample::time).toList());
    }

    @Test
    void marksSequenceSpaceSentAgainAsARetransmission() {
        sent(1, ACK | PSH, 1, 100);
        sent(2, ACK | PSH, 101, 100);
        sent(3, ACK | PSH, 1, 100);
        sent(4, ACK | PSH, 201, 100);
        assertEquals(List.of(SampleMark.NONE, SampleMark.NONE, SampleMark.RETRANSMISSION, SampleMark.NONE),
                ring.samples().stream().map(Sample::mark).toList());
    }

    @Test
    void readsTheSackBlocksAndScalesTheWindowOnceBothSynsOfferedAScale() {
        ring.record(1, Direction.TX, tcp(segment(true, SYN, 0, 0, 1000, 0, t -> t.windowScale(2))), null);
        ring.record(2, Direction.RX, tcp(segment(false, SYN | ACK, 0, 1, 1000, 0,
                t -> t.windowScale(3))), null);
        ring.record(3, Direction.RX, tcp(segment(false, ACK, 1, 101, 1000, 0,
                t -> t.addSackBlock(201, 301).addSackBlock(401, 501))), null);
        Sample ack = ring.samples().get(2);
        assertEquals(8000, ack.window());
        assertEquals(List.of(new Sample.SackBlock(201, 301), new Sample.SackBlock(401, 501)), ack.sacks());
    }

    @Test
    void readsTheCongestionStateOfTheSocketItIsGiven() {
        TcpSocket socket = new TcpSocket(1024, 1024);
        ring.record(5, Direction.TX, tcp(segment(true, SYN, 0, 0, 0)), socket);
        Sample.Congestion congestion = ring.samples().get(0).congestion().orElseThrow();
        assertEquals(socket.congestionControl().window(), congestion.cwnd());
        assertEquals(socket.rto(), congestion.rto());
        assertEquals(0, congestion.inFlight());
    }

    @Test
    void recordingAllocatesNothingPerSegment() {
        SampleRing big = new SampleRing(1000);
        TcpSocket socket = new TcpSocket(1024, 1024);
        TcpPacket data = tcp(segment(true, ACK | PSH, 1, 1, 1000, 100, t -> t));
        TcpPacket sack = tcp(segment(false, ACK, 1, 101, 1000, 0,
                t -> t.addSackBlock(201, 301)));
        AllocationMeter.assertNoAllocationPerFrame(100_000, () -> {
            for (int i = 0; i < 50_000; i++) {
                big.record(i, Direction.TX, data, socket);
                big.record(i, Direction.RX, sack, null);
            }
        });
    }

    /** Where a measured ring is kept, so that the JIT cannot find it unused and not make it. */
    private static volatile Object kept;

    @Test
    void aFreshRingHoldsAFewSamplesAndGrowsToItsCapacityKeepingThemInOrder() {
        SampleRing growing = new SampleRing(1000);
        TcpPacket data = tcp(segment(true, ACK | PSH, 1, 1, 100));
        assertEquals(SampleRing.FIRST_SLOTS, growing.slots());
        for (int i = 0; i < SampleRing.FIRST_SLOTS + 1; i++) {
            growing.record(i, Direction.TX, data, null);
        }
        assertEquals(2 * SampleRing.FIRST_SLOTS, growing.slots(), "doubled when the first slots were full");
        for (int i = SampleRing.FIRST_SLOTS + 1; i < 1001; i++) {
            growing.record(i, Direction.TX, data, null);
        }
        assertEquals(1000, growing.slots(), "never past its capacity");
        List<Long> times = growing.samples().stream().map(Sample::time).toList();
        assertEquals(1000, times.size());
        assertEquals(1L, times.get(0), "the oldest overwritten once full");
        assertEquals(1000L, times.get(999));
    }

    @Test
    void aFullRingTakesItsCapacityTimesTheOctetsOfASampleAndAFreshOneAFewKilobytes() {
        long full = AllocationMeter.minimumBytesAllocatedBy(() -> kept = new SampleRing(1000, 1000), 3);
        long expected = 1000L * SampleRing.BYTES_PER_SAMPLE;
        assertTrue(full >= expected && full < expected + 2048,
                full + " octets for a full ring of 1000, " + expected + " in its arrays");
        long fresh = AllocationMeter.minimumBytesAllocatedBy(() -> kept = new SampleRing(1000), 3);
        assertTrue(fresh < SampleRing.FIRST_SLOTS * SampleRing.BYTES_PER_SAMPLE + 2048,
                fresh + " octets for a fresh ring of capacity 1000");
    }
}
