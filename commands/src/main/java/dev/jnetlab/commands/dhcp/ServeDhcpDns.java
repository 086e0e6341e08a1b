package dev.jnetlab.commands.dhcp;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.host.DnsServer;
import dev.jnetlab.host.DnsZone;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.Server;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.host.DhcpServer;
import dev.jnetlab.commands.dns.ZoneFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code serve} forms for naming and addressing: {@code serve dhcp FIRST-LAST [--lease SEC]
 * [--router IP] [--dns IP]}, {@code serve dns [--zone FILE]} and {@code serve show dhcp}, the
 * DHCP server's leases (this host's server, else the peer's).
 */
public final class ServeDhcpDns {
    private ServeDhcpDns() {
    }

    /** Whether {@code serve WORD ...} is one of these forms. */
    public static boolean handles(String word) {
        return word.equals(DhcpServer.NAME) || word.equals(DnsServer.NAME) || word.equals("show");
    }

    /**
     * Runs {@code serve WORDS}.
     *
     * @param lease  {@code --lease}, or null
     * @param router {@code --router}, or null
     * @param dns    {@code --dns}, or null
     * @param zone   {@code --zone}, or null
     */
    public static CommandResult run(Session session, List<String> words, Long lease, String router, String dns,
                                    String zone) throws CommandException, InterruptedException {
        String what = words.get(0);
        if (what.equals("show")) {
            if (words.size() != 2 || !words.get(1).equals(DhcpServer.NAME)) {
                throw new CommandException("serve show: show what? (serve show dhcp lists the DHCP server's leases)");
            }
            return session.stack((network, now) -> {
                DhcpServer server = dhcpServer(network.local()).or(() -> network.peer().flatMap(ServeDhcpDns::dhcpServer))
                        .orElseThrow(() -> new CommandException("no DHCP server is running (serve dhcp FIRST-LAST starts one)"));
                return new Leases(server.where(), server.leases(now));
            });
        }
        if (what.equals(DhcpServer.NAME)) {
            if (zone != null) {
                throw new CommandException("--zone is for serve dns");
            }
            if (words.size() != 2) {
                throw new CommandException("serve dhcp: which addresses? (serve dhcp 192.168.69.150-192.168.69.199)");
            }
            String[] range = words.get(1).split("-", -1);
            if (range.length != 2) {
                throw new CommandException("FIRST-LAST: " + words.get(1) + " is not a range (192.168.69.150-192.168.69.199)");
            }
            Ipv4Address first = Arguments.address("FIRST", range[0]);
            Ipv4Address last = Arguments.address("LAST", range[1]);
            Optional<Ipv4Address> gateway = router == null ? Optional.empty() : Optional.of(Arguments.address("--router", router));
            List<Ipv4Address> servers = dns == null ? List.of() : List.of(Arguments.address("--dns", dns));
            long seconds = lease == null ? DhcpServer.DEFAULT_LEASE_SECONDS : lease;
            DhcpServer server;
            try {
                server = new DhcpServer(first, last, seconds, gateway, servers);
            } catch (IllegalArgumentException e) {
                throw new CommandException("serve dhcp: " + e.getMessage());
            }
            return start(session, server, host -> {
                boolean on = host.iface().addresses().stream().anyMatch(c -> c.contains(first) && c.contains(last));
                if (!on) {
                    throw new CommandException("serve dhcp: " + first + "-" + last + " is on none of this host's networks ("
                            + String.join(", ", host.iface().addresses().stream().map(Ipv4Cidr::toString).toList()) + ")");
                }
            });
        }
        if (lease != null || router != null || dns != null) {
            throw new CommandException("--lease, --router and --dns are for serve dhcp");
        }
        if (words.size() != 1) {
            throw new CommandException("serve dns takes no PORT: DNS is on 53 (serve dns [--zone FILE])");
        }
        DnsZone names;
        if (zone != null) {
            try {
                names = ZoneFile.parse(Files.readString(Path.of(zone), StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                throw new CommandException("--zone: there is no file " + zone);
            } catch (IOException e) {
                throw new CommandException("--zone: cannot read " + zone + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CommandException("--zone " + zone + ": " + e.getMessage());
            }
        } else {
            names = session.stack((network, now) -> DnsZone.ofNodes(nodes(network)));
        }
        DnsZone served = names;
        return start(session, new DnsServer(served), host -> { });
    }

    /**
     * The network's nodes by name: on a topology its hosts and routers, each with every address
     * of its interfaces; else this host is {@code host}, the virtual network's peer {@code peer}.
     */
    static Map<String, List<Ipv4Address>> nodes(Network network) {
        if (network.topology().isPresent()) {
            return network.topology().get().nodeAddresses();
        }
        Map<String, List<Ipv4Address>> nodes = new LinkedHashMap<>();
        network.peer().ifPresent(peer -> nodes.put("peer", addresses(peer)));
        nodes.put("host", addresses(network.local()));
        return nodes;
    }

    private static List<Ipv4Address> addresses(Host host) {
        return new ArrayList<>(host.iface().addresses().stream().map(Ipv4Cidr::address).toList());
    }

    private interface Check {
        void on(Host host) throws CommandException;
    }

    private static CommandResult start(Session session, Server server, Check check)
            throws CommandException, InterruptedException {
        return session.stack((network, now) -> {
            Host host = network.local();
            if (host.service(server.name()).isPresent()) {
                throw new CommandException(server.name() + " is running on this host already (serve stop "
                        + server.name() + " first)");
            }
            check.on(host);
            try {
                server.start(host);
            } catch (IllegalArgumentException e) {
                throw new CommandException("serve " + server.name() + ": " + e.getMessage());
            }
            host.addService(server);
            return new CommandResult.Message(server.name() + " running on " + server.where());
        });
    }

    private static Optional<DhcpServer> dhcpServer(Host host) {
        return host.service(DhcpServer.NAME).filter(DhcpServer.class::isInstance).map(DhcpServer.class::cast);
    }

    /** {@code serve show dhcp}: the pool and its bindings. */
    public record Leases(String server, List<DhcpServer.Lease> leases) implements CommandResult {
        @Override
        public String text() {
            StringBuilder out = new StringBuilder("dhcp on ").append(server);
            if (leases.isEmpty()) {
                return out.append("\n    no leases").toString();
            }
            for (DhcpServer.Lease lease : leases) {
                out.append("\n    ").append(lease.address()).append("  ").append(lease.mac()).append("  ")
                        .append(lease.state()).append(", ").append(lease.expiresIn()).append(" s left");
            }
            return out.toString();
        }
    }
}
