package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.time.Micros;

/**
 * Two devices joined by an in-memory cable: what {@link #a()} transmits, {@link #b()}
 * receives, and the other way round. Two stack instances in one process talk over it (the
 * built-in virtual network), and most tests use it as their link.
 *
 * <p>Each direction is a bounded queue of preallocated frame slots; a full queue makes
 * {@code transmit} return false until the far end receives. A one-way {@code latency} on the
 * stack clock delays every frame equally, so order is kept: a frame sent at {@code now}
 * becomes receivable at {@code now + latency}. {@link #nextArrival()} tells an event loop
 * when to poll next. Like every device it belongs to one thread; an event loop that polls
 * both stacks owns both ends.
 *
 * <p>A wire made {@linkplain #VirtualWire(int, long, int, boolean) vouching} hands every frame
 * over with its transport checksum vouched for ({@link FrameReceiver}), as Linux's loopback
 * marks its packets CHECKSUM_UNNECESSARY: memory does not flip bits, so the receiver need not
 * sum the payload again. Only a wire that nothing but the stacks writes to may vouch (the
 * loopback benchmark's); the virtual network's does not, so that a frame a test or a lab
 * forges with a wrong checksum is still caught.
 */
public final class VirtualWire {
    /** Frames that can be in flight each way before the sender is held back. */
    public static final int DEFAULT_CAPACITY = Loopback.DEFAULT_CAPACITY;

    private final DeviceCapabilities capabilities;
    private final long latency;
    private final boolean vouches;
    private final Endpoint a;
    private final Endpoint b;

    /** A wire with an MTU of 1500, no latency and {@value #DEFAULT_CAPACITY} frames each way. */
    public VirtualWire() {
        this(1500, 0, DEFAULT_CAPACITY);
    }

    /**
     * @param mtu            the IP MTU both ends carry (frames up to {@code mtu + 14} octets)
     * @param latencyMicros  the one-way delay of every frame, 0 for none
     * @param capacity       how many frames can be in flight in each direction
     */
    public VirtualWire(int mtu, long latencyMicros, int capacity) {
        this(mtu, latencyMicros, capacity, false);
    }

    /**
     * As {@link #VirtualWire(int, long, int)}; {@code vouches}: every frame is received with
     * its checksum vouched for (see the class comment for when that is right).
     */
    public VirtualWire(int mtu, long latencyMicros, int capacity, boolean vouches) {
        if (latencyMicros < 0) {
            throw new IllegalArgumentException("negative latency " + latencyMicros + "us");
        }
        this.capabilities = DeviceCapabilities.ethernet(mtu);
        this.latency = latencyMicros;
        this.vouches = vouches;
        FrameRing aToB = new FrameRing(capacity, capabilities.maxFrameSize());
        FrameRing bToA = new FrameRing(capacity, capabilities.maxFrameSize());
        this.a = new Endpoint("a", bToA, aToB);
        this.b = new Endpoint("b", aToB, bToA);
    }

    public Endpoint a() {
        return a;
    }

    public Endpoint b() {
        return b;
    }

    /** The one-way latency, in microseconds. */
    public long latency() {
        return latency;
    }

    /**
     * When the next frame in flight, either way, becomes receivable: {@link Micros#NEVER} when
     * none is, an instant at or before {@code now} when one is waiting already.
     */
    public long nextArrival() {
        return Math.min(a.nextArrival(), b.nextArrival());
    }

    /** One end of the wire. */
    public final class Endpoint implements Device {
        private final String name;
        private final FrameRing incoming;
        private final FrameRing outgoing;

        private Endpoint(String name, FrameRing incoming, FrameRing outgoing) {
            this.name = name;
            this.incoming = incoming;
            this.outgoing = outgoing;
        }

        @Override
        public DeviceCapabilities capabilities() {
            return capabilities;
        }

        /** Hands over the oldest frame sent by the other end, once its latency has passed. */
        @Override
        public boolean receive(long now, FrameReceiver receiver) {
            if (incoming.headStamp() > now) {
                return false;
            }
            try {
                receiver.receive(incoming.head(), 0, incoming.headLength(), vouches);
            } finally {
                incoming.pop();
            }
            return true;
        }

        /** Puts a frame on the wire to the other end; false when the other end has not kept up. */
        @Override
        public boolean transmit(long now, int length, FrameFiller filler) {
            FrameLength.check(length, capabilities.maxFrameSize());
            if (outgoing.isFull()) {
                return false;
            }
            filler.fill(outgoing.tail(), 0, length);
            outgoing.push(length, Micros.plus(now, latency));
            return true;
        }

        /** When the next frame for this end becomes receivable; {@link Micros#NEVER} when none is in flight. */
        public long nextArrival() {
            return incoming.headStamp();
        }

        /** A frame in flight is due when it arrives. */
        @Override
        public long nextDeadline(long now) {
            return nextArrival();
        }

        /** Frames in flight towards this end. */
        public int inFlight() {
            return incoming.size();
        }

        @Override
        public String toString() {
            return "virtual wire end " + name;
        }
    }
}
