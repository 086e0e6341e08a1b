package dev.jnetlab.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A terminal a test types into and reads, as a person would: a tmux session on a server of its
 * own, whose socket lives in a directory of the test's own (so parallel runs never meet, and
 * {@link #close} removes it: tmux leaves its socket behind when the server is killed), a shell
 * in it, keys sent with {@code send-keys} and the screen read with {@code capture-pane}. Every
 * wait is bounded.
 */
final class Tmux implements AutoCloseable {
    private final Path socketDirectory;
    private final Path socket;
    private final String session;
    private final String target;

    /**
     * A {@code width} by {@code height} terminal running {@code bash} with HOME at {@code home}.
     * Its history is not saved: bash would write {@code home/.bash_history} as {@link #close}
     * ends it, racing the test's removal of {@code home}.
     */
    Tmux(String name, int width, int height, Path home) throws IOException, InterruptedException {
        this.socketDirectory = Files.createTempDirectory("jnetlab-tmux-");
        this.socket = socketDirectory.resolve("socket");
        this.session = "jnetlab-" + name;
        this.target = session + ":0.0";
        run("new-session", "-d", "-s", session, "-x", Integer.toString(width), "-y", Integer.toString(height),
                "env -i HOME=" + home + " PATH=/usr/bin:/bin TERM=xterm-256color PS1='$ ' HISTFILE= bash --norc --noprofile -i");
        run("set-option", "-t", session, "status", "off");
    }

    /** Skips the calling test when tmux is not installed; under CI=true fails it instead (.ci/run installs tmux). */
    static void require() {
        if (!available()) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("tmux is not installed (CI=true: this test must run; .ci/run installs it)");
            }
            Assumptions.abort("tmux is not installed");
        }
    }

    /**
     * Writes {@code home/jnetlab.sh}, which starts this test JVM's console ({@link Main}) on its
     * class path after {@code environment} (variable assignments, or nothing), for a shell in the
     * terminal to run.
     */
    static Path consoleLauncher(Path home, String environment) throws IOException {
        Path launcher = home.resolve("jnetlab.sh");
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(launcher, environment + "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + "\n");
        return launcher;
    }

    private static boolean available() {
        try {
            Process process = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Types {@code text} as it is (no key names), without Enter. */
    void type(String text) throws IOException, InterruptedException {
        run("send-keys", "-t", target, "-l", "--", text);
    }

    /** Types {@code line} and Enter. */
    void enter(String line) throws IOException, InterruptedException {
        type(line);
        keys("Enter");
    }

    /** Presses keys by tmux's names: {@code Tab}, {@code C-c}, {@code Enter}. */
    void keys(String... names) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", target));
        args.addAll(List.of(names));
        run(args.toArray(String[]::new));
    }

    /** The visible screen, one string per row, trailing blanks dropped. */
    List<String> screen() throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-t", target).lines().map(String::stripTrailing).toList();
    }

    /** Everything printed so far, scrollback included, with the lines the terminal wrapped joined again. */
    List<String> history() throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-J", "-S", "-", "-t", target).lines().map(String::stripTrailing).toList();
    }

    /** Waits until some screen row passes {@code row}; fails with the screen after {@code seconds}. */
    List<String> waitFor(String what, Predicate<String> row, int seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> screen = screen();
        while (screen.stream().noneMatch(row)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + what + " on the screen within " + seconds + " s:\n"
                        + String.join("\n", screen));
            }
            Thread.sleep(100);
            screen = screen();
        }
        return screen;
    }

    /** Waits until a screen row contains {@code text}. */
    List<String> waitFor(String text, int seconds) throws IOException, InterruptedException {
        return waitFor("'" + text + "'", line -> line.contains(text), seconds);
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tmux " + String.join(" ", args) + " did not end");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + ": " + text.strip());
        }
        return text;
    }

    /** Ends the session and its server, and whatever still runs in it. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("kill-server");
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socketDirectory);
        }
    }
}
