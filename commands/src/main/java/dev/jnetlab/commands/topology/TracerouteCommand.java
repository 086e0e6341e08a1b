package dev.jnetlab.commands.topology;

import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.dns.Names;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Link;
import dev.jnetlab.host.Network;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FrameMonitor;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.Socket;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.UdpPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code traceroute}, printing as Linux's does: probes with a TTL of 1, 2, 3 ... (UDP to port
 * 33434 and up, or ICMP echo with {@code -I}), each hop's line numbered, with who answered
 * (time exceeded from a router on the way; port unreachable or an echo reply from the
 * destination, which ends the trace) and each probe's round trip, {@code *} for none.
 * Answers are caught where the host's frames pass ({@link FrameMonitor}), as Linux's
 * traceroute reads the errors queued on its socket.
 */
@Command(name = "traceroute", customSynopsis = "traceroute [-I] [-m MAX] [-q N] [-w SEC] [-p PORT] NAME|IP",
        description = "Shows the routers on the way to NAME|IP, one numbered line per hop, as Linux's traceroute does.",
        footer = {"traceroute h2", "traceroute -I 10.0.2.10", "traceroute -q 1 -m 5 h3"})
public final class TracerouteCommand implements ConsoleCommand {
    /** The first destination port of UDP probes (Linux's). */
    public static final int BASE_PORT = 33434;
    /** Data in each probe: 60-octet datagrams, as Linux's default. */
    static final int DATA = 32;

    @Option(names = "-I", description = "ICMP echo probes instead of UDP")
    private boolean icmp;

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
        Ipv4Address to = Names.address(session, "NAME|IP", target);
        Catcher catcher = new Catcher(to.bits(), icmp);
        Opened opened = session.stack((network, now) -> open(network, catcher));
        List<Hop> hops = new ArrayList<>();
        boolean reached = false;
        try {
            session.output().println("traceroute to " + target + " (" + to + "), " + maxHops + " hops max, "
                    + (Ipv4Packet.HEADER_LEN + 8 + DATA) + " byte packets");
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
                opened.host().removeSocket(opened.socket());
                return null;
            });
        }
        return new Trace(target, to.toString(), hops, reached);
    }

    /** The socket probes go from, on the host the prompt is on, and the listener for the answers. */
    private record Opened(Host host, Link link, Socket socket) {
    }

    private static Opened open(Network network, Catcher catcher) throws CommandException {
        Host host = network.local();
        Socket socket;
        try {
            if (catcher.icmp) {
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

    private Probe probe(Session session, Opened opened, Catcher catcher, Ipv4Address to, int ttl, int sequence)
            throws CommandException, InterruptedException {
        long sent = session.stack((network, now) -> {
            catcher.expect(icmp ? sequence : port + sequence - 1);
            try {
                if (opened.socket() instanceof IcmpSocket echo) {
                    echo.setTtl(ttl).sendEcho(to, sequence, new byte[DATA]);
                } else if (opened.socket() instanceof UdpSocket udp) {
                    udp.setTtl(ttl).sendTo(new Endpoint(to.bits(), port + sequence - 1), new byte[DATA], 0, DATA);
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
        String name = session.stack((network, now) -> network.topology()
                .flatMap(t -> t.nameOf(Ipv4Address.of(answer.from()))).orElse(null));
        return new Probe(Ipv4Address.of(answer.from()).toString(), name, (answer.at() - sent) / 1000.0, note(answer));
    }

    /** Linux's marks for an unreachable that is not the destination's port unreachable. */
    private static String note(Answer answer) {
        if (answer.type() != Icmpv4Packet.TYPE_DST_UNREACHABLE || answer.code() == 3) {
            return null;
        }
        return switch (answer.code()) {
            case 0 -> "!N";
            case 1 -> "!H";
            case 2 -> "!P";
            case 4 -> "!F";
            case 13 -> "!X";
            default -> "!<" + answer.code() + ">";
        };
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

    /** Who answered a probe, how, and when. */
    private record Answer(int from, int type, int code, long at) {
    }

    /**
     * Looks at every frame the host receives for the answer to the probe in flight: time
     * exceeded or destination unreachable quoting it, or (ICMP probes) the echo reply to it.
     * Runs on the stack's thread, as the await that reads it.
     */
    private static final class Catcher implements FrameMonitor.Listener {
        private final int destination;
        private final boolean icmp;
        private final EthernetFrame eth = new EthernetFrame();
        private final Ipv4Packet ip = new Ipv4Packet();
        private final Icmpv4Packet message = new Icmpv4Packet();
        private final Ipv4Packet quoted = new Ipv4Packet();
        private final Icmpv4Packet quotedIcmp = new Icmpv4Packet();
        private final UdpPacket quotedUdp = new UdpPacket();
        int identifier;
        private int expected;
        volatile Answer answer;
        /** The destination answered, or a router said it cannot be reached: no further hop. */
        volatile boolean ended;

        Catcher(int destination, boolean icmp) {
            this.destination = destination;
            this.icmp = icmp;
        }

        void expect(int key) {
            expected = key;
            answer = null;
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
                    found(type, 0, now);
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
            if (icmp && quoted.protocolValue() == IpProtocol.ICMP.value()) {
                quotedIcmp.wrap(frame, transport, 8);
                if (quotedIcmp.echoIdentifier() == identifier && quotedIcmp.echoSequence() == expected) {
                    found(type, message.code(), now);
                }
            } else if (!icmp && quoted.protocolValue() == IpProtocol.UDP.value()) {
                quotedUdp.wrap(frame, transport, 8);
                if (quotedUdp.srcPort() == identifier && quotedUdp.dstPort() == expected) {
                    found(type, message.code(), now);
                }
            }
        }

        private void found(int type, int code, long now) {
            answer = new Answer(ip.source(), type, code, now);
            if (type != Icmpv4Packet.TYPE_TIME_EXCEEDED) {
                ended = true;
            }
        }
    }
}
