package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data-sharing archive (README, "Start-up"): made beside the jar by a
 * training run when it is missing or older than the jar, used by every start, and never left
 * half-made; and the JVM options both runs get (README, "Memory"). The real launcher runs in a copy of the project's layout with a stand-in
 * {@code java} first on the PATH, which writes down its arguments and, for a training run,
 * the archive it is asked for; file times are set explicitly, so nothing depends on the clock.
 */
class LauncherArchiveTest {
    private static final Instant JAR_TIME = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    Path root;
    Path jar;
    Path archive;
    Path calls;

    @BeforeEach
    void layout() throws IOException {
        root = dir.resolve("project");
        Path target = Files.createDirectories(root.resolve("console/target"));
        Files.copy(Path.of("..", "jnetlab").toAbsolutePath(), root.resolve("jnetlab"));
        jar = Files.writeString(target.resolve("jnetlab.jar"), "a jar");
        Files.setLastModifiedTime(jar, FileTime.from(JAR_TIME));
        archive = target.resolve("jnetlab.jsa");
        calls = dir.resolve("calls");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"), """
                #!/usr/bin/env bash
                echo "$*" >> "$CALLS"
                for arg in "$@"; do
                  case "$arg" in
                    -XX:ArchiveClassesAtExit=*)
                      [ -n "${TRAINING_FAILS:-}" ] && { echo partial > "${arg#*=}"; exit 1; }
                      echo archive > "${arg#*=}" ;;
                  esac
                done
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aMissingArchiveIsMadeByATrainingRunAndThenUsed() throws Exception {
        List<String> calls = launch(false);

        assertEquals(2, calls.size(), calls.toString());
        assertTrue(calls.get(0).matches(".*-XX:ArchiveClassesAtExit=" + Pattern.quote(archive.toString()) + "\\.[0-9]+\\.tmp .*"), calls.get(0));
        assertTrue(calls.get(0).contains("-jar " + jar), calls.get(0));
        assertTrue(calls.get(1).contains("-XX:SharedArchiveFile=" + archive + " "), calls.get(1));
        assertTrue(calls.get(1).endsWith("-jar " + jar + " -c help"), calls.get(1));
        assertEquals("archive\n", Files.readString(archive));
    }

    @Test
    void anArchiveNewerThanTheJarIsUsedAsItIs() throws Exception {
        Files.writeString(archive, "kept");
        Files.setLastModifiedTime(archive, FileTime.from(JAR_TIME.plusSeconds(1)));

        List<String> calls = launch(false);

        assertEquals(1, calls.size(), calls.toString());
        assertTrue(calls.get(0).contains("-XX:SharedArchiveFile=" + archive + " "), calls.get(0));
        assertEquals("kept", Files.readString(archive));
    }

    @Test
    void aJarNewerThanTheArchiveHasItMadeAgainAndWhatAKilledTrainingLeftIsRemoved() throws Exception {
        Files.writeString(archive, "stale");
        Files.writeString(archive.resolveSibling("jnetlab.jsa.4242.tmp"), "left by a killed training run");
        Files.setLastModifiedTime(archive, FileTime.from(JAR_TIME.minusSeconds(1)));

        List<String> calls = launch(false);

        assertEquals(2, calls.size(), calls.toString());
        assertTrue(calls.get(0).matches(".*-XX:ArchiveClassesAtExit=" + Pattern.quote(archive.toString()) + "\\.[0-9]+\\.tmp .*"), calls.get(0));
        assertEquals("archive\n", Files.readString(archive));
    }

    @Test
    void aFailedTrainingRunLeavesNoArchiveAndTheStartGoesOnWithout() throws Exception {
        List<String> calls = launch(true);

        assertEquals(2, calls.size(), calls.toString());
        assertFalse(calls.get(1).contains("SharedArchiveFile"), calls.get(1));
        assertTrue(calls.get(1).endsWith("-jar " + jar + " -c help"), calls.get(1));
        assertFalse(Files.exists(archive));
    }

    @Test
    void theJvmGetsABoundedHeapAndG1WithPeriodicCollectionsByDefault() throws Exception {
        List<String> calls = launch(false);

        for (String call : calls) {
            for (String option : List.of("-Xms16m", "-Xmx512m", "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=10000",
                    "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30")) {
                assertTrue(List.of(call.split(" ")).contains(option), option + " in " + call);
            }
        }
    }

    @Test
    void javaOptionsFromTheEnvironmentReplaceTheDefaults() throws Exception {
        List<String> calls = launch(false, "-Xmx2g -XX:+UseSerialGC");

        for (String call : calls) {
            assertTrue(call.contains(" -Xmx2g -XX:+UseSerialGC -jar "), call);
            assertFalse(call.contains("-Xmx512m") || call.contains("G1"), call);
        }
    }

    /** Runs the launcher with {@code -c help}; the stand-in java's calls, one line each. */
    private List<String> launch(boolean trainingFails) throws Exception {
        return launch(trainingFails, null);
    }

    /** As {@link #launch(boolean)}, with {@code JNETLAB_JAVA_OPTS} set to {@code javaOptions} unless null. */
    private List<String> launch(boolean trainingFails, String javaOptions) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("jnetlab").toString(), "-c", "help")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("CALLS", calls.toString());
        builder.environment().remove("JNETLAB_JAVA_OPTS");
        if (javaOptions != null) {
            builder.environment().put("JNETLAB_JAVA_OPTS", javaOptions);
        }
        if (trainingFails) {
            builder.environment().put("TRAINING_FAILS", "1");
        }
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the launcher ended");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("out")));
        try (Stream<Path> files = Files.list(jar.getParent())) {
            Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            assertTrue(Set.of("jnetlab.jar", "jnetlab.jsa").containsAll(names), "only the jar and its archive: " + names);
        }
        return Files.readAllLines(calls, StandardCharsets.UTF_8);
    }
}
