package dev.jnetlab.stack.phy;

/**
 * The SplitMix64 generator (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): 64 bits of state, one add and a finalising mix per number.
 *
 * <p>The fault injector needs a sequence fixed by its seed and nothing else, and no allocation
 * per draw. {@code java.util.Random} would do the first but is shared, synchronised state with
 * a weaker generator; this is a plain long field, and its output for a seed is the published
 * reference sequence, so a seed means the same faults on every JVM.
 */
final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT = 0x1.0p-53;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), from the top 53 bits. */
    double nextUnit() {
        return (nextLong() >>> 11) * UNIT;
    }

    /**
     * Uniform in [0, bound) for a positive bound below 2^31, by multiply-and-shift of the top 32
     * bits; the bias is at most bound / 2^32, far below anything a fault test can see.
     */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /**
     * True with the given probability in percent. Draws nothing when the chance is 0, so an
     * option that is off does not shift the sequence the others see.
     */
    boolean chance(double percent) {
        return percent > 0 && nextUnit() * 100.0 < percent;
    }
}
