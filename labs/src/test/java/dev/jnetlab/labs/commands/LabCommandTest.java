package dev.jnetlab.labs.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.builtin.HelpCommand;
import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.labs.FakeWorld;
import dev.jnetlab.labs.engine.LabEngine;
import dev.jnetlab.labs.engine.LabResults;
import dev.jnetlab.labs.format.LabCatalog;
import dev.jnetlab.stack.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LabCommandTest {
    private final FakeWorld world = new FakeWorld();
    private final CommandRegistry registry = new CommandRegistry();
    private final List<String> printed = new ArrayList<>();
    private final LabEngine engine;
    private final Session session;

    LabCommandTest() throws Exception {
        engine = new LabEngine(LabCatalog.builtIn(), world, registry, printed::add);
        session = new Session(new VirtualDriver(new VirtualClock(), engine.ticker()), printed::add);
        registry.register(() -> new LabCommand(engine)).register(() -> new HelpCommand(registry));
    }

    private Outcome run(String... words) throws InterruptedException {
        return registry.run(List.of(words), session);
    }

    @Nested
    class TheContract {
        @Test
        void theSynopsisIsDesignSection5s() {
            assertArrayEquals(new String[] {"lab list | lab start ID | lab status | lab check | lab hint | lab next | lab stop",
                            "lab retry | lab ladder | lab report | lab validate FILE | lab run FILE --solution", "lab resume"},
                    registry.spec("lab").usageMessage().customSynopsis());
        }

        @Test
        void everySubCommandOfTheContractIsThere() {
            assertTrue(registry.spec("lab").subcommands().keySet().containsAll(
                    List.of("list", "start", "status", "check", "hint", "next", "stop")));
        }

        @Test
        void helpExplainsIt() throws InterruptedException {
            Outcome outcome = run("help", "lab");
            String help = ((Outcome.Success) outcome).result().text();
            assertTrue(help.startsWith("usage: lab list | lab start ID | lab status | lab check | lab hint | lab next |\n"
                    + "       lab stop\n"
                    + "       lab retry | lab ladder | lab report | lab validate FILE |\n"
                    + "       lab run FILE --solution\n"
                    + "       lab resume\n"
                    + "Guided exercises that check your progress as you go."), help);
            assertTrue(help.contains("  lab start ID\n      Starts a lab"), help);
        }
    }

    @Nested
    class BadWords {
        @Test
        void labAloneNamesItsSubCommands() throws InterruptedException {
            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, run("lab"));
            assertEquals("lab needs one of: list, start, status, check, hint, next, stop, retry, ladder, report, validate, run, resume",
                    failure.message());
        }

        @Test
        void aMistypedSubCommandIsCorrected() throws InterruptedException {
            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, run("lab", "strat", "arp-ping"));
            assertEquals("unknown sub-command 'strat' of lab (did you mean start?)", failure.message());
        }

        @Test
        void startWithoutAnIdShowsItsUsage() throws InterruptedException {
            Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, run("lab", "start"));
            assertEquals("lab start", failure.command());
            assertEquals("lab start ID", failure.usage());
        }

        @Test
        void aLabFileWithAProblemNamesItsLine() throws Exception {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("lab", ".yaml");
            try {
                java.nio.file.Files.writeString(file, "id: mine\ntitle: Mine\nsummary: x\nsetup: {network: [virtual]}\nsteps: 3\n");
                Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, run("lab", "start", file.toString()));
                assertEquals(file + ":5:8: 'steps' is a list, not '3'", failure.message());
            } finally {
                java.nio.file.Files.delete(file);
            }
        }
    }

    @Nested
    class Running {
        @Test
        void listShowsTheBuiltInLabs() throws InterruptedException {
            Outcome.Success success = assertInstanceOf(Outcome.Success.class, run("lab", "list"));
            LabResults.Listing listing = assertInstanceOf(LabResults.Listing.class, success.result());
            assertEquals(22, listing.labs().size());
            assertEquals("lab list", success.command());
            assertEquals(List.of("topology"), listing.labs().stream().filter(lab -> lab.id().equals("routing"))
                    .findFirst().orElseThrow().networks(), "a lab on a topology says so in the list");
        }

        /** The topology labs have no tap section: on a tap they say where they run and how to start it. */
        @Test
        void theTopologyLabsSayOnATapThatTheyRunOnlyOnTheirTopology() throws InterruptedException {
            world.network = dev.jnetlab.labs.check.NetworkKind.TAP;
            for (String id : List.of("routing", "arp-router", "clock-handshake", "path-mtu", "shared-bottleneck", "syn-flood")) {
                String topology = id.equals("path-mtu") ? "pmtu" : id.equals("shared-bottleneck") ? "dumbbell" : "routed";
                Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, run("lab", "start", id));
                assertEquals("lab " + id + " runs on the " + topology + " topology; start it with "
                        + "'jnetlab --topology " + topology + " --lab " + id + "'", failure.message());
            }
            assertTrue(engine.progress().isEmpty(), "no lab runs");
        }

        @Test
        void reportTakesJsonAsTheReadmeSays() throws Exception {
            run("lab", "start", "arp-ping");
            run("lab", "hint");
            Outcome.Success json = assertInstanceOf(Outcome.Success.class, run("lab", "report", "--json"));
            Outcome.Success plain = assertInstanceOf(Outcome.Success.class, run("lab", "report"));

            com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json.result().text());
            assertEquals("arp-ping", report.get("id").asText());
            assertEquals(1, report.get("steps").get(0).get("hintsUsed").asInt());
            com.fasterxml.jackson.databind.JsonNode asResult = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(new dev.jnetlab.commands.JsonResults().toJson(plain)).get("result");
            assertEquals(asResult, report, "the same fields as 'jnetlab --json -c \"lab report\"'");
        }

        @Test
        void startThenStatusThenStop() throws InterruptedException {
            assertInstanceOf(LabResults.Started.class, ((Outcome.Success) run("lab", "start", "arp-ping")).result());
            assertInstanceOf(LabResults.Status.class, ((Outcome.Success) run("lab", "status")).result());
            assertInstanceOf(LabResults.Hint.class, ((Outcome.Success) run("lab", "hint")).result());
            assertInstanceOf(LabResults.Checked.class, ((Outcome.Success) run("lab", "check")).result());
            assertInstanceOf(Outcome.Failure.class, run("lab", "next"));
            assertInstanceOf(LabResults.Retried.class, ((Outcome.Success) run("lab", "retry")).result());
            assertInstanceOf(LabResults.Stopped.class, ((Outcome.Success) run("lab", "stop")).result());
        }
    }
}
