package dev.jnetlab.host.ladder;

import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.tcp.TcpState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The segments of one TCP connection, in order, with the states each end went through: what
 * {@link LadderRenderer} draws.
 *
 * @param local         this stack's end (the left of the diagram)
 * @param remote        the peer's end (the right)
 * @param localInitial  the local end's state before the first segment, if known
 * @param remoteInitial the remote end's state before the first segment, if known
 * @param segments      the segments, in the order they crossed the interface
 * @param omitted       segments seen after the recorder's limit, not kept
 */
public record Ladder(IpEndpoint local, IpEndpoint remote, Optional<TcpState> localInitial,
                     Optional<TcpState> remoteInitial, List<LadderSegment> segments, int omitted) {
    public Ladder {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(localInitial, "localInitial");
        Objects.requireNonNull(remoteInitial, "remoteInitial");
        segments = List.copyOf(segments);
        if (omitted < 0) {
            throw new IllegalArgumentException("omitted " + omitted);
        }
    }

    /**
     * A ladder of {@code segments} whose states are inferred from the segments alone, as an
     * observer on the wire would (see {@link StateInference}); states already in the segments
     * are replaced.
     */
    public static Ladder inferred(IpEndpoint local, IpEndpoint remote, List<LadderSegment> segments, int omitted) {
        return StateInference.infer(local, remote, segments, omitted);
    }
}
