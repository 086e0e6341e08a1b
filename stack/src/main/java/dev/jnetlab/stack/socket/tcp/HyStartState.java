package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.time.Micros;

/**
 * What {@code tcp show} prints of HyStart++ (RFC 9406): the phase of the first slow start, and
 * the least RTT of the last whole round.
 *
 * @param phase where the first slow start is
 * @param cssRound the round of Conservative Slow Start under way, 1 to CSS_ROUNDS; 0 outside CSS
 * @param lastRoundMinRtt lastRoundMinRTT in microseconds, 0 before a round has had a sample
 */
public record HyStartState(HyStartPlusPlus.Phase phase, int cssRound, long lastRoundMinRtt) {

    /** A controller without HyStart++ (Reno, none), or one with it turned off. */
    public static final HyStartState OFF = new HyStartState(HyStartPlusPlus.Phase.OFF, 0, 0);

    /** {@code HyStart++ CSS round 2 of 5, last round's min RTT 10.2ms}. */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("HyStart++ ");
        if (phase == HyStartPlusPlus.Phase.CONSERVATIVE_SLOW_START) {
            out.append("CSS round ").append(cssRound).append(" of ").append(HyStartPlusPlus.CSS_ROUNDS);
        } else {
            out.append(phase);
        }
        if (phase != HyStartPlusPlus.Phase.OFF && lastRoundMinRtt > 0) {
            Micros.appendTo(out.append(", last round's min RTT "), lastRoundMinRtt);
        }
        return out;
    }
}
