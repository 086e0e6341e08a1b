package dev.jnetlab.stack.phy;

/**
 * What a {@link ShapedWire} is like each way: its one-way propagation delay and how much that
 * varies (jitter), its bandwidth (0: unlimited, frames take no time to send), the frames its
 * sender's queue holds beyond the one being sent, and its IP MTU.
 *
 * @param delayMicros   propagation delay, one way
 * @param jitterMicros  how far each frame's delay strays from {@code delayMicros}, either way,
 *                      uniformly (netem's {@code delay TIME JITTER} without a distribution
 *                      table); 0 for none, and never more than the delay
 * @param bitsPerSecond the rate a frame is clocked out at; 0 for no limit
 * @param queueFrames   frames that may wait behind the one on the wire; more are dropped at the tail
 * @param mtu           the largest IP datagram a frame carries
 */
public record LinkShape(long delayMicros, long jitterMicros, long bitsPerSecond, int queueFrames, int mtu) {
    /** As fast as memory, 1500 octets, a queue of 100 (Linux's default txqueuelen is 1000; 100 keeps a lab's queue visible). */
    public static final LinkShape DEFAULT = new LinkShape(0, 0, 100, 1500);

    public LinkShape {
        if (delayMicros < 0) {
            throw new IllegalArgumentException("a link's delay cannot be negative: " + delayMicros + "us");
        }
        if (jitterMicros < 0 || jitterMicros > delayMicros) {
            throw new IllegalArgumentException("a link's jitter is from 0 to its delay (" + delayMicros + "us), not "
                    + jitterMicros + "us");
        }
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("a link's bandwidth cannot be negative: " + bitsPerSecond);
        }
        if (queueFrames < 0) {
            throw new IllegalArgumentException("a link's queue cannot be negative: " + queueFrames);
        }
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("an MTU is between 68 (RFC 791) and 65535, not " + mtu);
        }
    }

    /** A link without jitter. */
    public LinkShape(long delayMicros, long bitsPerSecond, int queueFrames, int mtu) {
        this(delayMicros, 0, bitsPerSecond, queueFrames, mtu);
    }

    public LinkShape withDelay(long micros) {
        return new LinkShape(micros, jitterMicros, bitsPerSecond, queueFrames, mtu);
    }

    public LinkShape withJitter(long micros) {
        return new LinkShape(delayMicros, micros, bitsPerSecond, queueFrames, mtu);
    }

    public LinkShape withBandwidth(long bps) {
        return new LinkShape(delayMicros, jitterMicros, bps, queueFrames, mtu);
    }

    public LinkShape withQueue(int frames) {
        return new LinkShape(delayMicros, jitterMicros, bitsPerSecond, frames, mtu);
    }

    public LinkShape withMtu(int octets) {
        return new LinkShape(delayMicros, jitterMicros, bitsPerSecond, queueFrames, octets);
    }

    /** How long {@code octets} take to clock out, rounded up to the microsecond; 0 without a bandwidth. */
    public long serialisation(int octets) {
        return bitsPerSecond == 0 ? 0 : (octets * 8L * 1_000_000L + bitsPerSecond - 1) / bitsPerSecond;
    }
}
