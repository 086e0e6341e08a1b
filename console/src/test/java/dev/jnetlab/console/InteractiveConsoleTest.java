package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.standard.StandardCommands;
import dev.jnetlab.console.loop.ConditionWaiter;
import dev.jnetlab.console.loop.EventLoop;
import dev.jnetlab.console.shell.Shell;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.host.Service;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.time.Micros;
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
 * The whole console as a person uses it, through a terminal over pipes: the shell, the stack's
 * event loop in real time on the virtual network, completion values and the status line.
 */
class InteractiveConsoleTest {
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private Terminal terminal;
    private EventLoop loop;
    private Session session;
    private Shell shell;
    private Thread shellThread;

    @BeforeEach
    void start() throws IOException {
        terminal = new ExternalTerminal("test", "xterm-256color", new PipedInputStream(keyboard, 1 << 16), screen,
                StandardCharsets.UTF_8);
        terminal.setSize(new Size(160, 40));
        shell = new Shell(terminal, StandardCommands.registry(), null, false)
                .completions(Completions::values).status(StatusLine::of);
        Network network = Network.virtual(NetworkConfig.defaults(3), shell.output());
        loop = new EventLoop("stack", new SystemClock(), new ConditionWaiter(), network, e -> { }).start();
        session = new Session(loop, shell.output(), network);
        shellThread = new Thread(() -> shell.run(session), "shell");
        shellThread.start();
    }

    @AfterEach
    void stop() throws Exception {
        keyboard.close(); // the end of input ends the shell, as Ctrl-D does
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

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** Makes the peer send this host a datagram every 20 ms, to a port with no socket: a steady trace. */
    private void chatter() throws CommandException, InterruptedException {
        session.stack((network, now) -> {
            Host peer = network.peer().orElseThrow();
            UdpSocket socket = new UdpSocket();
            peer.sockets().add(socket);
            try {
                socket.bind(5353);
            } catch (SocketException.Bind e) {
                throw new AssertionError(e);
            }
            peer.addService(new Service() {
                private long next;

                @Override
                public String name() {
                    return "chatter";
                }

                @Override
                public void poll(long t) {
                    if (t >= next) {
                        next = t + Micros.ofMillis(20);
                        try {
                            socket.sendTo(Endpoint.parse("192.168.69.1:9"), new byte[] {1}, 0, 1);
                        } catch (SocketException.Send e) {
                            throw new AssertionError(e);
                        }
                    }
                }

                @Override
                public long pollAt(long t) {
                    return next;
                }
            });
            return null;
        });
    }

    @Test
    void aCommandTypedWhileTraceLinesArriveKeepsItsText() throws Exception {
        type("trace on udp\n");
        eventually("the trace to start", () -> screen().contains("trace on: udp"));
        chatter();
        eventually("trace lines", () -> count(screen(), "rx: IP 192.168.69.100.5353 > 192.168.69.1.9: UDP") >= 3);
        type("hel");
        int before = count(screen(), "rx: IP 192.168.69.100.5353");
        eventually("more trace lines while typing", () -> count(screen(), "rx: IP 192.168.69.100.5353") >= before + 5);
        String afterLines = screen().substring(screen().lastIndexOf("rx: IP 192.168.69.100.5353"));
        assertTrue(afterLines.contains("jnetlab> hel"), "the typed text was redrawn below the lines: " + afterLines);
        type("p sleep\n");
        eventually("help for the line as typed", () -> screen().contains("usage: sleep SEC"));
    }

    @Test
    void ctrlCEndsAPingWithItsStatistics() throws Exception {
        type("ping -c 0 -i 0.2 192.168.69.100\n");
        eventually("replies", () -> screen().contains("icmp_seq=3 ttl=64"));
        type("\u0003");
        eventually("the statistics", () -> screen().contains("--- 192.168.69.100 ping statistics ---"));
        assertTrue(screen().contains("packets transmitted, "), screen());
        assertFalse(screen().contains("cancelled"), "a ping ends with its statistics, not as cancelled");
        type("sockets\n");
        eventually("the next command", () -> screen().contains("no sockets are open"));
        assertTrue(shellThread.isAlive());
    }

    @Test
    void theStatusLineShowsTheDeviceAddressSocketsAndFaults() throws Exception {
        eventually("the status line", () -> screen().contains("virtual0 192.168.69.1/24 | 0 sockets"));
        type("udp bind 7; fault drop 10\n");
        eventually("the status line updated", () -> screen().contains("1 socket | faults: drop 10%"));
    }

    @Test
    void tabCompletesAnOpenHandle() throws Exception {
        type("udp bind 7\n");
        eventually("the socket", () -> screen().contains("udp#1 bound to 0.0.0.0:7"));
        type("udp recv u\t");
        eventually("the completed handle", () -> screen().contains("udp recv udp#1"));
        type("\n");
        eventually("the command with it", () -> screen().contains("nothing has arrived on udp#1"));
    }

    @Test
    void ctrlDEndsTheConsole() throws Exception {
        type("\u0004");
        shellThread.join(5_000);
        assertFalse(shellThread.isAlive());
    }
}
