package dev.jnetlab.commands.dns;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.host.Host;
import dev.jnetlab.stack.iface.Ipv6AddressInfo;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.dns.DnsResult;
import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.List;
import java.util.Optional;

/**
 * The IPv6 address a name stands for, for {@code ping -6 NAME}: a literal address as it is; on
 * a topology, a node's IPv6 address (a host's first that is not link-local, tentative
 * ones included: the ping waits for DAD; a router's first port's); on the virtual network, the peer's for {@code peer} and {@code peer.lab}; else an
 * AAAA lookup with this host's resolver (RFC 3596). A name without one says so in one line.
 * The IPv4 side is {@link Names#address}.
 */
public final class FamilyNames {
    private FamilyNames() {
    }

    /** The IPv6 address {@code text} is or names. */
    public static Ipv6Address ipv6(Session session, String label, String text) throws CommandException, InterruptedException {
        if (text.indexOf(':') >= 0) {
            try {
                return Ipv6Address.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandException(label + ": " + e.getMessage());
            }
        }
        if (Names.looksLikeAddress(text)) {
            throw new CommandException(label + ": " + text + " is an IPv4 address, and -6 asks for IPv6");
        }
        Optional<Optional<Ipv6Address>> node = session.stack((network, now) -> {
            if (network.topology().isPresent() && network.topology().get().router(text).isPresent()) {
                return Optional.of(network.topology().get().address6Of(text));
            }
            Optional<Host> host = network.topology().flatMap(t -> t.host(text)).map(n -> n.host());
            if (host.isEmpty() && network.topology().isEmpty() && network.peer().isPresent()
                    && (text.equals("peer") || text.equals("peer.lab"))) {
                network.enableIpv6(); // the peer takes fd00::100 when IPv6 comes up, as the ping would bring it
                host = network.peer();
            }
            return host.map(h -> global(h.iface().ipv6Addresses(now)));
        });
        if (node.isPresent()) {
            return node.get().orElseThrow(() -> new CommandException(label + ": " + text + " has no IPv6 address ('"
                    + text + ": ip add fd00::2/64' would give it one)"));
        }
        DnsResultAddresses found = aaaa(session, label, text);
        if (found.address().isPresent()) {
            return found.address().get();
        }
        throw new CommandException(label + ": " + text + ": " + found.why());
    }

    /**
     * {@code NAME:PORT} with the name's IPv6 address ({@code tcp connect -6 h2:7}), or an IPv6
     * endpoint as it is typed ({@code [fd00:2::10]:7}); an IPv4 one is refused in one line.
     */
    public static IpEndpoint endpoint(Session session, String label, String text) throws CommandException, InterruptedException {
        int colon = text.lastIndexOf(':');
        if (text.startsWith("[") || colon <= 0 || text.indexOf(':') != colon) {
            return Arguments.endpoint(label, text); // [ADDR]:PORT, or a form whose mistake Arguments words
        }
        String host = text.substring(0, colon);
        if (Names.looksLikeAddress(host)) {
            throw new CommandException(label + ": " + host + " is an IPv4 address, and -6 asks for IPv6");
        }
        int port = Arguments.port(label, text.substring(colon + 1), 1);
        return new IpEndpoint(ipv6(session, label, host), port);
    }

    /** The first address that is not link-local: one a packet from off the link can reach. */
    private static Optional<Ipv6Address> global(List<Ipv6AddressInfo> addresses) {
        return addresses.stream().map(Ipv6AddressInfo::address).filter(a -> !Ipv6Address.isLinkLocal(a.high())).findFirst();
    }

    /** An AAAA lookup's first address, or why there is none. */
    private record DnsResultAddresses(Optional<Ipv6Address> address, String why) {
    }

    private static DnsResultAddresses aaaa(Session session, String label, String name) throws CommandException, InterruptedException {
        DnsResult result = Names.lookup(session, label, name, DnsType.AAAA.value(), List.of());
        if (result instanceof DnsResult.Answer answer) {
            for (DnsRepr.Record record : answer.records()) {
                if (record.type() == DnsType.AAAA.value() && record.data() instanceof DnsRepr.Raw raw && raw.octets().length == 16) {
                    return new DnsResultAddresses(Optional.of(Ipv6Address.read(raw.octets(), 0)), "");
                }
            }
        }
        return new DnsResultAddresses(Optional.empty(), Names.why(result));
    }
}
