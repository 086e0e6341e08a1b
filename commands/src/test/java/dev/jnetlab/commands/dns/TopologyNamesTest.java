package dev.jnetlab.commands.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.testing.VirtualConsole;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Names on a topology with no setup: h2 of {@code routed} serves the nodes' names, h1's resolver
 * asks it; {@code serve dns} with no zone on any host answers for the same names.
 */
class TopologyNamesTest {
    private final VirtualConsole console = new VirtualConsole("routed");

    @Test
    void resolveH2LabFromH1GetsH2sAddressFromH2() {
        ResolveCommand.Answer answer = console.ok("resolve h2.lab", ResolveCommand.Answer.class);
        assertEquals(List.of(new ResolveCommand.Line("h2.lab.", 300, "A", "10.0.2.10")), answer.answers());
        assertEquals("10.0.2.10", answer.server());
    }

    @Test
    void minusXNamesH2sAddress() {
        ResolveCommand.Answer answer = console.ok("resolve -x 10.0.2.10", ResolveCommand.Answer.class);
        assertEquals("h2.lab.", answer.answers().get(0).data());
    }

    @Test
    void serveDnsWithNoZoneOnH1AnswersForEveryNodeWithEachAddress() {
        assertTrue(console.ok("serve dns").text().contains("zone lab."));
        ResolveCommand.Answer answer = console.ok("resolve r1.lab --server 10.0.1.10", ResolveCommand.Answer.class);
        assertEquals("10.0.1.10", answer.server());
        assertEquals(List.of("10.0.1.1", "10.0.2.1"), answer.answers().stream().map(ResolveCommand.Line::data).toList());
    }
}
