package dev.jnetlab.commands.dns;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.stack.socket.dns.DnsCache;
import dev.jnetlab.stack.socket.dns.DnsResult;
import dev.jnetlab.stack.wire.DnsName;
import dev.jnetlab.stack.wire.DnsRcode;
import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resolve",
        customSynopsis = "resolve NAME [TYPE] [--server IP] | resolve -x IP [--server IP] | resolve --cache | resolve --flush",
        description = "Looks NAME up with this host's stub resolver (RFC 1035) and prints the answer as dig does: "
                + "the CNAME chain, the records with their TTLs, who answered (or the cache), over UDP or TCP. "
                + "TYPE: A (default), AAAA, CNAME, PTR, NS, SOA, TXT, MX. -x IP asks for the name of an address "
                + "(PTR under in-addr.arpa, as dig -x). --cache lists the cache, --flush empties it.",
        footer = {"resolve peer.lab", "resolve www.lab", "resolve big.lab", "resolve peer.lab AAAA",
            "resolve -x 192.168.69.100", "resolve peer.lab --server 192.168.69.100", "resolve --cache",
            "resolve --flush"})
public final class ResolveCommand implements ConsoleCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    private String name;
    @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE")
    private String type;
    @Option(names = "--server", paramLabel = "IP", description = "ask this server instead of the configured ones")
    private String server;
    @Option(names = "-x", paramLabel = "IP", description = "the name of this address: a PTR query for its reverse name")
    private String reverse;
    @Option(names = "--cache", description = "list what the resolver has cached, with the seconds left")
    private boolean cache;
    @Option(names = "--flush", description = "empty the cache: the next lookups go to the servers")
    private boolean flush;

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        if (flush) {
            if (name != null || cache) {
                throw new CommandException("resolve --flush takes nothing more");
            }
            return session.stack((network, now) -> {
                DnsCache held = ResolverService.of(network).resolver().cache();
                int names = held.size();
                held.clear();
                return new Flushed(names);
            });
        }
        if (cache) {
            if (name != null) {
                throw new CommandException("resolve --cache takes no NAME");
            }
            return session.stack((network, now) -> new Cache(ResolverService.of(network).resolver().cache().lines(now)
                    .stream().map(Cached::of).toList()));
        }
        if (reverse != null) {
            if (name != null) {
                throw new CommandException("resolve -x takes an address and no NAME (resolve -x 192.168.69.100)");
            }
            return lookup(session, DnsName.reverse(Arguments.address("-x", reverse)), DnsType.PTR.value());
        }
        if (name == null) {
            throw new CommandException("resolve: which NAME? (resolve peer.lab)");
        }
        Integer typeValue = type == null ? Integer.valueOf(DnsType.A.value()) : DnsType.parse(type);
        if (typeValue == null) {
            throw new CommandException("TYPE: " + type + " is not a record type (A, AAAA, CNAME, PTR, NS, SOA, TXT, MX, or TYPEnn)");
        }
        return lookup(session, name, typeValue);
    }

    private CommandResult lookup(Session session, String name, int typeValue)
            throws CommandException, InterruptedException {
        List<Ipv4Address> servers = server == null ? List.of() : List.of(Arguments.address("--server", server));
        DnsResult result = Names.lookup(session, "NAME", name, typeValue, servers);
        if (result instanceof DnsResult.Failed failed) {
            throw new CommandException("resolve " + failed.name() + ": " + failed.why());
        }
        if (result instanceof DnsResult.Answer answer) {
            return new Answer(answer.name(), DnsType.nameOf(answer.type()), "NOERROR",
                    answer.records().stream().map(Line::of).toList(),
                    answer.server().map(Ipv4Address::toString).orElse(null), answer.overTcp() ? "TCP" : "UDP");
        }
        DnsResult.Negative negative = (DnsResult.Negative) result;
        return new Answer(negative.name(), DnsType.nameOf(negative.type()), DnsRcode.nameOf(negative.rcode()),
                negative.chain().stream().map(Line::of).toList(),
                negative.server().map(Ipv4Address::toString).orElse(null), "UDP");
    }

    /** One record as dig prints it: name, TTL, class, type, data. */
    public record Line(String name, long ttl, String type, String data) {
        static Line of(DnsRepr.Record r) {
            return new Line(r.name(), r.ttl(), DnsType.nameOf(r.type()), r.data().toString());
        }

        String text() {
            return name + "\t\t" + ttl + "\tIN\t" + type + "\t" + data;
        }
    }

    /**
     * @param status    NOERROR, NXDOMAIN (no such name) or NOERROR with no record of the type (NODATA)
     * @param server    who answered, null when the cache did
     * @param transport UDP, or TCP after a truncated answer
     */
    public record Answer(String name, String type, String status, List<Line> answers, String server, String transport)
            implements CommandResult {
        @Override
        public String text() {
            List<String> out = new ArrayList<>();
            out.add(";; ->>HEADER<<- status: " + status + (status.equals("NOERROR") && answers.stream()
                    .noneMatch(a -> a.type().equals(type)) ? " (no " + type + " record: NODATA)" : ""));
            out.add(";; QUESTION SECTION:");
            out.add(";" + name + "\t\t\tIN\t" + type);
            if (!answers.isEmpty()) {
                out.add("");
                out.add(";; ANSWER SECTION:");
                answers.forEach(a -> out.add(a.text()));
            }
            out.add("");
            out.add(server == null ? ";; from the cache" : ";; SERVER: " + server + "#53(" + transport + ")");
            return String.join("\n", out);
        }
    }

    /** One cached question and the seconds it has left. */
    public record Cached(String name, String type, String status, List<Line> records, long secondsLeft) {
        static Cached of(DnsCache.Line line) {
            return new Cached(line.name(), DnsType.nameOf(line.type()), DnsRcode.nameOf(line.rcode()),
                    line.records().stream().map(Line::of).toList(), line.secondsLeft());
        }
    }

    /** {@code resolve --flush}: @param forgotten the cached questions forgotten */
    public record Flushed(int forgotten) implements CommandResult {
        @Override
        public String text() {
            return "the resolver's cache is empty (" + forgotten + (forgotten == 1 ? " answer" : " answers") + " forgotten)";
        }
    }

    public record Cache(List<Cached> entries) implements CommandResult {
        @Override
        public String text() {
            if (entries.isEmpty()) {
                return "the resolver's cache is empty";
            }
            List<String> out = new ArrayList<>();
            for (Cached c : entries) {
                out.add(c.name() + " " + c.type() + ": " + (c.records().isEmpty() ? c.status()
                        : String.join(", ", c.records().stream().map(Line::data).toList())) + " (" + c.secondsLeft()
                        + " s left)");
            }
            return String.join("\n", out);
        }
    }
}
