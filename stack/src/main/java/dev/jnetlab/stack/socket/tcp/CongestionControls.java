package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm;
import java.util.Optional;

/** Creating congestion controllers, and the numbers every algorithm shares. */
public final class CongestionControls {

    /**
     * "No limit": the window of {@link Algorithm#NONE} and the initial slow-start threshold of
     * the others ("arbitrarily high", RFC 5681 §3.1). {@code tcp show} prints it as
     * {@code unlimited}.
     */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /**
     * The largest congestion window a controller grows to: the largest window TCP can
     * advertise (2^30 octets with the largest window scale, RFC 7323 §2.3). Growth beyond it
     * could never be used, and stopping here keeps every sum of two windows inside an
     * {@code int}.
     */
    public static final int MAX_WINDOW = 1 << 30;

    /**
     * The SMSS assumed until {@link CongestionControl#start} gives the real one: the
     * default send MSS of RFC 9293 §3.7.1.
     */
    public static final int DEFAULT_SMSS = 536;

    private CongestionControls() {
    }

    /** A new controller, in its initial state, for one connection; CUBIC with HyStart++. */
    public static CongestionControl create(Algorithm algorithm) {
        return create(algorithm, true);
    }

    /**
     * A new controller for one connection; {@code hyStart} turns HyStart++ (RFC 9406) on or off
     * where the algorithm has it (CUBIC, as in Linux).
     */
    public static CongestionControl create(Algorithm algorithm, boolean hyStart) {
        switch (algorithm) {
            case NONE:
                return new NoCongestionControl();
            case RENO:
                return new RenoCongestionControl();
            case CUBIC:
                return new CubicCongestionControl(true, hyStart);
            default:
                throw new AssertionError(algorithm);
        }
    }

    /** The algorithm that {@code tcp show} calls {@code label} ({@code none}, {@code reno}, {@code cubic}), ignoring case. */
    public static Optional<Algorithm> algorithmNamed(String label) {
        for (Algorithm algorithm : Algorithm.values()) {
            if (algorithm.label().equalsIgnoreCase(label.trim())) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /**
     * The initial window of RFC 5681 §3.1 equation 1 (RFC 3390's):
     * {@code min(4*SMSS, max(2*SMSS, 4380))} octets, that is 4 segments up to an SMSS of 1095,
     * 3 segments up to 2190, 2 segments above.
     */
    public static int initialWindow(int smss) {
        int segment = sanitizeSmss(smss);
        return Math.min(4 * segment, Math.max(2 * segment, 4380));
    }

    /**
     * A socket's initial window in segments ({@link TcpSocket#setInitialWindow}): this value
     * asks for RFC 5681's equation 1, which depends on the SMSS.
     */
    public static final int STANDARD_INITIAL_WINDOW = 0;

    /**
     * The initial window in octets for {@code segments} segments of {@code smss}, or
     * {@link #initialWindow(int)} for {@link #STANDARD_INITIAL_WINDOW} (RFC 6928 §2: an
     * initial window counted in segments, ten there).
     */
    public static int initialWindow(int smss, int segments) {
        if (segments == STANDARD_INITIAL_WINDOW) {
            return initialWindow(smss);
        }
        return (int) Math.min((long) segments * sanitizeSmss(smss), MAX_WINDOW);
    }

    /**
     * An SMSS a controller can compute with: at least 1 and at most 65535 (the largest value
     * of the MSS option). The socket should already have bounded what the peer advertised;
     * this keeps a peer that advertises MSS 0 from dividing anything by zero.
     */
    static int sanitizeSmss(int smss) {
        return Math.max(1, Math.min(smss, 0xFFFF));
    }

    /** {@code window + increment}, never above {@link #MAX_WINDOW}. */
    static int grow(int window, long increment) {
        return (int) Math.min((long) window + Math.max(0, increment), MAX_WINDOW);
    }
}
