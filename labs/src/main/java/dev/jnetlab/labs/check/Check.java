package dev.jnetlab.labs.check;

import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.Ipv6AddressOrigin;
import dev.jnetlab.stack.iface.Ipv6AddressState;
import dev.jnetlab.stack.iface.NdpState;
import dev.jnetlab.stack.iface.NeighborState;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.wire.DhcpMessageType;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.TcpFlags;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * One predicate of a lab step over what the stack shows, as a lab file states it: a value,
 * checked when the file is loaded. A running lab compiles each into a {@link Probe}, which
 * holds what the predicate needs to remember (frames seen, a deadline).
 *
 * <p>Every check of a step is <em>latched</em>: it is ticked once it has held at some
 * evaluation since the step began, and stays ticked, so a step can ask for states that pass
 * (SYN-SENT, then ESTABLISHED, then TIME-WAIT). Composites ({@link All}, {@link Any},
 * {@link Not}, {@link Within}) combine the current values of their parts; only the check as a
 * whole is latched.
 */
public sealed interface Check {

    /** What the check asks, as {@code lab status} lists it. */
    String describe();

    /**
     * The ARP cache holds an entry for {@code address}, in {@code state} if one is given.
     *
     * @param state empty for any state (INCOMPLETE included)
     * @param mac   the MAC address the entry must hold; empty for any (a step that has the
     *              student type one names it, or a wrong one would pass)
     */
    record ArpEntry(Ipv4Address address, Optional<NeighborState> state, Optional<MacAddress> mac) implements Check {
        public ArpEntry {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(mac, "mac");
        }

        public ArpEntry(Ipv4Address address, Optional<NeighborState> state) {
            this(address, state, Optional.empty());
        }

        @Override
        public String describe() {
            return "an ARP entry for " + address + mac.map(m -> " at " + m).orElse("")
                    + state.map(s -> " in state " + s).orElse("");
        }
    }

    /**
     * The IPv6 neighbor cache ({@code ndp}) has an entry for {@code address}, in {@code state}
     * (RFC 4861 section 7.3.2) and with {@code mac} if given.
     *
     * @param state empty for any state (INCOMPLETE included)
     * @param mac   the MAC address the entry must hold; empty for any
     */
    record NdpEntry(Ipv6Address address, Optional<NdpState> state, Optional<MacAddress> mac) implements Check {
        public NdpEntry {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(mac, "mac");
        }

        @Override
        public String describe() {
            return "an NDP entry for " + address + mac.map(m -> " at " + m).orElse("")
                    + state.map(s -> " in state " + s).orElse("");
        }
    }

    /**
     * The interface holds the IPv6 address {@code address} ({@code iface}), in {@code state}
     * (RFC 4862 section 2: tentative while DAD runs) and from {@code origin} if given.
     *
     * @param state  empty for any state
     * @param origin empty for any: link-local, manual ({@code ip add}), slaac (a router's prefix)
     */
    record AddressHeld(Ipv6Address address, Optional<Ipv6AddressState> state, Optional<Ipv6AddressOrigin> origin)
            implements Check {
        public AddressHeld {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public String describe() {
            return "the address " + address + state.map(s -> " " + s.name().toLowerCase(java.util.Locale.ROOT)).orElse("")
                    + origin.map(o -> " from " + o.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).orElse("");
        }
    }

    /**
     * The student ran {@code name} ({@code udp recv}, {@code capture stop}) successfully at
     * least {@code count} times since the step began: the step's key action, when what it shows
     * is on the screen rather than on the wire.
     *
     * @param name  the command's words up to its arguments, as {@code help} names it
     * @param uses  a socket name ({@code {udp:5000}}, see {@link SocketNames}) the command must
     *              have been given; empty for any
     * @param key   whether it is the step's key action, which the work after it must follow: each
     *              time it runs, the step's checks listed after this one begin again (an
     *              {@code arp flush}, after which a listing or a ping from before counts for
     *              nothing); a check of the step itself, not inside a composite
     * @param with  words that must be among the command's arguments ({@code --cwnd}, {@code --svg},
     *              {@code {dir}/flow.svg}), socket names and {@code {dir}} filled in; a path
     *              names the same file however it is written
     */
    record CommandRun(String name, int count, Optional<String> uses, boolean key, List<String> with) implements Check {
        public CommandRun {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(uses, "uses");
            with = List.copyOf(with);
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, not " + count);
            }
        }

        public CommandRun(String name, int count, Optional<String> uses) {
            this(name, count, uses, false, List.of());
        }

        @Override
        public String describe() {
            return "'" + name + (with.isEmpty() ? "" : " ... " + String.join(" ", with)) + "' run"
                    + (count == 1 ? "" : " " + count + " times")
                    + uses.map(u -> " on " + SocketNames.describe(u).replaceFirst("^your ", "your ")).orElse("")
                    + " in this step" + (key ? " (the checks below count from it)" : "");
        }
    }

    /**
     * At least {@code count} DHCP messages of type {@code message} (RFC 2132 §9.6) crossed the
     * interface since the step began: the frames the DHCP client writes itself (from 0.0.0.0,
     * broadcast) count too.
     *
     * @param direction empty for either way
     */
    record DhcpSeen(DhcpMessageType message, Optional<Direction> direction, int count) implements Check {
        public DhcpSeen {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(direction, "direction");
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, not " + count);
            }
        }

        @Override
        public String describe() {
            return (count == 1 ? "a DHCP " + message : count + " DHCP " + message + "s")
                    + direction.map(d -> d == Direction.TX ? " sent" : " received").orElse("") + " in this step";
        }
    }

    /**
     * At least {@code count} DNS messages (RFC 1035 §4.1) that match every condition given
     * crossed the interface since the step began, over UDP or TCP port 53 (over TCP, a message
     * whole in one segment after its two-octet length, §4.2.2).
     *
     * @param direction  empty for either way
     * @param transport  {@code udp} or {@code tcp}; empty for either
     * @param response   true for an answer, false for a query; empty for either
     * @param name       the question's name, without the final dot, any case; empty for any
     * @param cname      whether the answer section must hold a CNAME; empty for either
     * @param truncated  whether the TC flag must be set (or clear); empty for either
     */
    record DnsSeen(Optional<Direction> direction, Optional<String> transport, Optional<Boolean> response,
                   Optional<String> name, Optional<Boolean> cname, Optional<Boolean> truncated, int count)
            implements Check {
        public DnsSeen {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(cname, "cname");
            Objects.requireNonNull(truncated, "truncated");
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, not " + count);
            }
        }

        @Override
        public String describe() {
            StringBuilder out = new StringBuilder(count == 1 ? "a DNS " : count + " DNS ");
            out.append(response.map(r -> r ? (count == 1 ? "answer" : "answers") : (count == 1 ? "query" : "queries"))
                    .orElse(count == 1 ? "message" : "messages"));
            name.ifPresent(n -> out.append(" for ").append(n));
            truncated.ifPresent(t -> out.append(t ? ", truncated" : ", not truncated"));
            cname.ifPresent(c -> out.append(c ? ", with a CNAME" : ", without a CNAME"));
            transport.ifPresent(t -> out.append(" over ").append(t.toUpperCase(java.util.Locale.ROOT)));
            direction.ifPresent(d -> out.append(d == Direction.TX ? ", sent" : ", received"));
            return out.append(" in this step").toString();
        }
    }

    /** A TCP socket whose ports match is in {@code state}; LISTEN means a listener. */
    record SocketState(TcpState state, Ports ports) implements Check {
        public SocketState {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(ports, "ports");
        }

        @Override
        public String describe() {
            return "a TCP socket" + ports.describe() + " in " + state;
        }
    }

    /**
     * A number of {@code tcp show} of the lab's listener on {@code port} lies within bounds: at
     * least {@code atLeast}, at most {@code atMost} (either may be absent, not both). A field that
     * counts ({@link ListenerField#counts()}: cookies, drops) is measured from the step's start.
     */
    record Listener(int port, ListenerField field, OptionalLong atLeast, OptionalLong atMost) implements Check {
        public Listener {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(atLeast, "atLeast");
            Objects.requireNonNull(atMost, "atMost");
            if (port < 1 || port > 0xFFFF) {
                throw new IllegalArgumentException("not a port: " + port + " (1 to 65535)");
            }
            if (atLeast.isEmpty() && atMost.isEmpty()) {
                throw new IllegalArgumentException("a listener check needs a bound: at-least, at-most or both");
            }
        }

        public boolean accepts(long value) {
            return (atLeast.isEmpty() || value >= atLeast.getAsLong()) && (atMost.isEmpty() || value <= atMost.getAsLong());
        }

        @Override
        public String describe() {
            StringBuilder out = new StringBuilder(field.key()).append(field.counts() ? " in this step" : "")
                    .append(" of your listener on port ").append(port);
            atLeast.ifPresent(n -> out.append(" at least ").append(n));
            if (atLeast.isPresent() && atMost.isPresent()) {
                out.append(" and");
            }
            atMost.ifPresent(n -> out.append(" at most ").append(n));
            return out.toString();
        }
    }

    /**
     * A TCP connection whose ports match has received at least {@code octets} octets, in order,
     * since the step began.
     */
    record OctetsReceived(long octets, Ports ports) implements Check {
        public OctetsReceived {
            requireNotNegative(octets, "octets");
            Objects.requireNonNull(ports, "ports");
        }

        @Override
        public String describe() {
            return "at least " + octets + " octets received on a TCP connection" + ports.describe() + " in this step";
        }
    }

    /**
     * At least {@code count} frames that match {@code filter} (a {@code trace on} expression)
     * crossed the interface since the step began; with TCP conditions, only TCP segments
     * count.
     *
     * @param direction   empty for either way
     * @param flags       TCP flags ({@link TcpFlags} bits) that must all be set
     * @param notFlags    TCP flags that must all be clear
     * @param window      the TCP window field must be exactly this (before scaling)
     * @param minLength   the TCP payload must be at least this long
     * @param options     TCP options ({@link TcpOptionNames} bits) the header must carry
     */
    record FrameSeen(String filter, Optional<Direction> direction, int flags, int notFlags, OptionalInt window,
                     OptionalInt minLength, int options, int count) implements Check {
        public FrameSeen {
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(minLength, "minLength");
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, not " + count);
            }
            if ((flags & notFlags) != 0) {
                throw new IllegalArgumentException("a flag cannot be both set and clear: " + TcpFlags.of(flags & notFlags));
            }
        }

        /** Whether the check reads the TCP header (so only TCP segments can match). */
        public boolean tcpOnly() {
            return flags != 0 || notFlags != 0 || window.isPresent() || minLength.isPresent() || options != 0;
        }

        @Override
        public String describe() {
            StringBuilder out = new StringBuilder();
            out.append(count == 1 ? "a frame" : count + " frames");
            direction.ifPresent(d -> out.append(d == Direction.TX ? " sent" : " received"));
            out.append(" matching '").append(filter).append('\'');
            if (flags != 0) {
                out.append(" with ").append(Flags.names(flags));
            }
            if (notFlags != 0) {
                out.append(" without ").append(Flags.names(notFlags));
            }
            window.ifPresent(w -> out.append(", window ").append(w));
            minLength.ifPresent(n -> out.append(", at least ").append(n).append(n == 1 ? " octet" : " octets")
                    .append(" of data"));
            if (options != 0) {
                out.append(", with option").append(Integer.bitCount(options) == 1 ? " " : "s ")
                        .append(TcpOptionNames.names(options));
            }
            return out.toString();
        }
    }

    /** An interface counter ({@code stats}) has grown by {@code atLeast} since the step began. */
    record CounterAtLeast(InterfaceCounter counter, long atLeast) implements Check {
        public CounterAtLeast {
            Objects.requireNonNull(counter, "counter");
            requireNotNegative(atLeast, "atLeast");
        }

        @Override
        public String describe() {
            return "counter " + counter.key() + " up by at least " + atLeast + " in this step";
        }
    }

    /** What a {@link Retransmissions} check counts, each a field of {@code tcp show}. */
    enum Cause {
        /** Segments sent again, for any reason. */
        ANY("retransmissions"),
        /** Retransmission timeouts (each one an RTO that fired). */
        TIMEOUT("retransmission timeouts"),
        /** Fast retransmits (recoveries entered on duplicate ACKs). */
        FAST("fast retransmits");

        private final String label;

        Cause(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A TCP connection whose ports match has had at least {@code atLeast} of {@code cause} since the step began. */
    record Retransmissions(long atLeast, Cause cause, Ports ports) implements Check {
        public Retransmissions {
            requireNotNegative(atLeast, "atLeast");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(ports, "ports");
        }

        @Override
        public String describe() {
            return "a TCP connection" + ports.describe() + " with at least " + atLeast + " " + cause.label()
                    + " in this step";
        }
    }

    /**
     * A field of {@code tcp show} of a TCP connection whose ports (and algorithm, if given)
     * match lies within bounds: at least {@code atLeast}, at most {@code atMost} (either may
     * be absent, not both). A field that counts ({@link TcbField#counts()}) is measured from
     * the step's start.
     */
    record ControlBlock(TcbField field, OptionalLong atLeast, OptionalLong atMost,
                        Optional<CongestionControl.Algorithm> algorithm, Ports ports) implements Check {
        public ControlBlock {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(atLeast, "atLeast");
            Objects.requireNonNull(atMost, "atMost");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(ports, "ports");
            if (atLeast.isEmpty() && atMost.isEmpty()) {
                throw new IllegalArgumentException("a tcb check needs a bound: at-least, at-most or both");
            }
        }

        public boolean accepts(long value) {
            return (atLeast.isEmpty() || value >= atLeast.getAsLong()) && (atMost.isEmpty() || value <= atMost.getAsLong());
        }

        @Override
        public String describe() {
            StringBuilder out = new StringBuilder(field.key()).append(field.counts() ? " in this step" : "")
                    .append(" of a TCP connection").append(ports.describe());
            algorithm.ifPresent(a -> out.append(" under ").append(a));
            atLeast.ifPresent(n -> out.append(" at least ").append(n));
            if (atLeast.isPresent() && atMost.isPresent()) {
                out.append(" and");
            }
            atMost.ifPresent(n -> out.append(" at most ").append(n));
            return out.toString();
        }
    }

    /**
     * The congestion window of a TCP connection whose ports match is above {@code above} and
     * below {@code below} (either may be absent, not both), and its algorithm is
     * {@code algorithm} if one is given.
     */
    record Cwnd(Optional<WindowSize> above, Optional<WindowSize> below, Optional<CongestionControl.Algorithm> algorithm,
                Ports ports)
            implements Check {
        public Cwnd {
            Objects.requireNonNull(above, "above");
            Objects.requireNonNull(below, "below");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(ports, "ports");
            if (above.isEmpty() && below.isEmpty()) {
                throw new IllegalArgumentException("a cwnd check needs a bound: above, below or both");
            }
        }

        @Override
        public String describe() {
            StringBuilder out = new StringBuilder("cwnd of a TCP connection").append(ports.describe());
            algorithm.ifPresent(a -> out.append(" under ").append(a));
            above.ifPresent(a -> out.append(" above ").append(a));
            if (above.isPresent() && below.isPresent()) {
                out.append(" and");
            }
            below.ifPresent(b -> out.append(" below ").append(b));
            return out.toString();
        }
    }

    /**
     * {@code check} holds on the topology's host {@code node} ({@code h2}) rather than the one the
     * lab reads: its control blocks, counters and frames (a {@code node:} key in the check).
     */
    record OnNode(String node, Check check) implements Check {
        public OnNode {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(check, "check");
        }

        @Override
        public String describe() {
            return check.describe() + " on " + node;
        }
    }

    /**
     * A counter of the topology's link {@code link} ({@code r1-r2}) lies within bounds: the frames
     * leaving {@code from} (an end of the link; empty for both ways added up), at least
     * {@code atLeast} and at most {@code atMost} (either may be absent, not both). A field that
     * counts ({@link LinkField#counts()}) is measured from the step's start.
     */
    record LinkCount(String link, Optional<String> from, LinkField field, OptionalLong atLeast, OptionalLong atMost)
            implements Check {
        public LinkCount {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(atLeast, "atLeast");
            Objects.requireNonNull(atMost, "atMost");
            if (atLeast.isEmpty() && atMost.isEmpty()) {
                throw new IllegalArgumentException("a link check needs a bound: at-least, at-most or both");
            }
        }

        public boolean accepts(long value) {
            return (atLeast.isEmpty() || value >= atLeast.getAsLong()) && (atMost.isEmpty() || value <= atMost.getAsLong());
        }

        @Override
        public String describe() {
            StringBuilder out = new StringBuilder(switch (field) {
                case FRAMES -> "frames carried";
                case TAIL_DROPS -> "tail drops";
                case QUEUED -> "frames queued";
            }).append(" on link ").append(link).append(from.map(f -> " from " + f).orElse(""))
                    .append(field.counts() ? " in this step" : "");
            atLeast.ifPresent(n -> out.append(" at least ").append(n));
            if (atLeast.isPresent() && atMost.isPresent()) {
                out.append(" and");
            }
            atMost.ifPresent(n -> out.append(" at most ").append(n));
            return out.toString();
        }
    }

    /** {@code check} holds within {@code micros} of the step starting; after that it can no longer pass. */
    record Within(long micros, Check check) implements Check {
        public Within {
            if (micros <= 0) {
                throw new IllegalArgumentException("within needs a positive time, not " + micros + " µs");
            }
            Objects.requireNonNull(check, "check");
        }

        @Override
        public String describe() {
            return check.describe() + ", within " + Seconds.format(micros) + " of the step starting";
        }
    }

    /** Every part holds at once. */
    record All(List<Check> checks) implements Check {
        public All {
            checks = List.copyOf(checks);
            if (checks.isEmpty()) {
                throw new IllegalArgumentException("all needs at least one check");
            }
        }

        @Override
        public String describe() {
            return "all of: " + checks.stream().map(Check::describe).collect(Collectors.joining("; "));
        }
    }

    /** At least one part holds. */
    record Any(List<Check> checks) implements Check {
        public Any {
            checks = List.copyOf(checks);
            if (checks.isEmpty()) {
                throw new IllegalArgumentException("any needs at least one check");
            }
        }

        @Override
        public String describe() {
            return "any of: " + checks.stream().map(Check::describe).collect(Collectors.joining("; "));
        }
    }

    /** The part does not hold (now: a frame check holds once its frames were seen). */
    record Not(Check check) implements Check {
        public Not {
            Objects.requireNonNull(check, "check");
        }

        @Override
        public String describe() {
            return "not: " + check.describe();
        }
    }

    /** A check shown under words of the lab's own instead of its generated description. */
    record Labeled(String label, Check check) implements Check {
        public Labeled {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(check, "check");
        }

        @Override
        public String describe() {
            return label;
        }
    }

    private static void requireNotNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }
}
