package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    private final FrameMonitor.Listener listener = named("");

    /** A listener that notes each frame it sees in {@link #seen}, prefixed by {@code name}. */
    private FrameMonitor.Listener named(String name) {
        return (now, direction, frame, offset, length) ->
                seen.add(name + now + " " + direction + " seq " + TestFrames.sequence(frame, offset) + " " + length);
    }

    private void listen() {
        monitor.add(listener);
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
    void removingTheOnlyListenerStops() {
        listen();
        fromStack.sendThrough(monitor, 0);
        assertTrue(monitor.remove(listener));
        fromStack.sendThrough(monitor, 1);
        assertEquals(1, seen.size());
        assertFalse(monitor.isMonitoring());
        assertFalse(monitor.isListening(listener));
    }

    @Test
    void handsEachFrameToEveryListenerInTheOrderTheyWereAdded() {
        FrameMonitor.Listener lab = named("lab ");
        FrameMonitor.Listener log = named("log ");
        monitor.add(lab);
        monitor.add(log);
        fromStack.sendThrough(monitor, 3);
        assertEquals(List.of("lab 3 TX seq 0 60", "log 3 TX seq 0 60"), seen);
    }

    @Test
    void removingOneListenerLeavesTheOthers() {
        FrameMonitor.Listener lab = named("lab ");
        FrameMonitor.Listener log = named("log ");
        monitor.add(lab);
        monitor.add(log);
        assertTrue(monitor.remove(lab));
        fromStack.sendThrough(monitor, 4);
        assertEquals(List.of("log 4 TX seq 0 60"), seen);
        assertTrue(monitor.isMonitoring());
        assertTrue(monitor.isListening(log));
        assertFalse(monitor.isListening(lab));
    }

    @Test
    void aListenerThatRemovesItselfDoesNotTakeTheFrameFromTheNext() {
        FrameMonitor.Listener log = named("log ");
        FrameMonitor.Listener once = new FrameMonitor.Listener() {
            @Override
            public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
                seen.add("once");
                monitor.remove(this);
            }
        };
        monitor.add(once);
        monitor.add(log);
        fromStack.sendThrough(monitor, 5);
        fromStack.sendThrough(monitor, 6);
        assertEquals(List.of("once", "log 5 TX seq 0 60", "log 6 TX seq 1 60"), seen);
    }

    @Test
    void aListenerIsAddedOnceAndRemovingAStrangerChangesNothing() {
        listen();
        assertThrows(IllegalArgumentException.class, () -> monitor.add(listener));
        assertFalse(monitor.remove(named("stranger")));
        fromStack.sendThrough(monitor, 0);
        assertEquals(1, seen.size());
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
