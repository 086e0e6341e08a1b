package dev.jnetlab.commands.link;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultConfigException;
import dev.jnetlab.stack.phy.FaultInjector;
import dev.jnetlab.stack.phy.FaultScope;
import dev.jnetlab.stack.phy.FilterSyntaxException;
import dev.jnetlab.stack.phy.FrameFilter;
import dev.jnetlab.stack.phy.TraceFilter;
import dev.jnetlab.stack.time.Micros;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The fault injector on this host's link: a bad cable on purpose. Each sub-command changes one
 * option and keeps the others, so faults add up ({@code fault drop 10} then
 * {@code fault delay 20 5}); {@code fault off} clears them all; {@code fault} shows them.
 * Options apply to both directions (see {@link FaultConfig} for exactly how) unless words after
 * the value narrow them, as tc's filters narrow netem: {@code in} (what this host receives) or
 * {@code out} (what it sends), then a filter in the grammar of {@code trace on}
 * ({@link TraceFilter}): {@code fault drop 10 in tcp}. Those words say which frames every fault
 * hits (a {@link FaultScope}); a change without them keeps the scope, {@code fault off} resets it.
 */
@Command(name = "fault", customSynopsis = {"fault | fault off | fault drop PCT [SCOPE] | fault corrupt PCT [SCOPE]",
        "      | fault size-limit N [SCOPE] | fault tx-rate N | fault rx-rate N | fault interval MS",
        "      | fault delay MS [JITTER_MS] [SCOPE] | fault reorder PCT [SCOPE] | fault duplicate PCT [SCOPE]",
        "  SCOPE: [in|out|both] [FILTER]   which frames every fault hits; FILTER as in 'trace on'"},
        description = "Shows or changes the faults injected on this host's link: both directions and every frame, "
                + "unless SCOPE narrows them to frames coming in or going out and to those FILTER accepts "
                + "(arp, icmp, udp, tcp, ip6, icmp6, host IP, port N, src/dst, and, or, not). A change without SCOPE keeps "
                + "the last one; 'fault off' clears every fault and the scope.",
        footer = {"fault", "fault drop 10", "fault drop 10 in tcp", "fault corrupt 5 out port 80", "fault delay 20 5",
                "fault delay 20 5 in", "fault reorder 25", "fault tx-rate 10", "fault off"},
        subcommands = {FaultCommand.Off.class, FaultCommand.Drop.class, FaultCommand.Corrupt.class,
                FaultCommand.SizeLimit.class, FaultCommand.TxRate.class, FaultCommand.RxRate.class,
                FaultCommand.Interval.class, FaultCommand.Delay.class, FaultCommand.Reorder.class,
                FaultCommand.Duplicate.class})
public final class FaultCommand implements ConsoleCommand {

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> Faults.of(network.link().faults().config(), network.link().faults().scope()));
    }

    /**
     * A sub-command that changes the configuration, keeping the options it does not touch, and
     * the scope when given ({@code [in|out|both] [FILTER]} after the value).
     */
    abstract static class Change implements ConsoleCommand {
        @Parameters(index = "1..*", arity = "0..*", paramLabel = "SCOPE")
        List<String> scopeWords = new ArrayList<>();

        /** Reads the arguments (on the command's thread) into the change to make. */
        abstract UnaryOperator<FaultConfig> change() throws CommandException;

        /** The words that say the scope; the delay's take its optional jitter first. */
        List<String> scopeWords() {
            return scopeWords;
        }

        @Override
        public final CommandResult execute(Session session) throws CommandException, InterruptedException {
            UnaryOperator<FaultConfig> change = change();
            FaultScope scope = scope(scopeWords());
            return session.stack((network, now) -> {
                FaultInjector injector = network.link().faults();
                FaultConfig next;
                try {
                    next = change.apply(injector.config());
                } catch (FaultConfigException e) {
                    throw new CommandException(e.getMessage());
                }
                injector.setConfig(next);
                if (scope != null) {
                    injector.setScope(scope);
                }
                return Faults.of(next, injector.scope());
            });
        }
    }

    /**
     * {@code [in|out|both] [FILTER]} as a scope; null for no words (the scope stays). The
     * direction is this host's, as {@code tcpdump -Q in|out} says it.
     */
    static FaultScope scope(List<String> words) throws CommandException {
        if (words.isEmpty()) {
            return null;
        }
        String first = words.get(0);
        boolean direction = first.equals("in") || first.equals("out") || first.equals("both");
        String text = String.join(" ", words.subList(direction ? 1 : 0, words.size()));
        FrameFilter filter;
        try {
            filter = text.isBlank() ? FrameFilter.ALL : TraceFilter.parse(text);
        } catch (FilterSyntaxException e) {
            throw new CommandException("SCOPE: " + e.getMessage()
                    + (direction ? "" : " (a scope is in, out or both, then a filter as in 'trace on')"));
        }
        return new FaultScope(!first.equals("out"), !first.equals("in"), filter);
    }

    @Command(name = "off", customSynopsis = "fault off",
            description = "Removes every fault and the scope: the link is perfect again.", footer = {"fault off"})
    public static final class Off implements ConsoleCommand {
        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> {
                FaultInjector injector = network.link().faults();
                injector.setConfig(FaultConfig.NONE);
                injector.setScope(FaultScope.EVERY_FRAME);
                return Faults.of(FaultConfig.NONE, FaultScope.EVERY_FRAME);
            });
        }
    }

    @Command(name = "drop", customSynopsis = "fault drop PCT [SCOPE]", description = "Loses PCT percent of the frames at random (0 stops).",
            footer = {"fault drop 10", "fault drop 100", "fault drop 10 in tcp", "fault drop 5 out port 80", "fault drop 0"})
    public static final class Drop extends Change {
        @Parameters(paramLabel = "PCT")
        private String percent;

        @Override
        UnaryOperator<FaultConfig> change() throws CommandException {
            double value = percent("PCT", percent);
            return config -> config.withDropPercent(value);
        }
    }

    @Command(name = "corrupt", customSynopsis = "fault corrupt PCT [SCOPE]",
            description = "Changes one random octet in PCT percent of the frames (0 stops).",
            footer = {"fault corrupt 5"})
    public static final class Corrupt extends Change {
        @Parameters(paramLabel = "PCT")
        private String percent;

        @Override
        UnaryOperator<FaultConfig> change() throws CommandException {
            double value = percent("PCT", percent);
            return config -> config.withCorruptPercent(value);
        }
    }

    @Command(name = "size-limit", customSynopsis = "fault size-limit N [SCOPE]",
            description = "Drops frames longer than N octets (0: no limit).", footer = {"fault size-limit 600"})
    public static final class SizeLimit extends Change {
        @Parameters(paramLabel = "N")
        private String octets;

        @Override
        UnaryOperator<FaultConfig> change() throws CommandException {
            int value = count("N", octets);
            return config -> config.withSizeLimit(value);
        }
    }

    @Command(name = "tx-rate", customSynopsis = "fault tx-rate N",
            description = "Lets this host send at most N frames per interval (1 s unless 'fault interval' says); "
                    + "the rest wait (0: no limit).",
            footer = {"fault tx-rate 10"})
    public static final class TxRate extends Change {
        @Parameters(paramLabel = "N")
        private String frames;

        @Override
        UnaryOperator<FaultConfig> change() throws CommandException {
            int value = count("N", frames);
            return config -> config.withTxRateLimit(value);
        }
    }

    @Command(name = "rx-rate", customSynopsis = "fault rx-rate N",
            description = "Lets this host receive at most N frames per interval; the rest are dropped (0: no limit).",
            footer = {"fault rx-rate 10"})
    public static final class RxRate extends Change {
        @Parameters(paramLabel = "N")
        private String frames;

        @Override
        UnaryOperator<FaultConfig> change() throws CommandException {
            int value = count("N", frames);
            return config -> config.withRxRateLimit(value);
        }
    }

    @Command(name = "interval", customSynopsis = "fault interval MS",
            description = "Sets the rate limits' interval to MS milliseconds (default 1000).",
            footer = {"fault interval 100"})
    public static final class Interval extends Change {
        @Parameters(paramLabel = "MS")
        private String millis;

        @Override
        UnaryOperator<FaultConfig> change() throws CommandException {
            long value = millis("MS", millis);
            return config -> config.withShapingInterval(value);
        }
    }

    @Command(name = "delay", customSynopsis = "fault delay MS [JITTER_MS] [SCOPE]",
            description = "Delays every frame by MS milliseconds, give or take JITTER_MS (0 stops).",
            footer = {"fault delay 20", "fault delay 100 20", "fault delay 0"})
    public static final class Delay extends Change {
        @Parameters(index = "0", paramLabel = "MS")
        private String millis;

        /** Whether the word after MS is the jitter: a number, where a scope starts with a word. */
        private boolean hasJitter() {
            return !scopeWords.isEmpty() && !scopeWords.get(0).isEmpty() && Character.isDigit(scopeWords.get(0).charAt(0));
        }

        @Override
        List<String> scopeWords() {
            return hasJitter() ? scopeWords.subList(1, scopeWords.size()) : scopeWords;
        }

        @Override
        UnaryOperator<FaultConfig> change() throws CommandException {
            long delay = millis("MS", millis);
            long spread = hasJitter() ? millis("JITTER_MS", scopeWords.get(0)) : 0;
            return config -> config.withDelay(delay, spread);
        }
    }

    @Command(name = "reorder", customSynopsis = "fault reorder PCT [SCOPE]",
            description = "Sends PCT percent of the frames at once, ahead of the delayed ones (needs a delay).",
            footer = {"fault delay 20; fault reorder 25"})
    public static final class Reorder extends Change {
        @Parameters(paramLabel = "PCT")
        private String percent;

        @Override
        UnaryOperator<FaultConfig> change() throws CommandException {
            double value = percent("PCT", percent);
            return config -> config.withReorderPercent(value);
        }
    }

    @Command(name = "duplicate", customSynopsis = "fault duplicate PCT [SCOPE]",
            description = "Delivers PCT percent of the frames twice (0 stops).", footer = {"fault duplicate 10"})
    public static final class Duplicate extends Change {
        @Parameters(paramLabel = "PCT")
        private String percent;

        @Override
        UnaryOperator<FaultConfig> change() throws CommandException {
            double value = percent("PCT", percent);
            return config -> config.withDuplicatePercent(value);
        }
    }

    /** A percentage: {@code 10}, {@code 2.5} or {@code 10%}; the range is the configuration's to check. */
    static double percent(String label, String text) throws CommandException {
        String number = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
        try {
            double value = Double.parseDouble(number);
            if (Double.isFinite(value) && !number.isBlank() && number.chars().noneMatch(Character::isLetter)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new CommandException(label + ": '" + text + "' is not a percentage (0 to 100, like 10 or 2.5)");
    }

    /** A whole number, 0 or more. */
    static int count(String label, String text) throws CommandException {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new CommandException(label + ": '" + text + "' is not a whole number 0 or more");
        }
        return Integer.parseInt(text);
    }

    /** Milliseconds, fractions allowed ({@code 0.5}), as microseconds. */
    static long millis(String label, String text) throws CommandException {
        try {
            double value = Double.parseDouble(text);
            if (value >= 0 && value <= Micros.toMillis(FaultConfig.MAX_DELAY) && text.chars().noneMatch(Character::isLetter)) {
                return Math.round(value * Micros.PER_MILLI);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new CommandException(label + ": '" + text + "' is not a number of milliseconds from 0 to "
                + Micros.toMillis(FaultConfig.MAX_DELAY));
    }

    /**
     * The injector's configuration.
     *
     * @param active      whether any fault is set
     * @param description the options that are set, as {@code fault} shows them ({@code off} when none)
     * @param intervalMs  the rate limits' interval
     * @param direction   which frames are hit: {@code both}, {@code in} or {@code out}
     * @param filter      the scope's filter, empty for every frame
     * @param scope       direction and filter as {@code fault} shows them ({@code in, tcp}), empty for every frame
     */
    public record Faults(boolean active, String description, double dropPercent, double corruptPercent, int sizeLimit,
                         int txRateLimit, int rxRateLimit, double intervalMs, double delayMs, double jitterMs,
                         double reorderPercent, double duplicatePercent, String direction, String filter,
                         String scope) implements CommandResult {
        static Faults of(FaultConfig c, FaultScope scope) {
            return new Faults(!c.isOff(), c.describe(), c.dropPercent(), c.corruptPercent(), c.sizeLimit(),
                    c.txRateLimit(), c.rxRateLimit(), c.shapingIntervalMicros() / 1000.0, c.delayMicros() / 1000.0,
                    c.jitterMicros() / 1000.0, c.reorderPercent(), c.duplicatePercent(),
                    scope.rx() && scope.tx() ? "both" : scope.rx() ? "in" : "out",
                    scope.filtered() ? scope.filter().toString() : "", scope.describe());
        }

        @Override
        public String text() {
            return "faults: " + description + (scope.isEmpty() || !active ? "" : " (" + scope + ")");
        }
    }
}
