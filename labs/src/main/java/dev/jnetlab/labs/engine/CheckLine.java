package dev.jnetlab.labs.engine;

/**
 * One check of a step, for {@code lab status} and {@code lab check}.
 *
 * @param check    what the check asks
 * @param passed   whether it has held since the step began (checks stay ticked)
 * @param observed what the stack showed: when the check was ticked, or now if it has not been
 */
public record CheckLine(String check, boolean passed, String observed) {

    public String render(Marks marks) {
        return marks.of(passed) + " " + check + (observed.isEmpty() ? "" : "  [" + observed + "]");
    }
}
