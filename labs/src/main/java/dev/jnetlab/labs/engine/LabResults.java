package dev.jnetlab.labs.engine;

import dev.jnetlab.commands.CommandResult;
import java.util.List;

/**
 * What the {@code lab} commands hand back. Each record's components are the stable field names
 * of its JSON form; {@code text()} is what a person reads, with Unicode marks (the console may
 * call {@code render(Marks.ASCII)} instead where a result has marks).
 */
public final class LabResults {
    private LabResults() {
    }

    /** {@code lab list}. */
    public record Listing(List<Entry> labs) implements CommandResult {
        public Listing {
            labs = List.copyOf(labs);
        }

        /**
         * @param running  whether this lab is the one running
         * @param networks the networks it runs on: virtual, tap, raw
         */
        public record Entry(String id, String title, int steps, List<String> networks, boolean running) {
            public Entry {
                networks = List.copyOf(networks);
            }
        }

        @Override
        public String text() {
            int width = labs.stream().mapToInt(e -> e.id().length()).max().orElse(0);
            StringBuilder out = new StringBuilder();
            for (Entry entry : labs) {
                out.append(entry.running() ? "* " : "  ").append(entry.id())
                        .append(" ".repeat(width - entry.id().length() + 2)).append(entry.title())
                        .append(" (").append(entry.steps()).append(entry.steps() == 1 ? " step" : " steps").append(")\n");
            }
            out.append(labs.isEmpty() ? "No labs." : "'lab start ID' starts one.");
            return out.toString();
        }
    }

    /**
     * {@code lab start ID}.
     *
     * @param setup the console commands the lab ran to set itself up, and its TCP settings
     * @param tapIntro what to prepare on the host (only on a tap)
     */
    public record Started(String id, String title, String summary, int steps, List<String> setup, String tapIntro,
                          StepView step) implements CommandResult {
        public Started {
            setup = List.copyOf(setup);
        }

        @Override
        public String text() {
            StringBuilder out = new StringBuilder();
            out.append("Lab ").append(id).append(": ").append(title).append(" (").append(steps)
                    .append(steps == 1 ? " step" : " steps").append(")\n");
            out.append(summary.strip()).append('\n');
            if (!setup.isEmpty()) {
                out.append("\nSet up: ").append(String.join("; ", setup)).append('\n');
            }
            if (!tapIntro.isEmpty()) {
                out.append("\nOn the host, first:\n  ").append(tapIntro.strip().replace("\n", "\n  ")).append('\n');
            }
            out.append('\n').append(step.text());
            return out.toString();
        }
    }

    /**
     * {@code lab resume}: the lab started again at the step saved.
     *
     * @param step the step it goes on from
     */
    public record Resumed(int step, Started started) implements CommandResult {
        @Override
        public String text() {
            return "Resumed lab " + started.id() + " at step " + step + " of " + started.steps() + (step == 1 ? "" : "; steps 1 to " + (step - 1) + " were done in an earlier "
                    + "session, and what they made (sockets, a capture, a lease) is not here: the step's suggestions "
                    + "make it again") + "\n" + started.text();
        }
    }

    /**
     * {@code lab status}: the step, its checks, the hints left.
     *
     * @param stepDone  every check of the step has passed
     * @param finished  the last step is done
     * @param hintsShown hints of this step shown so far
     */
    public record Status(String id, String title, StepView step, List<CheckLine> checks, boolean stepDone,
                         boolean finished, int hintsShown, int hints) implements CommandResult {
        public Status {
            checks = List.copyOf(checks);
        }

        @Override
        public String text() {
            return render(Marks.UNICODE);
        }

        public String render(Marks marks) {
            StringBuilder out = new StringBuilder();
            out.append("Lab ").append(id).append(": ").append(title).append('\n');
            out.append(step.text()).append('\n');
            out.append("\nChecks:\n");
            checks.forEach(line -> out.append("  ").append(line.render(marks)).append('\n'));
            if (hints > 0) {
                out.append("Hints: ").append(hintsShown).append(" of ").append(hints).append(" shown")
                        .append(hintsShown < hints ? " ('lab hint' shows the next)" : "").append('\n');
            }
            out.append(verdict(marks, id, step, stepDone, finished));
            return out.toString();
        }
    }

    /**
     * {@code lab check}: the checks of the step, evaluated now.
     *
     * @param stuck why the step cannot pass as things are, in words (a check that can no longer
     *              hold, the step's connection aborted): then only {@code lab retry} helps; empty
     *              when nothing stands in the way
     */
    public record Checked(String id, int step, int steps, String stepTitle, List<CheckLine> checks, boolean stepDone,
                          boolean finished, List<String> stuck) implements CommandResult {
        public Checked {
            checks = List.copyOf(checks);
            stuck = List.copyOf(stuck);
        }

        @Override
        public String text() {
            return render(Marks.UNICODE);
        }

        public String render(Marks marks) {
            long passed = checks.stream().filter(CheckLine::passed).count();
            StringBuilder out = new StringBuilder();
            out.append("Step ").append(step).append(" of ").append(steps).append(": ").append(stepTitle).append(" (")
                    .append(passed).append(" of ").append(checks.size()).append(checks.size() == 1 ? " check" : " checks")
                    .append(" passed)\n");
            checks.forEach(line -> out.append("  ").append(line.render(marks)).append('\n'));
            out.append(stepDone ? (finished ? marks.complete() + " The lab is complete." : "All passed: 'lab next' goes on.")
                    : stuck.isEmpty() ? "Not yet; 'lab hint' helps." : stuckText(stuck));
            return out.toString();
        }
    }

    /** What {@code lab check} and {@code lab next} say of a step that cannot pass as things are. */
    static String stuckText(List<String> stuck) {
        return "Stuck: " + String.join("; ", stuck) + ". 'lab retry' begins the step again.";
    }

    private static String verdict(Marks marks, String id, StepView step, boolean stepDone, boolean finished) {
        if (finished) {
            return marks.complete() + " Lab " + id + " is complete; 'lab list' shows the others.";
        }
        if (stepDone) {
            return marks.pass() + " Step " + step.number() + " is done: 'lab next' goes on.";
        }
        return "Step " + step.number() + " is not done yet ('lab check' evaluates it now).";
    }

    /** {@code lab hint}. */
    public record Hint(int step, int number, int hints, String hint) implements CommandResult {
        @Override
        public String text() {
            return "Hint " + number + " of " + hints + ": " + hint.strip();
        }
    }

    /** {@code lab next}: the step finished, and the one that begins. */
    public record Advanced(int finished, StepView step) implements CommandResult {
        @Override
        public String text() {
            return step.text();
        }
    }

    /** {@code lab retry}: the step begins again. */
    /**
     * {@code lab retry}.
     *
     * @param undone what the step had changed and was put back as it was when the step began
     *               (faults, static ARP entries, sockets made in the step, a capture)
     */
    /**
     * @param undone   what was put back
     * @param lost     what could not be put back in place (a connection aborted or closed, a
     *                 capture stopped), so that the lab began again; empty if it could
     * @param replayed the earlier steps' solution commands the lab ran to come back to the step
     */
    public record Retried(StepView step, List<String> undone, List<String> lost, List<String> replayed)
            implements CommandResult {
        public Retried {
            undone = List.copyOf(undone);
            lost = List.copyOf(lost);
            replayed = List.copyOf(replayed);
        }

        @Override
        public String text() {
            String back = lost.isEmpty()
                    ? (undone.isEmpty() ? "" : " Put back as the step found it: " + String.join("; ", undone) + ".")
                    : " What the step began with could not be put back (" + String.join("; ", lost) + "), so the lab "
                            + "began again" + (replayed.isEmpty() ? "." : " and replayed the solutions of steps 1 to "
                            + (step.number() - 1) + ":\n  " + String.join("\n  ", replayed));
            return "Step " + step.number() + " begins again: its checks are cleared and its clock restarted." + back
                    + "\n\n" + step.text();
        }
    }

    /** {@code lab validate FILE}: the file reads as a lab. */
    public record Validated(String file, String id, int steps, int checks) implements CommandResult {
        @Override
        public String text() {
            return file + ": lab " + id + ", " + steps + (steps == 1 ? " step" : " steps") + ", " + checks
                    + (checks == 1 ? " check" : " checks") + "; valid. 'lab run " + file + " --solution' tries its solution.";
        }
    }

    /**
     * {@code lab run FILE --solution}: each step its solution reached, done or not, and why not.
     */
    public record SolutionRun(String id, int steps, List<StepOutcome> outcomes) implements CommandResult {
        public SolutionRun {
            outcomes = List.copyOf(outcomes);
        }

        /** @param problems commands that did not do as the file says, checks that did not pass */
        public record StepOutcome(int number, String title, boolean done, List<String> problems) {
            public StepOutcome {
                problems = List.copyOf(problems);
            }
        }

        /** Whether the solution completed every step. */
        public boolean passed() {
            return outcomes.size() == steps && outcomes.stream().allMatch(o -> o.done() && o.problems().isEmpty());
        }

        @Override
        public String text() {
            StringBuilder out = new StringBuilder();
            for (StepOutcome step : outcomes) {
                out.append(step.done() ? "ok   " : "FAIL ").append("step ").append(step.number()).append(": ")
                        .append(step.title()).append('\n');
                step.problems().forEach(p -> out.append("       ").append(p).append('\n'));
            }
            out.append("Lab ").append(id).append(": ").append(passed() ? "the solution completes every step"
                    : "the solution does not complete the lab").append('.');
            return out.toString();
        }
    }

    /**
     * {@code lab report}: how a lab went, for grading; the running lab's, or the last one's.
     *
     * @param finished      whether every step was done
     * @param elapsedMicros stack time from the start to now (or to the stop)
     */
    public record Report(String id, String title, boolean finished, long elapsedMicros, List<StepRecord> steps)
            implements CommandResult {
        public Report {
            steps = List.copyOf(steps);
        }

        /**
         * One step.
         *
         * @param reached    whether the student got to it
         * @param done       whether all its checks passed
         * @param micros     stack time spent on it (so far, if not done)
         * @param hintsUsed  hints shown, of {@code hints}
         * @param learned    what it taught, once done; empty before
         */
        public record StepRecord(int number, String title, boolean reached, boolean done, long micros, int hintsUsed,
                                 int hints, String learned) {
        }

        @Override
        public String text() {
            StringBuilder out = new StringBuilder("Lab ").append(id).append(": ").append(title).append(" - ")
                    .append(finished ? "complete" : steps.stream().filter(StepRecord::done).count() + " of "
                            + steps.size() + " steps done").append(", ")
                    .append(dev.jnetlab.labs.check.Seconds.rounded(elapsedMicros)).append('\n');
            for (StepRecord step : steps) {
                out.append(String.format("  %d. %-50s %s", step.number(), step.title(), !step.reached() ? "not reached"
                        : (step.done() ? "done" : "not done") + " in " + dev.jnetlab.labs.check.Seconds.rounded(step.micros())
                        + ", hints " + step.hintsUsed() + " of " + step.hints()).stripTrailing()).append('\n');
                if (!step.learned().isEmpty()) {
                    out.append("     Learned: ").append(step.learned().replace("\n", " ")).append('\n');
                }
            }
            return out.toString().stripTrailing();
        }
    }

    /**
     * {@code lab report --json}: the report as one JSON object, its fields those of
     * {@link Report} (what {@code jnetlab --json -c 'lab report'} gives as its result), for grading.
     */
    public record ReportJson(@com.fasterxml.jackson.annotation.JsonValue Report report) implements CommandResult {
        @Override
        public String text() {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(report);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a report that cannot be written as JSON: " + report, e);
            }
        }
    }

    /**
     * {@code lab stop}.
     *
     * @param undone   the console commands run to take the lab's setup back
     * @param problems what could not be taken back (one line each)
     */
    public record Stopped(String id, int step, int steps, boolean finished, List<String> undone, List<String> problems)
            implements CommandResult {
        public Stopped {
            undone = List.copyOf(undone);
            problems = List.copyOf(problems);
        }

        @Override
        public String text() {
            StringBuilder out = new StringBuilder("Stopped lab ").append(id);
            out.append(finished ? " (complete)." : " at step " + step + " of " + steps + ".");
            if (!undone.isEmpty()) {
                out.append(" Undone: ").append(String.join("; ", undone)).append('.');
            }
            problems.forEach(problem -> out.append('\n').append(problem));
            return out.toString();
        }
    }

    /**
     * {@code lab ladder}: the ladder diagram of the connection the step records.
     *
     * @param port    the port whose first connection it is
     * @param diagram the diagram, or empty before the connection's first segment
     */
    public record LadderView(int step, int port, String diagram) implements CommandResult {
        @Override
        public String text() {
            return diagram.isEmpty() ? "No connection to or from port " + port + " yet in step " + step + "." : diagram.stripTrailing();
        }
    }
}
