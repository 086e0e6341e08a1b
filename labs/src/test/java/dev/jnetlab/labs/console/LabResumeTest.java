package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lab resume: the lab's place is saved as it goes, so that a console started again (a new
 * network, a new engine: a restart) goes on at the step reached, and a complete lab leaves
 * nothing to resume.
 */
class LabResumeTest {
    @TempDir
    Path home;

    private LabConsole console(Path file) throws InterruptedException {
        LabConsole c = new LabConsole(3);
        c.engine.saveProgressIn(file);
        return c;
    }

    @Test
    void aRestartedConsoleGoesOnAtTheStepReached() throws Exception {
        Path file = home.resolve(".jnetlab_lab");
        LabConsole first = console(file);
        first.ok("lab start dns");
        assertTrue(Files.readString(file).contains("lab=dns\nstep=1\n"), Files.readString(file));
        first.solve(LabConsole.lab("dns").step(1));
        first.ok("lab next");
        assertTrue(Files.readString(file).contains("lab=dns\nstep=2\n"), Files.readString(file));
        // The console ends with the lab unfinished (no 'lab stop'): a restart.

        LabConsole second = console(file);
        Outcome.Success resumed = (Outcome.Success) second.type("lab resume");
        assertTrue(resumed.result().text().startsWith("Resumed lab dns at step 2 of 4; steps 1 to 1 were done in an "
                + "earlier session"), resumed.result().text());
        assertEquals(2, second.step());
        second.solve(LabConsole.lab("dns").step(2));
        assertTrue(second.stepDone(), second.check());
        second.ok("lab next");
        second.solve(LabConsole.lab("dns").step(3));
        second.ok("lab next");
        second.solve(LabConsole.lab("dns").step(4));
        assertTrue(second.engine.progress().orElseThrow().finished());
        assertFalse(Files.exists(file), "a complete lab leaves nothing to resume");
        assertEquals("lab resume: no lab to resume (" + file + " is saved as a lab goes on and removed when it is "
                + "complete)", ((Outcome.Failure) second.type("lab resume")).message());
    }

    @Test
    void aStoppedLabIsNotBroughtBack() throws Exception {
        Path file = home.resolve(".jnetlab_lab");
        LabConsole c = console(file);
        c.ok("lab start dns");
        c.solve(LabConsole.lab("dns").step(1));
        c.ok("lab next");
        c.ok("lab stop");

        assertFalse(Files.exists(file), "a stop leaves nothing to resume");
        assertTrue(((Outcome.Failure) console(file).type("lab resume")).message().startsWith("lab resume: no lab to resume"));
    }

    @Test
    void aStopInAnotherConsoleLeavesThisConsolesLab() throws Exception {
        Path file = home.resolve(".jnetlab_lab");
        LabConsole other = console(file);
        other.ok("lab start arp-ping");
        LabConsole mine = console(file);
        mine.ok("lab start dns");
        other.ok("lab stop");

        assertTrue(Files.readString(file).contains("lab=dns\nstep=1\n"), Files.readString(file));
        mine.ok("lab stop");
        assertFalse(Files.exists(file), "this console's stop removes its own record");
    }

    @Test
    void aFileThatNamesNoStepOrAConsoleThatSavesNothingIsOneLine() throws Exception {
        Path file = home.resolve(".jnetlab_lab");
        Files.writeString(file, "lab=dns\nstep=many\n");
        assertEquals("lab resume: " + file + " names no lab and step; 'lab start ID' begins one",
                ((Outcome.Failure) console(file).type("lab resume")).message());
        Files.writeString(file, "lab=dns\nstep=9\n");
        assertEquals("lab dns has 4 steps, not 9", ((Outcome.Failure) console(file).type("lab resume")).message());
        assertTrue(((Outcome.Failure) new LabConsole(3).type("lab resume")).message()
                .startsWith("lab resume: this console saves no progress"));
    }
}
