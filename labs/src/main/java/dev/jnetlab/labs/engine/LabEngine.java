package dev.jnetlab.labs.engine;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.text.CommandLineSplitter;
import dev.jnetlab.commands.text.SyntaxException;
import dev.jnetlab.host.Output;
import dev.jnetlab.host.driver.Pollable;
import dev.jnetlab.host.driver.StackDriver;
import dev.jnetlab.host.ladder.LadderRecorder;
import dev.jnetlab.host.ladder.LadderRenderer;
import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.LabCatalog;
import dev.jnetlab.labs.LabFileException;
import dev.jnetlab.labs.LabStep;
import dev.jnetlab.labs.NetworkKind;
import dev.jnetlab.labs.TcpOptions;
import dev.jnetlab.labs.check.Check;
import dev.jnetlab.labs.check.LabFrameObserver;
import dev.jnetlab.labs.check.LabWorld;
import dev.jnetlab.labs.check.Probe;
import dev.jnetlab.labs.check.Verdict;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.time.Micros;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs one lab at a time: starts it (its setup through the console's own commands), evaluates
 * its current step's checks after every command, on a timer and as frames go by, says when a
 * step is done and what it taught, and moves on when asked.
 *
 * <h2>How the console hooks it</h2>
 * <ul>
 * <li>Make one engine per session, over the console's {@link LabWorld}, its
 *     {@link CommandRegistry} (setup runs {@code fault ...}, {@code serve ...} through it) and
 *     its {@link Output} (step completions are printed there), and register
 *     {@code () -> new LabCommand(engine)}.
 * <li>After every command line, call {@link #afterCommand(StackDriver)}.
 * <li>Poll {@link #ticker()} with the stack, in the event loop (and in the {@code Pollable}
 *     given to a {@code VirtualDriver}): while a lab runs it evaluates every
 *     {@link #TICK} of stack time and at each {@code within} deadline.
 * <li>Frames: the engine registers itself with {@link LabWorld#observeFrames} when a lab
 *     starts; the console only has to call whatever observer is registered for every frame.
 * <li>{@code jnetlab --lab ID}: call {@link #start(String, Session)} once the session is up and
 *     print its result, as if {@code lab start ID} had been typed.
 * </ul>
 *
 * <h2>Threads</h2>
 * Every evaluation, and every call to the {@link LabWorld}, happens on the stack's thread:
 * inside {@code driver.call}, in the ticker, or in the frame observer. The engine's state is
 * guarded by its monitor, never held while waiting for the stack. The methods that take a
 * driver or a session are called on the shell's thread; {@link #progress()} from any.
 */
public final class LabEngine {
    /** How often checks are evaluated while a lab runs, on the stack's clock. */
    public static final long TICK = Micros.ofMillis(250);

    private final LabCatalog catalog;
    private final LabWorld world;
    private final CommandRegistry registry;
    private final Output output;
    private final LabFrameObserver observer = this::onFrame;
    private final Pollable ticker = new Ticker();
    private volatile Marks marks = Marks.UNICODE;
    private volatile LabProgress progress;
    /** The running lab; guarded by this. */
    private Run run;

    public LabEngine(LabCatalog catalog, LabWorld world, CommandRegistry registry, Output output) {
        this.catalog = catalog;
        this.world = world;
        this.registry = registry;
        this.output = output;
    }

    /** How step completions printed on the output mark checks (ASCII without a terminal or with NO_COLOR). */
    public void marks(Marks marks) {
        this.marks = marks;
    }

    /** The running lab's place, or empty; any thread. */
    public Optional<LabProgress> progress() {
        return Optional.ofNullable(progress);
    }

    public LabCatalog catalog() {
        return catalog;
    }

    // ---- hooks

    /** Evaluates the running lab's checks; call after every command line. */
    public void afterCommand(StackDriver driver) throws InterruptedException {
        List<String> said = driver.call(this::evaluate);
        say(said);
    }

    /**
     * What the event loop polls, beside the stack: evaluates the checks every {@link #TICK}
     * and at the step's deadlines while a lab runs; never due otherwise.
     */
    public Pollable ticker() {
        return ticker;
    }

    private final class Ticker implements Pollable {
        @Override
        public void poll(long now) {
            List<String> said;
            synchronized (LabEngine.this) {
                if (run == null || now < run.nextEvaluation) {
                    return;
                }
            }
            said = evaluate(now);
            say(said);
        }

        @Override
        public long pollAt(long now) {
            synchronized (LabEngine.this) {
                return run == null || run.stepDone ? Micros.NEVER : run.nextEvaluation;
            }
        }
    }

    private void onFrame(long now, Direction direction, byte[] frame, int offset, int length) {
        synchronized (this) {
            if (run == null || run.stepDone) {
                return;
            }
            for (Probe probe : run.probes) {
                probe.frame(now, direction, frame, offset, length);
            }
            if (run.recorder != null) {
                run.recorder.frame(now, direction, frame, offset, length);
            }
        }
    }

    // ---- commands

    public LabResults.Listing list() {
        LabProgress running = progress;
        List<LabResults.Listing.Entry> entries = new ArrayList<>();
        for (Lab lab : catalog.labs()) {
            entries.add(new LabResults.Listing.Entry(lab.id(), lab.title(), lab.steps().size(),
                    lab.setup().networks().stream().sorted().map(NetworkKind::word).toList(),
                    running != null && running.id().equals(lab.id())));
        }
        return new LabResults.Listing(entries);
    }

    /**
     * Starts the lab {@code idOrPath} (a built-in id, or a lab file's path), stopping the one
     * running first: checks it runs on this network, applies its TCP settings, runs its setup
     * commands through the registry, and begins step 1.
     */
    public LabResults.Started start(String idOrPath, Session session) throws CommandException, InterruptedException {
        Lab lab;
        try {
            lab = catalog.find(idOrPath);
        } catch (LabFileException | IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        StackDriver driver = session.driver();
        NetworkKind network = driver.call(now -> world.network());
        if (!lab.setup().networks().contains(network)) {
            throw new CommandException("lab " + lab.id() + " runs on " + lab.setup().networks().stream().sorted()
                    .map(NetworkKind::word).collect(Collectors.joining(" or ")) + ", and this console is on "
                    + network.word() + (lab.setup().networks().contains(NetworkKind.VIRTUAL)
                    ? "; start jnetlab without a DEVICE for the virtual network" : ""));
        }
        if (current() != null) {
            stop(session);
        }
        TcpOptions tcp = lab.setup().tcp();
        driver.call(now -> {
            world.tcpOptions(tcp);
            return null;
        });
        List<String> done = new ArrayList<>();
        for (String command : lab.setup().commands()) {
            Optional<String> problem = run(command, session);
            if (problem.isPresent()) {
                undo(lab, session);
                driver.call(now -> {
                    world.tcpOptions(TcpOptions.DEFAULT);
                    return null;
                });
                throw new CommandException("lab " + lab.id() + " could not set itself up: '" + command + "' failed: "
                        + problem.get());
            }
            done.add(command);
        }
        StepView first = driver.call(now -> {
            synchronized (this) {
                run = new Run(lab, network);
                beginStep(1, now);
                world.observeFrames(observer);
                return view(run);
            }
        });
        List<String> setup = new ArrayList<>(done);
        if (!tcp.isDefault()) {
            setup.add(describe(tcp));
        }
        return new LabResults.Started(lab.id(), lab.title(), lab.summary(), lab.steps().size(), setup,
                network == NetworkKind.VIRTUAL ? "" : lab.tapIntro(), first);
    }

    /** Stops the running lab and takes its setup back. */
    public LabResults.Stopped stop(Session session) throws CommandException, InterruptedException {
        Run stopped = session.driver().call(now -> {
            synchronized (this) {
                Run was = run;
                run = null;
                progress = null;
                world.observeFrames(LabFrameObserver.NONE);
                world.tcpOptions(TcpOptions.DEFAULT);
                return was;
            }
        });
        if (stopped == null) {
            throw noLab();
        }
        List<String> undone = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String command : stopped.lab.setup().undoCommands()) {
            Optional<String> problem = run(command, session);
            if (problem.isPresent()) {
                problems.add("'" + command + "' failed: " + problem.get());
            } else {
                undone.add(command);
            }
        }
        return new LabResults.Stopped(stopped.lab.id(), stopped.step, stopped.lab.steps().size(), stopped.finished,
                undone, problems);
    }

    public LabResults.Status status(StackDriver driver) throws CommandException, InterruptedException {
        return evaluated(driver, (r, now) -> new LabResults.Status(r.lab.id(), r.lab.title(), view(r), lines(r),
                r.stepDone, r.finished, r.hintsShown, r.currentStep().hints().size()));
    }

    public LabResults.Checked check(StackDriver driver) throws CommandException, InterruptedException {
        return evaluated(driver, (r, now) -> new LabResults.Checked(r.lab.id(), r.step, r.lab.steps().size(),
                r.currentStep().title(), lines(r), r.stepDone, r.finished));
    }

    /** The next hint of the current step, in order. */
    public LabResults.Hint hint(StackDriver driver) throws CommandException, InterruptedException {
        return evaluated(driver, (r, now) -> {
            List<String> hints = r.currentStep().hints();
            if (hints.isEmpty()) {
                throw new CommandException("step " + r.step + " has no hints; 'lab check' shows what is still missing");
            }
            if (r.hintsShown == hints.size()) {
                throw new CommandException("no more hints for step " + r.step + " (all " + hints.size()
                        + " shown); 'lab check' shows what is still missing");
            }
            r.hintsShown++;
            return new LabResults.Hint(r.step, r.hintsShown, hints.size(), hints.get(r.hintsShown - 1));
        });
    }

    /** Moves to the next step when the current one is done; says what is missing otherwise. */
    public LabResults.Advanced next(StackDriver driver) throws CommandException, InterruptedException {
        return evaluated(driver, (r, now) -> {
            if (r.finished) {
                throw new CommandException("lab " + r.lab.id() + " is complete; 'lab list' shows the others, "
                        + "'lab stop' leaves it");
            }
            if (!r.stepDone) {
                List<CheckLine> missing = lines(r).stream().filter(line -> !line.passed()).toList();
                throw new CommandException("step " + r.step + " is not done yet; still missing: " + missing.stream()
                        .map(line -> line.check() + (line.observed().isEmpty() ? "" : " [" + line.observed() + "]"))
                        .collect(Collectors.joining("; ")) + ". 'lab hint' helps");
            }
            int finished = r.step;
            r.hintsShown = 0;
            beginStep(r.step + 1, now);
            return new LabResults.Advanced(finished, view(r));
        });
    }

    /** Begins the current step again: its checks cleared, its clock restarted. */
    public LabResults.Retried retry(StackDriver driver) throws CommandException, InterruptedException {
        return evaluated(driver, (r, now) -> {
            if (r.finished) {
                throw new CommandException("lab " + r.lab.id() + " is complete; 'lab start " + r.lab.id()
                        + "' begins it again");
            }
            beginStep(r.step, now);
            return new LabResults.Retried(view(r));
        });
    }

    /** The ladder diagram of the connection the current step records. */
    public LabResults.LadderView ladder(StackDriver driver, LadderRenderer.Numbering numbering)
            throws CommandException, InterruptedException {
        return evaluated(driver, (r, now) -> {
            if (r.recorder == null) {
                throw new CommandException("step " + r.step + " records no connection; 'tcp ladder H' draws any one");
            }
            String diagram = r.recorder.ladder().map(l -> LadderRenderer.render(l, numbering)).orElse("");
            return new LabResults.LadderView(r.step, r.currentStep().ladderPort().getAsInt(), diagram);
        });
    }

    // ---- the running lab

    /** One lab in progress; touched only under the engine's monitor, on the stack's thread. */
    private static final class Run {
        final Lab lab;
        final NetworkKind network;
        int step;
        List<Probe> probes = List.of();
        boolean[] passed = new boolean[0];
        String[] observed = new String[0];
        int hintsShown;
        boolean stepDone;
        boolean finished;
        boolean[] expired = new boolean[0];
        long nextEvaluation;
        LadderRecorder recorder;
        /** The TCP settings in force. */
        TcpOptions tcp;

        Run(Lab lab, NetworkKind network) {
            this.lab = lab;
            this.network = network;
            this.tcp = lab.setup().tcp();
        }

        LabStep currentStep() {
            return lab.step(step);
        }
    }

    private synchronized Run current() {
        return run;
    }

    /** Must hold the monitor. */
    private void beginStep(int number, long now) {
        Run r = run;
        r.step = number;
        LabStep step = r.currentStep();
        r.probes = step.checks().stream().map(check -> Probe.of(check, now)).toList();
        r.passed = new boolean[r.probes.size()];
        r.expired = new boolean[r.probes.size()];
        r.observed = new String[r.probes.size()];
        java.util.Arrays.fill(r.observed, "");
        r.stepDone = false;
        r.nextEvaluation = now;
        r.recorder = step.ladderPort().isPresent() ? LadderRecorder.firstConnection(step.ladderPort().getAsInt()) : null;
        TcpOptions tcp = r.lab.setup().tcp().overriddenBy(step.tcp());
        if (!tcp.equals(r.tcp)) {
            world.tcpOptions(tcp);
            r.tcp = tcp;
        }
        publish(r);
    }

    private void publish(Run r) {
        progress = new LabProgress(r.lab.id(), r.step, r.lab.steps().size(), r.stepDone, r.finished);
    }

    /** Evaluates the current step now; returns what to print. Runs on the stack's thread. */
    private List<String> evaluate(long now) {
        synchronized (this) {
            Run r = run;
            if (r == null || r.stepDone) {
                return List.of();
            }
            List<String> said = new ArrayList<>(2);
            boolean all = true;
            long deadline = Micros.NEVER;
            for (int i = 0; i < r.probes.size(); i++) {
                Probe probe = r.probes.get(i);
                if (!r.passed[i]) {
                    Verdict verdict = probe.evaluate(world, now);
                    r.observed[i] = verdict.observed();
                    r.passed[i] = verdict.holds();
                    if (!verdict.holds() && !r.expired[i] && probe.expired(now)) {
                        r.expired[i] = true;
                        said.add(marks.fail() + " Step " + r.step + ": '" + r.currentStep().checks().get(i).describe()
                                + "' can no longer pass; 'lab retry' begins the step again.");
                    }
                    deadline = Math.min(deadline, probe.deadline());
                }
                all &= r.passed[i];
            }
            long tick = Micros.plus(now, TICK);
            r.nextEvaluation = deadline > now && deadline < tick ? deadline : tick;
            if (all) {
                r.stepDone = true;
                r.finished = r.step == r.lab.steps().size();
                said.add(completion(r));
            }
            publish(r);
            return said;
        }
    }

    private String completion(Run r) {
        Marks m = marks;
        LabStep step = r.currentStep();
        StringBuilder out = new StringBuilder();
        out.append(m.pass()).append(" Step ").append(r.step).append(" of ").append(r.lab.steps().size())
                .append(" done: ").append(step.title()).append('\n');
        out.append("Learned: ").append(step.learned().strip()).append('\n');
        if (r.recorder != null) {
            r.recorder.ladder().ifPresent(l -> out.append('\n').append(LadderRenderer.render(l,
                    LadderRenderer.Numbering.RELATIVE)).append('\n'));
        }
        if (r.finished) {
            out.append(m.complete()).append(" Lab ").append(r.lab.id()).append(" is complete: ").append(r.lab.title())
                    .append(". 'lab list' shows the others.");
        } else {
            out.append("'lab next' goes on to step ").append(r.step + 1).append(": ")
                    .append(r.lab.step(r.step + 1).title()).append('.');
        }
        return out.toString();
    }

    private List<CheckLine> lines(Run r) {
        List<CheckLine> lines = new ArrayList<>();
        List<Check> checks = r.currentStep().checks();
        for (int i = 0; i < checks.size(); i++) {
            lines.add(new CheckLine(checks.get(i).describe(), r.passed[i], r.observed[i]));
        }
        return lines;
    }

    private StepView view(Run r) {
        LabStep step = r.currentStep();
        boolean onHost = r.network != NetworkKind.VIRTUAL;
        return new StepView(r.step, r.lab.steps().size(), step.title(), step.instructions(), step.suggested(),
                onHost ? step.host() : List.of(), onHost ? step.hostNote() : "");
    }

    @FunctionalInterface
    private interface Query<T> {
        T apply(Run run, long now) throws CommandException;
    }

    /** Evaluates the checks, then answers {@code query} about the running lab, on the stack's thread. */
    private <T> T evaluated(StackDriver driver, Query<T> query) throws CommandException, InterruptedException {
        List<String> said = new ArrayList<>();
        Object answer = driver.call(now -> {
            said.addAll(evaluate(now));
            synchronized (this) {
                if (run == null) {
                    return noLab();
                }
                try {
                    T result = query.apply(run, now);
                    publish(run);
                    return result;
                } catch (CommandException e) {
                    return e;
                }
            }
        });
        say(said);
        if (answer instanceof CommandException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T result = (T) answer;
        return result;
    }

    private static CommandException noLab() {
        return new CommandException("no lab is running; 'lab list' shows them, 'lab start ID' starts one");
    }

    private void say(List<String> lines) {
        for (String line : lines) {
            output.println(line);
        }
    }

    /** Runs one console command; the problem if it failed. */
    private Optional<String> run(String command, Session session) throws InterruptedException {
        List<List<String>> commands;
        try {
            commands = CommandLineSplitter.commands(command);
        } catch (SyntaxException e) {
            return Optional.of(e.getMessage());
        }
        for (List<String> words : commands) {
            Outcome outcome = registry.run(words, session);
            if (outcome instanceof Outcome.Failure failure) {
                return Optional.of(failure.message());
            }
            if (outcome instanceof Outcome.Cancelled) {
                return Optional.of("cancelled");
            }
        }
        return Optional.empty();
    }

    /**
     * Takes a half-done setup back, best effort: every undo command runs, and those about what
     * was never set up fail quietly (the failure that stopped the setup is what gets reported).
     */
    private void undo(Lab lab, Session session) throws InterruptedException {
        for (String command : lab.setup().undoCommands()) {
            run(command, session);
        }
    }

    private static String describe(TcpOptions tcp) {
        return "set " + tcp;
    }
}
