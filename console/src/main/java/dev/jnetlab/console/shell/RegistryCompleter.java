package dev.jnetlab.console.shell;

import dev.jnetlab.commands.CommandRegistry;
import java.util.List;
import java.util.function.Function;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion from the commands' own declarations: command names, then sub-commands and
 * options, then values for the argument at the cursor, by its label (socket handles for
 * {@code H}, addresses for {@code IP}, service names, lab ids).
 */
final class RegistryCompleter implements Completer {
    private final CommandRegistry registry;
    private final Function<String, List<String>> values;

    RegistryCompleter(CommandRegistry registry, Function<String, List<String>> values) {
        this.registry = registry;
        this.values = values;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words().subList(0, line.wordIndex());
        int start = words.lastIndexOf(";") + 1;
        words = words.subList(start, words.size());
        if (words.isEmpty()) {
            registry.words().forEach(word -> candidates.add(new Candidate(word)));
            return;
        }
        if (!registry.words().contains(words.get(0))) {
            return;
        }
        CommandSpec spec = registry.spec(words.get(0));
        int positional = 0;
        for (String word : words.subList(1, words.size())) {
            CommandLine sub = spec.subcommands().get(word);
            if (sub != null) {
                spec = sub.getCommandSpec();
                positional = 0;
            } else if (!word.startsWith("-")) {
                positional++;
            }
        }
        String previous = words.get(words.size() - 1);
        OptionSpec option = spec.findOption(previous);
        if (option != null && option.arity().min() > 0) {
            offer(option.paramLabel(), candidates);
            return;
        }
        spec.subcommands().keySet().forEach(name -> candidates.add(new Candidate(name)));
        for (OptionSpec each : spec.options()) {
            for (String name : each.names()) {
                candidates.add(new Candidate(name, name, null, each.description().length > 0
                        ? each.description()[0] : null, null, null, true));
            }
        }
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            if (parameter.index().contains(positional)) {
                offer(parameter.paramLabel(), candidates);
            }
        }
    }

    private void offer(String label, List<Candidate> candidates) {
        values.apply(label).forEach(value -> candidates.add(new Candidate(value)));
    }
}
