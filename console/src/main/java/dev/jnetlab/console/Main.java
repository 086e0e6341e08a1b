package dev.jnetlab.console;

import dev.jnetlab.commands.plot.PlotStyle;
import dev.jnetlab.commands.report.ReportCommand;
import dev.jnetlab.commands.report.ReportSources;
import dev.jnetlab.console.web.WebView;
import dev.jnetlab.host.RecentLines;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.serve.ServeCommand;
import dev.jnetlab.commands.standard.StandardCommands;
import dev.jnetlab.console.LaunchOptions.Launch;
import dev.jnetlab.console.LaunchOptions.Mode;
import dev.jnetlab.console.LaunchOptions.UsageException;
import dev.jnetlab.console.shell.AfterCommand;
import dev.jnetlab.console.shell.Shell;
import dev.jnetlab.host.Output;
import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.LabFileException;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.console.ConsoleLabs;
import dev.jnetlab.labs.engine.LabEngine;
import dev.jnetlab.labs.engine.LabResults;
import dev.jnetlab.labs.engine.Marks;
import dev.jnetlab.stack.phy.DeviceOpenException;
import dev.jnetlab.stack.phy.RawSocket;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The {@code jnetlab} command: reads the command line and runs the chosen mode, the console
 * (interactive), {@code -c}, {@code --script}, each with or without {@code --json}.
 *
 * <p>Exit status (ARCHITECTURE.md §5): 0 success; 1 a command of {@code -c} or {@code --script} failed
 * (its message on standard error), or something failed inside jnetlab; 2 bad usage; 3 the
 * device could not be opened (the message says how to fix it). No stack trace reaches the
 * screen unless {@code --debug} asks for it.
 */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_COMMAND_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_DEVICE = 3;
    /** Internal errors reported from the stack's loop before the rest are only counted. */
    private static final int CRASHES_SHOWN = 3;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.in, System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Launch launch;
        try {
            launch = LaunchOptions.parse(args);
        } catch (UsageException e) {
            err.println("jnetlab: " + e.getMessage());
            err.println("Try 'jnetlab --help' for the options.");
            return EXIT_USAGE;
        }
        try {
            return run(launch, in, out, err);
        } catch (RuntimeException | Error e) {
            err.println("jnetlab: internal error: " + e + (launch.debug() ? "" : " (a bug; --debug shows where)"));
            if (launch.debug()) {
                e.printStackTrace(err);
            }
            return EXIT_COMMAND_FAILED;
        }
    }

    private static int run(Launch asked, InputStream in, PrintStream out, PrintStream err) {
        Launch launch = labTopology(asked);
        if (launch.mode() instanceof Mode.Help) {
            out.print(usage());
            return EXIT_OK;
        }
        if (launch.mode() instanceof Mode.Tcpdump tcpdump) {
            try (RawSocket socket = RawSocket.open(tcpdump.iface())) {
                new Tcpdump(socket, out).run(() -> false);
                return EXIT_OK;
            } catch (DeviceOpenException e) {
                err.println("jnetlab: " + e.getMessage());
                return EXIT_DEVICE;
            }
        }
        BufferedReader script = null; // for --script; and standard input when it is not a terminal
        if (launch.mode() instanceof Mode.Script file) {
            try {
                script = file.file().equals("-")
                        ? new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                        : Files.newBufferedReader(Path.of(file.file()), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                err.println("jnetlab: cannot read the script " + file.file() + ": there is no such file");
                return EXIT_USAGE;
            } catch (IOException e) {
                err.println("jnetlab: cannot read the script " + file.file() + ": " + e.getMessage());
                return EXIT_USAGE;
            }
        }
        RelayOutput output = new RelayOutput(launch.json() ? err::println : out::println);
        // What is said is kept too, for the report and the web view.
        RecentLines recent = new RecentLines(output);
        StackRuntime runtime;
        try {
            runtime = StackRuntime.start(launch, recent, crashReporter(output, launch.debug(), err));
        } catch (DeviceOpenException e) {
            err.println("jnetlab: " + e.getMessage());
            return EXIT_DEVICE;
        } catch (UsageException e) {
            err.println("jnetlab: " + e.getMessage());
            return EXIT_USAGE;
        }
        CommandRegistry registry = StandardCommands.registry()
                .onInternalError(launch.debug() ? error -> error.printStackTrace(err) : error -> { });
        Session session = runtime.session(recent);
        WebView web = null;
        try {
            String serving = null;
            if (launch.serve()) {
                try {
                    session.stack((network, now) -> {
                        ServeCommand.startServerExample(network.local());
                        return null;
                    });
                    serving = SERVING;
                } catch (dev.jnetlab.commands.CommandException | IllegalArgumentException e) {
                    err.println("jnetlab: --serve: " + e.getMessage());
                    return EXIT_USAGE;
                }
            }
            if (launch.dhcp()) {
                dhcp(registry, session, output);
            }
            LabEngine labs = ConsoleLabs.install(registry, session, launch.topology().isPresent() ? NetworkKind.TOPOLOGY : networkKind(launch.attachment()), recent);
            ReportSources sources = ConsolePictures.sources(recent, labs);
            registry.register(() -> new ReportCommand(sources));
            if (launch.web().isPresent()) {
                try {
                    web = WebView.start(session, sources, launch.web().get().address(), launch.web().get().port());
                } catch (IOException | dev.jnetlab.commands.CommandException e) {
                    err.println("jnetlab: --web: " + e.getMessage());
                    return EXIT_USAGE;
                }
                out.println("jnetlab: the live web view is at " + web.url());
            }
            // Check marks without colour; the console switches to the Unicode ones on a colour terminal.
            labs.marks(Marks.ASCII);
            AfterCommand afterCommand = () -> labs.afterCommand(session.driver());
            String labStarted = null;
            if (launch.lab().isPresent()) {
                try {
                    labStarted = labs.start(launch.lab().get(), session).text();
                } catch (CommandException e) {
                    err.println("jnetlab: --lab " + launch.lab().get() + ": " + e.getMessage());
                    return EXIT_USAGE;
                }
            }
            String started = serving == null ? labStarted : labStarted == null ? serving : serving + "\n" + labStarted;
            if (launch.mode() instanceof Mode.Interactive && System.console() != null) {
                return interactive(registry, session, output, launch.json(), err, labs, afterCommand, started);
            }
            if (started != null) {
                output.println(started);
            }
            ScriptRunner runner = new ScriptRunner(registry, session, out, err, launch.json() ? new JsonResults() : null)
                    .afterCommand(afterCommand).resultText(result -> withMarks(result, Marks.ASCII));
            if (launch.mode() instanceof Mode.Commands commands) {
                return runner.runText(commands.text());
            }
            if (launch.mode() instanceof Mode.Interactive) {
                // Not at a terminal (commands piped in, output to a file): read standard input as
                // a script, with no prompts to get in the way.
                script = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            try (BufferedReader lines = script) {
                return runner.runLines(lines);
            } catch (IOException e) {
                err.println("jnetlab: reading the script failed: " + e.getMessage());
                return EXIT_COMMAND_FAILED;
            }
        } catch (InterruptedException e) {
            return EXIT_COMMAND_FAILED;
        } finally {
            if (web != null) {
                web.close();
            }
            runtime.closeSockets(session).ifPresent(problem -> err.println("jnetlab: " + problem));
            try {
                runtime.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@code --dhcp}: this host starts with no address and no default route, and takes them from
     * a DHCP server ({@code dhcp start}); without a lease in 30 s it says so, and the client
     * keeps trying while the console runs.
     */
    /**
     * {@code --lab ID} of a lab on a topology ({@code routing} on {@code routed}), with no
     * {@code --topology} and no device: the console starts on the lab's topology, since a lab
     * cannot rebuild the network it is on. Any other launch is left as asked; a lab that is not
     * found is said by {@code lab start} itself.
     */
    private static Launch labTopology(Launch launch) {
        if (launch.lab().isEmpty() || launch.topology().isPresent() || !(launch.attachment() instanceof LaunchOptions.Attachment.Virtual)) {
            return launch;
        }
        try {
            return dev.jnetlab.labs.format.LabCatalog.builtIn().find(launch.lab().get()).setup().topology().map(launch::onTopology).orElse(launch);
        } catch (LabFileException | IllegalArgumentException e) {
            return launch;
        }
    }

    /** The host the prompt is on, for the prompt, on a topology; null on the pair or a device. */
    private static String promptNode(Session session) {
        try {
            return session.stack((network, now) -> network.topology().isPresent() ? network.currentNode() : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (dev.jnetlab.commands.CommandException e) {
            return null;
        }
    }

    private static void dhcp(CommandRegistry registry, Session session, RelayOutput output) throws InterruptedException {
        try {
            session.stack((network, now) -> {
                var iface = network.local().iface();
                iface.removeRoute(new Ipv4Cidr(Ipv4Address.UNSPECIFIED, 0));
                for (var cidr : iface.addresses()) {
                    iface.removeAddress(cidr.address());
                }
                return null;
            });
        } catch (CommandException e) {
            throw new IllegalStateException(e);
        }
        Outcome outcome = registry.run(List.of("dhcp", "start"), session);
        if (outcome instanceof Outcome.Success success) {
            output.println(success.result().text());
        } else if (outcome instanceof Outcome.Failure failure) {
            output.println("jnetlab: --dhcp: " + failure.message());
        }
    }

    /** What {@code --serve} says at the start: what runs, as {@code serve} would list it. */
    static final String SERVING = "serving server-example on this host: UDP 6969 answers \"yo dawg\", TCP 6969 "
            + "answers each chunk reversed, 64-octet buffers ('serve' lists the services, 'serve stop all' stops them)";

    /** The console: a JLine shell on the system terminal (standard input and output are both a terminal). */
    /**
     * Whether the shell uses colour and Unicode marks: not when {@code NO_COLOR} is set (to
     * anything, even nothing), not without a console, not on a dumb terminal.
     */
    static boolean colour(String noColor, boolean console, String terminalType) {
        return noColor == null && console && !Terminal.TYPE_DUMB.equals(terminalType)
                && !Terminal.TYPE_DUMB_COLOR.equals(terminalType);
    }

    private static int interactive(CommandRegistry registry, Session session, RelayOutput output, boolean json,
                                   PrintStream err, LabEngine labs, AfterCommand afterCommand, String started)
            throws InterruptedException {
        Terminal terminal;
        try {
            // JLine's own JNI library, else stty(1) through exec: left to itself JLine also loads
            // its JNA and Jansi providers to ask each about the console, and JNA's start-up (its
            // native library unpacked and loaded) was a fifth of the time to the prompt (README,
            // "Start-up"). The stack's devices load JNA later, when a tap or raw socket opens.
            terminal = TerminalBuilder.builder().name("jnetlab").system(true).dumb(true)
                    .jna(false).jansi(false).build();
        } catch (IOException e) {
            err.println("jnetlab: cannot open the terminal: " + e.getMessage());
            return EXIT_USAGE;
        }
        boolean colour = colour(System.getenv("NO_COLOR"), System.console() != null, terminal.getType());
        Path history = historyFile(System.getenv("HOME"), System.getProperty("user.home"));
        // Beside the history: where an unfinished lab is, for 'lab resume' after a restart.
        labs.saveProgressIn(history.resolveSibling(".jnetlab_lab"));
        labs.marks(colour ? Marks.UNICODE : Marks.ASCII);
        // The lab ids when first completed: the catalog reads the labs on demand (README, "Start-up").
        Shell shell = new Shell(terminal, registry, history, colour)
                .completions((s, label) -> "ID".equals(label)
                        ? labs.catalog().labs().stream().map(Lab::id).toList() : Completions.values(s, label))
                .node(Main::promptNode)
                .status(s -> StatusLine.of(s) + StatusLine.lab(labs.progress())).json(json ? new JsonResults() : null).afterCommand(afterCommand)
                .resultText(result -> withMarks(result, colour ? Marks.UNICODE : Marks.ASCII));
        output.relayTo(shell.output());
        PlotStyle.useTerminal(terminal::getWidth, terminal.encoding());
        try {
            shell.output().println(Welcome.text(session));
            if (started != null) {
                shell.output().println(started);
            }
            shell.run(session);
            return EXIT_OK;
        } finally {
            output.relayTo(err::println);
            PlotStyle.useTerminal(null, null);
            shell.close();
            try {
                terminal.close();
            } catch (IOException e) {
                err.println("jnetlab: closing the terminal: " + e.getMessage());
            }
        }
    }

    /**
     * {@code ~/.jnetlab_history}, where {@code ~} is {@code $HOME} as the shell has it (the JVM's
     * user.home comes from the password database, which several people on one account, or a
     * {@code sudo -E}, would share); user.home when HOME is not set.
     */
    static Path historyFile(String home, String userHome) {
        return Path.of(home == null || home.isBlank() ? userHome : home, ".jnetlab_history");
    }

    /** A result's text, its check marks as {@code marks} (the lab's status and check carry marks). */
    static String withMarks(CommandResult result, Marks marks) {
        if (result instanceof LabResults.Status status) {
            return status.render(marks);
        }
        if (result instanceof LabResults.Checked checked) {
            return checked.render(marks);
        }
        return result.text();
    }

    private static NetworkKind networkKind(LaunchOptions.Attachment attachment) {
        if (attachment instanceof LaunchOptions.Attachment.Tap) {
            return NetworkKind.TAP;
        }
        if (attachment instanceof LaunchOptions.Attachment.Raw) {
            return NetworkKind.RAW;
        }
        return NetworkKind.VIRTUAL;
    }

    /** Prints the first few exceptions thrown by a poll (each a bug), then only counts them. */
    private static Consumer<Throwable> crashReporter(Output output, boolean debug, PrintStream err) {
        AtomicInteger count = new AtomicInteger();
        return error -> {
            int n = count.incrementAndGet();
            if (n <= CRASHES_SHOWN) {
                output.println("jnetlab: internal error in the stack: " + error
                        + (debug ? "" : " (a bug; --debug shows where)") + (n == CRASHES_SHOWN ? "; further ones are not shown" : ""));
                if (debug) {
                    error.printStackTrace(err);
                }
            }
        };
    }

    static String usage() {
        try (InputStream in = Main.class.getResourceAsStream("usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Output whose destination changes when the shell takes over the terminal, and back when it ends. */
    static final class RelayOutput implements Output {
        private volatile Output target;

        RelayOutput(Output target) {
            this.target = target;
        }

        void relayTo(Output newTarget) {
            target = newTarget;
        }

        @Override
        public void println(String line) {
            target.println(line);
        }
    }
}
