package dev.jnetlab.commands.craft;

import dev.jnetlab.stack.wire.HexDump;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.OneLinePrinter;
import java.util.Arrays;

/**
 * A frame made by {@code craft}, kept for {@code send} and {@code sr}: its octets exactly as
 * they will go on the link, the layer it was crafted as (for reading its fields back) and, for
 * a frame built from fields, those fields, so that {@code send --rand-source} can build it again
 * from another source.
 */
public final class CraftedFrame {
    private final CraftLayer layer;
    private final byte[] octets;
    /** The fields it was built from and what filled in the rest; null for a frame given as octets. */
    private final Draft draft;
    private final FrameBuilder.Defaults defaults;

    CraftedFrame(CraftLayer layer, byte[] octets) {
        this(layer, octets, null, null);
    }

    private CraftedFrame(CraftLayer layer, byte[] octets, Draft draft, FrameBuilder.Defaults defaults) {
        this.layer = layer;
        this.octets = octets.clone();
        this.draft = draft;
        this.defaults = defaults;
    }

    /** The frame {@code draft} describes, {@code defaults} filling in the rest. */
    static CraftedFrame built(Draft draft, FrameBuilder.Defaults defaults) {
        return new CraftedFrame(draft.layer(), FrameBuilder.build(draft, defaults), draft, defaults);
    }

    /** Whether it was built from fields (not given as octets, nor an ARP frame), so that its source can change. */
    boolean hasIpSource() {
        return draft != null && layer != CraftLayer.RAW && layer != CraftLayer.ARP;
    }

    /**
     * The same frame from {@code source} and, for TCP or UDP unless the draft named its source
     * port, from {@code port}: built again, so its checksums are right for the new source (or as
     * wrong as the draft asked).
     */
    CraftedFrame from(Ipv4Address source, int port) {
        Draft copy = draft.copy();
        copy.put("from", source);
        if ((layer == CraftLayer.TCP || layer == CraftLayer.UDP) && !draft.has("sport")) {
            copy.put("sport", (long) port);
        }
        return built(copy, defaults);
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
