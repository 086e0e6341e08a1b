package dev.jnetlab.labs.check;

import dev.jnetlab.host.ladder.TcpFrame;
import dev.jnetlab.stack.iface.NeighborEntry;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FilterSyntaxException;
import dev.jnetlab.stack.phy.TraceFilter;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpOptionReader;
import dev.jnetlab.stack.wire.TcpPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A {@link Check} at work during one step: it evaluates against a {@link LabWorld}, and the
 * checks about frames count the frames they are shown. Made when a step starts (frames count
 * from then); used on the stack's thread only.
 */
public abstract sealed class Probe {

    /** Compiles {@code check} for a step that started at {@code stepStart}. */
    public static Probe of(Check check, long stepStart) {
        if (check instanceof Check.ArpEntry arp) {
            return new ArpProbe(arp);
        } else if (check instanceof Check.SocketState state) {
            return new SocketStateProbe(state);
        } else if (check instanceof Check.OctetsReceived received) {
            return new ReceivedProbe(received);
        } else if (check instanceof Check.FrameSeen frame) {
            return new FrameProbe(frame);
        } else if (check instanceof Check.CounterAtLeast counter) {
            return new CounterProbe(counter);
        } else if (check instanceof Check.Retransmissions retransmissions) {
            return new RetransmissionsProbe(retransmissions);
        } else if (check instanceof Check.ControlBlock field) {
            return new ControlBlockProbe(field);
        } else if (check instanceof Check.Cwnd cwnd) {
            return new CwndProbe(cwnd);
        } else if (check instanceof Check.Within within) {
            return new WithinProbe(within, Probe.of(within.check(), stepStart), Micros.plus(stepStart, within.micros()));
        } else if (check instanceof Check.All all) {
            return new CompoundProbe(all.checks().stream().map(c -> Probe.of(c, stepStart)).toList(), true);
        } else if (check instanceof Check.Any any) {
            return new CompoundProbe(any.checks().stream().map(c -> Probe.of(c, stepStart)).toList(), false);
        } else if (check instanceof Check.Not not) {
            return new NotProbe(Probe.of(not.check(), stepStart));
        } else if (check instanceof Check.Labeled labeled) {
            return Probe.of(labeled.check(), stepStart);
        }
        throw new IllegalArgumentException("a check without a probe: " + check);
    }

    /** Evaluates the check now. */
    public abstract Verdict evaluate(LabWorld world, long now);

    /** Sees one frame (see {@link LabFrameObserver}); most checks ignore frames. */
    public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
    }

    /**
     * Whether the check can no longer hold in this step, whatever happens: a {@code within}
     * whose time ran out before it held.
     */
    public boolean expired(long now) {
        return false;
    }

    /**
     * The next instant at which the check's answer changes with no event at all (a
     * {@code within} running out), or {@link Micros#NEVER}: the engine evaluates then.
     */
    public long deadline() {
        return Micros.NEVER;
    }

    // ---- the stack's tables

    static final class ArpProbe extends Probe {
        private final Check.ArpEntry check;

        ArpProbe(Check.ArpEntry check) {
            this.check = check;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            for (NeighborEntry entry : world.neighbors(now)) {
                if (entry.address().equals(check.address())) {
                    String seen = check.address() + " is " + entry.state()
                            + entry.mac().map(mac -> " at " + mac).orElse("");
                    return Verdict.of(check.state().isEmpty() || check.state().get() == entry.state(), seen);
                }
            }
            return Verdict.of(false, "no entry for " + check.address());
        }
    }

    /** TCP connections whose ports match, with their control blocks. */
    private static List<Connection> connections(LabWorld world, Ports ports, long now) {
        List<Connection> connections = new ArrayList<>();
        for (SocketSummary socket : world.sockets()) {
            if (socket.kind() == SocketKind.TCP && ports.matches(socket)) {
                Optional<TcpControlBlock> block = world.controlBlock(socket.handle(), now);
                block.ifPresent(b -> connections.add(new Connection(socket, b)));
            }
        }
        return connections;
    }

    private record Connection(SocketSummary socket, TcpControlBlock block) {
        String name() {
            return socket.handle().toString();
        }
    }

    static final class SocketStateProbe extends Probe {
        private final Check.SocketState check;

        SocketStateProbe(Check.SocketState check) {
            this.check = check;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            List<String> seen = new ArrayList<>();
            boolean holds = false;
            for (SocketSummary socket : world.sockets()) {
                if (!check.ports().matches(socket)) {
                    continue;
                }
                TcpState state;
                if (socket.kind() == SocketKind.TCP_LISTENER) {
                    state = TcpState.LISTEN;
                } else if (socket.kind() == SocketKind.TCP) {
                    Optional<TcpControlBlock> block = world.controlBlock(socket.handle(), now);
                    if (block.isEmpty()) {
                        continue;
                    }
                    state = block.get().state();
                } else {
                    continue;
                }
                holds |= state == check.state();
                seen.add(socket.handle() + " " + state);
            }
            return Verdict.of(holds, seen.isEmpty() ? "no TCP socket" + check.ports().describe() : String.join(", ", seen));
        }
    }

    static final class ReceivedProbe extends Probe {
        private final Check.OctetsReceived check;

        ReceivedProbe(Check.OctetsReceived check) {
            this.check = check;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            Connection most = null;
            for (Connection connection : connections(world, check.ports(), now)) {
                if (most == null || connection.block().octetsReceived() > most.block().octetsReceived()) {
                    most = connection;
                }
            }
            if (most == null) {
                return Verdict.of(false, "no TCP connection" + check.ports().describe());
            }
            long octets = most.block().octetsReceived();
            return Verdict.of(octets >= check.octets(), most.name() + " received " + octets + " octets");
        }
    }

    static final class RetransmissionsProbe extends Probe {
        private final Check.Retransmissions check;

        RetransmissionsProbe(Check.Retransmissions check) {
            this.check = check;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            Connection most = null;
            long best = -1;
            for (Connection connection : connections(world, check.ports(), now)) {
                long count = count(connection.block());
                if (count > best) {
                    best = count;
                    most = connection;
                }
            }
            if (most == null) {
                return Verdict.of(false, "no TCP connection" + check.ports().describe());
            }
            return Verdict.of(best >= check.atLeast(), most.name() + " has " + best + " " + check.cause().label());
        }

        private long count(TcpControlBlock block) {
            return switch (check.cause()) {
                case ANY -> block.retransmissions();
                case TIMEOUT -> block.timeouts();
                case FAST -> block.fastRetransmits();
            };
        }
    }

    static final class ControlBlockProbe extends Probe {
        private final Check.ControlBlock check;

        ControlBlockProbe(Check.ControlBlock check) {
            this.check = check;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            List<String> seen = new ArrayList<>();
            boolean holds = false;
            for (Connection connection : connections(world, check.ports(), now)) {
                TcpControlBlock block = connection.block();
                if (check.algorithm().isPresent() && check.algorithm().get() != block.congestionAlgorithm()) {
                    continue;
                }
                long value = check.field().of(block);
                holds |= check.accepts(value);
                seen.add(connection.name() + " " + check.field().key() + " "
                        + (value == Long.MAX_VALUE ? "unlimited" : Long.toString(value)));
            }
            return Verdict.of(holds, seen.isEmpty() ? "no TCP connection" + check.ports().describe()
                    + check.algorithm().map(a -> " under " + a).orElse("") : String.join(", ", seen));
        }
    }

    static final class CwndProbe extends Probe {
        private final Check.Cwnd check;

        CwndProbe(Check.Cwnd check) {
            this.check = check;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            List<String> seen = new ArrayList<>();
            boolean holds = false;
            for (Connection connection : connections(world, check.ports(), now)) {
                TcpControlBlock block = connection.block();
                int mss = Math.max(1, block.sendMss());
                long cwnd = block.cwnd() == Integer.MAX_VALUE ? Long.MAX_VALUE : block.cwnd();
                boolean ok = check.algorithm().map(a -> a == block.congestionAlgorithm()).orElse(true)
                        && check.above().map(a -> cwnd > a.octets(mss)).orElse(true)
                        && check.below().map(b -> cwnd < b.octets(mss)).orElse(true);
                holds |= ok;
                seen.add(connection.name() + " " + block.congestionAlgorithm() + " cwnd "
                        + (cwnd == Long.MAX_VALUE ? "unlimited" : cwnd + " (" + cwnd / mss + " segments of " + mss + ")"));
            }
            return Verdict.of(holds, seen.isEmpty() ? "no TCP connection" + check.ports().describe() : String.join(", ", seen));
        }
    }

    static final class CounterProbe extends Probe {
        private final Check.CounterAtLeast check;

        CounterProbe(Check.CounterAtLeast check) {
            this.check = check;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            long value = world.stats().get(check.counter());
            return Verdict.of(value >= check.atLeast(), check.counter().key() + " is " + value);
        }
    }

    // ---- frames

    static final class FrameProbe extends Probe {
        private final Check.FrameSeen check;
        private final TraceFilter filter;
        /** Whether the check looks into the TCP header (flags, window, length, options). */
        private final boolean tcpOnly;
        private final TcpFrame segment = new TcpFrame();
        private final TcpOptionReader options = new TcpOptionReader();
        private int seen;

        FrameProbe(Check.FrameSeen check) {
            this.check = check;
            this.tcpOnly = check.tcpOnly();
            try {
                this.filter = check.filter().isEmpty() ? null : TraceFilter.parse(check.filter());
            } catch (FilterSyntaxException e) {
                throw new IllegalArgumentException("a frame check whose filter does not compile: " + e.getMessage(), e);
            }
        }

        @Override
        public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
            if (seen >= check.count()
                    || check.direction().isPresent() && check.direction().get() != direction
                    || filter != null && !filter.accepts(frame, offset, length)
                    || tcpOnly && !tcpMatches(frame, offset, length)) {
                return;
            }
            seen++;
        }

        private boolean tcpMatches(byte[] frame, int offset, int length) {
            if (!segment.read(frame, offset, length)) {
                return false;
            }
            TcpPacket tcp = segment.tcp();
            int flags = tcp.flags();
            return (flags & check.flags()) == check.flags() && (flags & check.notFlags()) == 0
                    && (check.window().isEmpty() || tcp.window() == check.window().getAsInt())
                    && (check.minLength().isEmpty() || tcp.payloadLength() >= check.minLength().getAsInt())
                    && (check.options() == 0 || (optionBits(tcp) & check.options()) == check.options());
        }

        private int optionBits(TcpPacket tcp) {
            int bits = 0;
            for (options.wrap(tcp); options.next(); ) {
                bits |= TcpOptionNames.bitOfKind(options.kind());
            }
            return bits;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            return Verdict.of(seen >= check.count(), check.count() == 1
                    ? (seen == 0 ? "none seen yet" : "seen")
                    : "seen " + seen + " of " + check.count());
        }
    }

    // ---- composites

    static final class WithinProbe extends Probe {
        private final Check.Within check;
        private final Probe inner;
        private final long deadline;
        private boolean metInTime;

        WithinProbe(Check.Within check, Probe inner, long deadline) {
            this.check = check;
            this.inner = inner;
            this.deadline = deadline;
        }

        @Override
        public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
            if (now <= deadline) {
                inner.frame(now, direction, frame, offset, length);
            }
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            Verdict verdict = inner.evaluate(world, now);
            if (now <= deadline) {
                metInTime |= verdict.holds();
                return Verdict.of(metInTime, verdict.observed() + (metInTime ? ""
                        : "; " + Seconds.format(deadline - now) + " left"));
            }
            return Verdict.of(metInTime, metInTime ? verdict.observed()
                    : verdict.observed() + "; the " + Seconds.format(check.micros()) + " are over ('lab retry' starts the step again)");
        }

        @Override
        public long deadline() {
            return metInTime ? Micros.NEVER : Math.min(deadline, inner.deadline());
        }

        @Override
        public boolean expired(long now) {
            return !metInTime && now > deadline;
        }
    }

    /** all: (every part holds; expired once any part has) or any: (one part holds; expired once every part has). */
    static final class CompoundProbe extends Probe {
        private final List<Probe> parts;
        private final boolean all;

        CompoundProbe(List<Probe> parts, boolean all) {
            this.parts = parts;
            this.all = all;
        }

        @Override
        public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
            for (int i = 0; i < parts.size(); i++) {
                parts.get(i).frame(now, direction, frame, offset, length);
            }
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            List<Verdict> verdicts = parts.stream().map(p -> p.evaluate(world, now)).toList();
            boolean holds = all ? verdicts.stream().allMatch(Verdict::holds) : verdicts.stream().anyMatch(Verdict::holds);
            return Verdict.of(holds, joined(verdicts));
        }

        @Override
        public boolean expired(long now) {
            return all ? parts.stream().anyMatch(p -> p.expired(now)) : parts.stream().allMatch(p -> p.expired(now));
        }

        @Override
        public long deadline() {
            return parts.stream().mapToLong(Probe::deadline).min().orElse(Micros.NEVER);
        }
    }

    static final class NotProbe extends Probe {
        private final Probe inner;

        NotProbe(Probe inner) {
            this.inner = inner;
        }

        @Override
        public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
            inner.frame(now, direction, frame, offset, length);
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            Verdict verdict = inner.evaluate(world, now);
            return Verdict.of(!verdict.holds(), verdict.observed());
        }

        @Override
        public long deadline() {
            return inner.deadline();
        }
    }

    private static String joined(List<Verdict> verdicts) {
        return verdicts.stream().map(Verdict::observed).collect(Collectors.joining("; "));
    }
}
