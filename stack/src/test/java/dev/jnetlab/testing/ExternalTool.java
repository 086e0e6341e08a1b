package dev.jnetlab.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A program the tests run to check their output the way people will (tshark, tcpdump).
 * Missing, the test is skipped with the reason, except under {@code CI=true}, where it fails:
 * CI must run every check.
 */
public final class ExternalTool {
    private final Path program;

    private ExternalTool(Path program) {
        this.program = program;
    }

    /** What one run printed. */
    public record Output(int exitStatus, List<String> out, List<String> err) {
    }

    /** Where {@code name} is on the PATH (or in /usr/sbin, /sbin, where Debian puts admin tools). */
    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, name);
            if (candidate != null && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The tool, or the test ends here: skipped, or failed under CI=true. */
    public static ExternalTool require(String name, String debianPackage) {
        Optional<Path> program = find(name);
        if (program.isPresent()) {
            return new ExternalTool(program.get());
        }
        String reason = "no '" + name + "' on PATH (apt-get install " + debianPackage + ")";
        if (Ci.required()) {
            fail(reason + " (CI=true: this check must run in CI)");
        }
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    /** Runs the tool with {@code arguments}, waiting at most 60 seconds for it to finish. */
    public Output run(Path workDir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished, () -> command + " did not finish in 60 s");
        return new Output(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }
}
