package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.SocketKind;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shared-bottleneck lab on the dumbbell, where the lab's work is on two hosts: h2's
 * connection is named by the handle h2 gave it, counted as h2's, and closed by {@code lab stop}
 * like h1's, while h2's connections from before the lab are left alone.
 */
class SharedBottleneckLabTest {
    private final LabConsole c;

    SharedBottleneckLabTest() throws InterruptedException {
        c = LabConsole.forLab("shared-bottleneck", 2);
    }

    /** The remote ports of h2's TCP connections (its services' listeners aside). */
    private List<Integer> h2Connections() {
        return c.console.stack((net, now) -> net.topology().orElseThrow().host("h2").orElseThrow().host().sockets()
                .summaries().stream().filter(s -> s.kind() == SocketKind.TCP).map(s -> s.remote().port()).toList());
    }

    @Test
    void h2sConnectionIsNamedByTheHandleH2GaveIt() throws Exception {
        c.reach("shared-bottleneck", 2);
        String handle = c.console.ok("h2: tcp connect h4:9").text().split(" ")[0];
        c.engine.afterCommand(c.console.session().driver());
        assertTrue(c.printed.stream().anyMatch(line -> line.startsWith("Lab: " + handle
                + " is your TCP connection to port 9 on h2. The step's commands with it:\n  h2: tcp send " + handle)),
                String.join("\n", c.printed));
        assertEquals("h2: tcp show " + handle, c.engine.resolve(c.console.session().driver(), "h2: tcp show {tcp:9@h2}"));
        assertEquals("tcp show tcp#1", c.engine.resolve(c.console.session().driver(), "tcp show {tcp:9}"),
                "h1's own connection, the first socket of h1");
    }

    @Test
    void labStopClosesTheLabsConnectionOnH2AndLeavesH2sConnectionFromBefore() throws Exception {
        c.ok("h2: tcp connect h4:7");
        c.reach("shared-bottleneck", 2);
        c.ok("h2: tcp connect h4:9");
        assertEquals(List.of(7, 9), h2Connections());
        c.ok("lab stop");
        c.console.idle(1_000_000);
        assertEquals(List.of(7), h2Connections(), "the lab's connection on h2 is closed, the one from before stays");
    }

    /** The octets {@code tcp show} of this connection says were sent. */
    private long sent(String show) throws InterruptedException {
        String text = c.console.ok(c.engine.resolve(c.console.session().driver(), show)).text();
        Matcher m = Pattern.compile("(\\d+) sent").matcher(text);
        assertTrue(m.find(), text);
        return Long.parseLong(m.group(1));
    }

    @Test
    void whatTheLessonSaysIsWhatTheScreenShowsTheFlowThatCutsLessKeepsMore() throws Exception {
        c.reach("shared-bottleneck", 3);
        c.solve(LabConsole.lab("shared-bottleneck").step(3));
        assertTrue(c.stepDone(), c.check());
        long cubic = sent("tcp show {tcp:9}");
        long reno = sent("h2: tcp show {tcp:9@h2}");
        assertTrue(cubic > reno, "CUBIC from h1 sent " + cubic + ", Reno from h2 " + reno);
    }

    @Test
    void h2sConnectionFromBeforeTheLabCountsForNothing() throws Exception {
        String old = c.console.ok("h2: tcp connect h4:9").text().split(" ")[0];
        c.reach("shared-bottleneck", 2);
        c.ok("tcp send {tcp:9} --file /bin/bash");
        c.ok("h2: tcp send " + old + " --file /bin/bash");
        c.ok("sleep 8");
        assertFalse(c.stepDone(), c.check());
        assertTrue(c.check().contains("h2: no TCP connection (remote port 9)"), c.check());
    }
}
