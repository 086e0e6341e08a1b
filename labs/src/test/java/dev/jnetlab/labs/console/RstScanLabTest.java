package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.labs.engine.LabResults;
import dev.jnetlab.stack.socket.SocketKind;
import org.junit.jupiter.api.Test;

/**
 * The rst-scan lab as a new student did it in a trial: a connection to port 80 opened by
 * mistake in step 1, a 'tcp close' where step 3 asks for an abort, then 'lab retry'.
 */
class RstScanLabTest {
    private static final String PEER = "192.168.69.100:";

    /** Step 1 with a connection to port 80 by mistake, then the refused one it asks for; 'lab next'. */
    private static LabConsole stepOneWithAMistake() throws InterruptedException {
        LabConsole c = new LabConsole(3);
        c.ok("lab start rst-scan");
        c.ok("trace on tcp");
        c.ok("tcp connect " + PEER + "80");
        c.type("tcp connect " + PEER + "81");
        c.ok("sleep 1");
        assertTrue(c.stepDone(), c.check());
        c.ok("lab next");
        return c;
    }

    @Test
    void aSynToAnotherPortIsNamedInsteadOfNoneSeen() throws Exception {
        LabConsole c = new LabConsole(3);
        c.ok("lab start rst-scan");
        c.ok("tcp connect " + PEER + "80");
        c.ok("sleep 1");

        String check = c.check();
        assertFalse(c.stepDone());
        assertTrue(check.contains("✗ your SYN went to port 81  [none seen yet; a SYN went to port 80 instead]"), check);
    }

    @Test
    void theScanCountsOnlyConnectionsOfItsOwnStep() throws Exception {
        LabConsole c = stepOneWithAMistake();
        for (int port : new int[] {7, 9, 19, 22, 443}) {
            c.type("tcp connect " + PEER + port);
        }
        c.ok("sleep 1");

        assertFalse(c.stepDone(), () -> "step 1's connection to port 80 counted in step 2:\n" + c.check());
        c.ok("tcp connect " + PEER + "80");
        c.ok("sleep 1");
        assertTrue(c.stepDone(), c.check());
    }

    @Test
    void aCloseInsteadOfAnAbortIsNamedAndRetryConnectsToPort7Again() throws Exception {
        LabConsole c = stepOneWithAMistake();
        c.solve(LabConsole.lab("rst-scan").step(2));
        assertTrue(c.stepDone(), c.check());
        c.ok("lab next");
        String closed = c.engine.resolve(c.console.session().driver(), "{tcp:7}");
        c.ok("tcp close " + closed.substring(closed.indexOf('#') + 1));
        c.ok("sleep 1");
        assertFalse(c.stepDone(), "a FIN is not a RST");
        assertTrue(c.check().contains("a FIN+ACK went to port 7 instead"), c.check());
        assertTrue(c.console.ok("lab hint").text().contains("'sockets' lists the connection to port 7"));
        assertTrue(c.console.ok("lab hint").text().contains("'lab retry' connects to port 7 again"));

        LabResults.Retried retried = c.console.ok("lab retry", LabResults.Retried.class);

        assertTrue(retried.lost().contains(closed + " went from ESTABLISHED to TIME-WAIT"), retried.lost().toString());
        String again = c.engine.resolve(c.console.session().driver(), "{tcp:7}");
        assertTrue(retried.text().contains("tcp abort " + again), retried.text());
        assertTrue(c.console.stack((net, now) -> net.local().sockets().summaries()).stream()
                .anyMatch(s -> s.kind() == SocketKind.TCP && s.handle().toString().equals(again)
                        && s.state().equals("ESTABLISHED") && String.valueOf(s.remote()).endsWith(":7")),
                c.console.ok("sockets").text());
        assertEquals(3, c.step());
        c.ok("tcp abort " + again.substring(again.indexOf('#') + 1));
        c.ok("sleep 1");
        assertTrue(c.stepDone(), c.check());
    }
}
