package dev.jnetlab.commands.serve;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.commands.dhcp.ServeDhcpDns;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Server;
import dev.jnetlab.host.Servers;
import dev.jnetlab.host.Service;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.stack.socket.tcp.SynCookieMode;
import dev.jnetlab.host.settings.SocketSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "serve", customSynopsis = "serve | serve NAME [PORT] | serve stop NAME|all | serve dhcp FIRST-LAST "
        + "[--lease SEC] [--router IP] [--dns IP] | serve dns [--zone FILE] | serve show dhcp",
        description = "Runs services on this host: server-example (smoltcp 0.1's server: UDP 6969 says 'yo dawg', "
                + "TCP 6969 answers reversed chunks, 64-octet buffers), echo (7), discard (9), chargen (19), http (80). "
                + "Without NAME, lists the services running here and on the simulated peer. "
                + "dhcp: a DHCP server for the addresses FIRST to LAST; dns: an authoritative DNS server for the zone "
                + "in FILE (YAML) or for the network's node names (host.lab, peer.lab), on UDP and TCP.",
        footer = {"serve", "serve server-example", "serve echo 7007", "serve http", "serve stop all",
            "serve dhcp 192.168.69.150-192.168.69.199 --lease 600 --router 192.168.69.1 --dns 192.168.69.1",
            "serve dns", "serve dns --zone lab.yaml", "serve show dhcp"})
public final class ServeCommand implements ConsoleCommand {
    /** The label lists the words, so that the console completes them. */
    @Parameters(index = "0", arity = "0..1", paramLabel = "server-example|echo|discard|chargen|http|stop")
    private String first;
    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT")
    private String second;
    @Option(names = "--lease", paramLabel = "SEC", description = "serve dhcp: the lease time (default 3600)")
    private Long lease;
    @Option(names = "--router", paramLabel = "IP", description = "serve dhcp: the router the clients get")
    private String router;
    @Option(names = "--dns", paramLabel = "IP", description = "serve dhcp: the DNS server the clients get")
    private String dns;
    @Option(names = "--zone", paramLabel = "FILE", description = "serve dns: the zone, in YAML")
    private String zone;

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        List<String> words = new ArrayList<>();
        if (first != null) {
            words.add(first);
        }
        if (second != null) {
            words.add(second);
        }
        if (words.isEmpty()) {
            return session.stack((network, now) -> {
                List<Running> running = new ArrayList<>();
                list(network.local(), "this host", running);
                network.peer().ifPresent(peer -> list(peer, "peer", running));
                return new Services(running);
            });
        }
        if (ServeDhcpDns.handles(words.get(0))) {
            return ServeDhcpDns.run(session, words, lease, router, dns, zone);
        }
        if (words.get(0).equals("stop")) {
            if (words.size() != 2) {
                throw new CommandException("serve stop: which service? (serve stop NAME, or serve stop all)");
            }
            String which = words.get(1);
            return session.stack((network, now) -> {
                Host host = network.local();
                List<String> stopped = new ArrayList<>();
                for (Service service : host.services()) {
                    if (service instanceof Server && (which.equals("all") || which.equals(service.name()))) {
                        host.removeService(service.name(), now);
                        stopped.add(service.name());
                    }
                }
                if (stopped.isEmpty()) {
                    throw new CommandException(which.equals("all") ? "no service is running on this host"
                            : "no service " + which + " is running on this host (serve lists them)");
                }
                return new Stopped(stopped);
            });
        }
        String name = Arguments.choice("NAME", words.get(0), Servers.NAMES.toArray(String[]::new));
        int port = words.size() > 1 ? Arguments.port("PORT", words.get(1), 1) : Servers.defaultPort(name);
        return session.stack((network, now) -> {
            Host host = network.local();
            if (host.service(name).isPresent()) {
                throw new CommandException(name + " is running on this host already (serve stop " + name + " first)");
            }
            Server server = Servers.create(name, port);
            SocketSettings defaults = network.settings().effective();
            try {
                server.start(host, (int) defaults.value(SocketOption.BACKLOG), (int) defaults.value(SocketOption.HALF_OPEN),
                        SynCookieMode.ofLinuxValue((int) defaults.value(SocketOption.SYNCOOKIES)));
            } catch (IllegalArgumentException e) {
                throw new CommandException("PORT: " + e.getMessage());
            }
            host.addService(server);
            return new Started(name, port, server.where());
        });
    }

    private static void list(Host host, String where, List<Running> into) {
        for (Service service : host.services()) {
            if (service instanceof Server server) {
                into.add(new Running(service.name(), where, server.port(), server.where(), server.connectionCount()));
            }
        }
    }

    /** Starts every service of server-example on {@code host}, for {@code --serve}. */
    public static void startServerExample(Host host) {
        host.addService(Servers.create("server-example", 6969).start(host));
    }

    /**
     * @param host        {@code this host} or {@code peer}
     * @param protocols   {@code TCP and UDP 7}
     * @param connections connections being served
     */
    public record Running(String name, String host, int port, String protocols, int connections) {
    }

    public record Services(List<Running> services) implements CommandResult {
        @Override
        public String text() {
            if (services.isEmpty()) {
                return "no services are running";
            }
            StringBuilder out = new StringBuilder();
            for (Running r : services) {
                out.append(out.length() == 0 ? "" : "\n").append(r.host()).append(": ").append(r.name()).append(" on ")
                        .append(r.protocols()).append(", ").append(r.connections())
                        .append(r.connections() == 1 ? " connection" : " connections");
            }
            return out.toString();
        }
    }

    /** @param protocols {@code TCP and UDP 7} */
    public record Started(String name, int port, String protocols) implements CommandResult {
        @Override
        public String text() {
            return name + " running on " + protocols;
        }
    }

    public record Stopped(List<String> stopped) implements CommandResult {
        @Override
        public String text() {
            return "stopped " + String.join(", ", stopped);
        }
    }
}
