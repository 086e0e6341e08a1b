package dev.jnetlab.labs.commands;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.host.ladder.LadderRenderer;
import dev.jnetlab.labs.engine.LabEngine;
import dev.jnetlab.labs.engine.LabResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lab}: guided exercises (ARCHITECTURE.md §5). A group; its sub-commands reach the engine through
 * this parent, which the console makes with its {@link LabEngine}:
 * {@code registry.register(() -> new LabCommand(engine))}.
 */
@Command(name = "lab",
        customSynopsis = {"lab list | lab start ID | lab status | lab check | lab hint | lab next | lab stop",
                "lab retry | lab ladder | lab report | lab validate FILE | lab run FILE --solution", "lab resume"},
        description = "Guided exercises that check your progress as you go.",
        subcommands = {LabCommand.ListLabs.class, LabCommand.Start.class, LabCommand.Status.class,
                LabCommand.Check.class, LabCommand.Hint.class, LabCommand.Next.class, LabCommand.Stop.class,
                LabCommand.Retry.class, LabCommand.Ladder.class, LabCommand.Report.class, LabCommand.Validate.class,
                LabCommand.Run.class, LabCommand.Resume.class},
        footer = {"lab list", "lab start arp-ping", "lab status", "lab hint", "lab next"})
public final class LabCommand {
    private final LabEngine engine;

    public LabCommand(LabEngine engine) {
        this.engine = engine;
    }

    LabEngine engine() {
        return engine;
    }

    @Command(name = "list", customSynopsis = "lab list", description = "Lists the labs.")
    public static final class ListLabs implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Override
        public CommandResult execute(Session session) {
            return parent.engine().list();
        }
    }

    @Command(name = "start", customSynopsis = "lab start ID",
            description = "Starts a lab (stopping the one running): its setup, then step 1. ID may be the path of a lab file.",
            footer = {"lab start tcp-handshake", "lab start ./my-lab.yaml"})
    public static final class Start implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Parameters(paramLabel = "ID")
        private String id;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return parent.engine().start(id, session);
        }
    }

    @Command(name = "resume", customSynopsis = "lab resume",
            description = "Goes on with the lab left unfinished (saved in ~/.jnetlab_lab as it goes): its setup, then the "
                    + "step it had reached.",
            footer = {"lab resume"})
    public static final class Resume implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return parent.engine().resume(session);
        }
    }

    @Command(name = "status", customSynopsis = "lab status",
            description = "Shows the current step, its instructions and its checks, ticked or not.")
    public static final class Status implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return parent.engine().status(session.driver());
        }
    }

    @Command(name = "check", customSynopsis = "lab check",
            description = "Evaluates the current step's checks now and shows which pass.")
    public static final class Check implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return parent.engine().check(session.driver());
        }
    }

    @Command(name = "hint", customSynopsis = "lab hint", description = "Shows the next hint of the current step.")
    public static final class Hint implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return parent.engine().hint(session.driver());
        }
    }

    @Command(name = "next", customSynopsis = "lab next",
            description = "Goes on to the next step once every check of this one has passed.")
    public static final class Next implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return parent.engine().next(session.driver());
        }
    }

    @Command(name = "stop", customSynopsis = "lab stop", description = "Stops the lab and takes its setup back.")
    public static final class Stop implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return parent.engine().stop(session);
        }
    }

    @Command(name = "retry", customSynopsis = "lab retry",
            description = "Begins the current step again: checks cleared, its clock (for 'within' checks) restarted.")
    public static final class Retry implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return parent.engine().retry(session.driver());
        }
    }

    @Command(name = "ladder", customSynopsis = "lab ladder [--absolute]",
            description = "Draws the ladder diagram of the connection the current step records.")
    public static final class Ladder implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Option(names = "--absolute", description = "sequence numbers as on the wire, not from the ISNs")
        private boolean absolute;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return parent.engine().ladder(session.driver(),
                    absolute ? LadderRenderer.Numbering.ABSOLUTE : LadderRenderer.Numbering.RELATIVE);
        }
    }

    @Command(name = "report", customSynopsis = "lab report [--json]",
            description = "How the running lab (or the last one) went: each step, its time, the hints used, what it taught; --json for grading.",
            footer = {"lab report", "lab report --json"})
    public static final class Report implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Option(names = "--json", description = "the report as one JSON object")
        private boolean json;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            LabResults.Report report = parent.engine().report(session.driver());
            return json ? new LabResults.ReportJson(report) : report;
        }
    }

    @Command(name = "validate", customSynopsis = "lab validate FILE",
            description = "Reads a lab file strictly, as 'lab start' would: its problems with file, line and column, or that it is valid.",
            footer = {"lab validate ./my-lab.yaml"})
    public static final class Validate implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Parameters(paramLabel = "FILE")
        private String file;

        @Override
        public CommandResult execute(Session session) throws CommandException {
            return parent.engine().validate(file);
        }
    }

    @Command(name = "run", customSynopsis = "lab run FILE --solution",
            description = "Starts the lab and types its reference solution, step by step; says which steps it completes, then stops the lab.",
            footer = {"lab run ./my-lab.yaml --solution", "lab run arp-ping --solution"})
    public static final class Run implements ConsoleCommand {
        @ParentCommand
        private LabCommand parent;

        @Parameters(paramLabel = "FILE")
        private String file;

        @Option(names = "--solution", required = true, description = "type the file's solution")
        private boolean solution;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return parent.engine().runSolution(file, session);
        }
    }
}
