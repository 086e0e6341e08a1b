package dev.jnetlab.commands.ip;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.commands.text.Table;
import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.iface.Ipv6Route;
import dev.jnetlab.stack.iface.Route;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "route", customSynopsis = "route | route add CIDR via IP | route del CIDR | route flush cache",
        description = "Shows the routing table, adds or removes a static route, or forgets the IPv6 path MTUs learnt.",
        footer = {"route", "route add 10.0.0.0/8 via 192.168.69.100", "route add default via 192.168.69.100",
                "route del 10.0.0.0/8", "route flush cache"},
        subcommands = {RouteCommand.Add.class, RouteCommand.Del.class, RouteCommand.Flush.class})
public final class RouteCommand implements ConsoleCommand {

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> withIpv6(table(network.local().iface()), network.local().iface(), now));
    }

    /**
     * The IPv4 table followed by the IPv6 routes: connected prefixes, advertised ones, default
     * routers, host routes Redirects taught; and the path MTUs Packet Too Big messages taught (RFC 8201).
     */
    static Routes withIpv6(Routes ipv4, Interface iface, long now) {
        List<RouteEntry> all = new java.util.ArrayList<>(ipv4.routes());
        for (Ipv6Route route : iface.ipv6Routes(now)) {
            all.add(new RouteEntry(route.prefixLength() == 0 ? "::/0" : route.prefix() + "/" + route.prefixLength(),
                    route.gateway().map(Object::toString).orElse(null),
                    switch (route.origin()) {
                        case CONNECTED -> "connected";
                        case ROUTER_ADVERTISEMENT -> "ra";
                        case STATIC -> "static";
                        case REDIRECT -> "redirect";
                    }, true));
        }
        List<PathMtu> pathMtus = iface.ipv6PathMtus(now).stream()
                .map(e -> new PathMtu(e.destination().toString(), e.mtu(), (e.expiresMicros() + Micros.PER_SECOND - 1) / Micros.PER_SECOND))
                .toList();
        return new Routes(all, pathMtus);
    }

    static Routes table(Interface iface) {
        return new Routes(iface.routes().stream().map(route -> new RouteEntry(route.destination().toString(),
                route.gateway().map(Ipv4Address::toString).orElse(null),
                route.origin().name().toLowerCase(Locale.ROOT), route.usable())).toList());
    }

    @Command(name = "add", customSynopsis = "route add CIDR via IP",
            description = "Sends datagrams for the network CIDR through the neighbor IP ('default' is 0.0.0.0/0).",
            footer = {"route add 10.0.0.0/8 via 192.168.69.100", "route add default via 192.168.69.100"})
    public static final class Add implements ConsoleCommand {
        @Parameters(index = "0", paramLabel = "CIDR")
        private String cidr;
        @Parameters(index = "1", paramLabel = "via")
        private String via;
        @Parameters(index = "2", paramLabel = "IP")
        private String gateway;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            Ipv4Cidr destination = destination(cidr);
            if (!via.equals("via")) {
                throw new CommandException("expected 'via' after the network, not '" + via + "' (route add " + cidr
                        + " via IP)");
            }
            Ipv4Address hop = Arguments.address("IP", gateway);
            return session.stack((network, now) -> {
                Interface iface = network.local().iface();
                try {
                    iface.addRoute(destination, hop);
                } catch (IllegalArgumentException e) {
                    throw new CommandException("IP: " + e.getMessage());
                }
                return table(iface);
            });
        }
    }

    @Command(name = "del", customSynopsis = "route del CIDR",
            description = "Removes the static route to the network CIDR ('default' is 0.0.0.0/0).",
            footer = {"route del 10.0.0.0/8", "route del default"})
    public static final class Del implements ConsoleCommand {
        @Parameters(paramLabel = "CIDR")
        private String cidr;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            Ipv4Cidr destination = destination(cidr);
            return session.stack((network, now) -> {
                Interface iface = network.local().iface();
                if (!iface.removeRoute(destination)) {
                    boolean connected = iface.routes().stream()
                            .anyMatch(r -> r.destination().equals(destination) && r.gateway().isEmpty());
                    throw new CommandException("no static route to " + destination + (connected
                            ? ": it is the network of an address of this host (ip del removes it)"
                            : " ('route' lists the routes)"));
                }
                return table(iface);
            });
        }
    }

    @Command(name = "flush", customSynopsis = "route flush cache",
            description = "Forgets the IPv6 path MTUs that Packet Too Big messages taught (as Linux's 'ip route flush "
                    + "cache'): the next packet to each destination is sized for the link again. Open connections keep theirs.",
            footer = {"route flush cache"})
    public static final class Flush implements ConsoleCommand {
        @Parameters(paramLabel = "cache")
        private String what;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            if (!what.equals("cache")) {
                throw new CommandException("route flush takes 'cache' (the path MTUs learnt), not '" + what + "'");
            }
            return session.stack((network, now) -> {
                Interface iface = network.local().iface();
                iface.forgetIpv6PathMtus();
                return withIpv6(table(iface), iface, now);
            });
        }
    }

    /** A network as typed, host bits cleared: {@code 10.1.2.3/8} is {@code 10.0.0.0/8}; {@code default} is {@code 0.0.0.0/0}. */
    static Ipv4Cidr destination(String text) throws CommandException {
        if (text.equals("default")) {
            return new Ipv4Cidr(Ipv4Address.UNSPECIFIED, 0);
        }
        Ipv4Cidr cidr = Arguments.cidr("CIDR", text);
        return new Ipv4Cidr(cidr.network(), cidr.prefixLen());
    }

    /**
     * One route.
     *
     * @param destination the network, {@code 0.0.0.0/0} for the default route
     * @param gateway     the next hop, or null for a connected network
     * @param origin      {@code connected} or {@code static}; {@code ra} for an IPv6 route a router advertised
     * @param usable      false when the gateway is on no connected network any more
     */
    public record RouteEntry(String destination, String gateway, String origin, boolean usable) {
    }

    /**
     * A path MTU toward one IPv6 destination, lowered by a Packet Too Big (RFC 8201).
     *
     * @param destination the destination
     * @param mtu         the path MTU, 1280 or more
     * @param expiresSeconds when the link's MTU is tried again (ten minutes after the last Packet Too Big)
     */
    public record PathMtu(String destination, int mtu, long expiresSeconds) {
    }

    /**
     * The routing table, connected routes first, then static ones, longest prefix first; then
     * the IPv6 path MTUs learnt from Packet Too Big messages, if any.
     */
    public record Routes(List<RouteEntry> routes, List<PathMtu> pathMtu) implements CommandResult {
        /** The IPv4 table alone. */
        public Routes(List<RouteEntry> routes) {
            this(routes, List.of());
        }

        @Override
        public String text() {
            if (routes.isEmpty()) {
                return "no routes (ip add CIDR gives this host an address and its network)";
            }
            Table table = new Table("destination", "gateway", "origin");
            for (RouteEntry route : routes) {
                table.row(route.destination().equals("0.0.0.0/0") || route.destination().equals("::/0") ? "default"
                        : route.destination(),
                        route.gateway() == null ? "-" : route.gateway(),
                        route.origin() + (route.usable() ? "" : " (gateway unreachable)"));
            }
            if (pathMtu.isEmpty()) {
                return table.toString();
            }
            StringBuilder out = new StringBuilder(table.toString());
            out.append("\npath MTU (from Packet Too Big, RFC 8201):");
            for (PathMtu entry : pathMtu) {
                out.append("\n  ").append(entry.destination()).append(" mtu ").append(entry.mtu())
                        .append(" expires in ").append(entry.expiresSeconds()).append(" s");
            }
            return out.toString();
        }
    }
}
