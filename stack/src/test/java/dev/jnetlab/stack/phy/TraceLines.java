package dev.jnetlab.stack.phy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link TraceSink} that keeps every line, prefixed with its stack time, and a copy of every frame. */
final class TraceLines implements TraceSink {
    /** A formatter for tests: the frame's sequence number and length, allocating nothing. */
    static final FrameFormatter SEQUENCE = (out, frame, offset, length) ->
            out.append("seq ").append(TestFrames.sequence(frame, offset)).append(", ").append(length).append(" octets");

    final List<String> lines = new ArrayList<>();
    final List<byte[]> frames = new ArrayList<>();

    @Override
    public void frame(long now, Direction direction, byte[] frame, int offset, int length, CharSequence line) {
        lines.add(now + " " + line);
        frames.add(Arrays.copyOfRange(frame, offset, offset + length));
    }

    @Override
    public void fault(FaultEvent event, CharSequence line) {
        lines.add(event.at() + " " + line);
    }
}
