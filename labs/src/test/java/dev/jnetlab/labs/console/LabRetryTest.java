package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.labs.engine.LabResults;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.SocketSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lab retry puts back everything the step changed: in place where it can (faults, static ARP
 * entries, sockets made since, IPv6), and where it cannot (the step's connection aborted or
 * closed, its capture stopped) by beginning the lab again and replaying the earlier steps'
 * solutions, saying so.
 */
class LabRetryTest {
    private static List<SocketSummary> sockets(LabConsole c) {
        return c.console.stack((net, now) -> net.local().sockets().summaries());
    }

    @Test
    void anAbortedConnectionIsOpenedAgainByReplayingTheEarlierSteps() throws Exception {
        LabConsole c = new LabConsole(2);
        c.reach("tcp-handshake", 3);
        String aborted = c.engine.resolve(c.console.session().driver(), "{tcp:7}");
        c.ok("tcp abort {tcp:7}");
        c.ok("sleep 1");

        LabResults.Retried retried = c.console.ok("lab retry", LabResults.Retried.class);

        assertEquals(List.of(aborted + " is gone"), retried.lost());
        assertEquals(LabConsole.lab("tcp-handshake").step(1).solution().size()
                + LabConsole.lab("tcp-handshake").step(2).solution().size(), retried.replayed().size());
        assertTrue(retried.text().contains("could not be put back (" + aborted + " is gone), so the lab began again "
                + "and replayed the solutions of steps 1 to 2:"), retried.text());
        String again = c.engine.resolve(c.console.session().driver(), "{tcp:7}");
        assertFalse(again.equals(aborted), "a new connection: " + again);
        assertTrue(sockets(c).stream().anyMatch(s -> s.kind() == SocketKind.TCP && s.handle().toString().equals(again)
                && s.state().equals("ESTABLISHED")), sockets(c).toString());
        assertEquals(3, c.step());
        assertFalse(c.stepDone(), "the replay passes no check of step 3");

        c.solve(LabConsole.lab("tcp-handshake").step(3));
        for (int second = 0; second < 5 && !c.stepDone(); second++) {
            c.ok("sleep 1");
        }
        assertTrue(c.stepDone(), c.check());
    }

    @Test
    void theSuggestionsAfterARetryNameNoSocketItClosed() throws Exception {
        LabConsole c = new LabConsole(2);
        c.reach("tcp-handshake", 4);
        c.ok("tcp connect 192.168.69.100:80");
        String closed = c.engine.resolve(c.console.session().driver(), "{tcp:80}");

        LabResults.Retried retried = c.console.ok("lab retry", LabResults.Retried.class);

        assertTrue(retried.undone().contains(closed + " closed"), retried.undone().toString());
        assertTrue(retried.step().suggested().contains("tcp show H"), retried.step().suggested().toString());
        assertTrue(retried.step().suggested().stream().noneMatch(line -> line.contains(closed)),
                retried.step().suggested().toString());
        c.solve(LabConsole.lab("tcp-handshake").step(4));
        for (int second = 0; second < 5 && !c.stepDone(); second++) {
            c.ok("sleep 1");
        }
        assertTrue(c.stepDone(), c.check());
    }

    @Test
    void aCheckThatCanNoLongerPassSendsTheStudentToRetryNotToTheHints() throws Exception {
        LabConsole c = LabConsole.forLab("routing", 2);
        c.reach("routing", 2);
        assertTrue(c.check().endsWith("Not yet; 'lab hint' helps."), c.check());

        c.ok("ping -c 1 h2");

        assertTrue(c.check().endsWith("can no longer pass. 'lab retry' begins the step again."), c.check());
        assertTrue(c.printed.stream().anyMatch(line -> line.contains("can no longer pass; 'lab retry' begins the step again")),
                c.printed.toString());
        c.ok("lab retry");
        assertTrue(c.check().endsWith("Not yet; 'lab hint' helps."), c.check());
    }

    @Test
    void theStepsOwnConnectionAbortedSendsTheStudentToRetry() throws Exception {
        LabConsole c = new LabConsole(2);
        c.reach("tcp-handshake", 3);
        String mine = c.engine.resolve(c.console.session().driver(), "{tcp:7}");
        c.ok("tcp abort {tcp:7}");

        assertTrue(c.check().endsWith("Stuck: " + mine + ", your TCP connection to port 7, was aborted. 'lab retry' "
                + "begins the step again."), c.check());
        String refused = ((dev.jnetlab.commands.Outcome.Failure) c.type("lab next")).message();
        assertTrue(refused.endsWith("'lab retry' begins the step again."), refused);
    }

    @Test
    void aStoppedCaptureIsStartedAgainByTheReplay() throws Exception {
        LabConsole c = new LabConsole(2);
        c.reach("pcap", 3);
        c.ok("capture stop");

        LabResults.Retried retried = c.console.ok("lab retry", LabResults.Retried.class);

        assertTrue(retried.lost().contains("the capture was stopped"), retried.lost().toString());
        assertTrue(c.network.link().capture().capture().isPresent(), "step 1's capture runs again");
    }

    @Test
    void whatCanBePutBackInPlaceIsAndNothingIsReplayed() throws Exception {
        LabConsole c = new LabConsole(2);
        c.reach("neighbor-discovery", 2);
        c.ok("ping -c 1 fd00::100");
        c.ok("ip add fd00::7/64");

        LabResults.Retried retried = c.console.ok("lab retry", LabResults.Retried.class);

        assertEquals(List.of(), retried.replayed());
        assertTrue(retried.undone().containsAll(List.of("fd00::7/64 removed", "IPv6 neighbor fd00::100 forgotten")),
                retried.undone().toString());
        assertEquals(List.of(), c.console.stack((net, now) -> net.local().iface().ipv6Neighbors(now)).stream()
                .filter(n -> n.address().toString().equals("fd00::100")).toList());
    }

    @Test
    void aStepThatBeganWithIpv6OffBeginsWithItOffAgain() throws Exception {
        LabConsole c = new LabConsole(2);
        c.ok("lab start neighbor-discovery");
        c.ok("ip add fd00::2/64");

        LabResults.Retried retried = c.console.ok("lab retry", LabResults.Retried.class);

        assertEquals(List.of("IPv6 off, its addresses and neighbors forgotten"), retried.undone());
        boolean on = c.console.stack((net, now) -> net.local().iface().ipv6Enabled());
        assertFalse(on, "IPv6 off");
    }
}
