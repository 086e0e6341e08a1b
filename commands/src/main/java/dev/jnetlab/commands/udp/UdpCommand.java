package dev.jnetlab.commands.udp;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.commands.dns.Names;
import dev.jnetlab.commands.ip.Ipv6FirstUse;
import dev.jnetlab.commands.ip.OwnAddresses;
import dev.jnetlab.commands.args.Handles;
import dev.jnetlab.host.settings.Assignment;
import dev.jnetlab.host.settings.SettingException;
import dev.jnetlab.commands.settings.SettingWords;
import dev.jnetlab.commands.text.TextEscapes;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.socket.UdpDatagram;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.HexDump;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "udp", customSynopsis = "udp bind [ADDR:]PORT | udp send H IP:PORT TEXT | udp recv H [--hex] [--wait SEC] "
        + "| udp close H | udp set H OPTION VALUE",
        description = "Opens UDP sockets, sends datagrams from them and reads the datagrams they receive.",
        footer = {"udp bind 6969", "udp send udp#1 192.168.69.100:7 hello\\n", "udp recv 1 --wait 2", "udp close 1"},
        subcommands = {UdpCommand.Bind.class, UdpCommand.Send.class, UdpCommand.Recv.class, UdpCommand.Close.class,
            UdpCommand.SetOption.class})
public final class UdpCommand {
    private static final String WHAT = "a UDP socket";

    @Command(name = "bind", customSynopsis = "udp bind [ADDR:]PORT",
            description = "Opens a UDP socket bound to PORT (0: any free port) on every address of this host, of both "
                    + "families, or only on ADDR, one of its addresses: 192.168.69.1:5000, [fd00::1]:5000.",
            footer = {"udp bind 6969", "udp bind 0", "udp bind [fd00::1]:5000"})
    public static final class Bind implements ConsoleCommand {
        @Parameters(paramLabel = "PORT")
        private String port;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            IpEndpoint local = Arguments.local("PORT", port, 0);
            return session.stack((network, now) -> {
                OwnAddresses.check("PORT", network.local(), now, local.address());
                SocketSet sockets = network.local().sockets();
                UdpSocket socket = network.settings().effective().newUdpSocket();
                SocketHandle<UdpSocket> handle = sockets.add(socket);
                try {
                    socket.bind(local);
                } catch (SocketException.Bind e) {
                    sockets.remove(handle);
                    throw new CommandException("PORT: " + e.getMessage());
                }
                return new Bound(handle.toString(), socket.local().toString());
            });
        }
    }

    @Command(name = "close", customSynopsis = "udp close H",
            description = "Closes the socket: its port is free again, what it had received is dropped.",
            footer = {"udp close udp#1", "udp close 1"})
    public static final class Close implements ConsoleCommand {
        @Parameters(paramLabel = "H")
        private String handle;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> {
                SocketSet sockets = network.local().sockets();
                SocketHandle<UdpSocket> h = Handles.find(sockets, handle, UdpSocket.class, WHAT);
                UdpSocket socket = sockets.get(h);
                String local = socket.local().toString();
                int dropped = socket.recvQueue();
                socket.close();
                sockets.remove(h);
                return new Closed(h.toString(), local, dropped);
            });
        }
    }

    @Command(name = "set", customSynopsis = "udp set H OPTION VALUE",
            description = "Changes one option of UDP socket H: ttl, df, buffer ('set' lists them and their defaults).",
            footer = {"udp set udp#1 ttl 1", "udp set 1 df on"})
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
                assignments = SettingWords.parse(SocketKind.UDP, option, value);
            } catch (SettingException e) {
                throw new CommandException(e.getMessage());
            }
            return session.stack((network, now) -> {
                SocketSet sockets = network.local().sockets();
                SocketHandle<UdpSocket> h = Handles.find(sockets, handle, UdpSocket.class, WHAT);
                List<String> changed = new ArrayList<>();
                for (Assignment a : assignments) {
                    try {
                        a.option().set(sockets.get(h), a.value());
                    } catch (SettingException e) {
                        throw new CommandException(h + ": " + e.getMessage());
                    }
                    changed.add(a.shown());
                }
                return new Configured(h.toString(), changed);
            });
        }
    }

    @Command(name = "send", customSynopsis = "udp send H IP:PORT TEXT",
            description = "Sends TEXT (C escapes allowed: \\n \\r \\t \\0 \\xNN \\\\) in one datagram to IP:PORT.",
            footer = {"udp send udp#1 192.168.69.100:7 hello", "udp send 1 [fd00::100]:7 hello",
                    "udp send 1 192.168.69.100:7 'two words\\r\\n'"})
    public static final class Send implements ConsoleCommand {
        @Parameters(index = "0", paramLabel = "H")
        private String handle;
        @Parameters(index = "1", paramLabel = "IP:PORT")
        private String remote;
        @Parameters(index = "2..*", arity = "1..*", paramLabel = "TEXT")
        private List<String> text;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            IpEndpoint to = Names.endpoint(session, "IP:PORT", remote);
            byte[] data = Arguments.text("TEXT", text);
            Ipv6FirstUse.ready(session, to);
            return session.stack((network, now) -> {
                SocketSet sockets = network.local().sockets();
                SocketHandle<UdpSocket> h = Handles.find(sockets, handle, UdpSocket.class, WHAT);
                try {
                    sockets.get(h).sendTo(to, data, 0, data.length);
                } catch (SocketException.Send e) {
                    throw new CommandException(h + ": " + e.getMessage());
                }
                return new Sent(h.toString(), to.toString(), data.length);
            });
        }
    }

    @Command(name = "recv", customSynopsis = "udp recv H [--hex] [--wait SEC]",
            description = "Takes the oldest datagram the socket has received; fails when none has come (in SEC seconds).",
            footer = {"udp recv udp#1", "udp recv 1 --hex", "udp recv 1 --wait 5"})
    public static final class Recv implements ConsoleCommand {
        @Parameters(paramLabel = "H")
        private String handle;
        @Option(names = "--hex", description = "show the data as a hex dump")
        private boolean hex;
        @Option(names = "--wait", paramLabel = "SEC", description = "wait up to SEC seconds for a datagram")
        private double wait;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            if (!(wait >= 0 && wait <= 86_400)) {
                throw new CommandException("--wait: SEC must be from 0 to 86400, not " + Arguments.shown(wait));
            }
            SocketHandle<UdpSocket> h = session.stack((network, now) ->
                    Handles.find(network.local().sockets(), handle, UdpSocket.class, WHAT));
            UdpDatagram datagram = session.await(Micros.ofSeconds(wait), (network, now) -> {
                SocketSet sockets = network.local().sockets();
                if (!sockets.contains(h)) {
                    throw new CommandException(h + " was closed while waiting");
                }
                UdpSocket socket = sockets.get(h);
                try {
                    return socket.canRecv() ? socket.recvFrom() : null;
                } catch (SocketException.Recv e) {
                    return null;
                }
            });
            if (datagram == null) {
                throw new CommandException(wait > 0 ? "nothing arrived on " + h + " within " + Micros.format(Micros.ofSeconds(wait))
                        : "nothing has arrived on " + h + " (--wait SEC waits for a datagram)");
            }
            byte[] data = datagram.data();
            return new Received(h.toString(), datagram.remote().toString(), datagram.local().toString(), data.length,
                    TextEscapes.encode(data, 0, data.length), HexFormat.of().formatHex(data), hex);
        }
    }

    /** @param local the address and port the socket is bound to */
    /** @param dropped octets received and not read, dropped with the socket */
    public record Closed(String handle, String local, int dropped) implements CommandResult {
        @Override
        public String text() {
            return handle + " closed: " + local + " is free" + (dropped == 0 ? ""
                    : " (" + dropped + (dropped == 1 ? " octet" : " octets") + " unread were dropped)");
        }
    }

    /** {@code udp set H OPTION VALUE}: @param changed the options as they are now ({@code ttl 1}) */
    public record Configured(String handle, List<String> changed) implements CommandResult {
        @Override
        public String text() {
            return handle + ": " + String.join(", ", changed);
        }
    }

    public record Bound(String handle, String local) implements CommandResult {
        @Override
        public String text() {
            return handle + " bound to " + local;
        }
    }

    /** @param octets the datagram's payload length */
    public record Sent(String handle, String to, int octets) implements CommandResult {
        @Override
        public String text() {
            return handle + ": sent " + octets + (octets == 1 ? " octet" : " octets") + " to " + to;
        }
    }

    /**
     * One datagram.
     *
     * @param from   the sender's address and port
     * @param to     the address and port it was sent to (one of this host's, or a broadcast address)
     * @param length payload octets
     * @param data   the payload with C escapes for what is not printable ASCII ({@code hello\n})
     * @param hex    the payload as lowercase hex digits
     * @param dump   whether the text shows a hex dump ({@code --hex})
     */
    public record Received(String handle, String from, String to, int length, String data, String hex,
                           @JsonIgnore boolean dump) implements CommandResult {
        @Override
        public String text() {
            String head = handle + ": from " + from + ", " + length + (length == 1 ? " octet" : " octets");
            if (dump) {
                return head + ":\n" + HexDump.format(HexFormat.of().parseHex(hex)).stripTrailing();
            }
            return head + ": " + data;
        }
    }
}
