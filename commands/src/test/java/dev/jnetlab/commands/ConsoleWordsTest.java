package dev.jnetlab.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.commands.text.Wrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every way a command line can be wrong, for every command and sub-command, gets one line in
 * the console's own words: never the parser's ({@code Invalid value for positional parameter at
 * index 0 (SEC): 'abc' is not a double}, {@code Unmatched argument at index 1: 'tap1'}). And
 * every command's help fits an 80-column terminal, so that it breaks no word.
 */
class ConsoleWordsTest {
    /** Picocli's phrases, none of which a person may see. */
    private static final List<String> PARSER_WORDS = List.of("missing required", "unmatched argument",
            "invalid value", "positional parameter", "is not a double", "is not an int", "is not a long",
            "unknown option", "expected parameter", "should be specified only once", "index 0", "index 1");

    private final VirtualConsole console = new VirtualConsole();

    /** Every leaf command's words: {@code [ping]}, {@code [tcp, send]}. */
    private List<List<String>> leaves() {
        List<List<String>> leaves = new ArrayList<>();
        for (String name : console.registry().names()) {
            collect(List.of(name), console.registry().spec(name), leaves);
        }
        return leaves;
    }

    private static void collect(List<String> words, CommandSpec spec, List<List<String>> into) {
        if (spec.subcommands().isEmpty()) {
            into.add(words);
            return;
        }
        into.add(words);
        for (var sub : spec.subcommands().entrySet()) {
            List<String> next = new ArrayList<>(words);
            next.add(sub.getKey());
            collect(next, sub.getValue().getCommandSpec(), into);
        }
    }

    private CommandSpec spec(List<String> words) {
        CommandSpec spec = console.registry().spec(words.get(0));
        for (String word : words.subList(1, words.size())) {
            spec = spec.subcommands().get(word).getCommandSpec();
        }
        return spec;
    }

    @Test
    void noParserWordsReachThePerson() {
        List<String> lines = new ArrayList<>();
        for (List<String> leaf : leaves()) {
            if (leaf.equals(List.of("quit")) || leaf.equals(List.of("exit"))) {
                continue;
            }
            String base = String.join(" ", leaf);
            List<String> bad = new ArrayList<>(List.of(base + " --bogus", base + " one two three four five six seven"));
            for (OptionSpec option : spec(leaf).options()) {
                if (option.arity().max() > 0) {
                    bad.add(base + " " + option.longestName());
                    bad.add(base + " " + option.longestName() + " abc " + option.longestName() + " def");
                }
            }
            if (!spec(leaf).positionalParameters().isEmpty()) {
                bad.add(base + " abc");
            }
            for (String line : bad) {
                Outcome outcome = console.run(line);
                if (outcome instanceof Outcome.Failure failure) {
                    lines.add(line + " => " + failure.message());
                }
            }
        }
        assertTrue(lines.size() > 100, "the bad lines were tried: " + lines.size());
        List<String> leaks = lines.stream().filter(l -> PARSER_WORDS.stream()
                .anyMatch(w -> l.substring(l.indexOf(" => ")).toLowerCase(Locale.ROOT).contains(w))).toList();
        assertEquals(List.of(), leaks);
        assertTrue(lines.stream().noneMatch(l -> l.contains("\n")), "one line each");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sleep abc|SEC: 'abc' is not a number (such as 2 or 0.5)",
        "iface tap1|iface takes no arguments, and was given 'tap1'",
        "ping|ping needs IP",
        "ping -c|-c needs a value: -c N",
        "udp recv 1 --wait 1 --wait 2|--wait is given twice: give it once",
        "tcp recv 1 --bogus|tcp recv has no option --bogus; its options are: --hex, --count, --wait",
        "tcp sned 1 hi|unknown sub-command 'sned' of tcp (did you mean send?)",
        "arp add 1.2.3.4|arp add needs MAC",
    })
    void eachIsSaidInTheConsolesWords(String line, String message) {
        console.failsWith(line, message);
    }

    @Test
    void everyHelpFitsEightyColumns() throws Exception {
        List<String> wide = new ArrayList<>();
        List<String> overview = List.of(console.registry().helpText(List.of()));
        for (String text : overview) {
            text.lines().filter(l -> l.length() > Wrap.WIDTH).forEach(wide::add);
        }
        for (List<String> leaf : leaves()) {
            console.registry().helpText(leaf).lines().filter(l -> l.length() > Wrap.WIDTH).forEach(wide::add);
        }
        assertEquals(List.of(), wide);
    }

    @Test
    void wrappingBreaksBetweenWordsWithAHangingIndent() {
        String line = "  tcp  " + "word ".repeat(20).strip();
        String wrapped = Wrap.line(line, 40, 7);
        assertTrue(wrapped.lines().allMatch(l -> l.length() <= 40), wrapped);
        assertTrue(wrapped.lines().skip(1).allMatch(l -> l.startsWith("       word")), wrapped);
        assertEquals(line, wrapped.replace("\n       ", " "));
        assertFalse(Wrap.line("short", 40, 2).contains("\n"));
    }
}
