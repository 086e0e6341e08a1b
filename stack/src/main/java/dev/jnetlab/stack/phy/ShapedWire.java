package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.rand.SplitMix64;
import dev.jnetlab.stack.time.Micros;

/**
 * A cable with a bandwidth, a queue and a delay, as netem's rate and limit and a wire's
 * propagation: what {@link #a()} transmits {@link #b()} receives, and the other way round,
 * each direction on its own.
 *
 * <p>A frame handed to an end waits behind the frames not yet clocked out, is clocked out at
 * the {@link LinkShape#bitsPerSecond() bandwidth} (its serialisation delay,
 * {@code octets * 8 / rate}), then travels for the {@link LinkShape#delayMicros() delay}. A
 * delay varies by up to the {@link LinkShape#jitterMicros() jitter} either way, drawn uniformly
 * from the wire's seed (netem's jitter without a distribution table), but a cable keeps its
 * frames in order: a frame never arrives before the one sent ahead of it (reordering is the
 * fault injector's). A frame that finds {@link LinkShape#queueFrames()} frames waiting behind the one on the wire is
 * dropped at the tail and counted ({@link #tailDrops}): {@code transmit}
 * still answers true, as a queue discipline does, because a drop the sender cannot see is what
 * makes congestion control do its work. Without a bandwidth nothing queues; when the slots for
 * frames in flight run out, {@code transmit} answers false like a {@link VirtualWire}'s.
 *
 * <p>Frames are copied into slots made on first use and kept, so a run in steady state
 * allocates nothing (ARCHITECTURE.md §4). Not thread-safe: one event loop owns both ends.
 */
public final class ShapedWire {
    private static final int MIN_SLOTS = 16;
    private static final int MAX_SLOTS = 4096;

    private final LinkShape shape;
    private final DeviceCapabilities capabilities;
    private final Lane aToB;
    private final Lane bToA;
    private final End a;
    private final End b;

    /** A wire whose jitter, if it has any, draws from seed 0. */
    public ShapedWire(LinkShape shape) {
        this(shape, 0);
    }

    /** A wire whose jitter draws from {@code seed} (ARCHITECTURE.md §3: the same seed, the same delays). */
    public ShapedWire(LinkShape shape, long seed) {
        this.shape = shape;
        this.capabilities = DeviceCapabilities.ethernet(shape.mtu());
        int inFlight = (int) Math.min(MAX_SLOTS, Math.max(MIN_SLOTS,
                shape.bitsPerSecond() == 0 ? VirtualWire.DEFAULT_CAPACITY
                        // frames of 64 octets (the shortest) that fit in the pipe
                        : shape.delayMicros() * shape.bitsPerSecond() / (64 * 8 * 1_000_000L) + 1));
        int slots = shape.queueFrames() + 1 + inFlight;
        this.aToB = new Lane(slots, seed);
        this.bToA = new Lane(slots, SplitMix64.mix(seed));
        this.a = new End("a", bToA, aToB);
        this.b = new End("b", aToB, bToA);
    }

    public LinkShape shape() {
        return shape;
    }

    public End a() {
        return a;
    }

    public End b() {
        return b;
    }

    /** Frames dropped at the tail of the queue from a towards b ({@code true}) or b towards a. */
    public long tailDrops(boolean fromA) {
        return (fromA ? aToB : bToA).tailDrops;
    }

    /**
     * Frames the link took from a towards b ({@code true}) or b towards a: put on the wire or in
     * its queue, not those dropped at the tail (what {@code capture start link} writes).
     */
    public long frames(boolean fromA) {
        return (fromA ? aToB : bToA).carried;
    }

    /** Frames waiting or being clocked out at {@code now} from a towards b, or b towards a. */
    public int queued(boolean fromA, long now) {
        return (fromA ? aToB : bToA).backlog(now);
    }

    /** One direction: a ring of frames with the instant each finishes clocking out. */
    private final class Lane {
        private final byte[][] frames;
        private final int[] lengths;
        private final long[] finished;
        /** The instant each frame arrives at the far end: finished, plus the delay and its jitter. */
        private final long[] arrives;
        private final SplitMix64 random;
        private int head;
        private int count;
        private long busyUntil;
        private long lastArrival = Long.MIN_VALUE;
        long tailDrops;
        long carried;

        Lane(int slots, long seed) {
            frames = new byte[slots][];
            lengths = new int[slots];
            finished = new long[slots];
            arrives = new long[slots];
            random = new SplitMix64(seed);
        }

        /** The delay for one frame: the link's, moved by a uniform draw in [-jitter, +jitter]. */
        private long delay() {
            long jitter = shape.jitterMicros();
            return jitter == 0 ? shape.delayMicros()
                    : shape.delayMicros() - jitter + random.nextInt((int) Math.min(Integer.MAX_VALUE - 1, 2 * jitter) + 1);
        }

        /** Frames whose last bit has not left the sender at {@code now}: from the newest back. */
        int backlog(long now) {
            int n = 0;
            for (int i = count - 1; i >= 0 && finished[(head + i) % frames.length] > now; i--) {
                n++;
            }
            return n;
        }

        boolean offer(long now, int length, FrameFiller filler) {
            if (shape.bitsPerSecond() != 0 && backlog(now) > shape.queueFrames()) {
                tailDrops++;
                return true;
            }
            if (count == frames.length) {
                return false;
            }
            int slot = (head + count) % frames.length;
            if (frames[slot] == null) {
                frames[slot] = new byte[capabilities.maxFrameSize()];
            }
            filler.fill(frames[slot], 0, length);
            long start = Math.max(now, busyUntil);
            busyUntil = Micros.plus(start, shape.serialisation(length));
            lengths[slot] = length;
            finished[slot] = busyUntil;
            lastArrival = Math.max(lastArrival, Micros.plus(busyUntil, delay()));
            arrives[slot] = lastArrival;
            count++;
            carried++;
            return true;
        }

        long nextArrival() {
            return count == 0 ? Micros.NEVER : arrives[head];
        }

        boolean take(long now, FrameReceiver receiver) {
            if (nextArrival() > now) {
                return false;
            }
            try {
                receiver.receive(frames[head], 0, lengths[head]);
            } finally {
                head = (head + 1) % frames.length;
                count--;
            }
            return true;
        }
    }

    /** One end of the cable. */
    public final class End implements Device {
        private final String name;
        private final Lane incoming;
        private final Lane outgoing;

        private End(String name, Lane incoming, Lane outgoing) {
            this.name = name;
            this.incoming = incoming;
            this.outgoing = outgoing;
        }

        @Override
        public DeviceCapabilities capabilities() {
            return capabilities;
        }

        @Override
        public boolean receive(long now, FrameReceiver receiver) {
            return incoming.take(now, receiver);
        }

        @Override
        public boolean transmit(long now, int length, FrameFiller filler) {
            FrameLength.check(length, capabilities.maxFrameSize());
            return outgoing.offer(now, length, filler);
        }

        /** The next frame for this end falls due when it arrives. */
        @Override
        public long nextDeadline(long now) {
            return incoming.nextArrival();
        }

        @Override
        public String toString() {
            return "shaped wire end " + name;
        }
    }
}
