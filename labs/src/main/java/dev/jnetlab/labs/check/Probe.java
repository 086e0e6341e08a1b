package dev.jnetlab.labs.check;

import dev.jnetlab.host.ladder.TcpFrame;
import dev.jnetlab.stack.iface.Ipv6AddressInfo;
import dev.jnetlab.stack.iface.Ndp6Entry;
import dev.jnetlab.stack.iface.NeighborEntry;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FilterSyntaxException;
import dev.jnetlab.stack.phy.TraceFilter;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Bytes;
import dev.jnetlab.stack.wire.DhcpPacket;
import dev.jnetlab.stack.wire.DnsPacket;
import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.MessageException;
import dev.jnetlab.stack.wire.TcpOptionReader;
import dev.jnetlab.stack.wire.UdpPacket;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.stack.socket.SocketHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * A {@link Check} at work during one step: it evaluates against a {@link LabWorld}, and the
 * checks about frames count the frames they are shown. Made when a step starts (frames count
 * from then); used on the stack's thread only.
 */
public abstract sealed class Probe {

    /**
     * Compiles {@code check} for a step that starts at {@code stepStart} in {@code world}: what
     * counts (an interface counter, octets received, retransmissions) is measured from the
     * values it has now. Stack thread.
     */
    public static Probe of(Check check, long stepStart, LabWorld world) {
        if (check instanceof Check.ArpEntry arp) {
            return new ArpProbe(arp);
        } else if (check instanceof Check.NdpEntry ndp) {
            return new NdpProbe(ndp);
        } else if (check instanceof Check.AddressHeld address) {
            return new AddressProbe(address);
        } else if (check instanceof Check.SocketState state) {
            return new SocketStateProbe(state);
        } else if (check instanceof Check.Listener listener) {
            return new ListenerProbe(listener, world);
        } else if (check instanceof Check.OctetsReceived received) {
            return new ReceivedProbe(received, Baseline.of(world, received.ports(), stepStart,
                    TcpControlBlock::octetsReceived));
        } else if (check instanceof Check.FrameSeen frame) {
            return new FrameProbe(frame);
        } else if (check instanceof Check.DhcpSeen dhcp) {
            return new DhcpProbe(dhcp);
        } else if (check instanceof Check.DnsSeen dns) {
            return new DnsProbe(dns);
        } else if (check instanceof Check.CounterAtLeast counter) {
            return new CounterProbe(counter, world.stats().get(counter.counter()));
        } else if (check instanceof Check.Retransmissions retransmissions) {
            return new RetransmissionsProbe(retransmissions, Baseline.of(world, retransmissions.ports(), stepStart,
                    b -> RetransmissionsProbe.count(retransmissions.cause(), b)));
        } else if (check instanceof Check.ControlBlock field) {
            return new ControlBlockProbe(field, field.field().counts()
                    ? Baseline.of(world, field.ports(), stepStart, b -> field.field().of(b)) : Baseline.NONE);
        } else if (check instanceof Check.Cwnd cwnd) {
            return new CwndProbe(cwnd);
        } else if (check instanceof Check.CommandRun command) {
            return new CommandProbe(command);
        } else if (check instanceof Check.OnNode onNode) {
            Optional<LabWorld> node = world.node(onNode.node());
            return new NodeProbe(onNode.node(), node.map(w -> Probe.of(onNode.check(), stepStart, w)));
        } else if (check instanceof Check.LinkCount link) {
            return new LinkProbe(link, link.field().counts()
                    ? world.link(link.link(), stepStart).map(c -> c.value(link.field(), link.from().orElse(null))).orElse(0L)
                    : 0);
        } else if (check instanceof Check.Within within) {
            return new WithinProbe(within, Probe.of(within.check(), stepStart, world),
                    Micros.plus(stepStart, within.micros()));
        } else if (check instanceof Check.All all) {
            return new CompoundProbe(all.checks().stream().map(c -> Probe.of(c, stepStart, world)).toList(), true);
        } else if (check instanceof Check.Any any) {
            return new CompoundProbe(any.checks().stream().map(c -> Probe.of(c, stepStart, world)).toList(), false);
        } else if (check instanceof Check.Not not) {
            return new NotProbe(Probe.of(not.check(), stepStart, world));
        } else if (check instanceof Check.Labeled labeled) {
            return Probe.of(labeled.check(), stepStart, world);
        }
        throw new IllegalArgumentException("a check without a probe: " + check);
    }

    /**
     * Tells the check that the student ran a command: its words as typed, how many of them
     * name the command ({@code arp flush}: 2), whether it succeeded, and the handles the lab's socket names stand for now ({@code {udp:5000}} to
     * {@code udp#3}); only a {@code command} check listens.
     */
    public void command(List<String> words, int named, boolean succeeded, Map<String, String> names) {
    }

    /**
     * Whether the command is the step's key action ({@link Check.CommandRun#key}), after which
     * the checks listed below this one begin again; arguments as for {@link #command}.
     */
    public boolean keyAction(List<String> words, int named, boolean succeeded, Map<String, String> names) {
        return false;
    }

    /** What a counting field of each connection was when the step began; a connection made since counts from 0. */
    record Baseline(Map<SocketHandle<?>, Long> values) {
        static final Baseline NONE = new Baseline(Map.of());

        static Baseline of(LabWorld world, Ports ports, long now, ToLongFunction<TcpControlBlock> field) {
            Map<SocketHandle<?>, Long> values = new HashMap<>();
            for (Connection connection : connections(world, ports, now)) {
                values.put(connection.socket().handle(), field.applyAsLong(connection.block()));
            }
            return new Baseline(values);
        }

        long since(Connection connection, long value) {
            return value - values.getOrDefault(connection.socket().handle(), 0L);
        }
    }

    /** Evaluates the check now. */
    public abstract Verdict evaluate(LabWorld world, long now);

    /** Sees one frame (see {@link LabFrameObserver}) of the host the lab reads; most checks ignore frames. */
    public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
    }

    /**
     * Sees one frame of another host of the topology, {@code node}: only a check on that node
     * ({@code node: h2}) takes it, as its own frame.
     */
    public void nodeFrame(String node, long now, Direction direction, byte[] frame, int offset, int length) {
    }

    /**
     * Whether the check can no longer hold in this step, whatever happens: a {@code within}
     * whose time ran out before it held.
     */
    public boolean expired(long now) {
        return false;
    }

    /**
     * Whether the check, once it holds, holds for the rest of the step whatever happens: a count
     * of frames, commands or a counter's growth (a {@code not} of it can then never pass).
     */
    boolean lasting() {
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
                    return Verdict.of((check.state().isEmpty() || check.state().get() == entry.state())
                            && (check.mac().isEmpty() || check.mac().equals(entry.mac())), seen);
                }
            }
            return Verdict.of(false, "no entry for " + check.address());
        }
    }

    static final class NdpProbe extends Probe {
        private final Check.NdpEntry check;

        NdpProbe(Check.NdpEntry check) {
            this.check = check;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            for (Ndp6Entry entry : world.ipv6Neighbors(now)) {
                if (entry.address().equals(check.address())) {
                    String seen = check.address() + " is " + entry.state() + entry.mac().map(mac -> " at " + mac).orElse("");
                    return Verdict.of((check.state().isEmpty() || check.state().get() == entry.state())
                            && (check.mac().isEmpty() || check.mac().equals(entry.mac())), seen);
                }
            }
            return Verdict.of(false, "no NDP entry for " + check.address());
        }
    }

    static final class AddressProbe extends Probe {
        private final Check.AddressHeld check;

        AddressProbe(Check.AddressHeld check) {
            this.check = check;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            for (Ipv6AddressInfo info : world.ipv6Addresses(now)) {
                if (info.address().equals(check.address())) {
                    return Verdict.of((check.state().isEmpty() || check.state().get() == info.state())
                            && (check.origin().isEmpty() || check.origin().get() == info.origin()), info.toString());
                }
            }
            return Verdict.of(false, check.address() + " is not an address of this host");
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

    /** The lab's listeners on a port (a lab may listen again after closing one), each with its counters. */
    static final class ListenerProbe extends Probe {
        private final Check.Listener check;
        /** The counting field of each listener there when the step began; one made since counts from 0. */
        private final Map<SocketHandle<?>, Long> baseline = new HashMap<>();

        ListenerProbe(Check.Listener check, LabWorld world) {
            this.check = check;
            if (check.field().counts()) {
                for (SocketSummary socket : listeners(world)) {
                    world.listener(socket.handle()).ifPresent(s -> baseline.put(socket.handle(), check.field().of(s)));
                }
            }
        }

        private List<SocketSummary> listeners(LabWorld world) {
            return world.sockets().stream().filter(s -> s.kind() == SocketKind.TCP_LISTENER
                    && s.local().port() == check.port()).toList();
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            List<String> seen = new ArrayList<>();
            boolean holds = false;
            for (SocketSummary socket : listeners(world)) {
                Optional<ListenerStatus> status = world.listener(socket.handle());
                if (status.isEmpty()) {
                    continue;
                }
                long value = check.field().of(status.get()) - (check.field().counts()
                        ? baseline.getOrDefault(socket.handle(), 0L) : 0);
                holds |= check.accepts(value);
                seen.add(socket.handle() + " " + check.field().key() + " " + value
                        + (check.field().counts() ? " in this step" : ""));
            }
            return Verdict.of(holds, seen.isEmpty() ? "no listener of yours on port " + check.port()
                    : String.join(", ", seen));
        }
    }

    static final class ReceivedProbe extends Probe {
        private final Check.OctetsReceived check;
        private final Baseline baseline;

        ReceivedProbe(Check.OctetsReceived check, Baseline baseline) {
            this.check = check;
            this.baseline = baseline;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            Connection most = null;
            long octets = -1;
            for (Connection connection : connections(world, check.ports(), now)) {
                long received = baseline.since(connection, connection.block().octetsReceived());
                if (received > octets) {
                    most = connection;
                    octets = received;
                }
            }
            if (most == null) {
                return Verdict.of(false, "no TCP connection" + check.ports().describe());
            }
            return Verdict.of(octets >= check.octets(), most.name() + " received " + octets + " octets in this step");
        }
    }

    static final class RetransmissionsProbe extends Probe {
        private final Check.Retransmissions check;
        private final Baseline baseline;

        RetransmissionsProbe(Check.Retransmissions check, Baseline baseline) {
            this.check = check;
            this.baseline = baseline;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            Connection most = null;
            long best = -1;
            for (Connection connection : connections(world, check.ports(), now)) {
                long count = baseline.since(connection, count(check.cause(), connection.block()));
                if (count > best) {
                    best = count;
                    most = connection;
                }
            }
            if (most == null) {
                return Verdict.of(false, "no TCP connection" + check.ports().describe());
            }
            return Verdict.of(best >= check.atLeast(), most.name() + " has " + best + " " + check.cause().label()
                    + " in this step");
        }

        static long count(Check.Cause cause, TcpControlBlock block) {
            return switch (cause) {
                case ANY -> block.retransmissions();
                case TIMEOUT -> block.timeouts();
                case FAST -> block.fastRetransmits();
            };
        }
    }

    static final class ControlBlockProbe extends Probe {
        private final Check.ControlBlock check;
        private final Baseline baseline;

        ControlBlockProbe(Check.ControlBlock check, Baseline baseline) {
            this.check = check;
            this.baseline = baseline;
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
                long value = check.field().counts() ? baseline.since(connection, check.field().of(block))
                        : check.field().of(block);
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
        private final long start;

        CounterProbe(Check.CounterAtLeast check, long start) {
            this.check = check;
            this.start = start;
        }

        @Override
        boolean lasting() {
            return true;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            long value = world.stats().get(check.counter());
            return Verdict.of(value - start >= check.atLeast(), check.counter().key() + " is " + value + ", up "
                    + (value - start) + " in this step");
        }
    }

    static final class CommandProbe extends Probe {
        private final Check.CommandRun check;
        private int runs;

        CommandProbe(Check.CommandRun check) {
            this.check = check;
        }

        @Override
        public void command(List<String> words, int named, boolean succeeded, Map<String, String> names) {
            if (matches(words, named, succeeded, names)) {
                runs++;
            }
        }

        @Override
        public boolean keyAction(List<String> words, int named, boolean succeeded, Map<String, String> names) {
            return check.key() && matches(words, named, succeeded, names);
        }

        private boolean matches(List<String> words, int named, boolean succeeded, Map<String, String> names) {
            String[] name = check.name().split(" ");
            // 'arp' names the cache's listing, not 'arp flush': a check's name must cover the
            // command's sub-command words, while its arguments may follow.
            if (!succeeded || words.size() < name.length || named > name.length) {
                return false;
            }
            for (int i = 0; i < name.length; i++) {
                if (!name[i].equals(words.get(i))) {
                    return false;
                }
            }
            if (check.uses().isPresent()) {
                String handle = names.get(check.uses().get());
                if (handle == null) {
                    return false;
                }
                // The handle is the command's first argument (udp recv H, tcp close H): an option's
                // value elsewhere (--wait 2) is not a handle.
                String number = handle.substring(handle.indexOf('#') + 1);
                String given = words.size() > name.length ? words.get(name.length) : "";
                if (!given.equals(handle) && !given.equals(number)) {
                    return false;
                }
            }
            List<String> arguments = words.subList(name.length, words.size());
            for (String word : check.with()) {
                if (arguments.stream().noneMatch(argument -> sameWord(filled(word, names), argument))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        boolean lasting() {
            return true;
        }

        /** {@code word} with the socket names and {@code {dir}} that {@code names} knows replaced. */
        private static String filled(String word, Map<String, String> names) {
            String text = word;
            for (Map.Entry<String, String> name : names.entrySet()) {
                text = text.replace(name.getKey(), name.getValue());
            }
            return text;
        }

        /** Equal, or two ways of writing the same path ({@code /tmp/d//f.svg}, {@code /tmp/d/./f.svg}). */
        private static boolean sameWord(String expected, String given) {
            if (expected.equals(given)) {
                return true;
            }
            if (!expected.contains("/") || !given.contains("/")) {
                return false;
            }
            try {
                return java.nio.file.Path.of(expected).toAbsolutePath().normalize()
                        .equals(java.nio.file.Path.of(given).toAbsolutePath().normalize());
            } catch (java.nio.file.InvalidPathException e) {
                return false;
            }
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            return Verdict.of(runs >= check.count(), runs == 0 ? "not run yet" : "run " + runs
                    + (runs == 1 ? " time" : " times"));
        }
    }

    // ---- another node, a link

    /**
     * A check on another host of the topology: evaluated against that host's world, fed that
     * host's frames as its own; never holds where the topology has no such host.
     */
    static final class NodeProbe extends Probe {
        private final String node;
        /** Empty when the world has no such node. */
        private final Optional<Probe> inner;

        NodeProbe(String node, Optional<Probe> inner) {
            this.node = node;
            this.inner = inner;
        }

        @Override
        public void nodeFrame(String from, long now, Direction direction, byte[] frame, int offset, int length) {
            if (from.equals(node) && inner.isPresent()) {
                inner.get().frame(now, direction, frame, offset, length);
            }
        }

        @Override
        public void command(List<String> words, int named, boolean succeeded, Map<String, String> names) {
            inner.ifPresent(p -> p.command(words, named, succeeded, names));
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            Optional<LabWorld> there = world.node(node);
            if (inner.isEmpty() || there.isEmpty()) {
                return Verdict.of(false, "no host " + node + " on this network");
            }
            Verdict verdict = inner.get().evaluate(there.get(), now);
            return Verdict.of(verdict.holds(), node + ": " + verdict.observed());
        }

        @Override
        public boolean expired(long now) {
            return inner.isPresent() && inner.get().expired(now);
        }

        @Override
        public long deadline() {
            return inner.map(Probe::deadline).orElse(Micros.NEVER);
        }
    }

    /** A topology link's counter: {@code start} is a counting field's value when the step began. */
    static final class LinkProbe extends Probe {
        private final Check.LinkCount check;
        private final long start;

        LinkProbe(Check.LinkCount check, long start) {
            this.check = check;
            this.start = start;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            Optional<LinkCounters> counters = world.link(check.link(), now);
            if (counters.isEmpty()) {
                return Verdict.of(false, "no link " + check.link() + " on this network");
            }
            long value = counters.get().value(check.field(), check.from().orElse(null));
            String way = check.from().map(f -> " from " + f).orElse("");
            if (check.field().counts()) {
                return Verdict.of(check.accepts(value - start), check.link() + way + " " + check.field().key() + " "
                        + value + ", up " + (value - start) + " in this step");
            }
            return Verdict.of(check.accepts(value), check.link() + way + " " + check.field().key() + " " + value);
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
        /**
         * The first TCP segment since the step began that nearly matched (the right flags to
         * another port or host, or another control flag on a matching connection: a SYN to
         * port 80 where port 81 was asked, a FIN where a RST was), so that the check can say
         * what was seen instead of "none seen"; its flags, 0 for none, and its far end's port.
         */
        private int nearFlags;
        private int nearPort;

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
            if (seen >= check.count() || check.direction().isPresent() && check.direction().get() != direction) {
                return;
            }
            boolean accepted = filter == null || filter.accepts(frame, offset, length);
            if (!tcpOnly) {
                if (accepted) {
                    seen++;
                }
                return;
            }
            boolean matches = tcpMatches(frame, offset, length);
            if (accepted && matches) {
                seen++;
            } else if (nearFlags == 0 && (accepted || matches) && segment.read(frame, offset, length)) {
                rememberNearMiss(accepted, direction);
            }
        }

        /** Keeps the segment just read as the near miss if it is one (see {@link #nearFlags}). */
        private void rememberNearMiss(boolean accepted, Direction direction) {
            TcpPacket tcp = segment.tcp();
            int control = TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST;
            // On the asked connection, only other flags make a near miss: a SYN with another
            // window is not "a SYN instead".
            boolean otherFlags = (tcp.flags() & check.flags()) != check.flags() || (tcp.flags() & check.notFlags()) != 0;
            if (!accepted || otherFlags && (check.flags() & control) != 0 && (tcp.flags() & control) != 0) {
                nearFlags = tcp.flags();
                nearPort = direction == Direction.TX ? tcp.dstPort() : tcp.srcPort();
            }
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
        boolean lasting() {
            return true;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            String counted = check.count() == 1
                    ? (seen == 0 ? "none seen yet" : "seen")
                    : "seen " + seen + " of " + check.count();
            if (seen >= check.count() || nearFlags == 0) {
                return Verdict.of(seen >= check.count(), counted);
            }
            boolean sent = check.direction().orElse(Direction.TX) == Direction.TX;
            String flags = Flags.names(nearFlags).replace(", ", "+");
            return Verdict.of(false, counted + (flags.startsWith("A") ? "; an " : "; a ") + flags
                    + (sent ? " went to port " : " came from port ") + nearPort + " instead");
        }
    }

    /** A DHCP message of a type: read from the UDP datagrams between ports 67 and 68. */
    static final class DhcpProbe extends Probe {
        private final Check.DhcpSeen check;
        private final UdpFrame udp = new UdpFrame();
        private final DhcpPacket dhcp = new DhcpPacket();
        private int seen;

        DhcpProbe(Check.DhcpSeen check) {
            this.check = check;
        }

        @Override
        public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
            if (seen >= check.count() || check.direction().isPresent() && check.direction().get() != direction
                    || !udp.read(frame, offset, length)) {
                return;
            }
            UdpPacket datagram = udp.udp();
            boolean dhcpPorts = datagram.srcPort() == 67 && datagram.dstPort() == 68
                    || datagram.srcPort() == 68 && datagram.dstPort() == 67;
            if (dhcpPorts && dhcp.wrap(datagram.buffer(), datagram.payloadOffset(), datagram.payloadLength()).check() == null
                    && dhcp.checkMessage() == null && dhcp.messageTypeValue() == check.message().value()) {
                seen++;
            }
        }

        @Override
        boolean lasting() {
            return true;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            return Verdict.of(seen >= check.count(), seen == 0 ? "none seen yet" : "seen " + seen);
        }
    }

    /** A DNS message: a UDP datagram to or from port 53, or a TCP segment to or from it holding one whole message. */
    static final class DnsProbe extends Probe {
        private final Check.DnsSeen check;
        private final UdpFrame udp = new UdpFrame();
        private final TcpFrame segment = new TcpFrame();
        private int seen;

        DnsProbe(Check.DnsSeen check) {
            this.check = check;
        }

        @Override
        public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
            if (seen >= check.count() || check.direction().isPresent() && check.direction().get() != direction) {
                return;
            }
            String transport = check.transport().orElse("");
            if (!transport.equals("tcp") && udp.read(frame, offset, length)) {
                UdpPacket datagram = udp.udp();
                if (datagram.srcPort() == DnsPacket.PORT || datagram.dstPort() == DnsPacket.PORT) {
                    count(datagram.buffer(), datagram.payloadOffset(), datagram.payloadLength());
                }
            } else if (!transport.equals("udp") && segment.read(frame, offset, length)) {
                TcpPacket tcp = segment.tcp();
                int at = tcp.payloadOffset();
                int octets = tcp.payloadLength();
                if ((tcp.srcPort() == DnsPacket.PORT || tcp.dstPort() == DnsPacket.PORT) && octets > 2
                        && Bytes.u16(tcp.buffer(), at) == octets - 2) {
                    count(tcp.buffer(), at + 2, octets - 2);
                }
            }
        }

        /** Parses the message only when a condition needs more than its header (a lab's checks, never the packet path). */
        private void count(byte[] buffer, int offset, int length) {
            DnsRepr message;
            try {
                message = DnsRepr.parse(buffer, offset, length);
            } catch (MessageException e) {
                return;
            }
            if (check.response().isPresent() && check.response().get() != message.isResponse()
                    || check.truncated().isPresent() && check.truncated().get() != message.truncated()
                    || check.name().isPresent() && message.questions().stream()
                            .noneMatch(q -> bare(q.name()).equalsIgnoreCase(bare(check.name().get())))
                    || check.cname().isPresent() && check.cname().get() != message.answers().stream()
                            .anyMatch(r -> r.type() == DnsType.CNAME.value())) {
                return;
            }
            seen++;
        }

        private static String bare(String name) {
            return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        }

        @Override
        boolean lasting() {
            return true;
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            return Verdict.of(seen >= check.count(), seen == 0 ? "none seen yet" : "seen " + seen);
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
        public void nodeFrame(String node, long now, Direction direction, byte[] frame, int offset, int length) {
            if (now <= deadline) {
                inner.nodeFrame(node, now, direction, frame, offset, length);
            }
        }

        @Override
        public void command(List<String> words, int named, boolean succeeded, Map<String, String> names) {
            inner.command(words, named, succeeded, names);
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
        public void nodeFrame(String node, long now, Direction direction, byte[] frame, int offset, int length) {
            for (int i = 0; i < parts.size(); i++) {
                parts.get(i).nodeFrame(node, now, direction, frame, offset, length);
            }
        }

        @Override
        public void command(List<String> words, int named, boolean succeeded, Map<String, String> names) {
            parts.forEach(p -> p.command(words, named, succeeded, names));
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
        boolean lasting() {
            return parts.stream().allMatch(Probe::lasting);
        }

        @Override
        public long deadline() {
            return parts.stream().mapToLong(Probe::deadline).min().orElse(Micros.NEVER);
        }
    }

    static final class NotProbe extends Probe {
        private final Probe inner;
        /** Whether the part held at the last evaluation. */
        private boolean innerHeld;

        NotProbe(Probe inner) {
            this.inner = inner;
        }

        @Override
        public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
            inner.frame(now, direction, frame, offset, length);
        }

        @Override
        public void nodeFrame(String node, long now, Direction direction, byte[] frame, int offset, int length) {
            inner.nodeFrame(node, now, direction, frame, offset, length);
        }

        @Override
        public void command(List<String> words, int named, boolean succeeded, Map<String, String> names) {
            inner.command(words, named, succeeded, names);
        }

        @Override
        public Verdict evaluate(LabWorld world, long now) {
            Verdict verdict = inner.evaluate(world, now);
            innerHeld = verdict.holds();
            return Verdict.of(!verdict.holds(), verdict.observed());
        }

        /** Once a lasting part has held (a frame seen: a ping reached h2), the step cannot pass. */
        @Override
        public boolean expired(long now) {
            return innerHeld && inner.lasting();
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
