package dev.jnetlab.stack.rand;

/**
 * The SplitMix64 generator (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): 64 bits of state, one add and a finalising mix per number. The
 * stack's one source of seeded randomness: the fault injector's draws, the socket set's
 * ephemeral ports, the RFC 6528 ISN key and the hosts' seeds all come from here.
 *
 * <p>They need a sequence fixed by its seed and nothing else, and no allocation per draw.
 * {@code java.util.Random} would do the first but is shared, synchronised state with a weaker
 * generator, whose algorithm the JDK may change; this is a plain long field, and its output
 * for a seed is the published reference sequence, so a seed means the same run on every JVM.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT = 0x1.0p-53;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /**
     * The finalising mix alone (Stafford's Mix13, a variant of MurmurHash3's fmix64): a
     * well-spread 64-bit value from any {@code z}, for deriving one seed from another.
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1), from the top 53 bits. */
    public double nextUnit() {
        return (nextLong() >>> 11) * UNIT;
    }

    /**
     * Uniform in [0, bound) for a positive bound below 2^31, by multiply-and-shift of the top 32
     * bits; the bias is at most bound / 2^32, far below anything a fault test can see.
     */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /**
     * True with the given probability in percent. Draws nothing when the chance is 0, so an
     * option that is off does not shift the sequence the others see.
     */
    public boolean chance(double percent) {
        return percent > 0 && nextUnit() * 100.0 < percent;
    }
}
