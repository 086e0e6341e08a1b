package dev.jnetlab.stack.phy.bench;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.jnetlab.stack.phy.DeviceOpenException;
import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.phy.FrameReceiver;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.phy.KernelFrames;
import dev.jnetlab.stack.phy.Offloads;
import java.util.Arrays;
import java.util.Locale;

/**
 * Frames per second through {@link TapInterface}, read and write, at 60 and 1514 octets,
 * beside bare read(2)/write(2) on the same descriptor in the same run. Run by
 * {@code bench/tap-throughput}, which makes the namespace and tap this expects: tap0 up,
 * its kernel side 192.168.69.100 with MAC 02:00:00:00:00:02, a permanent neighbour entry for
 * the stack's 192.168.69.1 / 02:00:00:00:00:01, and a transmit queue long enough for a
 * {@value #QUEUED}-frame burst.
 *
 * <p>What is measured:
 * <ul>
 * <li>write: frames addressed to a MAC that is not the tap's, which the kernel takes in (a
 *     real write(2) through tun.c into the receive path) and drops early as "other host"
 *     traffic, so the loop measures the write, not the kernel's IP stack. A chunk is
 *     {@value #WRITES_PER_CHUNK} writes.
 * <li>read: {@value #QUEUED} ICMP echo requests of the size under test are written first,
 *     untimed; the kernel answers each inside its write(2) and queues the echo reply on the
 *     tap, so a chunk times only the reads that drain those replies (until EAGAIN).
 * </ul>
 * "device" is {@link TapInterface#transmit} / {@link TapInterface#receive} with a filler that
 * copies a prepared frame and a receiver that counts; "bare" is the system call alone,
 * through the same kind of JNA direct-mapped binding, from and to native memory. A round
 * alternates {@value #PAIRS_PER_ROUND} device chunks with as many bare ones, so that the
 * machine's changing load falls on both alike; {@value #WARM_UP_ROUNDS} rounds warm the JIT
 * up first. Every loop ends by its count.
 */
public final class TapThroughput {
    static {
        Native.register(TapThroughput.class, Platform.C_LIBRARY_NAME);
    }

    private static final byte[] STACK_IP = KernelFrames.ipv4("192.168.69.1");
    private static final byte[] HOST_IP = KernelFrames.ipv4("192.168.69.100");
    private static final byte[] HOST_MAC = KernelFrames.mac("02:00:00:00:00:02");
    /** On nobody's interface: the kernel drops frames to it at the door (PACKET_OTHERHOST, ip_rcv). */
    private static final byte[] NOBODYS_MAC = KernelFrames.mac("02:00:00:00:00:99");
    private static final int[] SIZES = {60, 1514};
    private static final int WARM_UP_ROUNDS = 3;
    private static final int ROUNDS = 10;
    /** A round alternates device and bare this many times, so both see the same moments of load. */
    private static final int PAIRS_PER_ROUND = 8;
    private static final int WRITES_PER_CHUNK = 16_384;
    private static final int QUEUED = 8_192;
    private static final int BUFFER = 65_553;

    private final TapInterface tap;
    private final int fd;
    private final Memory bareBuffer = new Memory(BUFFER);

    private TapThroughput(TapInterface tap) {
        this.tap = tap;
        this.fd = tap.fileDescriptor();
    }

    private static native long read(int fd, Pointer buffer, long count);

    private static native long write(int fd, Pointer buffer, long count);

    public static void main(String[] args) throws DeviceOpenException {
        String name = args.length > 0 ? args[0] : "tap0";
        // Plain: the bare calls beside it read and write frames without a virtio-net header.
        try (TapInterface tap = TapInterface.open(name, Offloads.NONE)) {
            System.out.printf(Locale.ROOT, "TapInterface throughput on %s (MTU %d): Java %s, JNA %s, Linux %s, %d CPUs%n",
                    tap.name(), tap.capabilities().mtu(), System.getProperty("java.version"), Native.VERSION,
                    System.getProperty("os.version"), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%d rounds after %d warm-up rounds; a round is %d chunks device, %d bare,"
                    + " alternating; a chunk writes %d frames, or reads %d queued echo replies%n%n", ROUNDS,
                    WARM_UP_ROUNDS, PAIRS_PER_ROUND, PAIRS_PER_ROUND, WRITES_PER_CHUNK, QUEUED);
            System.out.printf(Locale.ROOT, "medians over the rounds; device/bare is the median of the per-round ratios,"
                    + " then their range%n");
            System.out.printf(Locale.ROOT, "%6s  %-9s %14s %14s %12s   %s%n", "octets", "direction", "device fr/s",
                    "bare fr/s", "device/bare", "range");
            TapThroughput bench = new TapThroughput(tap);
            for (int size : SIZES) {
                report(size, "write", bench.writes(size));
                report(size, "read", bench.reads(size));
            }
        }
    }

    private static void report(int size, String direction, Rates rates) {
        double[] ratios = rates.ratios();
        System.out.printf(Locale.ROOT, "%6d  %-9s %,14.0f %,14.0f %12.2f   %.2f-%.2f%n", size, direction,
                rates.device(), rates.bare(), Rates.median(ratios), ratios[0], ratios[ratios.length - 1]);
    }

    /**
     * Per measured round, the frames per second of the device path and of the bare system
     * call run right after it. The machine's load drifts (shared cores), so the ratio is taken
     * round by round, over pairs measured seconds apart, and summarised by its median.
     */
    private static final class Rates {
        private final double[] device = new double[ROUNDS];
        private final double[] bare = new double[ROUNDS];

        void add(int round, Round tally) {
            device[round] = tally.deviceFrames * 1e9 / tally.deviceNanos;
            bare[round] = tally.bareFrames * 1e9 / tally.bareNanos;
        }

        double device() {
            return median(device);
        }

        double bare() {
            return median(bare);
        }

        double[] ratios() {
            double[] ratios = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                ratios[i] = device[i] / bare[i];
            }
            Arrays.sort(ratios);
            return ratios;
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
        }
    }

    private Rates writes(int size) {
        byte[] frame = KernelFrames.echoRequest(NOBODYS_MAC, KernelFrames.STACK_MAC, STACK_IP, HOST_IP, size);
        FrameFiller filler = (buffer, offset, length) -> System.arraycopy(frame, 0, buffer, offset, length);
        Memory bareFrame = new Memory(size);
        bareFrame.write(0, frame, 0, size);
        Rates rates = new Rates();
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            Round tally = new Round();
            for (int pair = 0; pair < PAIRS_PER_ROUND; pair++) {
                long start = System.nanoTime();
                for (int i = 0; i < WRITES_PER_CHUNK; i++) {
                    if (!tap.transmit(0, size, filler)) {
                        throw new IllegalStateException("the kernel refused a write");
                    }
                }
                tally.device(WRITES_PER_CHUNK, System.nanoTime() - start);

                start = System.nanoTime();
                for (int i = 0; i < WRITES_PER_CHUNK; i++) {
                    if (write(fd, bareFrame, size) != size) {
                        throw new IllegalStateException("write(2) failed: errno " + Native.getLastError());
                    }
                }
                tally.bare(WRITES_PER_CHUNK, System.nanoTime() - start);
            }
            if (round >= WARM_UP_ROUNDS) {
                rates.add(round - WARM_UP_ROUNDS, tally);
            }
        }
        return rates;
    }

    private Rates reads(int size) {
        Memory request = new Memory(size);
        request.write(0, KernelFrames.echoRequest(HOST_MAC, KernelFrames.STACK_MAC, STACK_IP, HOST_IP, size), 0, size);
        Counter counter = new Counter();
        Rates rates = new Rates();
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            Round tally = new Round();
            for (int pair = 0; pair < PAIRS_PER_ROUND; pair++) {
                queueReplies(request, size);
                counter.frames = 0;
                long start = System.nanoTime();
                while (counter.frames < 2 * QUEUED && tap.receive(0, counter)) {
                    // each call is one read(2) and hands one echo reply to the counter
                }
                tally.device(expect(counter.frames, size), System.nanoTime() - start);

                queueReplies(request, size);
                int frames = 0;
                start = System.nanoTime();
                while (frames < 2 * QUEUED && read(fd, bareBuffer, BUFFER) > 0) {
                    frames++;
                }
                tally.bare(expect(frames, size), System.nanoTime() - start);
            }
            if (round >= WARM_UP_ROUNDS) {
                rates.add(round - WARM_UP_ROUNDS, tally);
            }
        }
        return rates;
    }

    /** Writes {@value #QUEUED} echo requests; the kernel queues a reply to each on the tap. */
    private void queueReplies(Memory request, int size) {
        for (int i = 0; i < QUEUED; i++) {
            if (write(fd, request, size) != size) {
                throw new IllegalStateException("write(2) failed: errno " + Native.getLastError());
            }
        }
    }

    /** The run is only meaningful when the kernel answered (nearly) every request. */
    private static int expect(int frames, int size) {
        if (frames < QUEUED * 9 / 10) {
            throw new IllegalStateException("only " + frames + " of " + QUEUED + " echo replies of " + size
                    + " octets were queued: is the tap's txqueuelen at least " + QUEUED
                    + " and the neighbour entry for 192.168.69.1 in place?");
        }
        return frames;
    }

    /** The frames and nanoseconds of one round's chunks, device and bare. */
    private static final class Round {
        long deviceFrames;
        long deviceNanos;
        long bareFrames;
        long bareNanos;

        void device(long frames, long nanos) {
            deviceFrames += frames;
            deviceNanos += nanos;
        }

        void bare(long frames, long nanos) {
            bareFrames += frames;
            bareNanos += nanos;
        }
    }

    /** Counts received frames; one instance serves every frame. */
    private static final class Counter implements FrameReceiver {
        int frames;

        @Override
        public void receive(byte[] frame, int offset, int length) {
            frames++;
        }
    }
}
