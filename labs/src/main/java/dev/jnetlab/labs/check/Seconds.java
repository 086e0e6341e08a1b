package dev.jnetlab.labs.check;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Durations as people read them in labs: {@code 5 s}, {@code 0.5 s}. */
public final class Seconds {
    private Seconds() {
    }

    public static String format(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString() + " s";
    }

    /** A time someone took, to a tenth of a second: {@code 12.8 s}, not {@code 12.790883 s}; {@code 5 s}. */
    public static String rounded(long micros) {
        BigDecimal tenths = BigDecimal.valueOf(micros, 6).setScale(1, RoundingMode.HALF_UP);
        return (tenths.signum() == 0 ? BigDecimal.ZERO : tenths.stripTrailingZeros()).toPlainString() + " s";
    }

}
