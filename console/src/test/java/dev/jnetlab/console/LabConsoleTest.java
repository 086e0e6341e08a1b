package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.standard.StandardCommands;
import dev.jnetlab.console.loop.ConditionWaiter;
import dev.jnetlab.console.loop.EventLoop;
import dev.jnetlab.console.shell.Shell;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.console.ConsoleLabs;
import dev.jnetlab.labs.engine.LabEngine;
import dev.jnetlab.labs.engine.Marks;
import dev.jnetlab.stack.time.SystemClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lab in the interactive console, wired as {@code Main} wires it, in real time: the engine's
 * ticker polled by the event loop with the stack, its checks after every line, the running lab
 * on the status line.
 */
class LabConsoleTest {
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private Terminal terminal;
    private EventLoop loop;
    private Shell shell;
    private Thread shellThread;

    @BeforeEach
    void start() throws Exception {
        terminal = new ExternalTerminal("test", "xterm-256color", new PipedInputStream(keyboard, 1 << 16), screen,
                StandardCharsets.UTF_8);
        terminal.setSize(new Size(160, 40));
        CommandRegistry registry = StandardCommands.registry();
        shell = new Shell(terminal, registry, null, false);
        Network network = Network.virtual(NetworkConfig.defaults(3), shell.output());
        loop = new EventLoop("stack", new SystemClock(), new ConditionWaiter(), network, e -> { }).start();
        Session session = new Session(loop, shell.output(), network);
        LabEngine labs = ConsoleLabs.install(registry, session, NetworkKind.VIRTUAL, shell.output());
        labs.marks(Marks.ASCII);
        shell.afterCommand(() -> labs.afterCommand(session.driver()))
                .resultText(result -> Main.withMarks(result, Marks.ASCII))
                .status(s -> StatusLine.of(s) + StatusLine.lab(labs.progress()));
        shellThread = new Thread(() -> shell.run(session), "shell");
        shellThread.start();
    }

    @AfterEach
    void stop() throws Exception {
        keyboard.close();
        shellThread.join(5_000);
        shell.close();
        terminal.close();
        loop.close();
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
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; screen:\n" + screen());
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theTickerFinishesAStepWhileACommandStillRunsAndTheStatusLineFollows() throws Exception {
        type("lab start arp-ping\n");
        eventually("the lab to start", () -> screen().contains("Step 1 of 4"));
        eventually("the status line", () -> screen().contains("lab arp-ping: step 1 of 4"));
        type("arp flush\n");
        type("trace on arp or icmp\n");
        type("arp\n");
        // The fourth request goes 1.5 s in; the third reply, all step 1 asks, comes 1 s in, and
        // the ticker (every 250 ms of the loop's clock) says so while ping still waits.
        type("ping -c 4 -i 0.5 192.168.69.100\n");
        eventually("the statistics", () -> screen().contains("--- 192.168.69.100 ping statistics ---"));
        String text = screen();
        int done = text.indexOf("[x] Step 1 of 4 done");
        assertTrue(done >= 0, text);
        assertTrue(done < text.indexOf("--- 192.168.69.100 ping statistics ---"), "done before ping ended: " + text);
        eventually("the status line to say so", () -> screen().contains(", done"));
        type("lab next\n");
        eventually("step 2", () -> screen().contains("Step 2 of 4"));
        type("lab stop\n");
        eventually("the lab to stop", () -> screen().contains("Stopped lab arp-ping at step 2 of 4."));
    }
}
