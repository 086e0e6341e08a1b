package dev.jnetlab.commands;

import dev.jnetlab.commands.text.Suggestions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.MaxValuesExceededException;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What was wrong with the words of a command line, in the console's words: the argument by its
 * label ({@code SEC}, {@code --wait}), what was typed, and what would be right. Picocli finds
 * the problem; its own sentences ({@code Invalid value for positional parameter at index 0
 * (SEC): 'abc' is not a double}) never reach the person.
 */
public final class ParseProblems {
    private ParseProblems() {
    }

    /** The one line for {@code e}. */
    public static String explain(ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String command = spec.qualifiedName(" ");
        if (e instanceof UnmatchedArgumentException unmatched) {
            return unmatched(unmatched, spec, command);
        }
        if (e instanceof MissingParameterException missing) {
            List<String> labels = new ArrayList<>();
            for (ArgSpec arg : missing.getMissing()) {
                labels.add(label(arg));
            }
            if (labels.size() == 1 && missing.getMissing().get(0) instanceof OptionSpec option) {
                return option.longestName() + " needs a value: " + option.longestName() + " " + option.paramLabel();
            }
            return command + " needs " + String.join(" and ", labels);
        }
        if (e instanceof OverwrittenOptionException overwritten) {
            return label(overwritten.getOverwritten()) + " is given twice: give it once";
        }
        if (e instanceof MaxValuesExceededException) {
            return command + " was given more words than it takes";
        }
        ArgSpec arg = e.getArgSpec();
        if (arg != null && e.getCause() instanceof TypeConversionException conversion && !builtIn(arg.type())) {
            // A converter of the console's own, which says what the value should be.
            return label(arg) + ": " + conversion.getMessage();
        }
        if (arg != null && e.getValue() != null) {
            return label(arg) + ": '" + e.getValue() + "' is not " + expected(arg.type());
        }
        if (arg != null) {
            return label(arg) + ": not a value it takes";
        }
        return command + ": these words do not make a command (help " + command + " shows how it is written)";
    }

    private static String unmatched(UnmatchedArgumentException e, CommandSpec spec, String command) {
        List<String> words = e.getUnmatched();
        String word = words.isEmpty() ? "" : words.get(0);
        if (word.startsWith("-") && word.length() > 1 && !isNumber(word)) {
            List<String> options = new ArrayList<>();
            for (OptionSpec option : spec.options()) {
                options.addAll(List.of(option.names()));
            }
            return command + " has no option " + word + Suggestions.didYouMean(word, options)
                    + (options.isEmpty() || options.size() > 6 ? "" : "; its options are: " + String.join(", ", options));
        }
        if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
            return "unknown sub-command '" + word + "' of " + command
                    + Suggestions.didYouMean(word, spec.subcommands().keySet());
        }
        if (spec.positionalParameters().isEmpty()) {
            return command + " takes no arguments, and was given '" + String.join(" ", words) + "'";
        }
        return "'" + String.join(" ", words) + "' is more than " + command + " takes";
    }

    private static boolean isNumber(String word) {
        return word.length() > 1 && word.substring(1).chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
    }

    /** {@code SEC}, {@code --wait}, {@code -c}: how the argument appears in the usage line. */
    private static String label(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            return option.longestName();
        }
        if (arg instanceof PositionalParamSpec positional) {
            return positional.paramLabel();
        }
        return String.valueOf(arg);
    }

    /** Whether picocli converts the type itself (in words that are its own: "is not a long"). */
    private static boolean builtIn(Class<?> type) {
        return type.isPrimitive() || Number.class.isAssignableFrom(type) || type.isEnum();
    }

    private static String expected(Class<?> type) {
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number (such as 2 or 0.5)";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(constant.toString());
            }
            return "one of " + String.join(", ", names);
        }
        return "a value it takes";
    }
}
