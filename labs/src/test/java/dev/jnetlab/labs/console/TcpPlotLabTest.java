package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.Outcome;
import dev.jnetlab.labs.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The tcp-plot lab: what each step says the pictures show is what 'tcp plot' draws after the
 * reference solution's commands (the plain-letter form the console draws without colour).
 */
class TcpPlotLabTest {
    private static final String ID = "tcp-plot";

    private static String drawn(LabConsole c, String line) throws InterruptedException {
        Outcome outcome = c.type(c.engine.resolve(c.console.session().driver(), line));
        return assertInstanceOf(Outcome.Success.class, outcome).result().text();
    }

    @Test
    void eachStepShowsWhatItSays() throws Exception {
        LabConsole c = LabConsole.forLab(ID, 1);
        Lab lab = LabConsole.lab(ID);
        c.ok("lab start " + ID);
        c.solve(lab.step(1));
        String window = drawn(c, "tcp plot {tcp:9} --cwnd --ascii");
        assertTrue(window.contains("c cwnd") && window.contains("f in flight"), window);
        String flow = drawn(c, "tcp plot {tcp:9} --ascii");
        assertTrue(flow.contains("= receive window") && flow.contains("| data sent"), flow);
        assertTrue(!flow.contains("retransmit"), "no loss yet: " + flow);
        c.ok("lab next");

        c.solve(lab.step(2));
        String lossy = drawn(c, "tcp plot {tcp:9} --ascii");
        assertTrue(lossy.lines().anyMatch(l -> l.matches(".*\\b[KFR] (SACK/RACK retransmit|fast retransmit|retransmission).*")),
                "the legend names the retransmissions' letters: " + lossy);
        assertTrue(lossy.contains("s SACK"), lossy);
        String cut = drawn(c, "tcp plot {tcp:9} --cwnd --ascii");
        assertTrue(cut.contains("t ssthresh"), cut);
        c.ok("lab next");

        String dir = c.engine.resolve(c.console.session().driver(), "{dir}");
        String wrote = drawn(c, "tcp plot {tcp:9} --svg {dir}/flow.svg");
        assertTrue(wrote.startsWith("wrote " + dir + "/flow.svg"), wrote);
        assertTrue(Files.readString(Path.of(dir, "flow.svg")).contains("<svg"), "an SVG picture");
        assertTrue(c.stepDone(), c::check);
    }
}
