package dev.jnetlab.labs.engine;

/**
 * How a passed and a failed check are marked: the console picks ASCII when NO_COLOR is set
 * or the output is not a terminal.
 */
public enum Marks {
    UNICODE("✓", "✗", "★"),
    ASCII("[x]", "[ ]", "**");

    private final String pass;
    private final String fail;
    private final String complete;

    Marks(String pass, String fail, String complete) {
        this.pass = pass;
        this.fail = fail;
        this.complete = complete;
    }

    public String pass() {
        return pass;
    }

    public String fail() {
        return fail;
    }

    /** Marks a finished lab. */
    public String complete() {
        return complete;
    }

    public String of(boolean passed) {
        return passed ? pass : fail;
    }
}
