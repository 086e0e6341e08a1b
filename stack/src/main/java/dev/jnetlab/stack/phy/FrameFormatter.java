package dev.jnetlab.stack.phy;

/**
 * Turns a frame into the text of a trace line: the wire layer's one-line printer, with a hex
 * dump when {@code trace hex on}. It must accept any octets, including malformed and truncated
 * frames (it says what is wrong rather than throwing), and must not keep the array.
 */
@FunctionalInterface
public interface FrameFormatter {
    /** Appends the description of {@code frame[offset .. offset+length)} to {@code out}. */
    void appendTo(StringBuilder out, byte[] frame, int offset, int length);
}
