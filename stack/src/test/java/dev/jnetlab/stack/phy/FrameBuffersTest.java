package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.testing.AllocationMeter;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The copy between a native device's memory and the frame the stack sees: exactly the octets
 * asked for, at the offsets asked for, and nothing allocated per frame.
 */
class FrameBuffersTest {
    private static final int FRAME = 1514;
    private final FrameBuffers buffers = new FrameBuffers();

    @AfterEach
    void free() {
        buffers.close();
    }

    @Test
    void aReceivedFrameIsCopiedFromItsPlaceInNativeMemoryIntoTheArray() {
        byte[] written = pattern(FRAME);
        buffers.rxNative.write(VirtioNetHeader.LEN, written, 0, FRAME);
        byte[] frame = new byte[FRAME + 2];

        buffers.received(VirtioNetHeader.LEN, frame, 1, FRAME);

        assertArrayEquals(written, Arrays.copyOfRange(frame, 1, FRAME + 1));
        assertEquals(0, frame[0], "nothing before the offset");
        assertEquals(0, frame[FRAME + 1], "nothing after the length");
    }

    @Test
    void aFrameToTransmitIsCopiedToItsPlaceInNativeMemory() {
        byte[] frame = pattern(FRAME);
        // Native memory comes from malloc, not zeroed: clear it so "nothing after" means something.
        buffers.txNative.clear();

        buffers.toTransmit(VirtioNetHeader.LEN, frame, 0, FRAME);

        assertArrayEquals(frame, buffers.txNative.getByteArray(VirtioNetHeader.LEN, FRAME));
        assertEquals(0, buffers.txNative.getByte(VirtioNetHeader.LEN + FRAME), "nothing after the length");
    }

    @Test
    void copyingFramesBothWaysAllocatesNothing() {
        byte[] frame = pattern(FRAME);
        AllocationMeter.assertNoAllocationPerFrame(100_000, () -> {
            for (int i = 0; i < 100_000; i++) {
                buffers.toTransmit(0, frame, 0, FRAME);
                buffers.received(0, frame, 0, FRAME);
            }
        });
    }

    private static byte[] pattern(int length) {
        byte[] octets = new byte[length];
        for (int i = 0; i < length; i++) {
            octets[i] = (byte) (i * 7 + 1);
        }
        return octets;
    }
}
