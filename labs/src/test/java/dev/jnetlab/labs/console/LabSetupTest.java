package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A lab whose setup waits says what it is doing before it does it, so that the console is not
 * silent for its seconds (clock-handshake lets the routed topology's IPv6 start-up pass for
 * 10 s); a setup that does not wait says nothing more than the lab's start.
 */
class LabSetupTest {
    @Test
    void aSetupThatWaitsSaysSoFirst() throws Exception {
        LabConsole c = LabConsole.forLab("clock-handshake", 1);

        c.ok("lab start clock-handshake");

        assertEquals("Setting up lab clock-handshake (about 10 s of stack time): node h1; sleep 10; ping -c 1 h2 ...",
                c.printed.get(0), c.printed.toString());
    }

    @Test
    void aSetupThatDoesNotWaitIsQuiet() throws Exception {
        LabConsole c = new LabConsole(1);

        c.ok("lab start rst-scan");

        assertTrue(c.printed.stream().noneMatch(line -> line.startsWith("Setting up")), c.printed.toString());
    }
}
