package dev.jnetlab.stack.phy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-made Ethernet frames for the device tests: a valid 14-octet header (locally administered
 * addresses, EtherType 0x88b5, IEEE 802 local experimental) and a payload that starts with a
 * 32-bit sequence number, so a test can tell frames apart after they cross a device.
 */
final class TestFrames {
    static final int HEADER_LEN = DeviceCapabilities.ETHERNET_HEADER_LEN;
    /** The shortest Ethernet frame without FCS. */
    static final int MIN_LEN = 60;
    static final int ETHERTYPE_EXPERIMENTAL = 0x88b5;
    private static final byte[] STACK_MAC = {0x02, 0, 0, 0, 0, 0x01};
    private static final byte[] PEER_MAC = {0x02, 0, 0, 0, 0, 0x02};

    private TestFrames() {
    }

    /** Writes frame number {@code sequence} of {@code length} octets (at least 18) into {@code buffer}. */
    static void write(byte[] buffer, int offset, int length, int sequence) {
        System.arraycopy(PEER_MAC, 0, buffer, offset, 6);
        System.arraycopy(STACK_MAC, 0, buffer, offset + 6, 6);
        buffer[offset + 12] = (byte) (ETHERTYPE_EXPERIMENTAL >> 8);
        buffer[offset + 13] = (byte) ETHERTYPE_EXPERIMENTAL;
        buffer[offset + 14] = (byte) (sequence >>> 24);
        buffer[offset + 15] = (byte) (sequence >>> 16);
        buffer[offset + 16] = (byte) (sequence >>> 8);
        buffer[offset + 17] = (byte) sequence;
        for (int i = 18; i < length; i++) {
            buffer[offset + i] = (byte) (sequence + i);
        }
    }

    static byte[] frame(int length, int sequence) {
        byte[] frame = new byte[length];
        write(frame, 0, length, sequence);
        return frame;
    }

    static int sequence(byte[] frame, int offset) {
        return ((frame[offset + 14] & 0xFF) << 24) | ((frame[offset + 15] & 0xFF) << 16)
                | ((frame[offset + 16] & 0xFF) << 8) | (frame[offset + 17] & 0xFF);
    }

    /** Writes numbered frames of a fixed length, allocating nothing. */
    static final class Numbered implements FrameFiller {
        final int length;
        int next;
        int fills;

        Numbered(int length) {
            this.length = length;
        }

        @Override
        public void fill(byte[] buffer, int offset, int requested) {
            write(buffer, offset, requested, next);
            fills++;
        }

        /** Sends the next numbered frame; the number advances only when the device took it. */
        boolean sendThrough(Device device, long now) {
            boolean sent = device.transmit(now, length, this);
            if (sent) {
                next++;
            }
            return sent;
        }
    }

    /** Keeps a copy of every frame it is lent (for the tests that look at frames, not for allocation tests). */
    static final class Recorder implements FrameReceiver {
        final List<byte[]> frames = new ArrayList<>();

        @Override
        public void receive(byte[] frame, int offset, int length) {
            frames.add(Arrays.copyOfRange(frame, offset, offset + length));
        }

        List<Integer> sequences() {
            List<Integer> sequences = new ArrayList<>();
            for (byte[] frame : frames) {
                sequences.add(sequence(frame, 0));
            }
            return sequences;
        }

        /** Receives from {@code device} until it has nothing more at {@code now}; returns how many. */
        int drain(Device device, long now) {
            int count = 0;
            while (device.receive(now, this)) {
                count++;
            }
            return count;
        }
    }

    /** Counts frames and sums one octet of each, so the work cannot be optimised away; allocates nothing. */
    static final class Counter implements FrameReceiver {
        long frames;
        long checksum;

        @Override
        public void receive(byte[] frame, int offset, int length) {
            frames++;
            checksum += frame[offset + length - 1] + length;
        }
    }
}
