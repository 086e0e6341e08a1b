package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.phy.ChecksumCapabilities;
import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.DeviceCapabilities;
import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.phy.FrameReceiver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A device a test scripts: frames queued with {@link #inject} are received in order, every
 * frame transmitted is kept for the test to read, and a test can make it refuse transmits.
 */
final class ScriptedDevice implements Device {
    private DeviceCapabilities capabilities;
    private final Deque<byte[]> inbound = new ArrayDeque<>();
    /** Per inbound frame, whether the device vouches for its checksum. */
    private final Deque<Boolean> vouched = new ArrayDeque<>();
    private final List<byte[]> outbound = new ArrayList<>();
    /** Per frame transmitted since the last {@link #drain}, what the filler left to the device. */
    private final List<Offload> offloads = new ArrayList<>();
    /** How many more transmits to refuse. */
    int refuse;

    ScriptedDevice(int mtu) {
        this.capabilities = DeviceCapabilities.ethernet(mtu);
    }

    void setCapabilities(DeviceCapabilities newCapabilities) {
        this.capabilities = newCapabilities;
    }

    void setChecksums(ChecksumCapabilities checksums) {
        this.capabilities = capabilities.withChecksums(checksums);
    }

    void setMtu(int mtu) {
        this.capabilities = capabilities.withMaxFrameSize(mtu + DeviceCapabilities.ETHERNET_HEADER_LEN);
    }

    /** What a transmitted frame left to the device ({@link FrameFiller#checksumPartial()}, {@link FrameFiller#segmentSize()}). */
    record Offload(boolean checksumPartial, int segmentSize) {
    }

    void inject(byte[] frame) {
        inbound.add(frame.clone());
        vouched.add(false);
    }

    /** Queues a frame whose transport checksum this device vouches for, as a tap with checksum offload does. */
    void injectVouched(byte[] frame) {
        inbound.add(frame.clone());
        vouched.add(true);
    }

    /** What each frame transmitted since the last {@link #drain} left to the device, oldest first. */
    List<Offload> offloads() {
        return List.copyOf(offloads);
    }

    int waiting() {
        return inbound.size();
    }

    /** Every frame transmitted since the last call, oldest first. */
    List<Frame> drain() {
        List<Frame> frames = new ArrayList<>();
        for (byte[] bytes : outbound) {
            frames.add(new Frame(bytes));
        }
        outbound.clear();
        offloads.clear();
        return frames;
    }

    @Override
    public DeviceCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public boolean receive(long now, FrameReceiver receiver) {
        byte[] frame = inbound.poll();
        if (frame == null) {
            return false;
        }
        boolean checksumVouched = vouched.poll();
        // Lend it inside a larger array at an offset, as real devices may.
        byte[] lent = new byte[frame.length + 7];
        Arrays.fill(lent, (byte) 0xEE);
        System.arraycopy(frame, 0, lent, 3, frame.length);
        receiver.receive(lent, 3, frame.length, checksumVouched);
        return true;
    }

    @Override
    public boolean transmit(long now, int length, FrameFiller filler) {
        if (length > capabilities.maxTransmitSize()) {
            throw new IllegalArgumentException("a frame of " + length + " octets on a device of " + capabilities.maxTransmitSize());
        }
        if (refuse > 0) {
            refuse--;
            return false;
        }
        byte[] buffer = new byte[length + 5];
        Arrays.fill(buffer, (byte) 0xAA);
        filler.fill(buffer, 2, length);
        outbound.add(Arrays.copyOfRange(buffer, 2, 2 + length));
        offloads.add(new Offload(filler.checksumPartial(), filler.segmentSize()));
        return true;
    }
}
