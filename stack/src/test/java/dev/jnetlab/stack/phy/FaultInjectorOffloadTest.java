package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.ChecksumCapabilities.Checksum;
import dev.jnetlab.stack.time.Micros;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fault injector in front of a device with offloads: what a corrupted frame loses, what a
 * delayed one keeps, and why the stack sees no transmit offloads while faults are on.
 */
class FaultInjectorOffloadTest {
    private static final DeviceCapabilities OFFLOADS = DeviceCapabilities.ethernet(1500)
            .withChecksums(ChecksumCapabilities.TAP_OFFLOAD).withTsoMaxSize(65535).withMaxReceiveSize(65553);

    /** A device that vouches for the checksum of every frame it hands over, and records what each sent frame left to it. */
    private static final class OffloadingDevice implements Device {
        final Deque<byte[]> inbound = new ArrayDeque<>();
        final List<String> sent = new ArrayList<>();
        /** What the injector last asked for: wire frames only, or whatever the device hands over. */
        boolean wireFramesOnly;

        @Override
        public void receiveWireFramesOnly(boolean only) {
            wireFramesOnly = only;
        }

        @Override
        public DeviceCapabilities capabilities() {
            return OFFLOADS;
        }

        @Override
        public boolean receive(long now, FrameReceiver receiver) {
            byte[] frame = inbound.poll();
            if (frame == null) {
                return false;
            }
            receiver.receive(frame, 0, frame.length, true);
            return true;
        }

        @Override
        public boolean transmit(long now, int length, FrameFiller filler) {
            filler.fill(new byte[length], 0, length);
            sent.add(length + (filler.checksumPartial() ? " partial" : "") + " cut " + filler.segmentSize());
            return true;
        }
    }

    /** What a stack receives: each frame's length and mark. */
    private static final class Marks implements FrameReceiver {
        final List<String> got = new ArrayList<>();

        @Override
        public void receive(byte[] frame, int offset, int length) {
            receive(frame, offset, length, false);
        }

        @Override
        public void receive(byte[] frame, int offset, int length, boolean vouched) {
            got.add(length + (vouched ? " vouched" : " verify"));
        }
    }

    /** A stack's TSO segment: leaves its checksum and its cut to the device. */
    private static final FrameFiller TSO_SEGMENT = new FrameFiller() {
        @Override
        public void fill(byte[] buffer, int offset, int length) {
        }

        @Override
        public boolean checksumPartial() {
            return true;
        }

        @Override
        public int segmentSize() {
            return 1448;
        }
    };

    private final OffloadingDevice device = new OffloadingDevice();
    private final Marks marks = new Marks();

    private void receiveAll(FaultInjector injector, long now) {
        while (injector.receive(now, marks)) {
            // every frame due
        }
    }

    @Test
    void whenOffItPassesTheMarkTheOffloadsAndFramesAboveTheMtu() {
        FaultInjector injector = new FaultInjector(device, FaultConfig.NONE, 1);
        device.inbound.add(new byte[60_000]);

        receiveAll(injector, 0);
        assertTrue(injector.transmit(0, 60_000, TSO_SEGMENT));

        assertEquals(List.of("60000 vouched"), marks.got);
        assertEquals(List.of("60000 partial cut 1448"), device.sent);
        assertEquals(OFFLOADS, injector.capabilities());
    }

    @Test
    void aFrameItCorruptsLosesTheMark() {
        FaultInjector injector = new FaultInjector(device, FaultConfig.NONE.withCorruptPercent(100), 1);
        device.inbound.add(new byte[100]);

        receiveAll(injector, 0);

        assertEquals(List.of("100 verify"), marks.got, "the stack must check what the device vouched for before it changed");
    }

    @Test
    void aFrameItOnlyDelaysOrDuplicatesKeepsTheMarkAndAGsoSuperFrameFitsTheDelayLine() {
        FaultInjector injector = new FaultInjector(device, FaultConfig.NONE.withDelay(Micros.ofMillis(1), 0)
                .withDuplicatePercent(100), 1);
        device.inbound.add(new byte[65_000]);

        receiveAll(injector, 0);
        receiveAll(injector, Micros.ofMillis(1));

        assertEquals(List.of("65000 vouched", "65000 vouched"), marks.got);
    }

    @Test
    void whileAnyFaultIsOnTheStackIsOfferedNoTransmitOffloads() {
        FaultInjector injector = new FaultInjector(device, FaultConfig.NONE.withDropPercent(1), 1);

        DeviceCapabilities caps = injector.capabilities();

        assertFalse(caps.tso(), "segments the size a wire carries, for the faults to hit");
        assertEquals(Checksum.BOTH, caps.checksums().tcp(), "a corrupted segment must reach the peer with a bad checksum");
        assertEquals(OFFLOADS.maxReceiveSize(), caps.maxReceiveSize(), "what the kernel offloads still arrives");
        assertEquals(caps, injector.capabilities(), "the same answer on every poll");

        injector.setConfig(FaultConfig.NONE);
        assertEquals(OFFLOADS, injector.capabilities(), "turned off, the offloads are back");
    }

    @Test
    void whileAFaultActsOnReceivedFramesTheDeviceIsAskedForWireFramesNotSuperFrames() {
        FaultInjector injector = new FaultInjector(device, FaultConfig.NONE, 1);
        assertFalse(device.wireFramesOnly, "no faults: super-frames are welcome");

        injector.setConfig(FaultConfig.NONE.withDropPercent(5));
        assertTrue(device.wireFramesOnly, "drop 5 means 5 % of the segments");
        injector.setScope(new FaultScope(false, true, FrameFilter.ALL));
        assertFalse(device.wireFramesOnly, "only what the stack sends is hit");
        injector.setScope(new FaultScope(true, false, FrameFilter.ALL));
        assertTrue(device.wireFramesOnly);
        injector.setConfig(FaultConfig.NONE.withTxRateLimit(10));
        assertFalse(device.wireFramesOnly, "a tx rate limit does nothing to received frames");
        injector.setConfig(FaultConfig.NONE.withDelay(Micros.ofMillis(5), 0));
        assertTrue(device.wireFramesOnly);
        injector.setConfig(FaultConfig.NONE);
        assertFalse(device.wireFramesOnly, "faults off: super-frames again");
    }

    /** A device that cannot cut what it received (the injector asked in vain) still works, frame by frame. */
    @Test
    void onTheWayInAGsoSuperFrameIsOneFrameToTheFaults() {
        FaultInjector dropping = new FaultInjector(device, FaultConfig.NONE.withDropPercent(100), 1);
        device.inbound.add(new byte[60_000]);
        device.inbound.add(new byte[100]);
        receiveAll(dropping, 0);
        assertEquals(List.of(), marks.got, "one drop took the whole super-frame (some 40 wire segments)");

        FaultInjector limiting = new FaultInjector(device, FaultConfig.NONE.withSizeLimit(1514), 1);
        device.inbound.add(new byte[60_000]);
        device.inbound.add(new byte[1514]);
        receiveAll(limiting, 0);
        assertEquals(List.of("1514 vouched"), marks.got, "the size limit counts the super-frame's full length");
    }
}
