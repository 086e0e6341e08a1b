package dev.jnetlab.stack.wire;

import java.util.Objects;

/**
 * What every packet view is: a window of {@link #length()} octets from {@link #offset()} in a
 * buffer it does not own. A view holds nothing else, so one instance serves every packet:
 * {@code wrap} points it somewhere new. Only the window's bounds in the array are checked
 * when wrapping; the packet inside is checked by the view's {@code check()}.
 *
 * <p>Setters write the low bits of their argument that fit the field, as a C struct would;
 * the setter of a field narrower than an octet rejects a value that does not fit, because it
 * would overwrite its neighbour. Setters that change a length do not re-check the view.
 */
abstract class PacketView {
    byte[] buf;
    int off;
    int len;

    final void window(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        this.buf = buffer;
        this.off = offset;
        this.len = length;
    }

    /** The array this view reads and writes. */
    public final byte[] buffer() {
        return buf;
    }

    /** Where the packet starts in {@link #buffer()}. */
    public final int offset() {
        return off;
    }

    /** How many octets the view spans; the packet may say it is shorter (padding) or longer (a lie). */
    public final int length() {
        return len;
    }

    /** The reason to refuse the packet, or {@code null} if the header is sound; never allocates. */
    public abstract WireError check();

    /** The message for a reason {@link #check()} returned, with the numbers that broke the rule. */
    abstract String explain(WireError reason);

    /** Checks as {@link #check()} does, but throws the reason with a message; the path for reprs and printers. */
    final void checkOrThrow() throws WireException {
        WireError reason = check();
        if (reason != null) {
            throw new WireException(reason, explain(reason));
        }
    }
}
