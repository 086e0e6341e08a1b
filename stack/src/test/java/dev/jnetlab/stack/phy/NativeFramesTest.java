package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jnetlab.testing.Ci;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JNI shim's calls on an eventfd, which any user may make (the tap's own frames are in
 * TapInterfaceTest, through the shim and through JNA): what each call reads and writes, and
 * errors as -errno. The build compiles the shim into the classes, so it must load; without a C
 * compiler these tests are skipped, but fail under CI=true.
 */
class NativeFramesTest {
    /** A descriptor number no process here has open (above any RLIMIT_NOFILE in use). */
    private static final int NOT_OPEN = 1_000_000;
    private int eventFd;

    /** Skips the calling test when the shim is not loaded, or fails it under CI=true. */
    static void requireShim() {
        assumeTrue(NativeFrames.loaded() || Ci.required(), "the JNI shim is not loaded: " + NativeFrames.failure());
    }

    @BeforeEach
    void open() {
        requireShim();
        eventFd = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        assertTrue(eventFd >= 0);
    }

    @AfterEach
    void close() {
        if (eventFd > 0) {
            LibC.close(eventFd);
        }
    }

    @Test
    void theShimIsBuiltIntoTheClassesAndLoads() {
        assertNull(NativeFrames.failure());
        assertTrue(NativeFrames.loaded());
    }

    @Test
    void aWakeUpIsReadBackIntoTheArrayAndANonBlockingReadOfNothingIsMinusEagain() {
        assertEquals(0, NativeFrames.wake(eventFd));
        assertEquals(0, NativeFrames.wake(eventFd));
        byte[] counter = new byte[8];

        assertEquals(8, NativeFrames.readv(eventFd, new byte[0], 0, counter, 8));
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0, 0}, counter, "two wake-ups, little-endian");
        assertEquals(-Errno.EAGAIN, NativeFrames.readv(eventFd, new byte[0], 0, counter, 8));
    }

    @Test
    void aReadSplitsBetweenTheHeaderAndTheFrame() {
        NativeFrames.wake(eventFd);
        byte[] header = new byte[3];
        byte[] frame = new byte[16];

        assertEquals(8, NativeFrames.readv(eventFd, header, 3, frame, 16));

        assertArrayEquals(new byte[] {1, 0, 0}, header);
        assertArrayEquals(new byte[16], frame, "the eventfd's 8 octets: all zero after the first");
    }

    /** (A header before the frame is written as one with it: TapInterfaceTest, a tap with offloads.) */
    @Test
    void aWriteSendsOnlyTheFramesLength() {
        byte[] frame = {7, 0, 0, 0, 0, 0, 0, 0, 99, 99};

        assertEquals(8, NativeFrames.writev(eventFd, new byte[0], 0, frame, 8));

        byte[] counter = new byte[8];
        NativeFrames.readv(eventFd, new byte[0], 0, counter, 8);
        assertEquals(7, counter[0], "the counter is the 8 octets written, little-endian");
        assertEquals(-Errno.EINVAL, NativeFrames.writev(eventFd, new byte[0], 0, frame, 4), "an eventfd takes 8 octets");
    }

    @Test
    void aPollSaysWhetherTheDeviceIsReadableAndEmptiesTheWakeUp() {
        int device = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        try {
            assertEquals(0, NativeFrames.poll(device, eventFd, 0), "nothing ready, no wait");

            NativeFrames.wake(eventFd);
            assertEquals(NativeFrames.WOKEN, NativeFrames.poll(device, eventFd, 0));
            assertEquals(0, NativeFrames.poll(device, eventFd, 0), "the wake-up was used up");

            NativeFrames.wake(device);
            assertEquals(LibC.POLLIN, NativeFrames.poll(device, eventFd, -1), "no limit, but the device is readable");
            assertEquals(LibC.POLLNVAL, NativeFrames.poll(NOT_OPEN, eventFd, 0), "a descriptor that is not open");
        } finally {
            LibC.close(device);
        }
    }
}
