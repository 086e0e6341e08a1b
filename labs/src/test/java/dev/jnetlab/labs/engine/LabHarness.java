package dev.jnetlab.labs.engine;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.builtin.SleepCommand;
import dev.jnetlab.commands.text.CommandLineSplitter;
import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.labs.FakeWorld;
import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.commands.LabCommand;
import dev.jnetlab.labs.format.LabCatalog;
import dev.jnetlab.labs.format.LabParser;
import dev.jnetlab.stack.time.VirtualClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * A console in miniature for the engine's tests: a fake world, a virtual clock driven by the
 * engine's ticker alone, a registry with the lab command, sleep, and stand-ins for the
 * console's fault, serve and ip commands that only note what they were asked.
 */
final class LabHarness {
    final VirtualClock clock = new VirtualClock();
    final FakeWorld world = new FakeWorld();
    final List<String> printed = new ArrayList<>();
    /** What the stand-in commands were asked, one line each. */
    final List<String> ran = new ArrayList<>();
    /** When set, the stand-in fault command refuses every setting but off, with this message. */
    static String faultRefusal;
    final CommandRegistry registry = new CommandRegistry();
    final LabEngine engine;
    final VirtualDriver driver;
    final Session session;

    LabHarness(String... labs) throws Exception {
        List<Lab> list = new ArrayList<>();
        for (String yaml : labs) {
            list.add(LabParser.parse("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    Optional.empty()));
        }
        engine = new LabEngine(new LabCatalog(list), world, registry, printed::add);
        driver = new VirtualDriver(clock, engine.ticker());
        session = new Session(driver, printed::add);
        registry.register(() -> new LabCommand(engine))
                .register(SleepCommand::new)
                .register(() -> new Fault(ran))
                .register(() -> new Serve(ran))
                .register(() -> new Ip(ran));
    }

    /** Runs one command line as the console does: the command, then the engine's after-command hook. */
    Outcome run(String line) throws Exception {
        Outcome outcome = registry.run(CommandLineSplitter.commands(line).get(0), session);
        engine.afterCommand(driver);
        return outcome;
    }

    /** Runs a command that must succeed; its text. */
    String ok(String line) throws Exception {
        Outcome outcome = run(line);
        if (!(outcome instanceof Outcome.Success success)) {
            throw new AssertionError(line + " failed: " + ((Outcome.Failure) outcome).text());
        }
        return success.result().text();
    }

    /** Runs a command that must fail; its message. */
    String fails(String line) throws Exception {
        Outcome outcome = run(line);
        if (!(outcome instanceof Outcome.Failure failure)) {
            throw new AssertionError(line + " did not fail: " + outcome);
        }
        return failure.message();
    }

    /** What the engine printed since the last call. */
    List<String> said() {
        List<String> lines = List.copyOf(printed);
        printed.clear();
        return lines;
    }

    @Command(name = "fault")
    static final class Fault implements ConsoleCommand {
        private final List<String> ran;
        @Parameters
        private List<String> words = new ArrayList<>();

        Fault(List<String> ran) {
            this.ran = ran;
        }

        @Override
        public CommandResult execute(Session session) throws CommandException {
            if (faultRefusal != null && !words.equals(List.of("off"))) {
                throw new CommandException(faultRefusal);
            }
            ran.add("fault " + String.join(" ", words));
            return CommandResult.Message.NONE;
        }
    }

    @Command(name = "serve")
    static final class Serve implements ConsoleCommand {
        private final List<String> ran;
        @Parameters
        private List<String> words = new ArrayList<>();

        Serve(List<String> ran) {
            this.ran = ran;
        }

        @Override
        public CommandResult execute(Session session) {
            ran.add("serve " + String.join(" ", words));
            return CommandResult.Message.NONE;
        }
    }

    @Command(name = "ip")
    static final class Ip implements ConsoleCommand {
        private final List<String> ran;
        @Parameters
        private List<String> words = new ArrayList<>();

        Ip(List<String> ran) {
            this.ran = ran;
        }

        @Override
        public CommandResult execute(Session session) {
            ran.add("ip " + String.join(" ", words));
            return CommandResult.Message.NONE;
        }
    }
}
