package dev.jnetlab.labs.check;

import java.math.BigDecimal;

/** Durations as people read them in labs: {@code 5 s}, {@code 0.5 s}. */
public final class Seconds {
    private Seconds() {
    }

    public static String format(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString() + " s";
    }

}
