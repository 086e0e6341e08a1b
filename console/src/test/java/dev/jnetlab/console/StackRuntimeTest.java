package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.standard.StandardCommands;
import dev.jnetlab.console.LaunchOptions.Launch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stack of a run, in real time: started from the command line, its sockets closed at the end. */
class StackRuntimeTest {
    private final List<String> output = new ArrayList<>();

    @Test
    void quittingClosesEverySocketBeforeTheLoopStops() throws Exception {
        Launch launch = LaunchOptions.parse(List.of("--seed", "9", "-c", "quit"));
        try (StackRuntime runtime = StackRuntime.start(launch, output::add, e -> { })) {
            Session session = runtime.session(output::add);
            Outcome bound = StandardCommands.registry().run(List.of("udp", "bind", "7"), session);
            assertTrue(bound instanceof Outcome.Success, bound.toString());
            assertEquals(1, (int) session.stack((network, now) -> network.local().sockets().size()));

            assertEquals(Optional.empty(), runtime.closeSockets(session));
            assertEquals(0, (int) session.stack((network, now) -> network.local().sockets().size()));
        }
    }
}
