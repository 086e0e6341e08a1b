package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.labs.engine.LabResults;
import org.junit.jupiter.api.Test;

/**
 * What a lab's steps turn on in the trace ({@code trace hex on} in arp-ping's step 3, a
 * {@code trace on} filter) is put back as it was before the lab at its end and at
 * {@code lab stop}, and as the step found it at {@code lab retry}, like the faults.
 */
class LabTraceTest {
    /** The trace as the {@code trace} command prints it. */
    private static String trace(LabConsole c) {
        return c.console.ok("trace").text();
    }

    @Test
    void theLabsEndPutsTheTraceBackAsItWasBeforeTheLab() throws Exception {
        LabConsole c = new LabConsole(2);
        c.ok("trace on icmp");
        String before = trace(c);
        c.reach("arp-ping", 3);
        c.ok("trace hex on");
        c.solve(LabConsole.lab("arp-ping").step(3));
        c.ok("lab next");
        c.solve(LabConsole.lab("arp-ping").step(4));
        assertTrue(c.engine.progress().orElseThrow().finished(), c.check());

        assertEquals(before, trace(c));
        assertTrue(c.printed.stream().anyMatch(line -> line.contains("trace on icmp, hex off as before")),
                c.printed.toString());
    }

    @Test
    void aStopPutsTheTraceBack() throws Exception {
        LabConsole c = new LabConsole(2);
        String before = trace(c);
        c.reach("arp-ping", 3);
        c.ok("trace hex on");

        LabResults.Stopped stopped = c.console.ok("lab stop", LabResults.Stopped.class);

        assertEquals(before, trace(c));
        assertTrue(stopped.undone().contains("trace off, hex off as before"), stopped.undone().toString());
    }

    @Test
    void aRetryPutsTheTraceBackAsTheStepFoundIt() throws Exception {
        LabConsole c = new LabConsole(2);
        c.reach("arp-ping", 3);
        String stepStart = trace(c);
        c.ok("trace hex on");
        c.ok("trace on -v");

        c.ok("lab retry");

        assertEquals(stepStart, trace(c));
    }
}
