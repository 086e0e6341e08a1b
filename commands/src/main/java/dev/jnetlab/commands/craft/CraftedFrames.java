package dev.jnetlab.commands.craft;

import java.util.Optional;

/**
 * The last frame {@code craft} (or {@code sr}) made on one console, which {@code send} sends:
 * one per console, shared by its three commands when they are registered. Used on the shell's
 * thread only.
 */
public final class CraftedFrames {
    private CraftedFrame last;

    public Optional<CraftedFrame> last() {
        return Optional.ofNullable(last);
    }

    void keep(CraftedFrame frame) {
        last = frame;
    }
}
