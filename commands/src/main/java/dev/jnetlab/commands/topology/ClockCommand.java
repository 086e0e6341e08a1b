package dev.jnetlab.commands.topology;

import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.Topology;
import dev.jnetlab.host.topology.SimulationClock;
import dev.jnetlab.commands.args.Arguments;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code clock}: the topology's simulation clock (Packet Tracer's simulation mode).
 * {@code clock pause} stops time and holds every frame on its link; {@code clock step [N]}
 * moves on to the next N frame events (a frame reaching a node), timers firing on the way, and
 * prints each as the tracer does with the node it reached; {@code clock run} lets time go
 * again; {@code clock speed X} runs it at X times real time.
 */
@Command(name = "clock", customSynopsis = "clock | clock pause | clock step [N] | clock run | clock speed X",
        description = "Pauses, steps frame by frame, runs or slows the simulated time of a topology.",
        footer = {"clock pause", "clock step", "clock step 5", "clock speed 0.1", "clock run"},
        subcommands = {ClockCommand.Pause.class, ClockCommand.Step.class, ClockCommand.Run.class, ClockCommand.Speed.class})
public final class ClockCommand implements ConsoleCommand {

    /** The clock's state, and the events a step delivered. */
    public record ClockState(boolean paused, double speed, List<String> events) implements CommandResult {
        @Override
        public String text() {
            String state = "clock " + (paused ? "paused" : "running") + (speed != 1 ? " at speed " + speed : "");
            return events.isEmpty() ? state : String.join("\n", events) + "\n" + state;
        }
    }

    static Topology topology(Network network) throws CommandException {
        return network.topology().orElseThrow(() -> new CommandException(
                "the simulation clock runs a topology: start with 'jnetlab --topology " + BuiltinTopologies.MANY_NODES + "'"));
    }

    static ClockState state(Topology topology, List<String> events) {
        return new ClockState(topology.paused(), topology.clock().speed(), events);
    }

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> state(topology(network), List.of()));
    }

    @Command(name = "pause", description = "Stops time: no frame reaches a node until 'clock step' or 'clock run'.")
    public static final class Pause implements ConsoleCommand {
        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> {
                Topology topology = topology(network);
                topology.pause();
                return state(topology, List.of());
            });
        }
    }

    @Command(name = "step", customSynopsis = "clock step [N]",
            description = "On a paused clock, delivers the next N frames (default 1), each printed with the node it reached.")
    public static final class Step implements ConsoleCommand {
        @Parameters(paramLabel = "N", arity = "0..1")
        private long count = 1;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            if (count < 1 || count > 10_000) {
                throw new CommandException("N: from 1 to 10000 frame events, not " + count);
            }
            return session.stack((network, now) -> {
                Topology topology = topology(network);
                if (!topology.paused()) {
                    throw new CommandException("the clock runs: 'clock pause' first");
                }
                List<String> events = topology.step((int) count);
                if (events.size() < count) {
                    events = new java.util.ArrayList<>(events);
                    events.add("(no more frames: nothing in flight and no timer set)");
                }
                return state(topology, events);
            });
        }
    }

    @Command(name = "run", description = "Lets time run again at its speed.")
    public static final class Run implements ConsoleCommand {
        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> {
                Topology topology = topology(network);
                topology.run();
                return state(topology, List.of());
            });
        }
    }

    @Command(name = "speed", customSynopsis = "clock speed X",
            description = "Runs simulated time at X times real time (0.1: ten times slower).")
    public static final class Speed implements ConsoleCommand {
        @Parameters(paramLabel = "X")
        private double speed;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            if (!(speed >= SimulationClock.MIN_SPEED && speed <= SimulationClock.MAX_SPEED)) {
                throw new CommandException("clock speed: from " + Arguments.shown(SimulationClock.MIN_SPEED) + " to "
                        + Arguments.shown(SimulationClock.MAX_SPEED) + " times real time, not " + Arguments.shown(speed));
            }
            return session.stack((network, now) -> {
                Topology topology = topology(network);
                topology.clock().setSpeed(speed);
                return state(topology, List.of());
            });
        }
    }
}
