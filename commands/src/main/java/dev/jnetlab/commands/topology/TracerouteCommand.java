package dev.jnetlab.commands.topology;

import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.dns.FamilyNames;
import dev.jnetlab.commands.dns.Names;
import dev.jnetlab.commands.ip.Ipv6FirstUse;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Link;
import dev.jnetlab.host.Network;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FrameMonitor;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.Socket;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpAddress;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.UdpPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code traceroute}, printing as Linux's does: probes with a TTL (IPv6: a hop limit) of 1, 2,
 * 3 ... (UDP to port 33434 and up, or ICMP echo with {@code -I}), each hop's line numbered,
 * with who answered (time exceeded from a router on the way; port unreachable or an echo reply
 * from the destination, which ends the trace) and each probe's round trip, {@code *} for none.
 * Either family: an IPv6 address, or a name with {@code -6}, is traced with ICMPv6 (RFC 4443
 * sections 3.1, 3.3 and 4) as an IPv4 one with ICMP; the loop, the lines and the marks are the
 * same code. Answers are caught where the host's frames pass ({@link FrameMonitor}), as Linux's
 * traceroute reads the errors queued on its socket.
 */
@Command(name = "traceroute", customSynopsis = "traceroute [-4|-6] [-I] [-m MAX] [-q N] [-w SEC] [-p PORT] NAME|IP",
        description = "Shows the routers on the way to NAME|IP, one numbered line per hop, as Linux's traceroute does.",
        footer = {"traceroute h2", "traceroute -I 10.0.2.10", "traceroute -q 1 -m 5 h3",
                "traceroute -6 h2                (h2's IPv6 address)", "traceroute fd00:2::10"})
public final class TracerouteCommand implements ConsoleCommand {
    /** The first destination port of UDP probes (Linux's). */
    public static final int BASE_PORT = 33434;
    /** Data in each probe: 60-octet datagrams, as Linux's default. */
    static final int DATA = 32;

    /** ICMPv6 echo identifiers of {@code -I} probes over IPv6, one per trace (no socket hands one out). */
    private static final AtomicInteger IDENTIFIERS = new AtomicInteger(0x7400);

    @Option(names = "-I", description = "ICMP echo probes instead of UDP")
    private boolean icmp;

    @Option(names = "-4", description = "a NAME's IPv4 address (the default for a name)")
    private boolean ipv4;

    @Option(names = "-6", description = "a NAME's IPv6 address: a node's, the peer's, or an AAAA record's")
    private boolean ipv6;

    @Option(names = "-m", paramLabel = "MAX", description = "the most hops (default 30)")
    private int maxHops = 30;

    @Option(names = "-q", paramLabel = "N", description = "probes per hop (default 3)")
    private int probes = 3;

    @Option(names = "-w", paramLabel = "SEC", description = "seconds to wait for each probe's answer (default 5)")
    private double wait = 5;

    @Option(names = "-p", paramLabel = "PORT", description = "the first UDP destination port (default 33434)")
    private int port = BASE_PORT;

    @Parameters(paramLabel = "NAME|IP")
    private String target;

    /** One probe's answer: who, and the round trip in milliseconds; null for none. */
    public record Probe(String from, String name, Double ms, String note) {
    }

    /** One hop: its number and its probes. */
    public record Hop(int ttl, List<Probe> probes) {
    }

    /** The trace: where to, the hops, and whether the destination answered. */
    public record Trace(String target, String address, List<Hop> hops, boolean reached) implements CommandResult {
        @Override
        public String text() {
            return "";
        }
    }

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        if (maxHops < 1 || maxHops > 255) {
            throw new CommandException("-m: MAX must be from 1 to 255, not " + maxHops);
        }
        if (probes < 1 || probes > 10) {
            throw new CommandException("-q: N must be from 1 to 10, not " + probes);
        }
        if (!(wait > 0 && wait <= 60)) {
            throw new CommandException("-w: SEC must be more than 0 and at most 60, not " + Arguments.shown(wait));
        }
        if (port < 1 || port + maxHops * probes > 0xFFFF) {
            throw new CommandException("-p: PORT must leave room for every probe below 65536, not " + port);
        }
        IpAddress to = destination(session);
        Catcher catcher;
        if (to instanceof Ipv6Address to6) {
            Ipv6FirstUse.ready(session, new IpEndpoint(to6, port));
            catcher = new Catcher6(to6, icmp);
        } else {
            catcher = new Catcher4(((Ipv4Address) to).bits(), icmp);
        }
        Opened opened = session.stack((network, now) -> open(network, catcher));
        List<Hop> hops = new ArrayList<>();
        boolean reached = false;
        try {
            session.output().println("traceroute to " + target + " (" + to + "), " + maxHops + " hops max, "
                    + ((to instanceof Ipv6Address ? Ipv6Packet.HEADER_LEN : Ipv4Packet.HEADER_LEN) + 8 + DATA) + " byte packets");
            int sequence = 0;
            for (int ttl = 1; ttl <= maxHops && !reached; ttl++) {
                List<Probe> answers = new ArrayList<>();
                for (int i = 0; i < probes; i++) {
                    sequence++;
                    answers.add(probe(session, opened, catcher, to, ttl, sequence));
                }
                Hop hop = new Hop(ttl, answers);
                hops.add(hop);
                session.output().println(line(hop));
                reached = catcher.ended;
            }
        } finally {
            session.stack((network, now) -> {
                opened.link().monitor().remove(catcher);
                if (opened.socket() != null) {
                    opened.host().removeSocket(opened.socket());
                }
                return null;
            });
        }
        return new Trace(target, to.toString(), hops, reached);
    }

    /**
     * The address to trace: an IPv6 one as it is typed, or a name's with {@code -6}; else an
     * IPv4 one, a name's first.
     */
    private IpAddress destination(Session session) throws CommandException, InterruptedException {
        if (ipv4 && ipv6) {
            throw new CommandException("-4 and -6: give one family, not both");
        }
        if (ipv6 || target.indexOf(':') >= 0) {
            if (ipv4) {
                throw new CommandException("NAME|IP: " + target + " is an IPv6 address, and -4 asks for IPv4");
            }
            Ipv6Address to = FamilyNames.ipv6(session, "NAME|IP", target);
            if (to.isUnspecified() || Ipv6Address.isMulticast(to.high())) {
                throw new CommandException("NAME|IP: " + to + " is no one host's address");
            }
            return to;
        }
        return Names.address(session, "NAME|IP", target);
    }

    /** The socket probes go from (none for ICMPv6 echo, which the interface sends), on the host the prompt is on, and the listener for the answers. */
    private record Opened(Host host, Link link, Socket socket) {
    }

    private static Opened open(Network network, Catcher catcher) throws CommandException {
        Host host = network.local();
        Socket socket;
        try {
            if (catcher.icmp && catcher instanceof Catcher6) {
                catcher.identifier = IDENTIFIERS.getAndIncrement() & 0xFFFF;
                socket = null;
            } else if (catcher.icmp) {
                IcmpSocket echo = new IcmpSocket();
                host.sockets().add(echo);
                catcher.identifier = echo.bindAny();
                socket = echo;
            } else {
                UdpSocket udp = new UdpSocket();
                host.sockets().add(udp);
                udp.bind(0);
                catcher.identifier = udp.localPort();
                socket = udp;
            }
        } catch (SocketException.Bind e) {
            throw new CommandException(e.getMessage());
        }
        network.link().monitor().add(catcher);
        return new Opened(host, network.link(), socket);
    }

    private Probe probe(Session session, Opened opened, Catcher catcher, IpAddress to, int ttl, int sequence)
            throws CommandException, InterruptedException {
        long sent = session.stack((network, now) -> {
            catcher.expect(icmp ? sequence : port + sequence - 1);
            try {
                if (opened.socket() instanceof IcmpSocket echo) {
                    echo.setTtl(ttl).sendEcho((Ipv4Address) to, sequence, new byte[DATA]);
                } else if (opened.socket() instanceof UdpSocket udp) {
                    udp.setTtl(ttl).sendTo(new IpEndpoint(to, port + sequence - 1), new byte[DATA], 0, DATA);
                } else if (!network.local().iface().sendEchoRequest(now, (Ipv6Address) to, catcher.identifier, sequence, DATA, ttl)) {
                    throw new CommandException("no route to " + to + " (no IPv6 address of this host, or no router for it)");
                }
            } catch (SocketException.Send e) {
                throw new CommandException(e.getMessage());
            }
            return now;
        });
        Answer answer = session.await(Micros.ofSeconds(wait), (network, now) -> catcher.answer);
        if (answer == null) {
            return new Probe(null, null, null, null);
        }
        String name = session.stack((network, now) -> network.topology().flatMap(t -> t.nameOf(answer.from())).orElse(null));
        return new Probe(answer.from().toString(), name, (answer.at() - sent) / 1000.0, answer.note());
    }

    /** {@code  2  r1 (10.0.1.1)  0.512 ms  0.480 ms  0.480 ms}, or {@code  3  * * *}. */
    static String line(Hop hop) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%2d ", hop.ttl()));
        String last = null;
        for (Probe probe : hop.probes()) {
            if (probe.ms() == null) {
                out.append(" *");
                continue;
            }
            if (!probe.from().equals(last)) {
                out.append(' ').append(probe.name() == null ? probe.from() : probe.name()).append(" (").append(probe.from()).append(')');
                last = probe.from();
            }
            out.append(String.format(Locale.ROOT, "  %.3f ms", probe.ms()));
            if (probe.note() != null) {
                out.append(' ').append(probe.note());
            }
        }
        return out.toString();
    }

    /** Who answered a probe, Linux's mark for how ({@code !N}; null for none), and when. */
    private record Answer(IpAddress from, String note, long at) {
    }

    /**
     * Looks at every frame the host receives for the answer to the probe in flight: time
     * exceeded or destination unreachable quoting it, or (ICMP probes) the echo reply to it.
     * Runs on the stack's thread, as the await that reads it. One kind per family.
     */
    private abstract static sealed class Catcher implements FrameMonitor.Listener permits Catcher4, Catcher6 {
        final boolean icmp;
        final EthernetFrame eth = new EthernetFrame();
        int identifier;
        int expected;
        volatile Answer answer;
        /** The destination answered, or a router said it cannot be reached: no further hop. */
        volatile boolean ended;

        Catcher(boolean icmp) {
            this.icmp = icmp;
        }

        void expect(int key) {
            expected = key;
            answer = null;
        }

        /** An answer from {@code from}; {@code last}: not time exceeded, so the trace goes no further. */
        void found(IpAddress from, String note, boolean last, long now) {
            answer = new Answer(from, note, now);
            if (last) {
                ended = true;
            }
        }
    }

    /** IPv4: ICMP (RFC 792). */
    private static final class Catcher4 extends Catcher {
        private final int destination;
        private final Ipv4Packet ip = new Ipv4Packet();
        private final Icmpv4Packet message = new Icmpv4Packet();
        private final Ipv4Packet quoted = new Ipv4Packet();
        private final Icmpv4Packet quotedIcmp = new Icmpv4Packet();
        private final UdpPacket quotedUdp = new UdpPacket();

        Catcher4(int destination, boolean icmp) {
            super(icmp);
            this.destination = destination;
        }

        @Override
        public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
            if (direction != Direction.RX || answer != null || eth.wrap(frame, offset, length).check() != null
                    || eth.etherTypeValue() != EtherType.IPV4.value()
                    || ip.wrap(frame, eth.payloadOffset(), eth.payloadLength()).check() != null
                    || ip.protocolValue() != IpProtocol.ICMP.value()
                    || message.wrap(frame, ip.payloadOffset(), ip.payloadLength()).check() != null) {
                return;
            }
            int type = message.type();
            if (type == Icmpv4Packet.TYPE_ECHO_REPLY) {
                if (icmp && ip.source() == destination && message.echoIdentifier() == identifier
                        && message.echoSequence() == expected) {
                    found(Ipv4Address.of(ip.source()), null, true, now);
                }
                return;
            }
            if (type != Icmpv4Packet.TYPE_TIME_EXCEEDED && type != Icmpv4Packet.TYPE_DST_UNREACHABLE) {
                return;
            }
            if (quoted.wrap(frame, message.dataOffset(), message.dataLength()).checkHeader() != null
                    || quoted.destination() != destination || quoted.length() < quoted.headerLength() + 8) {
                return;
            }
            int transport = quoted.offset() + quoted.headerLength();
            boolean ours = false;
            if (icmp && quoted.protocolValue() == IpProtocol.ICMP.value()) {
                quotedIcmp.wrap(frame, transport, 8);
                ours = quotedIcmp.echoIdentifier() == identifier && quotedIcmp.echoSequence() == expected;
            } else if (!icmp && quoted.protocolValue() == IpProtocol.UDP.value()) {
                quotedUdp.wrap(frame, transport, 8);
                ours = quotedUdp.srcPort() == identifier && quotedUdp.dstPort() == expected;
            }
            if (ours) {
                boolean exceeded = type == Icmpv4Packet.TYPE_TIME_EXCEEDED;
                found(Ipv4Address.of(ip.source()), exceeded ? null : note(message.code()), !exceeded, now);
            }
        }

        /** Linux's marks for an unreachable that is not the destination's port unreachable (code 3). */
        private static String note(int code) {
            return switch (code) {
                case 0 -> "!N";
                case 1 -> "!H";
                case 2 -> "!P";
                case 3 -> null;
                case 4 -> "!F";
                case 13 -> "!X";
                default -> "!<" + code + ">";
            };
        }
    }

    /** IPv6: ICMPv6 (RFC 4443); what this stack and its routers send carries no extension header. */
    private static final class Catcher6 extends Catcher {
        private final Ipv6Address destination;
        private final Ipv6Packet ip = new Ipv6Packet();
        private final Icmpv6Packet message = new Icmpv6Packet();
        private final Ipv6Packet quoted = new Ipv6Packet();
        private final Icmpv6Packet quotedIcmp = new Icmpv6Packet();
        private final UdpPacket quotedUdp = new UdpPacket();

        Catcher6(Ipv6Address destination, boolean icmp) {
            super(icmp);
            this.destination = destination;
        }

        @Override
        public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
            if (direction != Direction.RX || answer != null || eth.wrap(frame, offset, length).check() != null
                    || eth.etherTypeValue() != EtherType.IPV6.value()
                    || ip.wrap(frame, eth.payloadOffset(), eth.payloadLength()).check() != null
                    || ip.nextHeader() != IpProtocol.ICMPV6.value()
                    || message.wrap(frame, ip.payloadOffset(), ip.payloadLength()).check() != null) {
                return;
            }
            int type = message.type();
            if (type == Icmpv6Packet.TYPE_ECHO_REPLY) {
                if (icmp && ip.sourceHigh() == destination.high() && ip.sourceLow() == destination.low()
                        && message.echoIdentifier() == identifier && message.echoSequence() == expected) {
                    found(ip.source(), null, true, now);
                }
                return;
            }
            if (type != Icmpv6Packet.TYPE_TIME_EXCEEDED && type != Icmpv6Packet.TYPE_DST_UNREACHABLE) {
                return;
            }
            if (quoted.wrap(frame, message.dataOffset(), message.dataLength()).checkHeader() != null
                    || quoted.destinationHigh() != destination.high() || quoted.destinationLow() != destination.low()
                    || message.dataLength() < Ipv6Packet.HEADER_LEN + 8) {
                return;
            }
            int transport = quoted.offset() + Ipv6Packet.HEADER_LEN;
            boolean ours = false;
            if (icmp && quoted.nextHeader() == IpProtocol.ICMPV6.value()) {
                quotedIcmp.wrap(frame, transport, 8);
                ours = quotedIcmp.echoIdentifier() == identifier && quotedIcmp.echoSequence() == expected;
            } else if (!icmp && quoted.nextHeader() == IpProtocol.UDP.value()) {
                quotedUdp.wrap(frame, transport, 8);
                ours = quotedUdp.srcPort() == identifier && quotedUdp.dstPort() == expected;
            }
            if (ours) {
                boolean exceeded = type == Icmpv6Packet.TYPE_TIME_EXCEEDED;
                found(ip.source(), exceeded ? null : note(message.code()), !exceeded, now);
            }
        }

        /** Linux's marks for an ICMPv6 unreachable that is not the destination's port unreachable (code 4). */
        private static String note(int code) {
            return switch (code) {
                case 0 -> "!N";
                case 1 -> "!X";
                case 2, 3 -> "!H";
                case 4 -> null;
                default -> "!<" + code + ">";
            };
        }
    }
}
