package dev.jnetlab.commands.craft;

import dev.jnetlab.stack.wire.HexDump;
import dev.jnetlab.stack.wire.OneLinePrinter;
import java.util.Arrays;

/**
 * A frame made by {@code craft}, kept for {@code send} and {@code sr}: its octets exactly as
 * they will go on the link, and the layer it was crafted as (for reading its fields back).
 */
public final class CraftedFrame {
    private final CraftLayer layer;
    private final byte[] octets;

    CraftedFrame(CraftLayer layer, byte[] octets) {
        this.layer = layer;
        this.octets = octets.clone();
    }

    public CraftLayer layer() {
        return layer;
    }

    /** A copy of the octets. */
    public byte[] octets() {
        return octets.clone();
    }

    public int length() {
        return octets.length;
    }

    /** Copies the octets to {@code buffer} at {@code offset}. */
    void copyTo(byte[] buffer, int offset) {
        System.arraycopy(octets, 0, buffer, offset, octets.length);
    }

    /** The frame as the tracer prints it. */
    public String line() {
        return new OneLinePrinter().format(octets);
    }

    /** The octets as {@code trace hex on} prints them. */
    public String hexDump() {
        String dump = HexDump.format(octets);
        return dump.substring(0, dump.length() - 1);
    }

    @Override
    public String toString() {
        return layer.word() + " " + Arrays.toString(octets);
    }
}
