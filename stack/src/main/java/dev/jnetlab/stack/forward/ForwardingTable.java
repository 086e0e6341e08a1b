package dev.jnetlab.stack.forward;

import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * A router's routes: connected networks (one per port) and static routes through a gateway,
 * chosen by longest prefix (RFC 1812 section 5.2.4.3: the most specific route wins; among
 * equals, the connected one, which is added first). Kept as parallel arrays sorted by prefix
 * length, longest first, so a lookup is one scan that allocates nothing.
 */
final class ForwardingTable {
    /** One route as {@link #routes()} shows it: {@code gateway} 0 for a connected network. */
    record Entry(Ipv4Cidr network, Ipv4Address gateway, int port) {
    }

    private int[] networks = new int[8];
    private int[] prefixes = new int[8];
    private int[] gateways = new int[8];
    private int[] ports = new int[8];
    private int count;

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** Adds a route, or replaces the one to exactly that network with the same kind (connected or not). */
    void add(int network, int prefix, int gateway, int port) {
        network &= mask(prefix);
        for (int i = 0; i < count; i++) {
            if (networks[i] == network && prefixes[i] == prefix && (gateways[i] == 0) == (gateway == 0)) {
                gateways[i] = gateway;
                ports[i] = port;
                return;
            }
        }
        if (count == networks.length) {
            networks = java.util.Arrays.copyOf(networks, count * 2);
            prefixes = java.util.Arrays.copyOf(prefixes, count * 2);
            gateways = java.util.Arrays.copyOf(gateways, count * 2);
            ports = java.util.Arrays.copyOf(ports, count * 2);
        }
        int at = count;
        // Behind every route at least as long, so a connected route stays ahead of a static one to the same prefix.
        while (at > 0 && prefixes[at - 1] < prefix) {
            networks[at] = networks[at - 1];
            prefixes[at] = prefixes[at - 1];
            gateways[at] = gateways[at - 1];
            ports[at] = ports[at - 1];
            at--;
        }
        networks[at] = network;
        prefixes[at] = prefix;
        gateways[at] = gateway;
        ports[at] = port;
        count++;
    }

    /** Removes the static route to exactly {@code network/prefix}; false if there is none. */
    boolean remove(int network, int prefix) {
        network &= mask(prefix);
        for (int i = 0; i < count; i++) {
            if (networks[i] == network && prefixes[i] == prefix && gateways[i] != 0) {
                int tail = count - i - 1;
                System.arraycopy(networks, i + 1, networks, i, tail);
                System.arraycopy(prefixes, i + 1, prefixes, i, tail);
                System.arraycopy(gateways, i + 1, gateways, i, tail);
                System.arraycopy(ports, i + 1, ports, i, tail);
                count--;
                return true;
            }
        }
        return false;
    }

    /** The index of the longest route matching {@code destination}, or -1 for none. */
    int lookup(int destination) {
        for (int i = 0; i < count; i++) {
            if ((destination & mask(prefixes[i])) == networks[i]) {
                return i;
            }
        }
        return -1;
    }

    int port(int route) {
        return ports[route];
    }

    /** The next hop of {@code route} for {@code destination}: its gateway, or the destination itself on a connected network. */
    int nextHop(int route, int destination) {
        return gateways[route] == 0 ? destination : gateways[route];
    }

    List<Entry> routes() {
        List<Entry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Entry(new Ipv4Cidr(Ipv4Address.of(networks[i]), prefixes[i]), Ipv4Address.of(gateways[i]), ports[i]));
        }
        return out;
    }
}
