package dev.jnetlab.labs.check;

import java.util.Objects;

/**
 * What one evaluation of a check found.
 *
 * @param holds    whether the check holds now
 * @param observed what the stack shows that matters to it, for a person ("tcp#1 is SYN-SENT")
 */
public record Verdict(boolean holds, String observed) {
    public Verdict {
        Objects.requireNonNull(observed, "observed");
    }

    static Verdict of(boolean holds, String observed) {
        return new Verdict(holds, observed);
    }
}
