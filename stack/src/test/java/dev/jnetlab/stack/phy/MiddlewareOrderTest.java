package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.PcapRecords.Record;
import dev.jnetlab.stack.phy.TestFrames.Numbered;
import dev.jnetlab.stack.phy.TestFrames.Recorder;
import dev.jnetlab.stack.time.Micros;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recommended order, link to stack: wire → FaultInjector → PcapWriter → Tracer → stack.
 * The capture and the trace show what the stack received and sent; the faults show in the trace.
 */
class MiddlewareOrderTest {
    private final VirtualWire wire = new VirtualWire();
    private final FaultInjector injector = new FaultInjector(wire.a(), FaultConfig.NONE, 1);
    private final TraceLines sink = new TraceLines();
    private final Numbered fromStack = new Numbered(TestFrames.MIN_LEN);
    private final Numbered fromPeer = new Numbered(TestFrames.MIN_LEN);
    private final Recorder atStack = new Recorder();
    private final Recorder atPeer = new Recorder();
    private PcapWriter pcap;
    private Tracer tracer;
    private Path capture;

    @TempDir
    Path dir;

    @BeforeEach
    void assemble() throws IOException {
        capture = dir.resolve("stack.pcap");
        pcap = new PcapWriter(injector, PcapFile.create(capture, 0));
        tracer = new Tracer(pcap, TraceLines.SEQUENCE, sink);
        injector.setListener(tracer);
        tracer.on(FrameFilter.ALL);
    }

    private List<Record> captured() throws IOException {
        pcap.stop();
        return PcapRecords.read(capture);
    }

    @Test
    void aCorruptedReceivedFrameIsReportedThenTracedAndCapturedAsTheStackGotIt() throws IOException {
        injector.setConfig(FaultConfig.NONE.withCorruptPercent(100));
        fromPeer.sendThrough(wire.b(), 0);
        atStack.drain(tracer, 0);

        byte[] got = atStack.frames.get(0);
        assertFalse(Arrays.equals(TestFrames.frame(TestFrames.MIN_LEN, 0), got));
        assertArrayEquals(got, captured().get(0).data());
        assertArrayEquals(got, sink.frames.get(0));
        assertEquals(2, sink.lines.size());
        assertTrue(sink.lines.get(0).startsWith("0 rx: corrupted octet "), sink.lines.get(0));
        assertTrue(sink.lines.get(1).startsWith("0 rx: seq "), sink.lines.get(1));
    }

    @Test
    void aLostSentFrameIsTracedAndCapturedThenReportedLost() throws IOException {
        injector.setConfig(FaultConfig.NONE.withDropPercent(100));
        fromStack.sendThrough(tracer, 0);
        atPeer.drain(wire.b(), 0);

        assertEquals(List.of(), atPeer.frames);
        assertEquals(List.of("0 tx: seq 0, 60 octets", "0 tx: dropped (drop-chance)"), sink.lines);
        assertArrayEquals(TestFrames.frame(TestFrames.MIN_LEN, 0), captured().get(0).data());
    }

    @Test
    void aDelayedFrameIsTracedAndCapturedWhenTheStackSentIt() throws IOException {
        injector.setConfig(FaultConfig.NONE.withDelay(Micros.ofMillis(10), 0));
        fromStack.sendThrough(tracer, 0);
        tracer.receive(Micros.ofMillis(10), atStack);
        atPeer.drain(wire.b(), Micros.ofMillis(10));

        assertEquals(List.of(0), atPeer.sequences());
        assertEquals(List.of("0 tx: seq 0, 60 octets", "0 tx: delayed 10ms"), sink.lines);
        assertEquals(List.of(0L), captured().stream().map(Record::micros).toList());
    }
}
