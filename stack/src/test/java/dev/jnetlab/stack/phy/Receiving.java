package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Receiving from a native device in tests: waits for a frame from the real kernel by blocking
 * in the device's own {@link Waitable#awaitReadable}, bounded by a deadline, never by
 * sleeping.
 */
final class Receiving {
    static final Duration PATIENCE = Duration.ofSeconds(5);

    private Receiving() {
    }

    /** The first frame {@code wanted} accepts, copied; frames before it are dropped. Fails after {@link #PATIENCE}. */
    static <D extends Device & Waitable> byte[] awaitFrame(D device, String what, Predicate<byte[]> wanted) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<byte[]> seen = new ArrayList<>();
        while (true) {
            for (byte[] frame; (frame = next(device)) != null; ) {
                if (wanted.test(frame)) {
                    return frame;
                }
                seen.add(frame);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail("no " + what + " from " + device + " within " + PATIENCE + "; saw "
                        + seen.size() + " other frame(s)");
            }
            device.awaitReadable(Math.max(1, left / 1_000));
        }
    }

    /** Everything {@link Device#receive} hands over now, without waiting. */
    static List<byte[]> drain(Device device) {
        List<byte[]> frames = new ArrayList<>();
        for (byte[] frame; (frame = next(device)) != null; ) {
            frames.add(frame);
        }
        return frames;
    }

    /** One received frame, copied out of the lent buffer, or null. */
    static byte[] next(Device device) {
        byte[][] frame = new byte[1][];
        device.receive(0, (buffer, offset, length) -> frame[0] = Arrays.copyOfRange(buffer, offset, offset + length));
        return frame[0];
    }

    /** Sends a prepared frame. */
    static boolean send(Device device, byte[] frame) {
        return device.transmit(0, frame.length, (buffer, offset, length) -> System.arraycopy(frame, 0, buffer, offset, length));
    }
}
