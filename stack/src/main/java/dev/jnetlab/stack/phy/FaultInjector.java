package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.phy.FaultEvent.Kind;
import dev.jnetlab.stack.rand.SplitMix64;
import dev.jnetlab.stack.time.Micros;

/**
 * A bad link on purpose: wraps a device and, per {@link FaultConfig}, drops, corrupts, rate
 * limits, delays, reorders and duplicates the frames crossing it, in both directions. Every
 * fault is reported to a {@link FaultListener} (the tracer prints them).
 *
 * <p><b>Deterministic.</b> Every random choice comes from a SplitMix64 sequence fixed by the
 * seed, one sequence per direction, so the faults a frame meets depend only on the seed, the
 * configuration and the frames before it in the same direction (a transmit that the device
 * behind refuses has drawn too). Each frame draws, in order and only for the options that are
 * set: drop chance; corrupt chance, then which octet and its new value; duplicate chance;
 * reorder chance; the jitter. Size and rate limits draw nothing.
 *
 * <p><b>Per frame, in order.</b> Rate limit (rx: dropped; tx: {@code transmit} returns false and
 * the stack sends the frame later), size limit, drop chance, corruption (one octet, changed to a
 * different value), duplication, then delay or reordering. A frame dropped on tx has still been
 * written by the stack, into a scratch buffer, so middleware outside this one (tracer, pcap
 * writer) records what the stack sent; the fault line follows it.
 *
 * <p><b>Time.</b> Delayed frames wait in a bounded pool of preallocated slots per direction
 * ({@code queueCapacity}; a frame that finds it full is dropped, as at netem's {@code limit})
 * and leave on the stack clock, earliest due first. They are released by the next
 * {@link #receive} or {@link #transmit} call at or after their due time, so the event loop must
 * poll by {@link #nextDeadline(long)}, which also tells when an exhausted tx rate limit refills.
 * Replacing the configuration does not recall frames already delayed: they still arrive.
 *
 * <p>Nothing is allocated per frame: decisions use primitive fields, frames move in place or
 * into preallocated slots, and the fault events are reused flyweights.
 */
public final class FaultInjector implements Device {
    /** Delayed frames held per direction: 100 ms of delay at 2500 frames a second. */
    public static final int DEFAULT_QUEUE_CAPACITY = 256;

    private final Device inner;
    private final int frameSize;
    private final SplitMix64 rxRandom;
    private final SplitMix64 txRandom;
    private final DelayLine rxDelayed;
    private final DelayLine txDelayed;
    private final TokenBucket rxBucket = new TokenBucket();
    private final TokenBucket txBucket = new TokenBucket();
    private final FaultEvent rxEvent = new FaultEvent(Direction.RX);
    private final FaultEvent txEvent = new FaultEvent(Direction.TX);
    /** Where the stack writes a tx frame that will not go straight to the inner device. */
    private final byte[] txScratch;
    private final FrameReceiver fromInner = new FromInner();
    private final FrameFiller inPlace = this::fillInPlace;
    private final FrameFiller fromDelayLine = this::fillFromDelayLine;

    private FaultConfig config;
    private boolean off;
    /** The inner device's capabilities last seen, and the same without transmit offloads (see {@link #capabilities()}). */
    private DeviceCapabilities innerCapabilities;
    private DeviceCapabilities withoutOffloads;
    private FaultListener listener = FaultListener.NONE;

    // The call in progress, read by the callbacks above (fields, so no lambda is made per frame).
    private long rxNow;
    private FrameReceiver receiver;
    private boolean delivered;
    /** Whether the inner device vouched for the checksum of the frame in hand, and it is still unchanged. */
    private boolean rxVouched;
    private long txNow;
    private FrameFiller filler;
    private boolean corrupting;
    private int corruptOctet;
    private int corruptMask;
    private boolean duplicating;
    private boolean reordering;

    /** An injector with {@value #DEFAULT_QUEUE_CAPACITY} delayed frames per direction. */
    public FaultInjector(Device inner, FaultConfig config, long seed) {
        this(inner, config, seed, DEFAULT_QUEUE_CAPACITY);
    }

    /**
     * @param inner         the device whose link goes bad
     * @param config        the faults to inject; {@link FaultConfig#NONE} to pass everything
     * @param seed          fixes every random choice
     * @param queueCapacity how many delayed frames each direction holds before dropping
     */
    public FaultInjector(Device inner, FaultConfig config, long seed, int queueCapacity) {
        this.inner = inner;
        this.frameSize = inner.capabilities().maxFrameSize();
        SplitMix64 seeds = new SplitMix64(seed);
        this.rxRandom = new SplitMix64(seeds.nextLong());
        this.txRandom = new SplitMix64(seeds.nextLong());
        this.rxDelayed = new DelayLine(queueCapacity, frameSize);
        this.txDelayed = new DelayLine(queueCapacity, frameSize);
        this.txScratch = new byte[frameSize];
        setConfig(config);
    }

    public FaultConfig config() {
        return config;
    }

    /**
     * Replaces the configuration from the next frame on. A rate limit that changed starts with
     * a full bucket; frames already delayed keep their due times.
     */
    public void setConfig(FaultConfig newConfig) {
        if (newConfig == null) {
            throw new IllegalArgumentException("a fault configuration is required (FaultConfig.NONE for none)");
        }
        if (config == null || newConfig.rxRateLimit() != config.rxRateLimit()
                || newConfig.shapingIntervalMicros() != config.shapingIntervalMicros()) {
            rxBucket.reset();
        }
        if (config == null || newConfig.txRateLimit() != config.txRateLimit()
                || newConfig.shapingIntervalMicros() != config.shapingIntervalMicros()) {
            txBucket.reset();
        }
        config = newConfig;
        off = newConfig.isOff();
    }

    /** Where faults are reported from now on; {@link FaultListener#NONE} to stop. */
    public void setListener(FaultListener newListener) {
        if (newListener == null) {
            throw new IllegalArgumentException("a listener is required (FaultListener.NONE for none)");
        }
        listener = newListener;
    }

    /**
     * When this injector next needs a poll: its inner device's next deadline, the earliest delayed
     * frame's due time or, while the
     * tx rate limit's bucket is empty, the start of the next shaping interval (when a frame it
     * held back can go).
     * {@link Micros#NEVER} when it waits for nothing; at or before {@code now} when a frame is
     * due already (the device behind it refused it, or the receiver has not asked yet).
     */
    @Override
    public long nextDeadline(long now) {
        long deadline = Math.min(inner.nextDeadline(now), Math.min(rxDelayed.nextDue(), txDelayed.nextDue()));
        if (config.txRateLimit() > 0) {
            deadline = Math.min(deadline, txBucket.nextRefill(now, config.shapingIntervalMicros()));
        }
        return deadline;
    }

    /** Frames delayed in one direction, not yet released. */
    public int delayed(Direction direction) {
        return direction == Direction.RX ? rxDelayed.size() : txDelayed.size();
    }

    /**
     * The inner device's capabilities: the limits here are faults to discover, not to announce.
     * But while any fault is on, without its transmit offloads (no TSO, every checksum the
     * stack sends computed by the stack), so that the frames it drops, corrupts or measures are
     * the frames a wire would carry, each with its own checksum: a corruption the device's
     * checksum offload would cover with a fresh checksum must reach the peer as a bad one.
     */
    @Override
    public DeviceCapabilities capabilities() {
        DeviceCapabilities caps = inner.capabilities();
        if (off) {
            return caps;
        }
        if (caps != innerCapabilities) {
            innerCapabilities = caps;
            withoutOffloads = caps.withoutTransmitOffloads();
        }
        return withoutOffloads;
    }

    @Override
    public boolean receive(long now, FrameReceiver frameReceiver) {
        releaseDelayedTx(now);
        if (rxDelayed.nextDue() <= now) {
            try {
                frameReceiver.receive(rxDelayed.head(), 0, rxDelayed.headLength(), rxDelayed.headVouched());
            } finally {
                rxDelayed.removeHead();
            }
            return true;
        }
        if (off) {
            return inner.receive(now, frameReceiver);
        }
        rxNow = now;
        receiver = frameReceiver;
        delivered = false;
        try {
            // A frame lost here is not "nothing arrived": keep taking frames until one gets
            // through or the inner device has none.
            while (!delivered && inner.receive(now, fromInner)) {
                // each frame taken went through receiveFromInner: delivered, delayed or dropped
            }
        } finally {
            receiver = null;
        }
        return delivered;
    }

    /** Takes a frame from the inner device, with or without its checksum mark, for {@link #receiveFromInner}. */
    private final class FromInner implements FrameReceiver {
        @Override
        public void receive(byte[] frame, int offset, int length) {
            receive(frame, offset, length, false);
        }

        @Override
        public void receive(byte[] frame, int offset, int length, boolean checksumVouched) {
            rxVouched = checksumVouched;
            receiveFromInner(frame, offset, length);
        }
    }

    private void receiveFromInner(byte[] frame, int offset, int length) {
        FaultConfig c = config;
        long now = rxNow;
        if (c.rxRateLimit() > 0 && !rxBucket.take(now, c.rxRateLimit(), c.shapingIntervalMicros())) {
            report(rxEvent.reset(now, Kind.RATE_LIMITED, frame, offset, length)
                    .limited(c.rxRateLimit(), c.shapingIntervalMicros()));
            return;
        }
        if (c.sizeLimit() > 0 && length > c.sizeLimit()) {
            report(rxEvent.reset(now, Kind.OVERSIZE, frame, offset, length).limited(c.sizeLimit(), 0));
            return;
        }
        if (rxRandom.chance(c.dropPercent())) {
            report(rxEvent.reset(now, Kind.DROPPED, frame, offset, length));
            return;
        }
        decide(rxRandom, c, length);
        if (corrupting) {
            corrupt(rxEvent, now, frame, offset, length);
            // The device vouched for the frame it handed over, not for this one: the stack
            // must verify it (and a frame whose checksum the device left unfinished fails).
            rxVouched = false;
        }
        if (reordering) {
            report(rxEvent.reset(now, Kind.REORDERED, frame, offset, length).reordered(rxDelayed.size()));
        }
        long delay = reordering ? 0 : jitteredDelay(rxRandom, c);
        if (delay > 0) {
            delay(rxDelayed, rxEvent, now, delay, frame, offset, length, rxVouched);
            return;
        }
        if (duplicating) {
            // Copied before the receiver sees the frame, which it may change in place.
            duplicateLater(rxDelayed, rxEvent, now, now, frame, offset, length, rxVouched);
        }
        delivered = true;
        receiver.receive(frame, offset, length, rxVouched);
    }

    @Override
    public boolean transmit(long now, int length, FrameFiller frameFiller) {
        releaseDelayedTx(now);
        if (off) {
            return inner.transmit(now, length, frameFiller);
        }
        FrameLength.check(length, frameSize);
        FaultConfig c = config;
        boolean limited = c.txRateLimit() > 0;
        if (limited && !txBucket.take(now, c.txRateLimit(), c.shapingIntervalMicros())) {
            report(txEvent.reset(now, Kind.RATE_LIMITED, txScratch, 0, 0)
                    .limited(c.txRateLimit(), c.shapingIntervalMicros()));
            return false;
        }
        if (c.sizeLimit() > 0 && length > c.sizeLimit()) {
            frameFiller.fill(txScratch, 0, length);
            report(txEvent.reset(now, Kind.OVERSIZE, txScratch, 0, length).limited(c.sizeLimit(), 0));
            return true;
        }
        if (txRandom.chance(c.dropPercent())) {
            frameFiller.fill(txScratch, 0, length);
            report(txEvent.reset(now, Kind.DROPPED, txScratch, 0, length));
            return true;
        }
        decide(txRandom, c, length);
        long delay = reordering ? 0 : jitteredDelay(txRandom, c);
        if (delay > 0) {
            frameFiller.fill(txScratch, 0, length);
            if (corrupting) {
                corrupt(txEvent, now, txScratch, 0, length);
            }
            delay(txDelayed, txEvent, now, delay, txScratch, 0, length, false);
            return true;
        }
        txNow = now;
        filler = frameFiller;
        boolean sent;
        try {
            sent = inner.transmit(now, length, inPlace);
        } finally {
            filler = null;
        }
        if (!sent) {
            // The inner device is full: nothing was written, the stack will try again.
            if (limited) {
                txBucket.giveBack();
            }
            return false;
        }
        releaseDelayedTx(now);
        return true;
    }

    /** Writes a tx frame straight into the inner device's buffer, then applies the faults decided for it. */
    private void fillInPlace(byte[] buffer, int offset, int length) {
        filler.fill(buffer, offset, length);
        if (corrupting) {
            corrupt(txEvent, txNow, buffer, offset, length);
        }
        if (reordering) {
            report(txEvent.reset(txNow, Kind.REORDERED, buffer, offset, length).reordered(txDelayed.size()));
        }
        if (duplicating) {
            duplicateLater(txDelayed, txEvent, txNow, txNow, buffer, offset, length, false);
        }
    }

    private void fillFromDelayLine(byte[] buffer, int offset, int length) {
        System.arraycopy(txDelayed.head(), 0, buffer, offset, length);
    }

    /** Sends every delayed tx frame that is due, oldest due first, until the inner device is full. */
    private void releaseDelayedTx(long now) {
        while (txDelayed.nextDue() <= now) {
            if (!inner.transmit(now, txDelayed.headLength(), fromDelayLine)) {
                return;
            }
            txDelayed.removeHead();
        }
    }

    /** The random choices for a frame that was not dropped, in the documented order. */
    private void decide(SplitMix64 random, FaultConfig c, int length) {
        corrupting = length > 0 && random.chance(c.corruptPercent());
        if (corrupting) {
            corruptOctet = random.nextInt(length);
            // XOR with 1..255: the octet always changes, to any of the other 255 values.
            corruptMask = 1 + random.nextInt(255);
        }
        duplicating = random.chance(c.duplicatePercent());
        reordering = random.chance(c.reorderPercent());
    }

    /**
     * The frame's delay: uniform in {@code delay ± jitter} to the microsecond, never negative.
     * netem's default jitter distribution is normal; uniform keeps the bounds exact, so a lab
     * can say "between 15 and 25 ms" and mean it.
     */
    private static long jitteredDelay(SplitMix64 random, FaultConfig c) {
        long jitter = c.jitterMicros();
        if (jitter == 0) {
            return c.delayMicros();
        }
        long offset = (long) (random.nextUnit() * (2 * jitter + 1)) - jitter;
        return Math.max(0, c.delayMicros() + offset);
    }

    private void corrupt(FaultEvent event, long now, byte[] frame, int offset, int length) {
        int index = offset + corruptOctet;
        int before = frame[index] & 0xFF;
        int after = before ^ corruptMask;
        frame[index] = (byte) after;
        report(event.reset(now, Kind.CORRUPTED, frame, offset, length).corrupted(corruptOctet, before, after));
    }

    private void delay(DelayLine line, FaultEvent event, long now, long delay, byte[] frame, int offset, int length,
                       boolean vouched) {
        long due = Micros.plus(now, delay);
        if (!line.add(due, frame, offset, length, vouched)) {
            report(event.reset(now, Kind.QUEUE_FULL, frame, offset, length).limited(line.capacity(), 0));
            return;
        }
        report(event.reset(now, Kind.DELAYED, frame, offset, length).delayed(delay));
        if (duplicating) {
            duplicateLater(line, event, now, due, frame, offset, length, vouched);
        }
    }

    /** Queues the second copy of a duplicated frame, due right behind the first. */
    private void duplicateLater(DelayLine line, FaultEvent event, long now, long due, byte[] frame, int offset, int length,
                                boolean vouched) {
        if (line.add(due, frame, offset, length, vouched)) {
            report(event.reset(now, Kind.DUPLICATED, frame, offset, length));
        } else {
            report(event.reset(now, Kind.QUEUE_FULL, frame, offset, length).limited(line.capacity(), 0));
        }
    }

    private void report(FaultEvent event) {
        listener.onFault(event);
    }
}
