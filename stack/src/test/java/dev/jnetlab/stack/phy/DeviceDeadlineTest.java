package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.phy.TestFrames.Numbered;
import dev.jnetlab.stack.phy.TestFrames.Recorder;
import dev.jnetlab.stack.time.Micros;
import org.junit.jupiter.api.Test;

/** Every device tells when it next needs a poll; middleware passes on the earliest deadline below it. */
class DeviceDeadlineTest {
    private final Numbered frames = new Numbered(TestFrames.MIN_LEN);

    @Test
    void anIdleDeviceNeedsNoPoll() {
        Device device = new Loopback();
        assertEquals(Micros.NEVER, device.nextDeadline(0));
    }

    @Test
    void aLoopedFrameIsDueAtOnce() {
        Loopback loopback = new Loopback();
        frames.sendThrough(loopback, 500);
        assertEquals(700, loopback.nextDeadline(700));
    }

    @Test
    void aFrameOnAVirtualWireIsDueWhenItArrives() {
        VirtualWire wire = new VirtualWire(1500, Micros.ofMillis(3), 16);
        frames.sendThrough(wire.a(), 1_000);
        assertEquals(1_000 + Micros.ofMillis(3), wire.b().nextDeadline(1_000));
        assertEquals(Micros.NEVER, wire.a().nextDeadline(1_000));
    }

    @Test
    void middlewarePassesOnTheWiresDeadlineThroughEveryLayer() {
        VirtualWire wire = new VirtualWire(1500, Micros.ofMillis(3), 16);
        FaultInjector injector = new FaultInjector(wire.b(), FaultConfig.NONE, 1);
        Device stackSide = new Tracer(new PcapWriter(injector), TraceLines.SEQUENCE, new TraceLines());
        frames.sendThrough(wire.a(), 0);
        assertEquals(Micros.ofMillis(3), stackSide.nextDeadline(0));
    }

    @Test
    void theInjectorsOwnDelayCountsWhenItIsEarlierThanTheWire() {
        VirtualWire wire = new VirtualWire(1500, Micros.ofMillis(50), 16);
        FaultInjector injector = new FaultInjector(wire.b(), FaultConfig.NONE.withDelay(Micros.ofMillis(2), 0), 1);
        Device stackSide = new Tracer(new PcapWriter(injector), TraceLines.SEQUENCE, new TraceLines());
        frames.sendThrough(wire.a(), 0);
        stackSide.transmit(0, TestFrames.MIN_LEN, frames); // held 2 ms by the injector on its way out
        assertEquals(Micros.ofMillis(2), stackSide.nextDeadline(0));
        new Recorder().drain(stackSide, Micros.ofMillis(2));
        assertEquals(Micros.ofMillis(50), stackSide.nextDeadline(Micros.ofMillis(2)), "then the wire's frame");
    }
}
