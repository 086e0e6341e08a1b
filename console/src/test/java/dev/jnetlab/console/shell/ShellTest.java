package dev.jnetlab.console.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.builtin.HelpCommand;
import dev.jnetlab.commands.builtin.QuitCommand;
import dev.jnetlab.commands.builtin.SleepCommand;
import dev.jnetlab.console.loop.ConditionWaiter;
import dev.jnetlab.console.loop.EventLoop;
import dev.jnetlab.host.driver.Pollable;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.SystemClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/** The shell driven as a person would: keys typed into a terminal, the screen read back. */
class ShellTest {
    private static final Pollable IDLE = new Pollable() {
        @Override
        public void poll(long now) {
        }

        @Override
        public long pollAt(long now) {
            return Micros.NEVER;
        }
    };

    /** A command that blocks on the stack's clock until cancelled, and says when it has started. */
    @Command(name = "block", description = "Waits for ever.")
    static final class Block implements ConsoleCommand {
        static volatile CountDownLatch started = new CountDownLatch(1);

        @Override
        public CommandResult execute(Session session) throws InterruptedException {
            started.countDown();
            session.driver().await(Micros.ofSeconds(600), now -> null);
            return new CommandResult.Message("never cancelled");
        }
    }

    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final EventLoop loop = new EventLoop("loop", new SystemClock(), new ConditionWaiter(), IDLE, e -> { }).start();
    private Terminal terminal;
    private Thread shellThread;

    @TempDir
    Path home;

    @AfterEach
    void tearDown() throws Exception {
        if (shellThread != null) {
            keyboard.close(); // the end of input ends the shell, as Ctrl-D does
            shellThread.join(5_000);
        }
        if (terminal != null) {
            terminal.close();
        }
        loop.close();
    }

    private Shell startShell(Path history) throws IOException {
        // ExternalTerminal emulates the line discipline in Java, so ^C typed while a command runs
        // raises INT in this process, as a real terminal's does (a pty-backed test terminal would
        // signal the pty's own process group instead).
        terminal = new ExternalTerminal("test", "xterm-256color", new PipedInputStream(keyboard, 1 << 16), screen,
                StandardCharsets.UTF_8);
        terminal.setSize(new Size(120, 40));
        CommandRegistry registry = new CommandRegistry();
        registry.register(() -> new HelpCommand(registry)).register(SleepCommand::new).register(QuitCommand::new)
                .register(Block::new);
        Session session = new Session(loop, line -> { });
        Shell shell = new Shell(terminal, registry, history, false);
        shellThread = new Thread(() -> shell.run(session), "shell");
        shellThread.start();
        return shell;
    }

    private void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private String screen() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    private void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; screen:\n" + screen());
            }
            Thread.sleep(10);
        }
    }

    @Test
    void runsACommandAndQuits() throws Exception {
        startShell(null);
        type("help sleep\n");
        eventually("help text", () -> screen().contains("usage: sleep SEC"));
        type("quit\n");
        shellThread.join(5_000);
        assertFalse(shellThread.isAlive(), "quit ended the shell");
    }

    @Test
    void ctrlDEndsTheShell() throws Exception {
        startShell(null);
        type("\u0004");
        shellThread.join(5_000);
        assertFalse(shellThread.isAlive());
    }

    @Test
    void aBadLineGetsOneLineOfExplanationAndTheShellGoesOn() throws Exception {
        startShell(null);
        type("slep 1\n");
        eventually("the explanation", () -> screen().contains("unknown command 'slep' (did you mean sleep?)"));
        type("tcp send 'unclosed\n");
        eventually("the syntax error", () -> screen().contains("the quote ' is never closed"));
        assertFalse(screen().contains("Exception"), "no stack trace on the screen");
        type("exit\n");
        shellThread.join(5_000);
        assertFalse(shellThread.isAlive());
    }

    @Test
    void ctrlCCancelsTheRunningCommandNotTheShell() throws Exception {
        Block.started = new CountDownLatch(1);
        startShell(null);
        type("block\n");
        assertTrue(Block.started.await(10, TimeUnit.SECONDS), "the command started");
        type("\u0003");
        eventually("the cancellation", () -> screen().contains("^C block cancelled"));
        type("help sleep\n");
        eventually("the next command", () -> screen().contains("usage: sleep SEC"));
        assertTrue(shellThread.isAlive(), "the shell is still there");
        assertFalse(screen().contains("never cancelled"));
    }

    @Test
    void outputArrivingWhileTypingKeepsTheTypedText() throws Exception {
        Shell shell = startShell(null);
        type("hel");
        eventually("the echo of the typed keys", () -> screen().contains("hel"));
        shell.printAbove("IP 192.168.69.100 > 192.168.69.1: ICMP echo request");
        eventually("the trace line", () -> screen().contains("ICMP echo request"));
        type("p sleep\n");
        eventually("help for the completed line", () -> screen().contains("usage: sleep SEC"));
    }

    @Test
    void historyPersistsBetweenRuns() throws Exception {
        Path history = home.resolve(".jnetlab_history");
        startShell(history);
        type("help sleep\n");
        eventually("help text", () -> screen().contains("usage: sleep SEC"));
        type("quit\n");
        shellThread.join(5_000);
        assertTrue(Files.readString(history).contains("help sleep"), Files.readString(history));
    }

    @Test
    void noColourWhenNotAskedFor() throws Exception {
        startShell(null);
        eventually("the prompt", () -> screen().contains("jnetlab> "));
        assertFalse(screen().contains("\u001b[1;36m"), "no ANSI colour in the prompt");
    }

    /** A terminal whose input has ended (a closed pipe) ends the shell instead of spinning. */
    @Test
    void aClosedKeyboardEndsTheShell() throws Exception {
        startShell(null);
        keyboard.close();
        shellThread.join(5_000);
        assertFalse(shellThread.isAlive());
    }
}
