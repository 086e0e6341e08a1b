package dev.jnetlab.commands.dns;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.dns.DnsResolver;
import dev.jnetlab.stack.socket.dns.DnsResult;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.DnsRcode;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.util.List;
import java.util.Optional;

/**
 * Names wherever an address is typed ({@code ping peer.lab}, {@code tcp connect peer.lab:7}):
 * an IPv4 address is taken as it is, anything else is looked up with this host's resolver
 * (type A), waiting on the stack's clock. On a topology a node's name comes first: {@code ping h2}
 * is h2's address, without DNS.
 */
public final class Names {
    /** How long a command waits for a name: two rounds over two servers and a TCP retry fit in it. */
    static final long TIMEOUT = Micros.ofSeconds(15);

    private Names() {
    }

    /** The address {@code text} is or names. */
    public static Ipv4Address address(Session session, String label, String text)
            throws CommandException, InterruptedException {
        if (looksLikeAddress(text)) {
            return Arguments.address(label, text);
        }
        Optional<Ipv4Address> node = session.stack((network, now) -> network.topology().flatMap(t -> t.addressOf(text)));
        if (node.isPresent()) {
            return node.get();
        }
        DnsResult result = lookup(session, label, text, DnsType.A.value(), List.of());
        if (result instanceof DnsResult.Answer answer && !answer.addresses().isEmpty()) {
            return answer.addresses().get(0);
        }
        throw new CommandException(label + ": " + text + ": " + why(result));
    }

    /** {@code ADDRESS:PORT} or {@code NAME:PORT}. */
    public static IpEndpoint endpoint(Session session, String label, String text)
            throws CommandException, InterruptedException {
        int colon = text.lastIndexOf(':');
        // [fd00::100]:7, or an IPv6 address without brackets (which gets the line that shows them)
        boolean ipv6 = text.startsWith("[") || text.indexOf(':') != colon;
        if (colon <= 0 || ipv6 || looksLikeAddress(text.substring(0, colon))) {
            return Arguments.endpoint(label, text);
        }
        Ipv4Address address = address(session, label, text.substring(0, colon));
        return Arguments.endpoint(label, address + text.substring(colon));
    }

    /** Whether {@code text} is meant as a dotted quad (digits and dots), not a name. */
    public static boolean looksLikeAddress(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    /**
     * Runs one query with this host's resolver; {@code servers} empty: the configured ones. A
     * name outside RFC 1035's preferred syntax is refused at once ({@link PreferredNameSyntax}).
     */
    static DnsResult lookup(Session session, String label, String name, int type, List<Ipv4Address> servers)
            throws CommandException, InterruptedException {
        Optional<String> notAName = PreferredNameSyntax.whyNot(name);
        if (notAName.isPresent()) {
            throw new CommandException(label + ": " + notAName.get());
        }
        int query = session.stack((network, now) -> {
            DnsResolver resolver = ResolverService.of(network).resolver();
            try {
                return servers.isEmpty() ? resolver.start(now, name, type) : resolver.start(now, name, type, servers);
            } catch (IllegalArgumentException e) {
                throw new CommandException(label + ": " + e.getMessage());
            }
        });
        DnsResult result = session.await(TIMEOUT, (network, now) -> ResolverService.of(network).resolver().result(query));
        session.stack((network, now) -> {
            ResolverService.of(network).resolver().forget(query);
            return null;
        });
        if (result == null) {
            throw new CommandException(label + ": " + name + ": no answer in " + TIMEOUT / Micros.PER_SECOND + " s");
        }
        return result;
    }

    static String why(DnsResult result) {
        if (result instanceof DnsResult.Negative negative) {
            String what = negative.rcode() == DnsRcode.NXDOMAIN.ordinal() ? "no such name (NXDOMAIN"
                    : "no " + DnsType.nameOf(negative.type()) + " record (NODATA";
            return what + negative.server().map(s -> " from " + s).orElse(", cached") + ")";
        }
        if (result instanceof DnsResult.Failed failed) {
            return failed.why();
        }
        return "no address in the answer";
    }
}
