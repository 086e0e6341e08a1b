package dev.jnetlab.commands.dhcp;

import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.stack.socket.dhcp.DhcpClient;
import dev.jnetlab.stack.socket.dhcp.DhcpDrop;
import dev.jnetlab.stack.socket.dhcp.DhcpLease;
import dev.jnetlab.stack.socket.dhcp.DhcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dhcp", customSynopsis = "dhcp start [--wait SEC] | dhcp renew | dhcp release | dhcp show",
        description = "This host's DHCP client (RFC 2131): gets an address, a router and DNS servers from a DHCP server, "
                + "probes the address with ARP first (RFC 5227), renews at T1, rebinds at T2.",
        footer = {"dhcp start", "dhcp show", "dhcp renew", "dhcp release"},
        subcommands = {DhcpCommand.Start.class, DhcpCommand.Renew.class, DhcpCommand.Release.class, DhcpCommand.Show.class})
public final class DhcpCommand {
    /** How long {@code dhcp start} waits for a lease by default: DISCOVERs at 0, 4, 12 and 28 s. */
    static final double DEFAULT_WAIT = 30;

    @Command(name = "start", customSynopsis = "dhcp start [--wait SEC]",
            description = "Starts the client (again, if it runs) and waits up to SEC seconds (default 30) for a lease; "
                    + "the client keeps trying after that.",
            footer = {"dhcp start", "dhcp start --wait 0"})
    public static final class Start implements ConsoleCommand {
        @Option(names = "--wait", paramLabel = "SEC", description = "wait up to SEC seconds for the lease (default 30)")
        private double wait = DEFAULT_WAIT;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            if (!(wait >= 0 && wait <= 86_400)) {
                throw new CommandException("--wait: SEC must be from 0 to 86400, not " + Arguments.shown(wait));
            }
            session.stack((network, now) -> {
                DhcpClientService service;
                try {
                    service = DhcpClientService.of(network);
                } catch (IllegalArgumentException e) {
                    throw new CommandException("dhcp: " + e.getMessage());
                }
                service.start(now);
                return null;
            });
            Show.Lease lease = session.await(Micros.ofSeconds(wait), (network, now) -> {
                DhcpClient client = DhcpClientService.of(network).client();
                return client.state() == DhcpState.BOUND ? Show.describe(client, now) : null;
            });
            if (lease != null) {
                return lease;
            }
            if (wait == 0) {
                return new CommandResult.Message("dhcp: started; dhcp show follows it");
            }
            String state = session.stack((network, now) -> DhcpClientService.of(network).client().state().name());
            throw new CommandException("dhcp: no lease after " + Show.seconds(wait) + " s (" + state
                    + "): is a DHCP server on this link? The client keeps trying; dhcp show follows it");
        }
    }

    @Command(name = "renew", customSynopsis = "dhcp renew",
            description = "Asks the server for the lease again now, as at T1 (RENEWING), and waits up to 10 s for its answer.",
            footer = {"dhcp renew"})
    public static final class Renew implements ConsoleCommand {
        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            long before = session.stack((network, now) -> {
                DhcpClientService service = DhcpClientService.find(network)
                        .orElseThrow(() -> new CommandException("dhcp renew: no lease (dhcp start gets one)"));
                Optional<DhcpLease> lease = service.client().lease();
                if (!service.renew(now)) {
                    throw new CommandException("dhcp renew: the client is " + service.client().state()
                            + ", not BOUND (dhcp show)");
                }
                return lease.map(DhcpLease::acquiredAt).orElse(0L);
            });
            Show.Lease renewed = session.await(Micros.ofSeconds(10), (network, now) -> {
                DhcpClient client = DhcpClientService.of(network).client();
                return client.state() == DhcpState.BOUND && client.lease().map(l -> l.acquiredAt() != before).orElse(false)
                        ? Show.describe(client, now) : null;
            });
            if (renewed == null) {
                throw new CommandException("dhcp renew: no answer from the server in 10 s; the client keeps trying "
                        + "(dhcp show)");
            }
            return renewed;
        }
    }

    @Command(name = "release", customSynopsis = "dhcp release",
            description = "Gives the lease back to the server (RELEASE) and removes its address, route and DNS servers.",
            footer = {"dhcp release"})
    public static final class Release implements ConsoleCommand {
        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> {
                DhcpClientService service = DhcpClientService.find(network)
                        .orElseThrow(() -> new CommandException("dhcp release: no lease to release (dhcp start gets one)"));
                Optional<DhcpLease> lease = service.client().isConfigured() ? service.client().lease() : Optional.empty();
                if (!service.release(now)) {
                    return new CommandResult.Message("dhcp: no lease held; the client is stopped");
                }
                return new CommandResult.Message("dhcp: released " + lease.get().address() + " to " + lease.get().server());
            });
        }
    }

    @Command(name = "show", customSynopsis = "dhcp show",
            description = "Shows the client's state, its lease (address, server, router, DNS, T1, T2, expiry) and what it dropped.",
            footer = {"dhcp show"})
    public static final class Show implements ConsoleCommand {
        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> DhcpClientService.find(network)
                    .map(service -> (CommandResult) describe(service.client(), now))
                    .orElse(new CommandResult.Message("dhcp: not started (dhcp start)")));
        }

        static Lease describe(DhcpClient client, long now) {
            Map<String, Long> drops = new LinkedHashMap<>();
            for (DhcpDrop reason : DhcpDrop.values()) {
                drops.put(reason.key(), client.drops().getOrDefault(reason, 0L));
            }
            Optional<DhcpLease> held = client.lease();
            return new Lease(client.state().name(), held.map(l -> l.address().toString()).orElse(null),
                    held.map(l -> l.server().toString()).orElse(null),
                    held.flatMap(DhcpLease::router).map(Ipv4Address::toString).orElse(null),
                    held.map(l -> l.dnsServers().stream().map(Ipv4Address::toString).toList()).orElse(List.of()),
                    held.map(DhcpLease::leaseSeconds).orElse(null),
                    held.map(l -> DhcpClientService.secondsUntil(now, l.renewAt())).orElse(null),
                    held.map(l -> DhcpClientService.secondsUntil(now, l.rebindAt())).orElse(null),
                    held.map(l -> DhcpClientService.secondsUntil(now, l.expiresAt())).orElse(null),
                    client.messagesSent(), client.messagesReceived(), drops);
        }

        static String seconds(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }

        /**
         * @param state    the RFC 2131 state ({@code BOUND}, {@code RENEWING} ...)
         * @param address  the lease's address with its prefix, or null
         * @param t1       seconds until T1 (renewing), null without a lease; likewise {@code t2}, {@code expires}
         * @param drops    messages dropped, by reason ({@code bad_address}, {@code zero_lease} ...)
         */
        public record Lease(String state, String address, String server, String router, List<String> dns, Long lease,
                            Long t1, Long t2, Long expires, long sent, long received, Map<String, Long> drops)
                implements CommandResult {
            @Override
            public String text() {
                StringBuilder out = new StringBuilder("dhcp: ").append(state);
                if (address != null) {
                    out.append(' ').append(address).append(" from ").append(server).append('\n');
                    out.append("    lease ").append(lease).append(" s: renew in ").append(t1).append(" s, rebind in ")
                            .append(t2).append(" s, expires in ").append(expires).append(" s\n");
                    out.append("    router ").append(router == null ? "none" : router).append(", dns ")
                            .append(dns.isEmpty() ? "none" : String.join(", ", dns));
                }
                out.append("\n    messages: ").append(sent).append(" sent, ").append(received).append(" taken");
                drops.forEach((reason, count) -> {
                    if (count > 0) {
                        out.append(", ").append(count).append(' ').append(reason);
                    }
                });
                return out.toString();
            }
        }
    }
}
