package dev.jnetlab.commands.tcp;

import dev.jnetlab.stack.phy.PcapFile;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.commands.dns.FamilyNames;
import dev.jnetlab.commands.dns.Names;
import dev.jnetlab.commands.ip.Ipv6FirstUse;
import dev.jnetlab.commands.ip.OwnAddresses;
import dev.jnetlab.commands.args.Handles;
import dev.jnetlab.commands.settings.SettingWords;
import dev.jnetlab.commands.text.TextEscapes;
import dev.jnetlab.commands.plot.Pictures;
import dev.jnetlab.commands.plot.TcpPlotCommand;
import dev.jnetlab.host.ConnectionLadders;
import dev.jnetlab.host.ladder.SvgLadder;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Topology;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.Server;
import dev.jnetlab.host.Service;
import dev.jnetlab.host.ladder.LadderRecorder;
import dev.jnetlab.host.ladder.LadderRenderer;
import dev.jnetlab.host.settings.Assignment;
import dev.jnetlab.host.settings.SettingException;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.host.settings.SocketSettings;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.Socket;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.socket.tcp.CloseReason;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.SynCookieMode;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.HexDump;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tcp", customSynopsis = "tcp listen [ADDR:]PORT | tcp connect IP:PORT [--port LOCAL] | tcp send H TEXT | "
        + "tcp send H --file PATH | tcp recv H [--hex] [--wait SEC] | tcp watch H | tcp unwatch H | tcp close H | "
        + "tcp abort H | tcp show [H] | tcp ladder H [--absolute] [--svg FILE] | tcp set H OPTION VALUE | "
        + "tcp plot H [--cwnd] [--svg FILE]",
        description = "Opens TCP connections and listeners, moves data over them, and shows their control blocks "
                + "and their segments.",
        footer = {"tcp connect 192.168.69.100:7", "tcp send tcp#1 hello\\n", "tcp recv 1 --wait 1", "tcp show 1",
            "tcp ladder 1", "tcp listen 8080", "tcp close 1"},
        subcommands = {TcpCommand.Listen.class, TcpCommand.Connect.class, TcpCommand.Send.class, TcpCommand.Recv.class,
            TcpCommand.Watch.class, TcpCommand.Unwatch.class, TcpCommand.Close.class, TcpCommand.Abort.class,
            TcpCommand.Show.class, TcpCommand.Ladder.class, TcpCommand.SetOption.class, TcpPlotCommand.class})
public final class TcpCommand {
    private static final String WHAT = "a TCP connection";
    /** How long connect waits for the handshake. */
    public static final long CONNECT_TIMEOUT = Micros.ofSeconds(20);
    /** The largest file {@code tcp send --file} reads. */
    public static final long MAX_FILE = 64L << 20;

    /** A socket for a connection the console opens, with the settings of {@code set} (or a running lab's). */
    static TcpSocket newSocket(Network network) {
        return network.settings().effective().newTcpSocket();
    }

    /** The name of the service that accepts the connections of a listener. */
    static String acceptorName(SocketHandle<?> listener) {
        return "accept " + listener;
    }

    static String watchName(SocketHandle<?> socket) {
        return "watch " + socket;
    }

    @Command(name = "listen", customSynopsis = "tcp listen [ADDR:]PORT [--backlog N] [--half-open N] [--syncookies 0|1|2]",
            description = "Listens on PORT on every address of this host, of both families (or only on ADDR, one of "
                    + "its addresses: 192.168.69.1:8080, [fd00::1]:8080); connections are accepted as they come, "
                    + "each with its own handle, and announced. When N connections are half-open, further SYNs "
                    + "are answered with SYN cookies (RFC 4987), or dropped with --syncookies 0.",
            footer = {"tcp listen 8080", "tcp listen [fd00::1]:8080", "tcp listen 8080 --backlog 16 --half-open 4",
                    "tcp listen 8080 --half-open 4 --syncookies 0"})
    public static final class Listen implements ConsoleCommand {
        @Parameters(paramLabel = "PORT")
        private String port;
        @Option(names = "--backlog", paramLabel = "N",
                description = "connections that may wait to be accepted (default: set tcp.backlog, "
                        + TcpListener.DEFAULT_BACKLOG + " unless set)")
        private String backlog;
        @Option(names = "--half-open", paramLabel = "N",
                description = "connections that may be half-open before SYN cookies (default: set tcp.half-open, "
                        + TcpListener.DEFAULT_MAX_HALF_OPEN + " unless set)")
        private String halfOpen;
        @Option(names = "--syncookies", paramLabel = "0|1|2",
                description = "SYN cookies as Linux's tcp_syncookies: 0 never (a SYN that finds the half-open queue full "
                        + "is dropped), 1 when it is full, 2 always (default: set tcp.syncookies, 1 unless set)")
        private String syncookies;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            IpEndpoint local = Arguments.local("PORT", port, 1);
            int queue = backlog == null ? 0 : Arguments.intInRange("--backlog", backlog, 1, 65535);
            int maxHalfOpen = halfOpen == null ? 0 : Arguments.intInRange("--half-open", halfOpen, 1, 65535);
            int cookieValue = syncookies == null ? -1 : Arguments.intInRange("--syncookies", syncookies, 0, 2);
            return session.stack((network, now) -> {
                Host host = network.local();
                OwnAddresses.check("PORT", host, now, local.address());
                SocketSettings defaults = network.settings().effective();
                ListenerSettings settings = new ListenerSettings(defaults);
                TcpListener listener = new TcpListener(local,
                        queue > 0 ? queue : (int) defaults.value(SocketOption.BACKLOG),
                        maxHalfOpen > 0 ? maxHalfOpen : (int) defaults.value(SocketOption.HALF_OPEN),
                        () -> settings.get().newTcpSocket());
                listener.setSynCookieMode(SynCookieMode.ofLinuxValue(cookieValue >= 0 ? cookieValue
                        : (int) defaults.value(SocketOption.SYNCOOKIES)));
                SocketHandle<TcpListener> handle;
                try {
                    handle = host.sockets().add(listener);
                } catch (IllegalArgumentException e) {
                    throw new CommandException("PORT: " + e.getMessage());
                }
                network.ladders().listen(handle, listener.local());
                host.addService(new Acceptor(host, handle, network.ladders(), network.output(), settings));
                return new Listening(handle.toString(), listener.local().toString());
            });
        }
    }

    @Command(name = "connect", customSynopsis = "tcp connect [-4|-6] IP:PORT [--port LOCAL]",
            description = "Opens a connection to IP:PORT ([ADDR]:PORT for IPv6) and waits until it is established, "
                    + "refused, or has timed out (on a paused clock it does not wait: 'clock step' moves the handshake "
                    + "frame by frame).",
            footer = {"tcp connect 192.168.69.100:7", "tcp connect [fd00::100]:7",
                    "tcp connect 192.168.69.100:80 --port 40000", "tcp connect -6 h2:7      (h2's IPv6 address)"})
    public static final class Connect implements ConsoleCommand {
        @Parameters(paramLabel = "IP:PORT")
        private String remote;
        @Option(names = "-4", description = "a NAME's IPv4 address (the default for a name)")
        private boolean ipv4;
        @Option(names = "-6", description = "a NAME's IPv6 address: a node's, the peer's, or an AAAA record's")
        private boolean ipv6;
        @Option(names = "--port", paramLabel = "LOCAL", description = "the local port (default: a free ephemeral one)")
        private String localPort;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            if (ipv4 && ipv6) {
                throw new CommandException("-4 and -6: give one family, not both");
            }
            IpEndpoint to = ipv6 ? FamilyNames.endpoint(session, "IP:PORT", remote) : Names.endpoint(session, "IP:PORT", remote);
            if (ipv4 && to.address() instanceof Ipv6Address) {
                throw new CommandException("IP:PORT: " + to.address() + " is an IPv6 address, and -4 asks for IPv4");
            }
            int local = localPort == null ? 0 : Arguments.port("--port", localPort, 1);
            Ipv6FirstUse.ready(session, to);
            SocketHandle<TcpSocket> handle = session.stack((network, now) -> {
                Host host = network.local();
                SocketHandle<TcpSocket> h = host.sockets().add(newSocket(network));
                try {
                    network.local().iface().connect(now, host.sockets(), h, to, local);
                } catch (TcpException.Connect e) {
                    host.sockets().remove(h);
                    throw new CommandException("cannot connect to " + to + ": " + e.getMessage());
                }
                // Before the poll that sends the SYN, so that the ladder starts with it.
                TcpSocket socket = host.sockets().get(h);
                network.ladders().follow(h, socket);
                return h;
            });
            // Simulated time stands still: waiting could never see the handshake, which the
            // student walks with 'clock step' (ARCHITECTURE.md §8, the simulation clock).
            Connecting connecting = session.stack((network, now) -> {
                if (network.topology().map(Topology::paused).orElse(false)) {
                    TcpSocket socket = network.local().sockets().get(handle);
                    return new Connecting(handle.toString(), socket.local().toString(), to.toString(),
                            socket.state().toString());
                }
                return null;
            });
            if (connecting != null) {
                return connecting;
            }
            Connected connected;
            try {
                connected = awaitEstablished(session, handle, to);
            } catch (InterruptedException e) {
                // Ctrl-C: the half-open connection goes, with an RST if the peer has answered.
                session.stack((network, now) -> {
                    SocketSet sockets = network.local().sockets();
                    if (sockets.contains(handle)) {
                        TcpSocket socket = sockets.get(handle);
                        socket.abort();
                        network.local().release(socket);
                    }
                    return null;
                });
                throw e;
            }
            if (connected == null) {
                String why = session.stack((network, now) -> {
                    SocketSet sockets = network.local().sockets();
                    if (sockets.contains(handle)) {
                        // As for Ctrl-C: the host removes the socket once the RST that abort()
                        // owes a peer that answered (SYN-RECEIVED) has left.
                        TcpSocket socket = sockets.get(handle);
                        socket.abort();
                        network.local().release(socket);
                    }
                    return unanswered(network.local(), to, now);
                });
                throw new CommandException("cannot connect to " + to + ": " + why);
            }
            return connected;
        }

        private static Connected awaitEstablished(Session session, SocketHandle<TcpSocket> handle, IpEndpoint to)
                throws CommandException, InterruptedException {
            return session.await(CONNECT_TIMEOUT, (network, now) -> {
                SocketSet sockets = network.local().sockets();
                if (!sockets.contains(handle)) {
                    throw new CommandException(handle + " was closed while connecting");
                }
                TcpSocket socket = sockets.get(handle);
                if (socket.state() == TcpState.CLOSED) {
                    CloseReason reason = socket.closeReason();
                    sockets.remove(handle);
                    throw new CommandException("cannot connect to " + to + ": "
                            + (reason == CloseReason.NONE ? "closed" : reason.toString()));
                }
                if (socket.state() == TcpState.SYN_SENT || socket.state() == TcpState.SYN_RECEIVED) {
                    return null;
                }
                return new Connected(handle.toString(), socket.local().toString(), to.toString(),
                        socket.stateName());
            });
        }
    }

    /**
     * Why a SYN went unanswered: the next hop never answered ARP (host unreachable), or it did
     * and the SYN was lost or dropped somewhere beyond.
     */
    static String unanswered(Host host, IpEndpoint to, long now) {
        if (to.address() instanceof Ipv6Address destination) {
            for (var neighbor : host.iface().ipv6Neighbors(now)) {
                if (neighbor.mac().isPresent() && (neighbor.address().equals(destination) || neighbor.router())) {
                    return "timed out after " + Micros.format(CONNECT_TIMEOUT) + " (no answer to the SYN)";
                }
            }
            return "host unreachable: no answer to neighbor solicitations for " + destination + " within "
                    + Micros.format(CONNECT_TIMEOUT);
        }
        var destination = (Ipv4Address) to.address();
        var iface = host.iface();
        var nextHop = iface.nextHopFor(destination).orElse(destination);
        for (var neighbor : iface.neighbors(now)) {
            if (neighbor.address().equals(nextHop) && neighbor.mac().isPresent()) {
                return "timed out after " + Micros.format(CONNECT_TIMEOUT) + " (no answer to the SYN)";
            }
        }
        return "host unreachable: no answer to ARP for " + nextHop
                + (nextHop.equals(destination) ? "" : " (the gateway)") + " within " + Micros.format(CONNECT_TIMEOUT);
    }

    @Command(name = "send", customSynopsis = "tcp send H TEXT | tcp send H --file PATH",
            description = "Queues TEXT (C escapes allowed: \\n \\r \\t \\0 \\xNN \\\\), or a file's content, for sending; "
                    + "waits while the send queue drains when it does not fit (Ctrl-C stops).",
            footer = {"tcp send tcp#1 'GET / HTTP/1.0\\r\\n\\r\\n'", "tcp send 1 --file big.bin"})
    public static final class Send implements ConsoleCommand {
        @Parameters(index = "0", paramLabel = "H")
        private String handle;
        @Parameters(index = "1..*", arity = "0..*", paramLabel = "TEXT")
        private List<String> text = new ArrayList<>();
        @Option(names = "--file", paramLabel = "PATH", description = "send the content of this file")
        private Path file;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            byte[] data;
            if (file != null) {
                if (!text.isEmpty()) {
                    throw new CommandException("give TEXT or --file PATH, not both");
                }
                data = read(file);
            } else if (text.isEmpty()) {
                throw new CommandException("what to send? (tcp send H TEXT, or tcp send H --file PATH)");
            } else {
                data = Arguments.text("TEXT", text);
            }
            SocketHandle<TcpSocket> h = session.stack((network, now) ->
                    Handles.find(network.local().sockets(), handle, TcpSocket.class, WHAT));
            int[] queued = {0};
            Boolean done = session.await(Micros.ofSeconds(3600), (network, now) -> {
                SocketSet sockets = network.local().sockets();
                if (!sockets.contains(h)) {
                    throw new CommandException(h + " was closed after " + queued[0] + " of " + data.length + " octets");
                }
                TcpSocket socket = sockets.get(h);
                try {
                    queued[0] += socket.send(data, queued[0], data.length - queued[0]);
                } catch (TcpException.Send e) {
                    throw new CommandException(h + ": cannot send in state " + socket.stateName()
                            + (socket.closeReason() == CloseReason.NONE ? "" : " (" + socket.closeReason() + ")")
                            + (queued[0] > 0 ? " after " + queued[0] + " of " + data.length + " octets" : ""));
                }
                return queued[0] == data.length ? Boolean.TRUE : null;
            });
            if (done == null) {
                throw new CommandException(h + ": only " + queued[0] + " of " + data.length
                        + " octets were queued within an hour");
            }
            return new Sent(h.toString(), data.length);
        }

        private static byte[] read(Path path) throws CommandException {
            try {
                long size = Files.size(path);
                if (size > MAX_FILE) {
                    throw new CommandException("--file: " + path + " has " + size + " octets; at most " + MAX_FILE
                            + " can be sent");
                }
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new CommandException("--file: cannot read " + path + ": "
                        + (e instanceof java.nio.file.NoSuchFileException ? "there is no such file" : PcapFile.reason(e)));
            }
        }
    }

    @Command(name = "recv", customSynopsis = "tcp recv H [--hex | --count] [--wait SEC]",
            description = "Takes every octet the connection has received and not yet read; says so at the end of the stream.",
            footer = {"tcp recv tcp#1", "tcp recv 1 --hex", "tcp recv 1 --wait 5", "tcp recv 1 --count"})
    public static final class Recv implements ConsoleCommand {
        @Parameters(paramLabel = "H")
        private String handle;
        @Option(names = "--hex", description = "show the data as a hex dump")
        private boolean hex;
        @Option(names = "--count", description = "take the data, show only how much it was")
        private boolean count;
        @Option(names = "--wait", paramLabel = "SEC", description = "wait up to SEC seconds for data")
        private double wait;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            if (!(wait >= 0 && wait <= 86_400)) {
                throw new CommandException("--wait: SEC must be from 0 to 86400, not " + Arguments.shown(wait));
            }
            if (hex && count) {
                throw new CommandException("give --hex or --count, not both");
            }
            SocketHandle<TcpSocket> h = session.stack((network, now) ->
                    Handles.find(network.local().sockets(), handle, TcpSocket.class, WHAT));
            Received received = session.await(Micros.ofSeconds(wait), (network, now) -> {
                SocketSet sockets = network.local().sockets();
                if (!sockets.contains(h)) {
                    throw new CommandException(h + " was closed while waiting");
                }
                TcpSocket socket = sockets.get(h);
                if (socket.canRecv()) {
                    byte[] data = new byte[socket.recvQueue()];
                    int n;
                    try {
                        n = socket.recv(data, 0, data.length);
                    } catch (TcpException.Recv e) {
                        n = 0;
                    }
                    if (count) {
                        return new Received(h.toString(), n, "", "", false, View.COUNT);
                    }
                    return new Received(h.toString(), n, TextEscapes.encode(data, 0, n),
                            HexFormat.of().formatHex(data, 0, n), false, hex ? View.HEX : View.TEXT);
                }
                try {
                    socket.recv(new byte[0], 0, 0);
                } catch (TcpException.Recv e) {
                    if (e.error() == dev.jnetlab.stack.socket.tcp.RecvError.FINISHED) {
                        return new Received(h.toString(), 0, "", "", true, View.TEXT);
                    }
                    throw new CommandException(h + ": nothing can arrive: " + socket.stateName()
                            + (socket.closeReason() == CloseReason.NONE ? "" : " (" + socket.closeReason() + ")"));
                }
                return null;
            });
            if (received == null) {
                throw new CommandException(wait > 0 ? "nothing arrived on " + h + " within " + Micros.format(Micros.ofSeconds(wait))
                        : "nothing has arrived on " + h + " (--wait SEC waits for data)");
            }
            return received;
        }
    }

    @Command(name = "watch", customSynopsis = "tcp watch H [--count]",
            description = "Prints the data arriving on the connection, and its state changes, as they happen (tcp unwatch H stops).",
            footer = {"tcp watch tcp#1", "tcp watch 1 --count"})
    public static final class Watch implements ConsoleCommand {
        @Parameters(paramLabel = "H")
        private String handle;
        @Option(names = "--count", description = "no data: how many octets came, once a second")
        private boolean count;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> {
                Host host = network.local();
                SocketHandle<TcpSocket> h = Handles.find(host.sockets(), handle, TcpSocket.class, WHAT);
                if (host.service(watchName(h)).isPresent()) {
                    throw new CommandException(h + " is watched already");
                }
                host.addService(new Watcher(host, h, network.output(), count));
                return new CommandResult.Message("watching " + h + " (" + host.sockets().get(h).stateName() + ")"
                        + (count ? ": a count of the octets once a second" : ""));
            });
        }
    }

    @Command(name = "unwatch", customSynopsis = "tcp unwatch H", description = "Stops tcp watch H.",
            footer = {"tcp unwatch tcp#1"})
    public static final class Unwatch implements ConsoleCommand {
        @Parameters(paramLabel = "H")
        private String handle;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> {
                Host host = network.local();
                String name = "watch " + handleText(host, handle);
                if (!host.removeService(name, now)) {
                    throw new CommandException(handle + " is not watched");
                }
                return new CommandResult.Message("stopped watching " + name.substring(6));
            });
        }

        /** The handle's canonical text, even when its socket is gone ({@code 3} becomes {@code tcp#3}). */
        private static String handleText(Host host, String text) throws CommandException {
            for (var service : host.services()) {
                if (service instanceof Watcher watcher && (watcher.handle().toString().equals(text)
                        || Integer.toString(watcher.handle().id()).equals(text))) {
                    return watcher.handle().toString();
                }
            }
            return Handles.find(host.sockets(), text, TcpSocket.class, WHAT).toString();
        }
    }

    @Command(name = "close", customSynopsis = "tcp close H",
            description = "Closes the connection gracefully (a FIN after the queued data), or stops a listener.",
            footer = {"tcp close tcp#1"})
    public static final class Close implements ConsoleCommand {
        @Parameters(paramLabel = "H")
        private String handle;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> {
                Host host = network.local();
                SocketHandle<?> h = Handles.find(host.sockets(), handle, SocketKind.TCP);
                Socket socket = host.sockets().get(h);
                if (socket instanceof TcpListener listener) {
                    host.removeService(acceptorName(h), now);
                    listener.close();
                    host.sockets().remove(h);
                    return new Closed(h.toString(), "CLOSED");
                }
                if (!(socket instanceof TcpSocket tcp)) {
                    throw new CommandException(h + " is not a TCP socket");
                }
                tcp.close();
                host.release(tcp);
                return new Closed(h.toString(), tcp.stateName());
            });
        }
    }

    @Command(name = "abort", customSynopsis = "tcp abort H",
            description = "Aborts the connection: both queues dropped, an RST to the peer.",
            footer = {"tcp abort tcp#1"})
    public static final class Abort implements ConsoleCommand {
        @Parameters(paramLabel = "H")
        private String handle;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> {
                Host host = network.local();
                SocketHandle<TcpSocket> h = Handles.find(host.sockets(), handle, TcpSocket.class, WHAT);
                TcpSocket tcp = host.sockets().get(h);
                tcp.abort();
                host.release(tcp);
                return new Closed(h.toString(), tcp.stateName());
            });
        }
    }

    @Command(name = "show", customSynopsis = "tcp show [H]",
            description = "The control block and settings of connection H (or listener H); without H, one line for "
                    + "every TCP socket.",
            footer = {"tcp show", "tcp show tcp#1"})
    public static final class Show implements ConsoleCommand {
        @Parameters(arity = "0..1", paramLabel = "H")
        private String handle;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> {
                Host host = network.local();
                SocketSet sockets = host.sockets();
                if (handle == null) {
                    List<Line> lines = new ArrayList<>();
                    for (SocketHandle<?> h : sockets.handles()) {
                        Socket socket = sockets.get(h);
                        if (socket instanceof TcpListener listener) {
                            lines.add(new Line(h.toString(), "listener", listener.local().toString(), null,
                                    "LISTEN", listener.readyCount(), 0));
                        } else if (socket instanceof TcpSocket) {
                            lines.add(new Line(h.toString(), "connection", socket.local().toString(),
                                    socket.remote().toString(), socket.stateName(), socket.recvQueue(),
                                    socket.sendQueue()));
                        }
                    }
                    return new Summary(lines);
                }
                SocketHandle<?> h = Handles.find(sockets, handle, SocketKind.TCP);
                Socket socket = sockets.get(h);
                if (socket instanceof TcpListener listener) {
                    return new ListenerBlock(h.toString(), listener.local().toString(), listener.readyCount(),
                            listener.backlog(), listener.halfOpenCount(), listener.maxHalfOpen(),
                            listener.acceptedCount(), listener.cookiesSent(), listener.cookiesValidated(),
                            listener.cookiesRejected(), listener.synsDroppedBacklogFull(),
                            listener.cookieAcksDroppedBacklogFull(), listener.synCookieMode().ordinal(),
                            listener.synsDroppedHalfOpenFull(),
                            acceptedSettings(host, h).describe(SocketKind.TCP));
                }
                TcpSocket tcp = (TcpSocket) socket;
                TcpControlBlock block = tcp.controlBlock(now);
                return new Block(h.toString(), ControlBlockFields.of(block),
                        SocketSettings.of(tcp).describe(SocketKind.TCP), block.toString().stripTrailing());
            });
        }
    }

    @Command(name = "ladder", customSynopsis = "tcp ladder H [--absolute] [--svg FILE]",
            description = "Draws the segments of connection H as a ladder diagram: this stack on the left, the peer on "
                    + "the right, time going down, the state each end entered in the margins. Sequence numbers count "
                    + "from each end's ISN; the first " + LadderRecorder.DEFAULT_LIMIT + " segments are kept.",
            footer = {"tcp ladder tcp#1", "tcp ladder 1 --absolute", "tcp ladder 1 --svg flow.svg"})
    public static final class Ladder implements ConsoleCommand {
        @Parameters(paramLabel = "H")
        private String handle;
        @Option(names = "--absolute", description = "sequence numbers as on the wire, not from the ISNs")
        private boolean absolute;
        @Option(names = "--svg", paramLabel = "FILE",
                description = "write the ladder to FILE as an SVG flow graph (Wireshark's), states in the margins")
        private String svg;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            LadderRenderer.Numbering numbering = absolute ? LadderRenderer.Numbering.ABSOLUTE
                    : LadderRenderer.Numbering.RELATIVE;
            var drawn = session.stack((network, now) -> {
                Optional<SocketHandle<TcpSocket>> closed = closedConnection(network, handle);
                SocketHandle<TcpSocket> found = closed.isPresent() ? closed.get()
                        : Handles.find(network.local().sockets(), handle, TcpSocket.class, WHAT);
                var ladder = network.ladders().ladder(found).orElseThrow(() -> new CommandException(found
                        + " has no ladder: only the last " + ConnectionLadders.MAX_CONNECTIONS
                        + " connections opened by tcp connect or accepted by tcp listen are recorded"));
                int segments = ladder.segments().size() + ladder.omitted();
                if (segments == 0) {
                    throw new CommandException("no segment of " + found + " has crossed the link yet"
                            + (ladder.local().address().equals(ladder.remote().address())
                            ? " (a connection to this host itself never does)" : ""));
                }
                return Map.entry(found, ladder);
            });
            var found = drawn.getKey();
            var ladder = drawn.getValue();
            int segments = ladder.segments().size() + ladder.omitted();
            if (svg != null) {
                Pictures.write(svg, SvgLadder.render(ladder));
                return new Diagram(found.toString(), ladder.local().toString(), ladder.remote().toString(), segments,
                        ladder.omitted(), "wrote " + svg + " (" + segments + " segments of " + found + ")");
            }
            return new Diagram(found.toString(), ladder.local().toString(), ladder.remote().toString(), segments,
                    ladder.omitted(), LadderRenderer.render(ladder, numbering).stripTrailing());
        }
    }

    /** The connection {@code text} names if its socket has closed and its ladder is kept ({@code tcp#3} or {@code 3}). */
    private static Optional<SocketHandle<TcpSocket>> closedConnection(Network network, String text) {
        String number = text.startsWith("tcp#") ? text.substring(4) : text;
        if (!number.matches("[0-9]{1,9}") || network.local().sockets().handle("tcp", Integer.parseInt(number)).isPresent()) {
            return Optional.empty();
        }
        return network.ladders().closed(Integer.parseInt(number));
    }

    @Command(name = "set", customSynopsis = "tcp set H OPTION VALUE",
            description = "Changes one option of connection H, or of the connections listener H accepts from now on "
                    + "('set' lists the options; those offered in the SYN only before the connection opens).",
            footer = {"tcp set tcp#1 nagle off", "tcp set 1 delack off", "tcp set 1 rto-min 200ms",
                "tcp listen 8080; tcp set 1 sack off"})
    public static final class SetOption implements ConsoleCommand {
        @Parameters(index = "0", paramLabel = "H")
        private String handle;
        @Parameters(index = "1", paramLabel = "OPTION")
        private String option;
        @Parameters(index = "2", paramLabel = "VALUE")
        private String value;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            List<Assignment> assignments;
            try {
                assignments = SettingWords.parse(SocketKind.TCP, option, value);
            } catch (SettingException e) {
                throw new CommandException(e.getMessage());
            }
            return session.stack((network, now) -> {
                Host host = network.local();
                SocketHandle<?> h = Handles.find(host.sockets(), handle, SocketKind.TCP);
                Socket socket = host.sockets().get(h);
                List<String> changed = new ArrayList<>();
                if (socket instanceof TcpListener) {
                    ListenerSettings settings = acceptor(host, h).settings();
                    SocketSettings next = settings.get();
                    for (Assignment a : assignments) {
                        if (a.option().kind() == SocketKind.TCP_LISTENER) {
                            throw new CommandException(h + ": " + a.option().whyNotAfterOpen() + ": tcp listen PORT --"
                                    + a.option().word() + " N makes one with another");
                        }
                        next = next.with(a.option(), a.value());
                        changed.add(a.shown());
                    }
                    settings.set(next);
                    return new Configured(h.toString(), true, changed);
                }
                TcpSocket tcp = (TcpSocket) socket;
                for (Assignment a : assignments) {
                    try {
                        a.option().set(tcp, a.value());
                    } catch (SettingException e) {
                        throw new CommandException(h + ": " + e.getMessage());
                    }
                    changed.add(a.shown());
                }
                return new Configured(h.toString(), false, changed);
            });
        }
    }

    /**
     * What the connections {@code listener} accepts are made with: the settings of {@code tcp
     * listen}'s acceptor, or those of the {@code serve} service that opened it.
     */
    private static SocketSettings acceptedSettings(Host host, SocketHandle<?> listener) throws CommandException {
        for (Service service : host.services()) {
            if (service instanceof Server server && server.owns(listener)) {
                return server.connectionSettings();
            }
        }
        return acceptor(host, listener).settings().get();
    }

    private static Acceptor acceptor(Host host, SocketHandle<?> listener) throws CommandException {
        return host.service(acceptorName(listener)).filter(Acceptor.class::isInstance).map(Acceptor.class::cast)
                .orElseThrow(() -> new CommandException(listener + " accepts no connections (it was not opened "
                        + "by tcp listen)"));
    }

    /**
     * {@code tcp set H OPTION VALUE}.
     *
     * @param listener whether H is a listener (the options are those of the connections it accepts)
     * @param changed  the options as they are now: {@code nagle off}
     */
    public record Configured(String handle, boolean listener, List<String> changed) implements CommandResult {
        @Override
        public String text() {
            return handle + ": " + String.join(", ", changed)
                    + (listener ? " (for the connections it accepts from now on)" : "");
        }
    }

    public record Listening(String handle, String local) implements CommandResult {
        @Override
        public String text() {
            return handle + " listening on " + local;
        }
    }

    public record Connected(String handle, String local, String remote, String state) implements CommandResult {
        @Override
        public String text() {
            return handle + " connected " + local + " -> " + remote + " (" + state + ")";
        }
    }

    /** {@code tcp connect} on a paused clock: the connection made, its handshake left to {@code clock step}. */
    public record Connecting(String handle, String local, String remote, String state) implements CommandResult {
        @Override
        public String text() {
            return handle + " connecting " + local + " -> " + remote + " (" + state + "); the clock is paused: "
                    + "'clock step' moves the handshake one frame at a time, 'clock run' lets it finish";
        }
    }

    public record Sent(String handle, int octets) implements CommandResult {
        @Override
        public String text() {
            return handle + ": queued " + octets + (octets == 1 ? " octet" : " octets");
        }
    }

    /**
     * @param length octets read
     * @param data   the data with C escapes for what is not printable ASCII
     * @param hex    the data as lowercase hex digits
     * @param end    whether the stream has ended (the peer's FIN, everything before it read)
     * @param view   how the text shows the data (not part of the JSON form; with --count, data and hex are empty)
     */
    public record Received(String handle, int length, String data, String hex, boolean end,
                           @JsonIgnore View view) implements CommandResult {
        @Override
        public String text() {
            if (end) {
                return handle + ": end of stream (the peer closed its side)";
            }
            String head = handle + ": " + length + (length == 1 ? " octet" : " octets");
            if (view == View.COUNT) {
                return head + " (taken; --count shows no data)";
            }
            if (view == View.HEX) {
                return head + ":\n" + HexDump.format(HexFormat.of().parseHex(hex)).stripTrailing();
            }
            return head + ": " + data;
        }
    }

    /** How {@code tcp recv} shows what it took. */
    public enum View { TEXT, HEX, COUNT }

    /** @param state the state after the call ({@code FIN-WAIT-1}, {@code CLOSED}) */
    public record Closed(String handle, String state) implements CommandResult {
        @Override
        public String text() {
            return handle + ": " + state;
        }
    }

    /**
     * {@code tcp show H} of a connection.
     *
     * @param controlBlock every figure of the control block
     * @param settings     the connection's options by the names {@code tcp set} takes ({@code nagle: off})
     */
    public record Block(String handle, ControlBlockFields controlBlock, Map<String, String> settings,
                        @JsonIgnore String printed) implements CommandResult {
        @Override
        public String text() {
            return handle + "\n" + printed + "\n" + settingsLines(settings);
        }
    }

    /**
     * {@code tcp show H} of a listener: its queues, its SYN cookies, what it dropped and why, and
     * the settings of the connections it accepts.
     *
     * @param syncookies              when it sends cookies, as Linux's tcp_syncookies (0 never, 1 when the
     *                                half-open queue is full, 2 always)
     * @param synsDroppedHalfOpenFull SYNs dropped because the half-open queue was full and cookies are off
     */
    public record ListenerBlock(String handle, String local, int waiting, int backlog, int halfOpen, int maxHalfOpen,
                                long accepted, long cookiesSent, long cookiesValidated, long cookiesRejected,
                                long synsDroppedBacklogFull, long cookieAcksDroppedBacklogFull, int syncookies,
                                long synsDroppedHalfOpenFull, Map<String, String> settings) implements CommandResult {
        private static final String[] COOKIE_MODES = {"never", "when the half-open queue is full", "always"};

        @Override
        public String text() {
            return handle + "\nstate:        LISTEN\nlocal:        " + local + "\nbacklog:      " + waiting + " of "
                    + backlog + " waiting, " + halfOpen + " half-open (at most " + maxHalfOpen + ")\naccepted:     "
                    + accepted + "\ncookies:      " + cookiesSent + " sent, " + cookiesValidated + " validated, "
                    + cookiesRejected + " rejected\nsyncookies:   " + syncookies + " (" + COOKIE_MODES[syncookies]
                    + ")\ndropped:      " + synsDroppedBacklogFull + " SYNs (backlog full), " + synsDroppedHalfOpenFull
                    + " SYNs (half-open full, no cookies),\n              " + cookieAcksDroppedBacklogFull
                    + " cookie ACKs (backlog full)\n" + settingsLines(settings);
        }
    }

    /** {@code settings:     cc reno, sndbuf 64K, ...}, wrapped within 80 columns under its label. */
    static String settingsLines(Map<String, String> settings) {
        String indent = " ".repeat(14);
        StringBuilder out = new StringBuilder("settings:     ");
        int column = out.length();
        int i = 0;
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            String item = entry.getKey() + " " + entry.getValue() + (++i < settings.size() ? "," : "");
            if (column > indent.length() && column + 1 + item.length() > 79) {
                out.append('\n').append(indent);
                column = indent.length();
            } else if (column > indent.length()) {
                out.append(' ');
                column++;
            }
            out.append(item);
            column += item.length();
        }
        return out.toString();
    }

    /**
     * {@code tcp ladder H}.
     *
     * @param segments the connection's segments seen, the omitted ones included
     * @param omitted  segments seen after the limit, counted and not drawn
     * @param diagram  the ladder diagram, as printed
     */
    public record Diagram(String handle, String local, String remote, int segments, int omitted, String diagram)
            implements CommandResult {
        @Override
        public String text() {
            return diagram;
        }
    }

    /**
     * One TCP socket in {@code tcp show}.
     *
     * @param kind      {@code connection} or {@code listener}
     * @param remote    the peer's endpoint; null for a listener
     * @param recvQueue octets received and unread; for a listener, the connections waiting in its backlog
     */
    public record Line(String handle, String kind, String local, String remote, String state, int recvQueue,
                       int sendQueue) {
    }

    public record Summary(List<Line> sockets) implements CommandResult {
        @Override
        public String text() {
            if (sockets.isEmpty()) {
                return "no TCP sockets are open";
            }
            StringBuilder out = new StringBuilder();
            for (Line l : sockets) {
                out.append(out.length() == 0 ? "" : "\n").append(l.handle()).append(' ').append(l.state()).append(' ')
                        .append(l.local());
                if (l.remote() == null) {
                    out.append("  ").append(l.recvQueue()).append(" waiting to be accepted");
                } else {
                    out.append(" -> ").append(l.remote()).append("  recv-q ").append(l.recvQueue())
                            .append(" send-q ").append(l.sendQueue());
                }
            }
            return out.toString();
        }
    }
}
