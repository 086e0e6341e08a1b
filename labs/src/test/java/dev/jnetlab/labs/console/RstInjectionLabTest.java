package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.standard.StandardCommands;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.engine.LabEngine;
import dev.jnetlab.labs.engine.LabProgress;
import dev.jnetlab.labs.format.LabCatalog;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rst-injection lab (RFC 5961 with craft and sr): its reference solution completes it for
 * every seed tried, every step refuses the plausible wrong ways of doing it, and what a step
 * says the screen shows is what the commands print.
 */
class RstInjectionLabTest {
    private static final String ID = "rst-injection";

    /** A fresh console with the lab started, run to the start of step {@code step} by the reference solution. */
    private static final class Student {
        final VirtualConsole console;
        final LabEngine engine;
        final Lab lab;

        Student(long seed) throws Exception {
            lab = LabCatalog.builtIn().find(ID);
            console = new VirtualConsole(NetworkConfig.defaults(seed), StandardCommands.registry());
            engine = ConsoleLabs.install(console.registry(), console.session(), NetworkKind.VIRTUAL, line -> { });
            type("lab start " + ID);
        }

        Student at(int step) throws Exception {
            for (int number = 1; number < step; number++) {
                solve(number);
                type("lab next");
            }
            return this;
        }

        void solve(int step) throws Exception {
            for (String command : lab.step(step).solution()) {
                type(command);
            }
        }

        /** Types {@code line} as the student would read it: the lab's socket names ({@code {tcp:7}}) as their handles. */
        Outcome type(String line) throws InterruptedException {
            Outcome outcome = console.run(engine.resolve(console.session().driver(), line));
            engine.afterCommand(console.session().driver());
            return outcome;
        }

        /** Types every line, lets two seconds pass as a person would, and says whether the step is done. */
        boolean done(String... lines) throws Exception {
            for (String line : lines) {
                type(line);
            }
            console.idle(2_000_000);
            engine.afterCommand(console.session().driver());
            return progress().stepDone();
        }

        LabProgress progress() {
            return engine.progress().orElseThrow();
        }
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 50);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theReferenceSolutionCompletesEveryStepForEverySeed(long seed) throws Exception {
        Student student = new Student(seed);
        int steps = student.lab.steps().size();
        for (int step = 1; step <= steps; step++) {
            student.solve(step);
            assertTrue(student.progress().stepDone(), "seed " + seed + ", step " + step + ":\n"
                    + student.console.ok("lab check").text());
            if (step < steps) {
                student.type("lab next");
            }
        }
        assertTrue(student.progress().finished());
    }

    /** Each step done wrongly, in the ways a student plausibly would, is refused. */
    @Nested
    class WrongWork {
        /** The same harness accepts the right work, so a refusal below is the lab's and not the harness's. */
        @ParameterizedTest(name = "step {0}")
        @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 4, 5})
        void theRightWorkIsAcceptedByTheSameHarness(int step) throws Exception {
            Student student = new Student(1).at(step);
            assertTrue(student.done(student.lab.step(step).solution().toArray(String[]::new)));
        }

        @Test
        void step1RefusesAConnectionToAnotherService() throws Exception {
            assertFalse(new Student(1).at(1).done("tcp connect 192.168.69.100:9", "tcp show 1"));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "the exact reset, which the peer obeys  | sr tcp like 1 flags R seq +0",
            "a reset outside the window             | sr tcp like 1 flags R seq +1000000000",
            "a reset from another port              | sr tcp to 192.168.69.100:7 flags R seq 5",
            "no reset, only data                    | tcp send 1 hello; tcp recv 1 --wait 1",
            "a bare ACK in the window               | sr tcp like 1",
        })
        void step2RefusesAllButAResetInTheWindowThatIsNotExact(String why, String lines) throws Exception {
            assertFalse(new Student(1).at(2).done(lines.split("; ")), why);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "a reset inside the window, then data   | sr tcp like 1 flags R seq +1; tcp send 1 hello; tcp recv 1 --wait 1",
            "the exact reset, then data             | sr tcp like 1 flags R seq +0; tcp send 1 hello",
            "data without a reset                   | tcp send 1 hello; tcp recv 1 --wait 1",
            "a reset outside the window, no data    | sr tcp like 1 flags R seq +1000000000",
        })
        void step3RefusesAllButAResetOutsideTheWindowThatLeavesTheConnectionEchoing(String why, String lines)
                throws Exception {
            assertFalse(new Student(1).at(3).done(lines.split("; ")), why);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "a reset inside the window, then data   | sr tcp like 1 flags R seq +1; tcp send 1 hello",
            "a reset outside the window, then data  | sr tcp like 1 flags R seq +1000000000; tcp send 1 hello",
            "this host's own abort                  | tcp abort 1",
            "the exact reset and nothing after it   | sr tcp like 1 flags R seq +0",
        })
        void step4RefusesAllButTheExactResetThatThePeerThenProves(String why, String lines) throws Exception {
            assertFalse(new Student(1).at(4).done(lines.split("; ")), why);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "a SYN from another port                | tcp connect 192.168.69.100:7; sr tcp to 192.168.69.100:7 flags S seq 5",
            "a second connection instead            | tcp connect 192.168.69.100:7; tcp connect 192.168.69.100:7",
            "a reset instead of a SYN               | tcp connect 192.168.69.100:7; sr tcp like 2 flags R seq +1",
            "no connection to put the SYN in        | sr tcp to 192.168.69.100:7 flags S seq 5",
        })
        void step5RefusesAllButASynInsideAnEstablishedConnection(String why, String lines) throws Exception {
            assertFalse(new Student(1).at(5).done(lines.split("; ")), why);
        }
    }

    /** What each step's text says the screen shows is what the commands print. */
    @Nested
    class TheScreen {
        @Test
        void step2sResetIsAnsweredByABareAckWhoseAckIsSndNxt() throws Exception {
            Student student = new Student(3).at(2);
            String shown = student.console.ok("sr tcp like 1 flags R seq +1").text();
            String sndNxt = student.console.ok("tcp show 1").text().replaceAll("(?s).*SND\\.NXT: *(\\d+).*", "$1");
            assertTrue(shown.contains("received 1 answer:\nIP 192.168.69.100.7 > 192.168.69.1."), shown);
            assertTrue(shown.contains(": Flags [.], ack " + sndNxt + ", "), shown + "\nSND.NXT " + sndNxt);
        }

        @Test
        void step3sAndStep4sResetsGetNoAnswerAndStep4sTextGetsAReset() throws Exception {
            Student student = new Student(3).at(3);
            assertTrue(student.console.ok("sr tcp like 1 flags R seq +1000000000").text().endsWith("no answer within 2 s"));
            student.solve(3);
            student.type("lab next");
            assertTrue(student.console.ok("sr tcp like 1 flags R seq +0").text().endsWith("no answer within 2 s"));
            student.type("trace on tcp");
            student.console.ok("tcp send 1 hello");
            student.console.idle(1_000_000);
            List<String> resets = student.console.output().stream().filter(line -> line.contains(" rx: ")
                    && line.contains("Flags [R]")).toList();
            assertEquals(1, resets.size(), student.console.output().toString());
            assertTrue(student.console.ok("sockets").text().contains("CLOSED"));
        }

        @Test
        void step5sSynIsChallengedAndTheConnectionStaysEstablished() throws Exception {
            Student student = new Student(3).at(5);
            student.console.ok("tcp connect 192.168.69.100:7");
            String shown = student.console.ok("sr tcp like 2 flags S seq +0").text();
            assertTrue(shown.matches("(?s).*received 1 answer:\nIP 192\\.168\\.69\\.100\\.7 > \\S+: Flags \\[\\.\\], ack .*"), shown);
            assertTrue(student.console.ok("sockets").text().contains("ESTABLISHED"));
        }
    }
}
