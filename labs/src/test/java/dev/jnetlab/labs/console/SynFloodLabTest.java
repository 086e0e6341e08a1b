package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.Outcome;
import dev.jnetlab.labs.Lab;
import org.junit.jupiter.api.Test;

/**
 * The syn-flood lab on the routed topology: what each step says 'tcp show' of the listener and
 * the commands print is what they print, with the reference solution's commands.
 */
class SynFloodLabTest {
    private static final String ID = "syn-flood";

    private static String shown(LabConsole c, String handle) throws InterruptedException {
        Outcome outcome = c.type("tcp show " + handle);
        return assertInstanceOf(Outcome.Success.class, outcome).result().text();
    }

    @Test
    void eachStepShowsWhatItSays() throws Exception {
        LabConsole c = LabConsole.forLab(ID, 1);
        Lab lab = LabConsole.lab(ID);
        c.ok("lab start " + ID);
        c.solve(lab.step(1));
        String listener = c.engine.resolve(c.console.session().driver(), "{listen:80}");
        String step1 = shown(c, listener);
        assertTrue(step1.contains("backlog:      0 of 128 waiting, 0 half-open (at most 8)"), step1);
        assertTrue(step1.contains("accepted:     1\n"), step1);
        assertTrue(step1.contains("cookies:      0 sent, 0 validated, 0 rejected"), step1);
        c.ok("lab next");

        c.solve(lab.step(2));
        String step2 = shown(c, listener);
        assertTrue(step2.contains("8 half-open (at most 8)"), step2);
        assertTrue(step2.contains("cookies:      32 sent"), step2);
        c.ok("lab next");

        c.solve(lab.step(3));
        String step3 = shown(c, listener);
        assertTrue(step3.contains("8 half-open (at most 8)"), "still full: " + step3);
        assertTrue(step3.contains("accepted:     2\n"), step3);
        assertTrue(step3.contains("33 sent, 1 validated"), "one more cookie, h2's, and it came back: " + step3);
        c.ok("lab next");

        c.ok("tcp listen 81 --half-open 8 --syncookies 0");
        c.ok("h2: craft tcp to h1:81 flags S");
        c.ok("h2: send -c 40 --rand-source 198.51.100.0/24");
        c.ok("sleep 0.1");
        Outcome refused = c.type("h2: tcp connect h1:81");
        String why = assertInstanceOf(Outcome.Failure.class, refused).message();
        assertTrue(why.contains("timed out") && why.contains("no answer to the SYN"), why);
        String step4 = shown(c, c.engine.resolve(c.console.session().driver(), "{listen:81}"));
        assertTrue(step4.contains("syncookies:   0 (never)"), step4);
        assertTrue(step4.contains("8 half-open (at most 8)"), step4);
        assertTrue(step4.matches("(?s).*dropped:      0 SYNs \\(backlog full\\), ([3-9]\\d) SYNs \\(half-open full, no cookies\\).*"),
                "the 32 forged SYNs and h2's tries: " + step4);
        assertTrue(c.stepDone(), c::check);
    }
}
