package dev.jnetlab.labs.engine;

import static dev.jnetlab.host.testing.TestFrames.PEER;
import static dev.jnetlab.host.testing.TestFrames.STACK;
import static dev.jnetlab.host.testing.TestFrames.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.builtin.SleepCommand;
import dev.jnetlab.host.driver.Pollable;
import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.labs.FakeWorld;
import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.Tcb;
import dev.jnetlab.labs.commands.LabCommand;
import dev.jnetlab.labs.format.LabCatalog;
import dev.jnetlab.labs.format.LabParser;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.TcpFlags;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The engine wired as the console wires it (LabEngine's Javadoc): one Pollable for the stack
 * and one for the engine's ticker under the same driver, frames handed to whatever observer the
 * world holds, the after-command hook after each line, and {@code --lab ID} as a direct start.
 * The "stack" here is a script of frames and state changes at set instants.
 */
class ConsoleHooksTest {
    private static final String LAB = """
            id: hooks
            title: Hooks
            summary: A connection opens while the console sleeps.
            setup:
              network: [virtual]
            steps:
              - title: Wait for it
                instructions: Sleep; the peer connects.
                checks:
                  - tcp-state: {state: SYN-RECEIVED, local-port: 6969}
                  - tcp-state: {state: ESTABLISHED, local-port: 6969}
                  - frame: {filter: tcp and dst port 6969, direction: rx, flags: [SYN]}
                learned: A passive open.
                ladder: {port: 6969}
              - title: Then nothing
                instructions: Done.
                checks:
                  - counter: {name: frames_in, at-least: 1000}
                learned: Nothing.
            solution:
              - step: 1
                commands: [sleep 3]
              - step: 2
                commands: [sleep 1]
            """;

    /** A stack that, at 1 s, receives a SYN (SYN-RECEIVED) and at 1.5 s completes the handshake. */
    private static final class ScriptedStack implements Pollable {
        private final FakeWorld world;
        private int stage;
        private dev.jnetlab.stack.socket.SocketHandle<FakeWorld.FakeSocket> connection;

        ScriptedStack(FakeWorld world) {
            this.world = world;
        }

        @Override
        public void poll(long now) {
            if (stage == 0 && now >= Micros.ofSeconds(1)) {
                stage = 1;
                world.frame(now, Direction.RX, tcp(PEER, 40000, STACK, 6969, TcpFlags.SYN, 7, 0, 64240, 0));
                connection = world.connection(Tcb.of(TcpState.SYN_RECEIVED, 6969, 40000).build());
                world.frame(now, Direction.TX, tcp(STACK, 6969, PEER, 40000, TcpFlags.SYN | TcpFlags.ACK, 900, 8, 64240, 0));
            } else if (stage == 1 && now >= Micros.ofMillis(1500)) {
                stage = 2;
                world.frame(now, Direction.RX, tcp(PEER, 40000, STACK, 6969, TcpFlags.ACK, 8, 901, 64240, 0));
                world.update(connection, Tcb.of(TcpState.ESTABLISHED, 6969, 40000).build());
            }
        }

        @Override
        public long pollAt(long now) {
            return stage == 0 ? Micros.ofSeconds(1) : stage == 1 ? Micros.ofMillis(1500) : Micros.NEVER;
        }
    }

    @Test
    void transientStatesAreCaughtByTheTickerWhileACommandWaits() throws Exception {
        FakeWorld world = new FakeWorld();
        List<String> printed = new ArrayList<>();
        CommandRegistry registry = new CommandRegistry();
        Lab lab = LabParser.parse("hooks.yaml", new ByteArrayInputStream(LAB.getBytes(StandardCharsets.UTF_8)),
                Optional.empty());
        LabEngine engine = new LabEngine(new LabCatalog(List.of(lab)), world, registry, printed::add);
        ScriptedStack stack = new ScriptedStack(world);
        Pollable ticker = engine.ticker();
        // The console's event loop polls the stack and the ticker alike.
        Pollable both = new Pollable() {
            @Override
            public void poll(long now) {
                stack.poll(now);
                ticker.poll(now);
            }

            @Override
            public long pollAt(long now) {
                return Math.min(stack.pollAt(now), ticker.pollAt(now));
            }
        };
        VirtualClock clock = new VirtualClock();
        Session session = new Session(new VirtualDriver(clock, both), printed::add);
        registry.register(() -> new LabCommand(engine)).register(SleepCommand::new);

        // jnetlab --lab hooks
        LabResults.Started started = engine.start("hooks", session);
        assertTrue(started.text().startsWith("Lab hooks: Hooks (2 steps)"));

        // The person types 'sleep 3'; the connection passes SYN-RECEIVED for half a second meanwhile.
        Outcome outcome = registry.run(List.of("sleep", "3"), session);
        assertTrue(outcome instanceof Outcome.Success);
        engine.afterCommand(session.driver());

        assertEquals(1, printed.size(), printed.toString());
        String done = printed.get(0);
        assertTrue(done.startsWith("✓ Step 1 of 2 done: Wait for it\nLearned: A passive open.\n"), done);
        assertTrue(done.contains("      LISTEN |                                                    | CLOSED"), done);
        assertTrue(done.contains("SYN-RECEIVED |<---------------------------------------------------| SYN-SENT"), done);
        assertEquals(new LabProgress("hooks", 1, 2, true, false), engine.progress().orElseThrow());
        assertEquals(Micros.NEVER, ticker.pollAt(clock.now()), "nothing to evaluate until 'lab next'");
    }
}
