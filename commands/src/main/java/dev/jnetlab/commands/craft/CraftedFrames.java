package dev.jnetlab.commands.craft;

import dev.jnetlab.stack.rand.SplitMix64;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The last frame {@code craft} (or {@code sr}) made on one console, which {@code send} sends:
 * one per console, shared by its three commands when they are registered; and the generator
 * {@code send --rand-source} draws its sources from, seeded from the console's seed
 * (ARCHITECTURE.md §3) the first time it is needed. Used on the shell's thread only.
 */
public final class CraftedFrames {
    /** Mixed into the seed, so that the sources are not the interface's own draws ("forgedsr"). */
    private static final long SOURCES = 0x666f_7267_6564_7372L;

    private CraftedFrame last;
    private SplitMix64 sources;

    public Optional<CraftedFrame> last() {
        return Optional.ofNullable(last);
    }

    void keep(CraftedFrame frame) {
        last = frame;
    }

    /** The generator of forged sources, made from {@code seed} the first time. */
    SplitMix64 sources(LongSupplier seed) {
        if (sources == null) {
            sources = new SplitMix64(SplitMix64.mix(seed.getAsLong() ^ SOURCES));
        }
        return sources;
    }
}
