package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.Outcome;
import dev.jnetlab.labs.engine.LabResults;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a teacher writing a lab and grading one uses: lab validate, lab run --solution, lab report. */
class LabAuthoringTest {
    @TempDir
    Path dir;

    private static final String LAB = """
            id: mine
            title: Mine
            summary: A ping.
            setup:
              network: [virtual]
            steps:
              - title: Ping
                instructions: Ping the peer.
                checks:
                  - counter: {name: icmp_echo_replies_in, at-least: %d}
                hints: [Use ping.]
                learned: Pings come back.
            solution:
              - step: 1
                commands: [ping -c 1 192.168.69.100]
            """;

    @Test
    void validateSaysWhatAFileHoldsOrWhereItIsWrong() throws Exception {
        Path good = Files.writeString(dir.resolve("mine.yaml"), LAB.formatted(1));
        LabConsole c = new LabConsole(1);
        assertEquals(good + ": lab mine, 1 step, 1 check; valid. 'lab run " + good + " --solution' tries its solution.",
                c.console.ok("lab validate " + good).text());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), LAB.formatted(1).replace("counter:", "countr:"));
        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, c.console.run("lab validate " + bad));
        assertTrue(failure.message().startsWith(bad + ":10:9: unknown check 'countr' (did you mean counter?)"), failure.message());
    }

    @Test
    void runTypesTheSolutionAndSaysWhichStepsItCompletes() throws Exception {
        LabConsole c = new LabConsole(1);
        LabResults.SolutionRun passed = c.console.ok("lab run " + Files.writeString(dir.resolve("mine.yaml"), LAB.formatted(1))
                + " --solution", LabResults.SolutionRun.class);
        assertTrue(passed.passed(), passed.text() + "\n" + String.join("\n", c.console.output()) + String.join("\n", c.printed));
        LabResults.SolutionRun failed = c.console.ok("lab run " + Files.writeString(dir.resolve("two.yaml"), LAB.formatted(2))
                + " --solution", LabResults.SolutionRun.class);
        assertTrue(!failed.passed() && failed.text().contains("FAIL step 1: Ping")
                && failed.text().contains(", up 1 in this step]"), failed.text());
        assertTrue(c.engine.progress().isEmpty(), "the run stops its lab");
    }

    @Test
    void reportShowsStepsTimesHintsAndWhatWasLearned() throws Exception {
        LabConsole c = new LabConsole(1);
        c.ok("lab start arp-ping");
        c.ok("lab hint");
        c.ok("arp flush");
        c.ok("trace on arp or icmp");
        c.ok("ping -c 3 192.168.69.100");
        c.ok("arp");
        LabResults.Report report = c.console.ok("lab report", LabResults.Report.class);
        LabResults.Report.StepRecord first = report.steps().get(0);
        assertTrue(first.done() && first.hintsUsed() == 1 && first.micros() > 0 && !first.learned().isEmpty(), first.toString());
        assertTrue(!report.steps().get(1).reached() && !report.finished());
        assertTrue(report.text().contains("1. The first ping waits for ARP") && report.text().contains("hints 1 of 2"),
                report.text());
        assertTrue(report.text().matches("(?s).* done in \\d+(\\.\\d)? s, hints 1 of 2.*"), report.text());
        assertFalse(report.text().matches("(?s).*\\.\\d\\d+ s.*"), "times to a tenth of a second at most:\n" + report.text());
        c.ok("lab stop");
        assertEquals(report.steps().get(0).title(), c.console.ok("lab report", LabResults.Report.class).steps().get(0).title(),
                "the last lab's report stays after lab stop");
    }
}
