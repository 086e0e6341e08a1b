package dev.jnetlab.stack.phy;

/** Writes one outgoing frame into a lent buffer: exactly {@code buffer[offset .. offset+length)}. */
@FunctionalInterface
public interface FrameFiller {
    void fill(byte[] buffer, int offset, int length);
}
