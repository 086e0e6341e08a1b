package dev.jnetlab.stack.phy;

/**
 * Chooses the frames a {@link Tracer} shows: the compiled form of a {@code trace on FILTER}
 * expression ({@code tcp and port 80}). Called for every frame while tracing, so it should
 * read the octets it needs in place and allocate nothing.
 */
@FunctionalInterface
public interface FrameFilter {
    /** Every frame: {@code trace on} without a filter. */
    FrameFilter ALL = (frame, offset, length) -> true;

    boolean accepts(byte[] frame, int offset, int length);
}
