package dev.jnetlab.commands;

import dev.jnetlab.commands.text.Suggestions;
import dev.jnetlab.commands.text.Wrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The console's commands by name, and the one place that turns words into a run of one.
 * Every way a line can be wrong ends as a {@link Outcome.Failure} with one sentence and the
 * command's usage line, never an exception.
 */
public final class CommandRegistry {
    private final Map<String, Supplier<?>> factories = new TreeMap<>();
    private final Map<String, String> aliases = new TreeMap<>();
    private Consumer<Throwable> internalErrors = error -> { };
    private final List<BiConsumer<List<String>, Outcome>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Adds a command; {@code factory} makes a fresh instance of its {@code @Command} class per run.
     * Its name and aliases are read from that annotation alone: picocli's model of the command
     * (every option and sub-command, found by reflection) is built when the command first runs
     * or is explained, not here, because building it for all thirty commands at every start was
     * a third of the time to the prompt (README, "Start-up").
     *
     * @throws IllegalArgumentException when the class has no {@code @Command} with a name, or the
     *                                  name is taken
     */
    public CommandRegistry register(Supplier<?> factory) {
        Class<?> type = factory.get().getClass();
        CommandLine.Command command = type.getAnnotation(CommandLine.Command.class);
        if (command == null || command.name().equals(CommandSpec.DEFAULT_COMMAND_NAME)) {
            throw new IllegalArgumentException(type.getName() + " has no @Command with a name");
        }
        String name = command.name();
        if (factories.containsKey(name) || aliases.containsKey(name)) {
            throw new IllegalArgumentException("two commands named " + name);
        }
        factories.put(name, factory);
        for (String alias : command.aliases()) {
            aliases.put(alias, name);
        }
        return this;
    }

    /**
     * Where a command's internal error (a bug: an exception that is not a {@link CommandException})
     * goes besides its one-line failure: {@code --debug} prints its stack trace.
     */
    public CommandRegistry onInternalError(Consumer<Throwable> handler) {
        this.internalErrors = handler;
        return this;
    }

    /** Every word that names a command: names and aliases, sorted (for completion). */
    public List<String> words() {
        TreeMap<String, String> all = new TreeMap<>(aliases);
        factories.keySet().forEach(name -> all.put(name, name));
        return List.copyOf(all.keySet());
    }

    /** The command names, sorted. */
    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /** The model of a command (options, arguments, sub-commands), for help and completion. */
    public CommandSpec spec(String name) {
        Supplier<?> factory = factories.get(aliases.getOrDefault(name, name));
        if (factory == null) {
            throw new IllegalArgumentException("no command " + name);
        }
        return new CommandLine(factory.get()).getCommandSpec();
    }

    /**
     * Tells {@code listener} of every command run from now on, with its words and its outcome,
     * on the thread that ran it (a running lab counts the student's key actions: two
     * {@code udp recv}, a {@code capture stop}).
     */
    public CommandRegistry onRun(BiConsumer<List<String>, Outcome> listener) {
        listeners.add(listener);
        return this;
    }

    /** Runs one command line, given as its words. */
    public Outcome run(List<String> words, Session session) throws InterruptedException {
        Outcome outcome = execute(words, session);
        for (BiConsumer<List<String>, Outcome> listener : listeners) {
            listener.accept(List.copyOf(words), outcome);
        }
        return outcome;
    }

    /**
     * {@code NAME: COMMAND}: runs one command on the topology's host {@code node}, then puts the
     * prompt back where it was (ARCHITECTURE.md §8).
     */
    private Outcome onNode(String node, List<String> command, Session session) throws InterruptedException {
        if (command.isEmpty()) {
            return new Outcome.Failure(node + ":", node + ": needs a command to run there ('" + node + ": ping h1')", "");
        }
        String back;
        try {
            back = session.stack((network, now) -> {
                String current = network.currentNode();
                try {
                    network.select(node);
                } catch (IllegalArgumentException e) {
                    throw new CommandException(e.getMessage());
                }
                return current;
            });
        } catch (CommandException e) {
            return new Outcome.Failure(node + ":", e.getMessage(), "");
        }
        try {
            return execute(command, session);
        } finally {
            try {
                session.stack((network, now) -> {
                    network.select(back);
                    return null;
                });
            } catch (CommandException e) {
                throw new IllegalStateException("the prompt's node " + back + " has gone", e);
            }
        }
    }

    private Outcome execute(List<String> words, Session session) throws InterruptedException {
        if (words.isEmpty()) {
            return new Outcome.Success("", CommandResult.Message.NONE);
        }
        String name = words.get(0);
        if (name.length() > 1 && name.endsWith(":")) {
            return onNode(name.substring(0, name.length() - 1), words.subList(1, words.size()), session);
        }
        Supplier<?> factory = factories.get(aliases.getOrDefault(name, name));
        if (factory == null) {
            return new Outcome.Failure(name, "unknown command '" + name + "'"
                    + didYouMean(Suggestions.closest(name, words())) + "; 'help' lists them", "");
        }
        CommandSpec leaf = null;
        try {
            // The model is built here, per run (register reads only the annotation): a command
            // whose declarations picocli refuses fails as a bug, in one line, like any other.
            CommandLine line = new CommandLine(factory.get());
            leaf = line.getCommandSpec();
            ParseResult parsed = line.parseArgs(words.subList(1, words.size()).toArray(String[]::new));
            while (parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
            }
            leaf = parsed.commandSpec();
            if (!(leaf.userObject() instanceof ConsoleCommand command)) {
                return new Outcome.Failure(qualifiedName(leaf), qualifiedName(leaf) + " needs one of: "
                        + String.join(", ", leaf.subcommands().keySet()), synopsis(leaf));
            }
            return new Outcome.Success(qualifiedName(leaf), command.execute(session));
        } catch (ParameterException e) {
            CommandSpec failed = e.getCommandLine().getCommandSpec();
            return new Outcome.Failure(qualifiedName(failed), ParseProblems.explain(e), synopsis(failed));
        } catch (CommandException e) {
            return new Outcome.Failure(qualifiedName(leaf), e.getMessage(), "");
        } catch (OutOfMemoryError e) {
            // Not a bug to report but a limit to name: whatever was being made is garbage now.
            String failed = leaf == null ? aliases.getOrDefault(name, name) : qualifiedName(leaf);
            return new Outcome.Failure(failed, failed + ": the JVM's heap is full (at most "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; JNETLAB_JAVA_OPTS=-Xmx1g gives more)", "");
        } catch (RuntimeException e) {
            internalErrors.accept(e);
            String failed = leaf == null ? aliases.getOrDefault(name, name) : qualifiedName(leaf);
            return new Outcome.Failure(failed, "internal error in " + failed + ": " + e
                    + " (a bug; jnetlab --debug shows where)", "");
        }
    }

    private static String didYouMean(List<String> suggestions) {
        if (suggestions.isEmpty()) {
            return "";
        }
        List<String> shown = suggestions.subList(0, Math.min(3, suggestions.size()));
        return " (did you mean " + String.join(" or ", shown) + "?)";
    }

    static String qualifiedName(CommandSpec spec) {
        return spec.qualifiedName(" ");
    }

    /** The usage line: the declared synopsis, or picocli's own when a command declares none. */
    static String synopsis(CommandSpec spec) {
        String[] custom = spec.usageMessage().customSynopsis();
        if (custom.length > 0) {
            return String.join("\n       ", custom);
        }
        return new CommandLine.Help(spec).synopsis(0).strip();
    }

    /** The help text of a command or sub-command, by the words that name it. */
    public String helpText(List<String> topic) throws CommandException {
        if (topic.isEmpty()) {
            return overview();
        }
        if (!factories.containsKey(aliases.getOrDefault(topic.get(0), topic.get(0)))) {
            throw new CommandException("no command '" + topic.get(0) + "'"
                    + didYouMean(Suggestions.closest(topic.get(0), words())) + "; 'help' lists them");
        }
        CommandSpec spec = spec(topic.get(0));
        for (String word : topic.subList(1, topic.size())) {
            CommandLine sub = spec.subcommands().get(word);
            if (sub == null) {
                throw new CommandException("no sub-command '" + word + "' of " + qualifiedName(spec)
                        + didYouMean(Suggestions.closest(word, spec.subcommands().keySet())));
            }
            spec = sub.getCommandSpec();
        }
        return describe(spec);
    }

    private String overview() {
        StringBuilder text = new StringBuilder("Commands (help CMD explains one, with examples):\n");
        int width = factories.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (String name : factories.keySet()) {
            String[] description = spec(name).usageMessage().description();
            text.append(Wrap.line("  " + name + " ".repeat(width - name.length() + 2)
                    + (description.length > 0 ? description[0] : ""), Wrap.WIDTH, width + 4)).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static String describe(CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        for (String usage : ("usage: " + synopsis(spec)).split("\n")) {
            lines.add(Wrap.usage(usage, Wrap.WIDTH, 7));
        }
        for (String description : spec.usageMessage().description()) {
            lines.add(Wrap.line(description, Wrap.WIDTH, 0));
        }
        if (!spec.subcommands().isEmpty()) {
            lines.add("");
            for (CommandLine sub : new TreeMap<>(spec.subcommands()).values()) {
                String[] description = sub.getCommandSpec().usageMessage().description();
                lines.add(Wrap.line("  " + synopsis(sub.getCommandSpec()), Wrap.WIDTH, 6));
                if (description.length > 0) {
                    lines.add(Wrap.line("      " + description[0], Wrap.WIDTH, 6));
                }
            }
        }
        List<String> options = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            String name = String.join(", ", option.names()) + (option.arity().max() > 0 ? " " + option.paramLabel() : "");
            options.add(name);
            options.add(option.description().length > 0 ? option.description()[0] : "");
        }
        if (!options.isEmpty()) {
            int width = 0;
            for (int i = 0; i < options.size(); i += 2) {
                width = Math.max(width, options.get(i).length());
            }
            lines.add("");
            lines.add("options:");
            for (int i = 0; i < options.size(); i += 2) {
                lines.add(Wrap.line(("  " + options.get(i) + " ".repeat(width - options.get(i).length() + 2)
                        + options.get(i + 1)).stripTrailing(), Wrap.WIDTH, width + 4));
            }
        }
        String[] examples = spec.usageMessage().footer();
        if (examples.length > 0) {
            lines.add("");
            lines.add("examples:");
            for (String example : examples) {
                lines.add(Wrap.line("  " + example, Wrap.WIDTH, 4));
            }
        }
        return String.join("\n", lines);
    }
}
