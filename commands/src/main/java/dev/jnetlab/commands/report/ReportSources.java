package dev.jnetlab.commands.report;

import dev.jnetlab.commands.Session;
import java.util.List;
import java.util.Optional;

/**
 * What the session's pictures (the report, the web view) show that the commands do not own:
 * the last lines said (the trace's among them), and the running lab's progress, which the
 * console that holds them hands in.
 */
public interface ReportSources {
    /** Nothing beyond the stack: no lines kept, no lab. */
    ReportSources NONE = new ReportSources() {
        @Override
        public List<String> recentLines() {
            return List.of();
        }

        @Override
        public Optional<String> lab(Session session) {
            return Optional.empty();
        }
    };

    /** The last lines said to the person, oldest first. */
    List<String> recentLines();

    /** The running lab's progress and what it has taught so far, when a lab is running. */
    Optional<String> lab(Session session) throws InterruptedException;
}
