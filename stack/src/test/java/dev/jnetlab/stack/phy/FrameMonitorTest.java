package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.TestFrames.Numbered;
import dev.jnetlab.stack.phy.TestFrames.Recorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameMonitorTest {
    private final VirtualWire wire = new VirtualWire();
    private final FrameMonitor monitor = new FrameMonitor(wire.a());
    private final Numbered fromStack = new Numbered(TestFrames.MIN_LEN);
    private final Numbered fromPeer = new Numbered(TestFrames.MIN_LEN);
    private final Recorder atStack = new Recorder();
    private final Recorder atPeer = new Recorder();
    private final List<String> seen = new ArrayList<>();

    private void listen() {
        monitor.setListener((now, direction, frame, offset, length) ->
                seen.add(now + " " + direction + " seq " + TestFrames.sequence(frame, offset) + " " + length));
    }

    @Test
    void withoutAListenerPassesEveryFrameAndSeesNothing() {
        assertFalse(monitor.isMonitoring());
        fromStack.sendThrough(monitor, 0);
        fromPeer.sendThrough(wire.b(), 0);
        atStack.drain(monitor, 1_000);
        atPeer.drain(wire.b(), 1_000);
        assertEquals(List.of(0), atStack.sequences());
        assertEquals(List.of(0), atPeer.sequences());
        assertEquals(List.of(), seen);
    }

    @Test
    void handsEveryFrameBothWaysToTheListenerInTheOrderOfEvents() {
        listen();
        assertTrue(monitor.isMonitoring());
        fromPeer.next = 50;
        fromPeer.sendThrough(wire.b(), 0);
        fromStack.next = 60;
        assertTrue(monitor.receive(500, (frame, offset, length) -> {
            assertEquals(List.of("500 RX seq 50 60"), seen);
            fromStack.sendThrough(monitor, 500);
        }));
        assertEquals(List.of("500 RX seq 50 60", "500 TX seq 60 60"), seen);
        atPeer.drain(wire.b(), 2_000);
        assertEquals(List.of(60), atPeer.sequences());
    }

    @Test
    void aNullListenerStops() {
        listen();
        fromStack.sendThrough(monitor, 0);
        monitor.setListener(null);
        fromStack.sendThrough(monitor, 1);
        assertEquals(1, seen.size());
        assertFalse(monitor.isMonitoring());
    }

    @Test
    void seesFramesWhateverTheTracerAboveItDoes() {
        TraceLines sink = new TraceLines();
        Tracer tracer = new Tracer(monitor, TraceLines.SEQUENCE, sink);
        listen();
        fromStack.sendThrough(tracer, 7);
        assertEquals(List.of("7 TX seq 0 60"), seen);
        assertEquals(List.of(), sink.lines);
    }
}
