package dev.jnetlab.labs.format;

import dev.jnetlab.commands.text.Suggestions;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.time.Micros;
import java.util.List;

/**
 * The words of the {@code fault} command (DESIGN §5) without the word {@code fault}, read as
 * a lab's setup writes them ({@code drop 30}, {@code delay 50 10}) and applied to a
 * {@link FaultConfig} the way the command applies them, so that a lab file asking for what
 * the command would refuse fails when it is loaded.
 */
final class FaultWords {
    static final List<String> OPTIONS = List.of("off", "drop", "corrupt", "size-limit", "tx-rate", "rx-rate",
            "interval", "delay", "reorder", "duplicate");

    private FaultWords() {
    }

    /**
     * {@code config} with {@code text} applied.
     *
     * @throws IllegalArgumentException saying what is wrong and what would be right
     */
    static FaultConfig apply(FaultConfig config, String text) {
        String[] words = text.strip().split("\\s+");
        String option = words[0];
        return switch (option) {
            case "off" -> {
                arguments(words, 0, 0, "off");
                yield FaultConfig.NONE;
            }
            case "drop" -> config.withDropPercent(percent(words, "drop PCT"));
            case "corrupt" -> config.withCorruptPercent(percent(words, "corrupt PCT"));
            case "reorder" -> config.withReorderPercent(percent(words, "reorder PCT"));
            case "duplicate" -> config.withDuplicatePercent(percent(words, "duplicate PCT"));
            case "size-limit" -> config.withSizeLimit((int) whole(words, "size-limit N", Integer.MAX_VALUE));
            case "tx-rate" -> config.withTxRateLimit((int) whole(words, "tx-rate N", Integer.MAX_VALUE));
            case "rx-rate" -> config.withRxRateLimit((int) whole(words, "rx-rate N", Integer.MAX_VALUE));
            case "interval" -> {
                long millis = whole(words, "interval MS", Micros.toMillis(FaultConfig.MAX_DELAY));
                if (millis == 0) {
                    throw new IllegalArgumentException("the shaping interval must be positive: interval MS");
                }
                yield config.withShapingInterval(Micros.ofMillis(millis));
            }
            case "delay" -> {
                arguments(words, 1, 2, "delay MS [JITTER_MS]");
                long max = Micros.toMillis(FaultConfig.MAX_DELAY);
                long delay = number(words[1], "delay MS [JITTER_MS]", max);
                long jitter = words.length > 2 ? number(words[2], "delay MS [JITTER_MS]", max) : 0;
                yield config.withDelay(Micros.ofMillis(delay), Micros.ofMillis(jitter));
            }
            default -> {
                throw new IllegalArgumentException("'" + option + "' is not a fault"
                        + Suggestions.didYouMean(option, OPTIONS)
                        + "; the faults are: " + String.join(", ", OPTIONS));
            }
        };
    }

    private static double percent(String[] words, String usage) {
        arguments(words, 1, 1, usage);
        try {
            double value = Double.parseDouble(words[1]);
            if (value >= 0 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + words[1] + "' is not a percentage from 0 to 100: " + usage);
    }

    private static long whole(String[] words, String usage, long max) {
        arguments(words, 1, 1, usage);
        return number(words[1], usage, max);
    }

    private static long number(String word, String usage, long max) {
        if (!word.isEmpty() && word.length() <= 10 && word.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long value = Long.parseLong(word);
            if (value <= max) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a whole number from 0 to " + max + ": " + usage);
    }

    private static void arguments(String[] words, int min, int max, String usage) {
        int count = words.length - 1;
        if (count < min || count > max) {
            throw new IllegalArgumentException("'" + String.join(" ", words) + "' is not how the fault is written: " + usage);
        }
    }
}
