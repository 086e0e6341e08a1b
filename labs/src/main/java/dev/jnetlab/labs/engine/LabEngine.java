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
import dev.jnetlab.labs.LabFileException;
import dev.jnetlab.labs.LabStep;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.check.TcpOptions;
import dev.jnetlab.labs.check.Check;
import dev.jnetlab.labs.check.LabFrameObserver;
import dev.jnetlab.labs.check.LabWorld;
import dev.jnetlab.labs.check.Probe;
import dev.jnetlab.labs.check.SocketNames;
import dev.jnetlab.labs.check.Verdict;
import dev.jnetlab.labs.format.LabCatalog;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

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
    /** What a lab's texts write for the directory of its files ({@link #filesIn}). */
    public static final String FILES = "{dir}";
    /** The directory of the labs' files; null until a text names it or {@link #filesIn} gives it. */
    private volatile Path files;
    /** Where the running lab's place is saved ({@link #saveProgressIn}); null: nowhere. */
    private Path progressFile;
    /** What this engine last wrote there (null: nothing): the one record its stop may remove. Shell thread. */
    private String progressSaved;
    private final LabFrameObserver observer = this::onFrame;
    private final Pollable ticker = new Ticker();
    private volatile Marks marks = Marks.UNICODE;
    private volatile LabProgress progress;
    /** The running lab; guarded by this. */
    private Run run;
    /** The student's commands since the last evaluation, for the checks of key actions; guarded by this. */
    private final List<Ran> ran = new ArrayList<>();
    /** Set while the engine runs commands of its own (setup, undo): those are not the student's. Shell thread. */
    private volatile boolean ownCommands;
    /** The last finished or stopped lab's record, for {@code lab report}; guarded by this. */
    private LabResults.Report lastReport;

    /**
     * @param named  how many of the words name the command ({@code arp flush}: 2, {@code arp}: 1)
     * @param handle the socket the command was given as its handle ({@code tcp#1} for
     *               {@code tcp show 1}), or null: the command takes none, or none was given
     */
    private record Ran(List<String> words, int named, boolean succeeded, String handle) {
    }

    /**
     * Saves the running lab's place (its id or file, its step) in {@code file} from now on, at
     * {@code lab start} and {@code lab next}, and deletes it when the lab is complete or
     * stopped, so that {@code lab resume} continues after a restart (a console ended with the
     * lab unfinished) and never brings back a lab the student stopped. Consoles share the file:
     * a stop removes it only if it still holds what this console wrote. The interactive console
     * gives {@code ~/.jnetlab_lab}; without a file nothing is saved.
     */
    public void saveProgressIn(Path file) {
        this.progressFile = file;
    }

    public LabEngine(LabCatalog catalog, LabWorld world, CommandRegistry registry, Output output) {
        this.catalog = catalog;
        this.world = world;
        this.registry = registry;
        this.output = output;
        registry.onRun(this::onCommand);
    }

    private void onCommand(List<String> words, Outcome outcome) {
        if (ownCommands || words.isEmpty() || words.get(0).equals("lab")) {
            return;
        }
        synchronized (this) {
            if (run != null && !run.stepDone) {
                int named = named(words);
                ran.add(new Ran(words, named, outcome instanceof Outcome.Success, handle(words, named)));
            }
        }
    }

    /** How many of {@code words} are the command's name and its sub-commands' ({@code trace on}: 2). */
    private int named(List<String> words) {
        CommandSpec spec;
        try {
            spec = registry.spec(words.get(0));
        } catch (IllegalArgumentException e) {
            return 1;
        }
        int named = 1;
        while (named < words.size() && spec.subcommands().containsKey(words.get(named))) {
            spec = spec.subcommands().get(words.get(named)).getCommandSpec();
            named++;
        }
        return named;
    }

    /**
     * The handle {@code words} give their command ({@code tcp show 1}: {@code tcp#1}; a bare number
     * is a handle of the command's kind), if its first parameter is one ({@code H} in its
     * synopsis); null otherwise.
     */
    private String handle(List<String> words, int named) {
        if (named >= words.size()) {
            return null;
        }
        CommandSpec spec;
        try {
            spec = registry.spec(words.get(0));
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (int i = 1; i < named; i++) {
            spec = spec.subcommands().get(words.get(i)).getCommandSpec();
        }
        if (spec.positionalParameters().isEmpty() || !spec.positionalParameters().get(0).paramLabel().equals("H")) {
            return null;
        }
        String given = words.get(named);
        return given.contains("#") ? given : words.get(0) + "#" + given;
    }

    /**
     * Where the files a lab makes go ({@code capture start {dir}/jnetlab-lab.pcap}): each
     * console its own, so that two consoles, or two test runs, never write the same file.
     */
    public void filesIn(Path directory) {
        this.files = directory;
    }

    /**
     * {@code text} with its socket names filled in and {@value #FILES} replaced by the labs'
     * directory, made (a new temporary directory, left for the student to read with tshark)
     * the first time a text names it. Stack thread, monitor held.
     */
    private String fill(String text, LabWorld sockets) {
        if (text.contains(FILES)) {
            if (files == null) {
                try {
                    files = java.nio.file.Files.createTempDirectory("jnetlab-lab-");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot make a directory for the lab's files", e);
                }
            }
            text = text.replace(FILES, files.toString());
        }
        return SocketNames.fill(text, sockets);
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

    /**
     * Evaluates the running lab's checks, with the commands just run; names the handles of the
     * lab's sockets as the student's commands make them; takes back a finished lab's setup.
     * Call after every command line.
     */
    public void afterCommand(StackDriver driver) throws InterruptedException {
        List<String> said = driver.call(now -> {
            List<String> lines = new ArrayList<>(announce());
            lines.addAll(evaluate(now));
            return lines;
        });
        say(said);
        Run finished;
        synchronized (this) {
            finished = run != null && run.finished && !run.setupUndone ? run : null;
            if (finished != null) {
                finished.setupUndone = true;
            }
        }
        if (finished != null) {
            undoSetup(finished.lab, finished.session, null, new ArrayList<>());
            saveProgress();
        }
    }

    /**
     * Lines that name a socket of the lab the first time a command made it (or when a newer
     * one took its name), with the step's suggestions that use it. Stack thread.
     */
    private List<String> announce() {
        synchronized (this) {
            Run r = run;
            if (r == null || r.finished) {
                return List.of();
            }
            LabWorld sockets = r.scope;
            LabStep step = r.currentStep();
            String texts = step.instructions() + "\n" + String.join("\n", step.suggested());
            List<String> said = new ArrayList<>();
            for (Map.Entry<String, Optional<String>> name : SocketNames.names(texts, sockets).entrySet()) {
                if (name.getValue().isEmpty() || name.getValue().get().equals(r.announced.get(name.getKey()))) {
                    continue;
                }
                r.announced.put(name.getKey(), name.getValue().get());
                StringBuilder line = new StringBuilder("Lab: ").append(name.getValue().get()).append(" is ")
                        .append(SocketNames.describe(name.getKey())).append('.');
                List<String> using = step.suggested().stream().filter(c -> c.contains(name.getKey()))
                        .map(c -> fill(c, sockets)).toList();
                if (!using.isEmpty()) {
                    line.append(" The step's commands with it:");
                    using.forEach(c -> line.append("\n  ").append(c));
                }
                said.add(line.toString());
            }
            return said;
        }
    }

    /**
     * {@code text} with the lab's socket names ({@code {tcp:7}}) replaced by the handles of the
     * running lab's sockets (see {@link SocketNames}) and {@value #FILES} by the labs' directory
     * ({@link #filesIn}); as it is when no lab runs.
     */
    public String resolve(StackDriver driver, String text) throws InterruptedException {
        return driver.call(now -> {
            synchronized (this) {
                return run == null ? text : fill(text, run.scope);
            }
        });
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

    /**
     * Watches the frames of the host the lab reads and of the topology's other hosts (each
     * handed to the checks as that host's, {@link Probe#nodeFrame}), or stops. Stack thread.
     */
    private void observeFrames(boolean on) {
        world.observeFrames(on ? observer : LabFrameObserver.NONE);
        for (String node : world.otherNodes()) {
            world.node(node).ifPresent(there -> there.observeFrames(on
                    ? (now, direction, frame, offset, length) -> onNodeFrame(node, now, direction, frame, offset, length)
                    : LabFrameObserver.NONE));
        }
    }

    private void onNodeFrame(String node, long now, Direction direction, byte[] frame, int offset, int length) {
        synchronized (this) {
            if (run == null || run.stepDone) {
                return;
            }
            for (Probe probe : run.probes) {
                probe.nodeFrame(node, now, direction, frame, offset, length);
            }
        }
    }

    private void onFrame(long now, Direction direction, byte[] frame, int offset, int length) {
        synchronized (this) {
            if (run == null || run.stepDone) {
                return;
            }
            if (run.olderFrames.older(direction, frame, offset, length)) {
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
        return start(idOrPath, session, 1);
    }

    /**
     * {@code lab resume}: starts the lab saved in the progress file at the step saved; the
     * steps before it count as done in an earlier session (what they made is not here).
     */
    public LabResults.Resumed resume(Session session) throws CommandException, InterruptedException {
        if (progressFile == null) {
            throw new CommandException("lab resume: this console saves no progress (only the interactive one does, "
                    + "in ~/.jnetlab_lab)");
        }
        java.util.Properties saved = new java.util.Properties();
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(progressFile)) {
            saved.load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CommandException("lab resume: no lab to resume (" + progressFile + " is saved as a lab goes on "
                    + "and removed when it is complete)");
        } catch (IOException e) {
            throw new CommandException("lab resume: cannot read " + progressFile + ": " + e.getMessage());
        }
        String source = saved.getProperty("lab", "");
        int step;
        try {
            step = Integer.parseInt(saved.getProperty("step", ""));
        } catch (NumberFormatException e) {
            step = 0;
        }
        if (source.isEmpty() || step < 1) {
            throw new CommandException("lab resume: " + progressFile + " names no lab and step; 'lab start ID' begins one");
        }
        return new LabResults.Resumed(step, start(source, session, step));
    }

    private LabResults.Started start(String idOrPath, Session session, int firstStep)
            throws CommandException, InterruptedException {
        Lab lab;
        try {
            lab = catalog.find(idOrPath);
        } catch (LabFileException | IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        if (firstStep > lab.steps().size()) {
            throw new CommandException("lab " + lab.id() + " has " + lab.steps().size() + " steps, not " + firstStep);
        }
        StackDriver driver = session.driver();
        NetworkKind network = driver.call(now -> world.network());
        // A lab of one topology only: which topology, and how to start it, is all the user needs.
        Optional<String> ownTopology = lab.setup().topology();
        if (!lab.setup().networks().contains(network) && lab.setup().networks().equals(Set.of(NetworkKind.TOPOLOGY))
                && ownTopology.isPresent()) {
            throw new CommandException("lab " + lab.id() + " runs on the " + ownTopology.get()
                    + " topology; start it with 'jnetlab --topology " + ownTopology.get() + " --lab " + lab.id() + "'");
        }
        if (!lab.setup().networks().contains(network)) {
            throw new CommandException("lab " + lab.id() + " runs on " + lab.setup().networks().stream().sorted()
                    .map(NetworkKind::word).collect(Collectors.joining(" or ")) + ", and this console is on "
                    + network.word() + (lab.setup().networks().contains(NetworkKind.VIRTUAL)
                    ? "; start jnetlab without a DEVICE for the virtual network"
                    : lab.setup().topology().map(t -> "; start it with 'jnetlab --topology " + t + " --lab " + lab.id() + "'")
                            .orElse("")));
        }
        Optional<String> topology = driver.call(now -> world.topology());
        if (lab.setup().topology().isPresent() && !lab.setup().topology().equals(topology)) {
            String wanted = lab.setup().topology().get();
            throw new CommandException("lab " + lab.id() + " runs on the " + wanted + " topology, and this console is on "
                    + topology.orElse("another") + "; start it with 'jnetlab --topology " + wanted + " --lab " + lab.id() + "'");
        }
        if (current() != null) {
            stop(session);
        }
        TcpOptions tcp = lab.setup().tcp();
        // The lab begins from a state of its own: no faults, no static ARP entry; what was there comes back at the end.
        WorldState before = driver.call(now -> {
            WorldState was = WorldState.of(world, now);
            WorldState.clean(world, now);
            world.freshPeerDhcp();
            world.tcpOptions(tcp);
            return was;
        });
        List<String> done = new ArrayList<>();
        announceSetup(lab);
        for (String command : lab.setup().commands()) {
            Optional<String> problem = ownCommand(command, session);
            if (problem.isPresent()) {
                undo(lab, session);
                driver.call(now -> {
                    world.tcpOptions(TcpOptions.DEFAULT);
                    before.restore(world, now, true);
                    return null;
                });
                throw new CommandException("lab " + lab.id() + " could not set itself up: '" + command + "' failed: "
                        + problem.get());
            }
            done.add(command);
        }
        StepView first = driver.call(now -> {
            synchronized (this) {
                run = new Run(lab, idOrPath, network, session, before, new LabScope(world, before.handles(), before.nodeHandles()), now);
                ran.clear();
                beginStep(firstStep, now);
                observeFrames(true);
                return view(run);
            }
        });
        List<String> setup = new ArrayList<>(done);
        if (!tcp.isDefault()) {
            setup.add(describe(tcp));
        }
        saveProgress();
        return new LabResults.Started(lab.id(), lab.title(), lab.summary(), lab.steps().size(), setup,
                network == NetworkKind.VIRTUAL ? "" : lab.tapIntro(), first);
    }

    /**
     * Says what a setup that waits (a {@code sleep}: clock-handshake lets the routed topology's
     * IPv6 start-up pass) is doing before it runs, so that the console is not silent for seconds.
     */
    private void announceSetup(Lab lab) {
        List<String> commands = lab.setup().commands();
        double seconds = 0;
        for (String command : commands) {
            String[] words = command.strip().split("\\s+");
            if (words.length == 2 && words[0].equals("sleep")) {
                try {
                    seconds += Double.parseDouble(words[1]);
                } catch (NumberFormatException e) {
                    // Not a number: the sleep command itself will say so.
                }
            }
        }
        if (seconds > 0) {
            output.println("Setting up lab " + lab.id() + " (about " + Math.round(seconds) + " s of stack time): "
                    + String.join("; ", commands) + " ...");
        }
    }

    /**
     * Stops the running lab and takes back what it changed: its setup, and the state it began
     * from (faults, static ARP entries, sockets, a capture; see {@link WorldState}).
     */
    public LabResults.Stopped stop(Session session) throws CommandException, InterruptedException {
        List<String> undone = new ArrayList<>();
        Run stopped = session.driver().call(now -> {
            synchronized (this) {
                Run was = run;
                if (was != null) {
                    undone.addAll(restoreAll(was, now, true));
                    lastReport = report(was, now);
                }
                run = null;
                progress = null;
                ran.clear();
                return was;
            }
        });
        if (stopped == null) {
            throw noLab();
        }
        List<String> problems = new ArrayList<>();
        try {
            forgetProgress();
        } catch (IOException e) {
            problems.add("cannot remove " + progressFile + " (" + e.getMessage() + "): 'lab resume' may bring the lab back");
        }
        if (!stopped.setupUndone) {
            stopped.setupUndone = true;
            undoSetup(stopped.lab, session, problems, undone);
        }
        return new LabResults.Stopped(stopped.lab.id(), stopped.step, stopped.lab.steps().size(), stopped.finished,
                undone, problems);
    }

    /**
     * The world as it was before the lab, its frames no longer watched, the console's TCP
     * settings; the lab's sockets closed if {@code sockets} (at the end they stay, for the
     * student to look at, until {@code lab stop} or the next lab). Stack thread, monitor held.
     */
    private List<String> restoreAll(Run r, long now, boolean sockets) {
        return restoreAll(r, r.before, now, sockets);
    }

    /** As {@link #restoreAll(Run, long, boolean)}, putting back {@code state} rather than the world before the lab. */
    private List<String> restoreAll(Run r, WorldState state, long now, boolean sockets) {
        observeFrames(false);
        world.tcpOptions(TcpOptions.DEFAULT);
        List<String> changed = new ArrayList<>(state.restore(r.scope, now, sockets));
        for (Ipv4Cidr cidr : r.peerAddresses) {
            world.removePeerAddress(cidr);
            changed.add("the peer's " + cidr + " taken back");
        }
        r.peerAddresses.clear();
        return changed;
    }

    /** Runs the setup's undo commands ({@code serve stop}, {@code ip del}); shell thread. */
    private void undoSetup(Lab lab, Session session, List<String> problems, List<String> undone)
            throws InterruptedException {
        for (String command : lab.setup().undoCommands()) {
            Optional<String> problem = ownCommand(command, session);
            if (problem.isEmpty()) {
                undone.add(command);
            } else if (problems != null) {
                problems.add("'" + command + "' failed: " + problem.get());
            }
        }
    }

    /** {@code lab validate FILE}: reads a lab file strictly, as {@code lab start} would, and says what it holds. */
    public LabResults.Validated validate(String path) throws CommandException {
        try {
            Lab lab = catalog.find(path);
            return new LabResults.Validated(path, lab.id(), lab.steps().size(),
                    lab.steps().stream().mapToInt(s -> s.checks().size()).sum());
        } catch (LabFileException | IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /**
     * {@code lab run FILE --solution}: starts the lab and types its reference solution step by
     * step, as a student would (socket names filled in), saying which steps it completes; stops
     * the lab at the end, so the console is as before. For a lab's author, on the virtual network.
     */
    public LabResults.SolutionRun runSolution(String idOrPath, Session session)
            throws CommandException, InterruptedException {
        StackDriver driver = session.driver();
        start(idOrPath, session);
        Lab lab = current().lab;
        List<LabResults.SolutionRun.StepOutcome> steps = new ArrayList<>();
        try {
            for (int number = 1; number <= lab.steps().size(); number++) {
                LabStep step = lab.step(number);
                List<String> problems = new ArrayList<>();
                for (String command : step.solution()) {
                    Optional<String> problem = run(resolve(driver, command), session);
                    afterCommand(driver);
                    if (problem.isPresent() != step.fails().contains(command)) {
                        problems.add("'" + command + "' " + problem.map(p -> "failed: " + p).orElse("was meant to fail"));
                    }
                }
                boolean done = progress().map(LabProgress::stepDone).orElse(false);
                if (!done) {
                    problems.addAll(check(driver).checks().stream().filter(c -> !c.passed())
                            .map(c -> "not passed: " + c.check() + (c.observed().isEmpty() ? "" : " [" + c.observed() + "]"))
                            .toList());
                }
                steps.add(new LabResults.SolutionRun.StepOutcome(number, step.title(), done, problems));
                if (!done) {
                    break;
                }
                if (number < lab.steps().size()) {
                    next(driver);
                }
            }
        } finally {
            if (current() != null) {
                stop(session);
            }
        }
        return new LabResults.SolutionRun(lab.id(), lab.steps().size(), steps);
    }

    /** The report of the running lab, or of the last one stopped: steps, times, hints used, what was learned. */
    public LabResults.Report report(StackDriver driver) throws CommandException, InterruptedException {
        LabResults.Report report = driver.call(now -> {
            synchronized (this) {
                return run != null ? report(run, now) : lastReport;
            }
        });
        if (report == null) {
            throw new CommandException("no lab has run yet; 'lab start ID' starts one, 'lab report' then shows how it went");
        }
        return report;
    }

    private static LabResults.Report report(Run r, long now) {
        List<LabResults.Report.StepRecord> steps = new ArrayList<>();
        for (int number = 1; number <= r.lab.steps().size(); number++) {
            LabStep step = r.lab.step(number);
            long started = r.started[number - 1];
            long done = r.done[number - 1];
            steps.add(new LabResults.Report.StepRecord(number, step.title(), started >= 0, done >= 0,
                    started < 0 ? 0 : (done >= 0 ? done : now) - started, r.hintsUsed[number - 1],
                    step.hints().size(), done >= 0 ? step.learned().strip() : ""));
        }
        return new LabResults.Report(r.lab.id(), r.lab.title(), r.finished, now - r.labStarted, steps);
    }

    public LabResults.Status status(StackDriver driver) throws CommandException, InterruptedException {
        return evaluated(driver, (r, now) -> new LabResults.Status(r.lab.id(), r.lab.title(), view(r), lines(r),
                r.stepDone, r.finished, r.hintsShown, r.currentStep().hints().size()));
    }

    public LabResults.Checked check(StackDriver driver) throws CommandException, InterruptedException {
        return evaluated(driver, (r, now) -> new LabResults.Checked(r.lab.id(), r.step, r.lab.steps().size(),
                r.currentStep().title(), lines(r), r.stepDone, r.finished, r.stepDone ? List.of() : stuck(r)));
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
            r.hintsUsed[r.step - 1] = Math.max(r.hintsUsed[r.step - 1], r.hintsShown);
            return new LabResults.Hint(r.step, r.hintsShown, hints.size(),
                    fill(hints.get(r.hintsShown - 1), r.scope));
        });
    }

    /** Moves to the next step when the current one is done; says what is missing otherwise. */
    public LabResults.Advanced next(StackDriver driver) throws CommandException, InterruptedException {
        LabResults.Advanced advanced = evaluated(driver, (r, now) -> {
            if (r.finished) {
                throw new CommandException("lab " + r.lab.id() + " is complete; 'lab list' shows the others, "
                        + "'lab stop' leaves it");
            }
            if (!r.stepDone) {
                List<CheckLine> missing = lines(r).stream().filter(line -> !line.passed()).toList();
                List<String> stuck = stuck(r);
                throw new CommandException("step " + r.step + " is not done yet; still missing: " + missing.stream()
                        .map(line -> line.check() + (line.observed().isEmpty() ? "" : " [" + line.observed() + "]"))
                        .collect(Collectors.joining("; ")) + ". "
                        + (stuck.isEmpty() ? "'lab hint' helps" : LabResults.stuckText(stuck)));
            }
            int finished = r.step;
            r.hintsShown = 0;
            beginStep(r.step + 1, now);
            return new LabResults.Advanced(finished, view(r));
        });
        saveProgress();
        return advanced;
    }

    /**
     * Begins the current step again: its checks cleared, its clock restarted, the world put back
     * as the step found it. Where that cannot be done in place (the step's connection aborted
     * or closed, its capture stopped: see {@link WorldState#lost}), the lab goes back to its
     * start and replays the earlier steps' reference solutions as its own commands, so that the
     * step begins again from what they make.
     */
    public LabResults.Retried retry(StackDriver driver) throws CommandException, InterruptedException {
        Object inPlace = evaluated(driver, (r, now) -> {
            if (r.finished) {
                throw new CommandException("lab " + r.lab.id() + " is complete; 'lab start " + r.lab.id()
                        + "' begins it again");
            }
            List<String> lost = r.stepState.lost(world, r.before);
            if (!lost.isEmpty()) {
                return lost;
            }
            List<String> undone = r.stepState.restore(r.scope, now, true);
            beginStep(r.step, now);
            return new LabResults.Retried(view(r), undone, List.of(), List.of());
        });
        if (inPlace instanceof LabResults.Retried retried) {
            return retried;
        }
        @SuppressWarnings("unchecked")
        List<String> lost = (List<String>) inPlace;
        return replay(current(), lost);
    }

    /**
     * {@link #retry} when the step's state is {@code lost}: the lab's setup and the world it
     * began from, then steps 1 to the current one's predecessor replayed by their solutions
     * (nothing evaluated meanwhile), then the step begun again. Shell thread.
     */
    private LabResults.Retried replay(Run r, List<String> lost) throws CommandException, InterruptedException {
        StackDriver driver = r.session.driver();
        List<String> undone = driver.call(now -> {
            synchronized (this) {
                r.stepDone = true;
                List<String> changed = restoreAll(r, r.before.withoutFaultsAndStatics(), now, true);
                WorldState.clean(world, now);
                world.freshPeerDhcp();
                r.tcp = r.lab.setup().tcp();
                world.tcpOptions(r.tcp);
                return changed;
            }
        });
        undoSetup(r.lab, r.session, null, new ArrayList<>());
        for (String command : r.lab.setup().commands()) {
            Optional<String> problem = ownCommand(command, r.session);
            if (problem.isPresent()) {
                throw new CommandException("lab retry: the lab could not set itself up again: '" + command + "' failed: "
                        + problem.get() + "; 'lab start " + r.lab.id() + "' begins it anew");
            }
        }
        List<String> replayed = new ArrayList<>();
        for (int number = 1; number < r.step; number++) {
            LabStep earlier = r.lab.step(number);
            driver.call(now -> {
                synchronized (this) {
                    for (Ipv4Cidr cidr : earlier.peerAddresses()) {
                        if (world.addPeerAddress(cidr)) {
                            r.peerAddresses.add(cidr);
                        }
                    }
                    TcpOptions tcp = r.lab.setup().tcp().overriddenBy(earlier.tcp());
                    if (!tcp.equals(r.tcp)) {
                        world.tcpOptions(tcp);
                        r.tcp = tcp;
                    }
                    return null;
                }
            });
            for (String command : earlier.solution()) {
                String typed = resolve(driver, command);
                Optional<String> problem = ownCommand(typed, r.session);
                if (problem.isPresent() && !earlier.fails().contains(command)) {
                    throw new CommandException("lab retry: replaying step " + number + ", '" + typed + "' failed: "
                            + problem.get() + "; 'lab start " + r.lab.id() + "' begins the lab anew");
                }
                replayed.add(typed);
            }
        }
        StepView view = driver.call(now -> {
            synchronized (this) {
                beginStep(r.step, now);
                observeFrames(true);
                return view(r);
            }
        });
        return new LabResults.Retried(view, undone, lost, replayed);
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
        /** The session that started it: the setup's undo commands run in it. */
        final Session session;
        /** The world before the lab: what {@code lab stop} puts back (the end, all but its faults and static entries). */
        final WorldState before;
        /** The world as the lab's checks see it: without the sockets older than the lab. */
        final LabScope scope;
        final long labStarted;
        /** Per step: when it began and was done (stack time, -1: not yet), the hints shown. */
        final long[] started;
        final long[] done;
        final int[] hintsUsed;
        /** The world when the current step began: what {@code lab retry} puts back. */
        WorldState stepState;
        /** The handles named to the student so far, by socket name. */
        final Map<String, String> announced = new HashMap<>();
        /** Whether the setup's commands were undone (at the end or at stop). */
        boolean setupUndone;
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
        /** What {@code lab start} was given: the id, or the lab file's path (what {@code lab resume} starts). */
        final String source;
        /** The addresses the lab's steps gave the simulated peer, taken back at its end. */
        final List<Ipv4Cidr> peerAddresses = new ArrayList<>();
        /** The handles the step's texts named when it began ({@code {tcp:7}} to {@code tcp#2}). */
        Map<String, Optional<String>> stepNames = Map.of();
        /** The lab's sockets the student aborted in this step. */
        final Set<String> aborted = new java.util.HashSet<>();
        /** The frames of the sockets older than the lab, which no check sees. */
        final OlderFrames olderFrames = new OlderFrames();

        Run(Lab lab, String source, NetworkKind network, Session session, WorldState before, LabScope scope, long now) {
            this.lab = lab;
            this.source = source;
            this.network = network;
            this.session = session;
            this.before = before;
            this.scope = scope;
            this.tcp = lab.setup().tcp();
            this.labStarted = now;
            int n = lab.steps().size();
            this.started = new long[n];
            this.done = new long[n];
            this.hintsUsed = new int[n];
            java.util.Arrays.fill(started, -1);
            java.util.Arrays.fill(done, -1);
        }

        LabStep currentStep() {
            return lab.step(step);
        }
    }

    /**
     * Writes the running lab's place to the progress file (or deletes the file once the lab is
     * complete). Shell thread: a lab command's own small write, never the stack's loop. A file
     * that cannot be written costs the resume, not the lab: it is said once on the output.
     */
    private void saveProgress() {
        Path file = progressFile;
        Run r = current();
        if (file == null || r == null) {
            return;
        }
        String source;
        int step;
        boolean complete;
        synchronized (this) {
            source = r.source;
            step = r.step;
            complete = r.finished;
        }
        try {
            if (complete) {
                forgetProgress();
            } else {
                String record = "# jnetlab: where 'lab resume' goes on\nlab=" + source + "\nstep=" + step + "\n";
                java.nio.file.Files.writeString(file, record);
                progressSaved = record;
            }
        } catch (IOException e) {
            progressFile = null;
            output.println("lab: cannot save the lab's progress in " + file + " (" + e.getMessage()
                    + "); 'lab resume' will not know it");
        }
    }

    /**
     * Removes the progress file if it holds what this console saved there (another console may
     * have saved its own lab since). Shell thread.
     */
    private void forgetProgress() throws IOException {
        Path file = progressFile;
        String saved = progressSaved;
        progressSaved = null;
        if (file == null || saved == null) {
            return;
        }
        try {
            if (java.nio.file.Files.readString(file).equals(saved)) {
                java.nio.file.Files.delete(file);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // Already gone: nothing to resume, as wanted.
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
        r.stepState = WorldState.of(world, now);
        r.olderFrames.update(r.scope.olderSockets());
        r.stepNames = SocketNames.names(step.instructions() + "\n" + String.join("\n", step.suggested()), r.scope);
        r.aborted.clear();
        for (Ipv4Cidr cidr : step.peerAddresses()) {
            if (world.addPeerAddress(cidr)) {
                r.peerAddresses.add(cidr);
            }
        }
        r.started[number - 1] = now;
        r.done[number - 1] = -1;
        r.probes = step.checks().stream().map(check -> Probe.of(check, now, r.scope)).toList();
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
            r.olderFrames.update(r.scope.olderSockets());
            if (!ran.isEmpty()) {
                Map<String, String> names = handleNames(r.currentStep().checks(), r.scope);
                if (files != null) {
                    // A command check's words may name the lab's files ({dir}/flow.svg).
                    names.put(FILES, files.toString());
                }
                for (Ran command : ran) {
                    // A command on a socket from before the lab (or one a retry closed) is not the
                    // lab's work: 'tcp show 1' does not look at the lab's connection.
                    if (command.handle() != null && !r.scope.owns(command.handle())) {
                        continue;
                    }
                    if (command.succeeded() && command.handle() != null && command.words().get(0).equals("tcp")
                            && command.words().get(1).equals("abort")) {
                        r.aborted.add(command.handle());
                    }
                    for (int i = 0; i < r.probes.size(); i++) {
                        if (r.probes.get(i).keyAction(command.words(), command.named(), command.succeeded(), names)) {
                            restartAfter(r, i);
                        }
                    }
                    for (Probe probe : r.probes) {
                        probe.command(command.words(), command.named(), command.succeeded(), names);
                    }
                }
                ran.clear();
            }
            boolean all = true;
            long deadline = Micros.NEVER;
            for (int i = 0; i < r.probes.size(); i++) {
                Probe probe = r.probes.get(i);
                if (!r.passed[i]) {
                    Verdict verdict = probe.evaluate(r.scope, now);
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
                r.done[r.step - 1] = now;
                r.finished = r.step == r.lab.steps().size();
                said.add(completion(r));
                if (r.finished) {
                    // The lab's sockets may still be sending (the checks can pass mid-transfer): the end
                    // goes back to the state the lab began from, and only 'lab stop', which closes them,
                    // brings back the console's own faults and static ARP entries (a 'fault drop 100'
                    // from before would otherwise cut the lab's transfer off until it timed out).
                    List<String> undone = restoreAll(r, r.before.withoutFaultsAndStatics(), now, false);
                    if (!undone.isEmpty()) {
                        said.add("Lab " + r.lab.id() + " put back what it changed: " + String.join("; ", undone) + ".");
                    }
                    if (!r.scope.sockets().isEmpty()) {
                        said.add("The lab's sockets stay for you to look at ('tcp ladder H'); 'lab stop' closes them"
                                + (r.before.hasFaultsOrStatics() ? " and brings back the faults and static ARP entries of before the lab." : "."));
                    }
                }
            }
            publish(r);
            return said;
        }
    }

    /**
     * The step's key action (check {@code key}) ran: the checks listed after it begin again,
     * counting from now (a {@code within} still from the step's start), so that what was done
     * before it counts for nothing. Monitor held, stack thread.
     */
    private void restartAfter(Run r, int key) {
        List<Check> checks = r.currentStep().checks();
        List<Probe> probes = new ArrayList<>(r.probes);
        for (int i = key + 1; i < checks.size(); i++) {
            probes.set(i, Probe.of(checks.get(i), r.started[r.step - 1], r.scope));
            r.passed[i] = false;
            r.expired[i] = false;
            r.observed[i] = "";
        }
        r.probes = List.copyOf(probes);
    }

    /** The handles the socket names the checks use ({@code command}'s {@code uses}) stand for now. */
    private static Map<String, String> handleNames(List<Check> checks, LabWorld sockets) {
        Map<String, String> names = new HashMap<>();
        for (Check check : checks) {
            if (check instanceof Check.CommandRun command && command.uses().isPresent()) {
                SocketNames.names(command.uses().get(), sockets).forEach((name, handle) ->
                        handle.ifPresent(h -> names.put(name, h)));
            } else if (check instanceof Check.All all) {
                names.putAll(handleNames(all.checks(), sockets));
            } else if (check instanceof Check.Any any) {
                names.putAll(handleNames(any.checks(), sockets));
            } else if (check instanceof Check.Not not) {
                names.putAll(handleNames(List.of(not.check()), sockets));
            } else if (check instanceof Check.Within within) {
                names.putAll(handleNames(List.of(within.check()), sockets));
            } else if (check instanceof Check.Labeled labeled) {
                names.putAll(handleNames(List.of(labeled.check()), sockets));
            } else if (check instanceof Check.OnNode onNode) {
                names.putAll(handleNames(List.of(onNode.check()), sockets));
            }
        }
        return names;
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

    /**
     * Why the step cannot pass as things are: checks that can no longer hold ({@link Probe#expired}),
     * and the step's own connections (those its texts name, as they stood when it began) that
     * the student aborted. Monitor held.
     */
    private static List<String> stuck(Run r) {
        List<String> stuck = new ArrayList<>();
        for (int i = 0; i < r.expired.length; i++) {
            if (r.expired[i] && !r.passed[i]) {
                stuck.add("'" + r.currentStep().checks().get(i).describe() + "' can no longer pass");
            }
        }
        r.stepNames.forEach((name, handle) -> handle.filter(r.aborted::contains).ifPresent(h ->
                stuck.add(h + ", " + SocketNames.describe(name) + ", was aborted")));
        return stuck;
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
        LabWorld sockets = r.scope;
        List<String> suggested = step.suggested().stream().map(c -> fill(c, sockets)).toList();
        boolean unmade = step.suggested().stream().anyMatch(c -> !SocketNames.names(c, sockets).values().stream()
                .allMatch(Optional::isPresent));
        return new StepView(r.step, r.lab.steps().size(), step.title(), fill(step.instructions(), sockets),
                suggested, unmade, onHost ? step.host() : List.of(), onHost ? step.hostNote() : "");
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

    /** Runs one console command of the engine's own (not the student's); the problem if it failed. Shell thread. */
    private Optional<String> ownCommand(String command, Session session) throws InterruptedException {
        boolean was = ownCommands;
        ownCommands = true;
        try {
            return run(command, session);
        } finally {
            ownCommands = was;
        }
    }

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
            ownCommand(command, session);
        }
    }

    private static String describe(TcpOptions tcp) {
        return "set " + tcp;
    }
}
