package dev.jnetlab.commands.ip;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.commands.dns.FamilyNames;
import dev.jnetlab.commands.dns.Names;
import dev.jnetlab.host.Host;
import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.iface.Route;
import dev.jnetlab.stack.socket.IcmpMessage;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.IpAddress;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ping}, reading like Linux's (iputils): a line per reply as it arrives, then the
 * statistics. Requests go every {@code -i} seconds; after the last one, ping waits until every
 * request has had its answer (a reply or an error), or {@code -W} seconds.
 *
 * <p>Unlike iputils, which pings until stopped, the default is 4 requests, because scripts and
 * labs need an end; {@code -c 0} pings until Ctrl-C. Ctrl-C ends a ping with the statistics so
 * far. A ping that gets no reply still succeeds as a command: losing everything is a result
 * (of {@code fault drop 100}, say), and a script goes on to its next command.
 */
@Command(name = "ping", customSynopsis = "ping [-c N] [-i SEC] [-s SIZE] [-t TTL] [-W SEC] IP",
        description = "Sends ICMP echo requests and prints each reply as it comes, then the statistics, as Linux's ping does.",
        footer = {"ping 192.168.69.100", "ping -c 10 -i 0.2 192.168.69.100", "ping -s 4000 -c 2 192.168.69.100",
                "ping -c 0 192.168.69.100      (until Ctrl-C)", "ping -t 1 h2                  (dies at the first router)",
                "ping -6 h2                    (h2's IPv6 address; -4 its IPv4 one, as without)"})
public final class PingCommand implements ConsoleCommand {
    public static final int DEFAULT_COUNT = 4;
    /** The shortest interval: iputils refuses less than 2 ms to anyone but root; 10 ms keeps a console readable. */
    static final double MIN_INTERVAL = 0.01;

    @Option(names = "-c", paramLabel = "N", description = "requests to send (default 4; 0 pings until Ctrl-C)")
    private int count = DEFAULT_COUNT;

    @Option(names = "-i", paramLabel = "SEC", description = "seconds between requests (default 1)")
    private double interval = 1;

    @Option(names = "-s", paramLabel = "SIZE", description = "octets of data in each request (default 56)")
    private int size = 56;

    @Option(names = "-t", paramLabel = "TTL", description = "the requests' time to live, 1 to 255 (default 64)")
    private Integer ttl;

    @Option(names = "-W", paramLabel = "SEC", description = "seconds to wait for the answers after the last request (default 10)")
    private double wait = 10;

    @Option(names = "-4", description = "a NAME's IPv4 address (the default for a name)")
    private boolean ipv4;

    @Option(names = "-6", description = "a NAME's IPv6 address: a node's, the peer's, or an AAAA record's")
    private boolean ipv6;

    @Parameters(paramLabel = "IP")
    private String target;

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        if (count < 0) {
            throw new CommandException("-c: N must be 0 (until Ctrl-C) or more, not " + count);
        }
        if (!(interval >= MIN_INTERVAL && interval <= 3600)) {
            throw new CommandException("-i: SEC must be from " + MIN_INTERVAL + " to 3600, not " + Arguments.shown(interval));
        }
        if (size < 0 || size > IcmpSocket.MAX_DATA) {
            throw new CommandException("-s: SIZE must be from 0 to " + IcmpSocket.MAX_DATA + " octets, not " + size);
        }
        if (ttl != null && (ttl < 1 || ttl > 255)) {
            throw new CommandException("-t: TTL must be from 1 to 255, not " + ttl);
        }
        if (!(wait > 0 && wait <= 3600)) {
            throw new CommandException("-W: SEC must be more than 0 and at most 3600, not " + Arguments.shown(wait));
        }
        if (ipv4 && ipv6) {
            throw new CommandException("-4 and -6: give one family, not both");
        }
        if (ipv6 || target.indexOf(':') >= 0) {
            if (ipv4) {
                throw new CommandException("IP: " + target + " is an IPv6 address, and -4 asks for IPv4");
            }
            return ping(session, ipv6Ready(session, FamilyNames.ipv6(session, "IP", target)));
        }
        return ping(session, Names.address(session, "IP", target));
    }

    /**
     * Pings {@code to} of either family through an ICMP echo socket (RFC 792; ICMPv6 echo,
     * RFC 4443 section 4): the replies and the errors about the requests come back to it,
     * matched by its identifier.
     */
    private CommandResult ping(Session session, IpAddress to) throws CommandException, InterruptedException {
        IcmpSocket socket = session.stack((network, now) -> {
            IcmpSocket made = network.settings().effective().newIcmpSocket();
            return ttl == null ? made : made.setTtl(ttl);
        });
        SocketHandle<IcmpSocket> handle;
        try {
            handle = session.stack((network, now) -> open(network.local(), socket, to));
        } catch (InterruptedException e) {
            // Cancelled before the handle came back: the socket may be open all the same.
            Thread.interrupted();
            session.stack((network, now) -> network.local().removeSocket(socket));
            throw e;
        }
        Run run = new Run(session, socket, to);
        // iputils: "PING h2 (10.0.2.10) 56(84) bytes of data.", over IPv6 "PING h2(fd00:2::10) 56 data bytes".
        session.output().println(to instanceof Ipv6Address ? "PING " + asked(to) + "(" + to + ") " + size + " data bytes"
                : "PING " + asked(to) + " (" + to + ") " + size + "(" + (size + 28) + ") bytes of data.");
        try {
            run.go();
        } catch (InterruptedException e) {
            run.interrupted = true;
        } finally {
            Thread.interrupted(); // a Ctrl-C ends the ping, nothing after it
            session.stack((network, now) -> network.local().sockets().remove(handle));
        }
        return run.result();
    }

    /** The host as iputils names it: as it was asked for (a name), or the address itself. */
    private String asked(IpAddress to) {
        return Names.looksLikeAddress(target) || target.indexOf(':') >= 0 ? to.toString() : target;
    }

    /**
     * {@code to}, once this host can send to it over IPv6: IPv6 comes up on first use, and its
     * addresses are tentative for a second (DAD), so this waits (3 s at most) for one to use.
     */
    private static Ipv6Address ipv6Ready(Session session, Ipv6Address to) throws CommandException, InterruptedException {
        if (to.isUnspecified()) {
            throw new CommandException("IP: :: is no host's address");
        }
        session.stack((network, t) -> {
            network.enableIpv6();
            return null;
        });
        session.await(Micros.ofSeconds(3), (network, t) -> network.local().iface().sourceAddressFor(to).orElse(null));
        return to;
    }

    private static SocketHandle<IcmpSocket> open(Host host, IcmpSocket socket, IpAddress to) throws CommandException {
        if (to instanceof Ipv4Address v4 && !routable(host.iface(), v4)) {
            throw new CommandException("no route to " + to + ": it is on none of this host's networks and there is "
                    + "no route to it ('route add default via IP' adds one)");
        }
        SocketHandle<IcmpSocket> handle = host.sockets().add(socket);
        try {
            socket.bindAny();
        } catch (SocketException.Bind e) {
            host.sockets().remove(handle);
            throw new CommandException(e.getMessage());
        }
        return handle;
    }

    /** Whether the interface has somewhere to send a datagram for {@code to}. */
    private static boolean routable(Interface iface, Ipv4Address to) {
        for (Ipv4Cidr address : iface.addresses()) {
            if (address.contains(to)) {
                return true;
            }
        }
        for (Route route : iface.routes()) {
            if (route.usable() && route.destination().contains(to)) {
                return true;
            }
        }
        return false;
    }

    /** The messages that arrived, and when the stack had them. */
    private record Arrived(long now, List<IcmpMessage> messages) {
    }

    /** The outcome of sending one request. */
    private record Sent(long now, String error) {
    }

    /** One ping: its state between the requests, and its statistics. */
    private final class Run {
        private final Session session;
        private final IcmpSocket socket;
        private final IpAddress to;
        private final byte[] data = new byte[size];
        /** When each sequence number was sent, by its 16-bit value; -1 when it was not (or was long ago). */
        private final long[] sentAt = new long[65536];
        private final boolean[] answered = new boolean[65536];
        private final List<Reply> replies = new ArrayList<>();
        private final List<ErrorReply> errorReplies = new ArrayList<>();
        private int transmitted;
        private int received;
        private int duplicates;
        private int errors;
        private int outstanding;
        private long first = -1;
        private long now;
        boolean interrupted;

        Run(Session session, IcmpSocket socket, IpAddress to) {
            this.session = session;
            this.socket = socket;
            this.to = to;
            Arrays.fill(sentAt, -1);
            for (int i = 8; i < size; i++) {
                data[i] = (byte) i; // iputils' pattern after the time stamp
            }
        }

        void go() throws CommandException, InterruptedException {
            long intervalMicros = Micros.ofSeconds(interval);
            long waitMicros = Micros.ofSeconds(wait);
            now = session.stack((network, t) -> t);
            long nextSend = now;
            long lingerUntil = Micros.NEVER;
            int seq = 1;
            while (true) {
                boolean more = count == 0 || seq <= count;
                if (more && now >= nextSend) {
                    send(seq++);
                    nextSend = Micros.plus(nextSend, intervalMicros);
                    if (count != 0 && seq > count) {
                        lingerUntil = Micros.plus(now, waitMicros);
                    }
                    continue;
                }
                if (!more && (outstanding == 0 || now >= lingerUntil)) {
                    return;
                }
                long until = more ? nextSend : lingerUntil;
                Arrived arrived = session.await(Math.max(0, until - now), (network, t) -> receive(t));
                if (arrived == null) {
                    now = session.stack((network, t) -> t);
                } else {
                    now = arrived.now();
                    arrived.messages().forEach(message -> take(message, arrived.now()));
                }
            }
        }

        private void send(int seq) throws CommandException, InterruptedException {
            int wire = seq & 0xFFFF;
            Sent sent = session.stack((network, t) -> {
                if (size >= 8) {
                    for (int i = 0; i < 8; i++) {
                        data[i] = (byte) (t >>> (56 - 8 * i));
                    }
                }
                if (to instanceof Ipv6Address v6 && !network.local().iface().hasIpv6Route(v6)) {
                    return new Sent(t, "no route to " + to + " (no IPv6 address of this host, or no router for it: "
                            + "'ip add fd00::1/64' adds one)");
                }
                try {
                    socket.sendEcho(to, wire, data, 0, size);
                    return new Sent(t, null);
                } catch (SocketException.Send e) {
                    return new Sent(t, e.getMessage());
                }
            });
            now = sent.now();
            if (first < 0) {
                first = now;
            }
            if (sent.error() != null) {
                session.output().println("ping: sendmsg: " + sent.error());
                return;
            }
            transmitted++;
            if (sentAt[wire] >= 0 && !answered[wire]) {
                outstanding--; // sixty-five thousand requests ago, and never answered: forgotten
            }
            sentAt[wire] = now;
            answered[wire] = false;
            outstanding++;
        }

        /** On the stack's thread: everything the socket holds, or null when it holds nothing. */
        private Arrived receive(long t) {
            if (!socket.canRecv()) {
                return null;
            }
            List<IcmpMessage> messages = new ArrayList<>();
            while (socket.canRecv()) {
                try {
                    messages.add(socket.recv());
                } catch (SocketException.Recv e) {
                    break; // cannot happen: canRecv said there was one
                }
            }
            return new Arrived(t, messages);
        }

        private void take(IcmpMessage message, long at) {
            int seq = message.sequence();
            if (sentAt[seq] < 0) {
                return; // not one of this ping's requests
            }
            if (message.isError()) {
                errors++;
                markAnswered(seq);
                errorReplies.add(new ErrorReply(seq, message.from().toString(), message.describe()));
                session.output().println("From " + message.from() + " icmp_seq=" + seq + " " + message.describe());
                return;
            }
            long rtt = at - sentAt[seq];
            boolean duplicate = answered[seq];
            if (duplicate) {
                duplicates++;
            } else {
                received++;
                markAnswered(seq);
            }
            int bytes = message.data().length() + 8;
            Reply reply = new Reply(seq, message.from().toString(), bytes, message.ttl(), rtt / 1000.0, duplicate);
            replies.add(reply);
            session.output().println(bytes + " bytes from " + message.from() + ": icmp_seq=" + seq + " ttl="
                    + message.ttl() + " time=" + rttText(rtt) + " ms" + (duplicate ? " (DUP!)" : ""));
        }

        private void markAnswered(int seq) {
            if (!answered[seq]) {
                answered[seq] = true;
                outstanding--;
            }
        }

        Ping result() {
            Rtt rtt = null;
            List<Double> times = replies.stream().filter(r -> !r.duplicate()).map(Reply::timeMs).toList();
            if (!times.isEmpty()) {
                double sum = 0;
                double squares = 0;
                double min = Double.MAX_VALUE;
                double max = 0;
                for (double t : times) {
                    sum += t;
                    squares += t * t;
                    min = Math.min(min, t);
                    max = Math.max(max, t);
                }
                double avg = sum / times.size();
                double mdev = Math.sqrt(Math.max(0, squares / times.size() - avg * avg));
                rtt = new Rtt(min, avg, max, mdev);
            }
            double loss = transmitted == 0 ? 0 : (transmitted - received) * 100.0 / transmitted;
            long elapsed = first < 0 ? 0 : (now - first) / Micros.PER_MILLI;
            return new Ping(to.toString(), size, transmitted, received, duplicates, errors, loss, elapsed, rtt,
                    List.copyOf(replies), List.copyOf(errorReplies), interrupted, asked(to));
        }
    }

    /** A round-trip time as iputils prints it: three significant digits at most, 0.123, 1.23, 12.3, 123. */
    static String rttText(long micros) {
        if (micros >= 100_000 - 50) {
            return Long.toString((micros + 500) / 1000);
        }
        if (micros >= 10_000 - 5) {
            long tenths = (micros + 50) / 100;
            return tenths / 10 + "." + tenths % 10;
        }
        if (micros >= 1_000) {
            long hundredths = (micros + 5) / 10;
            return hundredths / 100 + "." + String.format(Locale.ROOT, "%02d", hundredths % 100);
        }
        return "0." + String.format(Locale.ROOT, "%03d", micros);
    }

    /** A percentage as C's {@code %g} prints it: six significant digits, no trailing zeros. */
    static String percentText(double percent) {
        if (percent == 0) {
            return "0";
        }
        return new BigDecimal(percent).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * One echo reply.
     *
     * @param bytes     ICMP octets: 8 of header and the data
     * @param timeMs    round-trip time in milliseconds
     * @param duplicate a second reply to the same request (not counted as received)
     */
    public record Reply(int seq, String from, int bytes, int ttl, double timeMs, boolean duplicate) {
    }

    /** An ICMP error about one of the requests, in ping's words ({@code Destination Host Unreachable}). */
    public record ErrorReply(int seq, String from, String message) {
    }

    /** Round-trip times of the replies, in milliseconds. */
    public record Rtt(double minMs, double avgMs, double maxMs, double mdevMs) {
    }

    /**
     * A ping's statistics.
     *
     * @param size         octets of data per request
     * @param duplicates   replies that came twice (not counted as received)
     * @param errors       ICMP errors about the requests
     * @param lossPercent  requests without a reply, in percent of those sent
     * @param timeMs       from the first request to the end
     * @param rtt          null when nothing was received
     * @param interrupted  ended by Ctrl-C
     * @param host         the host as asked for: its name ({@code h2}, {@code peer.lab}), or {@code target}
     */
    public record Ping(String target, int size, int transmitted, int received, int duplicates, int errors,
                       double lossPercent, long timeMs, Rtt rtt, List<Reply> replies, List<ErrorReply> errorReplies,
                       boolean interrupted, String host) implements CommandResult {
        @Override
        public String text() {
            StringBuilder out = new StringBuilder();
            out.append("--- ").append(host).append(" ping statistics ---\n");
            out.append(transmitted).append(" packets transmitted, ").append(received).append(" received");
            if (duplicates > 0) {
                out.append(", +").append(duplicates).append(" duplicates");
            }
            if (errors > 0) {
                out.append(", +").append(errors).append(" errors");
            }
            if (transmitted > 0) {
                out.append(", ").append(percentText(lossPercent)).append("% packet loss");
            }
            out.append(", time ").append(timeMs).append("ms");
            if (rtt != null) {
                out.append(String.format(Locale.ROOT, "\nrtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms",
                        rtt.minMs(), rtt.avgMs(), rtt.maxMs(), rtt.mdevMs()));
            }
            return out.toString();
        }
    }
}
