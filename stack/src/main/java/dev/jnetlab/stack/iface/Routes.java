package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The interface's addresses and its routing table (RFC 1122 section 3.3.1): a connected route
 * for the network of every address, static routes through gateways, and the default route
 * ({@code 0.0.0.0/0} through the default gateway) among them. A destination takes the route
 * with the longest matching prefix; between a connected and a static route of the same
 * length, the connected one. A static route whose gateway lies on no connected network is
 * kept but not used.
 *
 * <p>Lookups walk primitive arrays and allocate nothing; changes (the console's {@code ip} and
 * {@code route}) are rare and may.
 */
final class Routes {
    private int[] addresses = new int[4];
    private int[] prefixes = new int[4];
    private int addressCount;

    private int[] networks = new int[4];
    private int[] networkPrefixes = new int[4];
    private int[] gateways = new int[4];
    private int routeCount;

    static int mask(int prefixLen) {
        return prefixLen == 0 ? 0 : -1 << (32 - prefixLen);
    }

    // ---- addresses ----

    int addressCount() {
        return addressCount;
    }

    int address(int index) {
        return addresses[index];
    }

    /** The first address, the source of last resort; 0 if there is none. */
    int primaryAddress() {
        return addressCount > 0 ? addresses[0] : 0;
    }

    boolean isOurAddress(int ip) {
        for (int i = 0; i < addressCount; i++) {
            if (addresses[i] == ip) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code ip} is the directed broadcast address of one of the networks (every host
     * bit set, RFC 922); a /31 or /32 has none.
     */
    boolean isDirectedBroadcast(int ip) {
        for (int i = 0; i < addressCount; i++) {
            if (prefixes[i] <= 30 && ip == (addresses[i] | ~mask(prefixes[i]))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code address} can be the source of a datagram: one host, not 0.0.0.0, a
     * broadcast, multicast, class E or loopback address (RFC 1122 section 3.2.1.3), nor, from
     * the wire, one of this interface's own addresses.
     */
    boolean isUnicastHost(int address, boolean fromWire) {
        if (!Ipv4Address.isUnicast(address) || isDirectedBroadcast(address)) {
            return false;
        }
        return !fromWire || !isOurAddress(address);
    }

    /** The address whose network holds {@code ip} (the longest prefix), or 0. */
    int connectedAddressFor(int ip) {
        int best = -1;
        for (int i = 0; i < addressCount; i++) {
            if (((ip ^ addresses[i]) & mask(prefixes[i])) == 0 && (best < 0 || prefixes[i] > prefixes[best])) {
                best = i;
            }
        }
        return best < 0 ? 0 : addresses[best];
    }

    boolean isConnected(int ip) {
        return connectedAddressFor(ip) != 0;
    }

    /**
     * The next hop for {@code destination}: the destination itself on a connected network, a
     * gateway otherwise; 0 when no route covers it.
     */
    int nextHop(int destination) {
        int bestPrefix = -1;
        int hop = 0;
        for (int i = 0; i < addressCount; i++) {
            if (((destination ^ addresses[i]) & mask(prefixes[i])) == 0 && prefixes[i] > bestPrefix) {
                bestPrefix = prefixes[i];
                hop = destination;
            }
        }
        for (int i = 0; i < routeCount; i++) {
            if (((destination ^ networks[i]) & mask(networkPrefixes[i])) == 0 && networkPrefixes[i] > bestPrefix
                    && isConnected(gateways[i])) {
                bestPrefix = networkPrefixes[i];
                hop = gateways[i];
            }
        }
        return hop;
    }

    /** The source address for a datagram to {@code nextHop}: ours on its network, else the primary address (RFC 1122 section 3.3.4.3). */
    int sourceFor(int nextHop) {
        int connected = connectedAddressFor(nextHop);
        return connected != 0 ? connected : primaryAddress();
    }

    /** Adds an address; false if the interface has it already (with any prefix). */
    boolean addAddress(Ipv4Cidr cidr) {
        int ip = cidr.address().bits();
        if (isOurAddress(ip)) {
            return false;
        }
        if (addressCount == addresses.length) {
            addresses = Arrays.copyOf(addresses, addressCount * 2);
            prefixes = Arrays.copyOf(prefixes, addressCount * 2);
        }
        addresses[addressCount] = ip;
        prefixes[addressCount] = cidr.prefixLen();
        addressCount++;
        return true;
    }

    /** Removes an address (the prefix is not compared); false if the interface does not have it. */
    boolean removeAddress(int ip) {
        for (int i = 0; i < addressCount; i++) {
            if (addresses[i] == ip) {
                System.arraycopy(addresses, i + 1, addresses, i, addressCount - i - 1);
                System.arraycopy(prefixes, i + 1, prefixes, i, addressCount - i - 1);
                addressCount--;
                return true;
            }
        }
        return false;
    }

    List<Ipv4Cidr> addresses() {
        List<Ipv4Cidr> list = new ArrayList<>(addressCount);
        for (int i = 0; i < addressCount; i++) {
            list.add(new Ipv4Cidr(Ipv4Address.of(addresses[i]), prefixes[i]));
        }
        return List.copyOf(list);
    }

    // ---- static routes ----

    /** Adds a route, or replaces the gateway of the route to the same network. */
    void addRoute(int network, int prefixLen, int gateway) {
        int net = network & mask(prefixLen);
        for (int i = 0; i < routeCount; i++) {
            if (networks[i] == net && networkPrefixes[i] == prefixLen) {
                gateways[i] = gateway;
                return;
            }
        }
        if (routeCount == networks.length) {
            networks = Arrays.copyOf(networks, routeCount * 2);
            networkPrefixes = Arrays.copyOf(networkPrefixes, routeCount * 2);
            gateways = Arrays.copyOf(gateways, routeCount * 2);
        }
        networks[routeCount] = net;
        networkPrefixes[routeCount] = prefixLen;
        gateways[routeCount] = gateway;
        routeCount++;
    }

    /** Removes the static route to exactly this network; false if there is none. */
    boolean removeRoute(int network, int prefixLen) {
        int net = network & mask(prefixLen);
        for (int i = 0; i < routeCount; i++) {
            if (networks[i] == net && networkPrefixes[i] == prefixLen) {
                System.arraycopy(networks, i + 1, networks, i, routeCount - i - 1);
                System.arraycopy(networkPrefixes, i + 1, networkPrefixes, i, routeCount - i - 1);
                System.arraycopy(gateways, i + 1, gateways, i, routeCount - i - 1);
                routeCount--;
                return true;
            }
        }
        return false;
    }

    /** The gateway of the default route, or 0. */
    int defaultGateway() {
        for (int i = 0; i < routeCount; i++) {
            if (networkPrefixes[i] == 0) {
                return gateways[i];
            }
        }
        return 0;
    }

    /** Every route: connected ones in address order, then static ones, longest prefix first. */
    List<Route> routes() {
        List<Route> list = new ArrayList<>();
        for (int i = 0; i < addressCount; i++) {
            list.add(new Route(new Ipv4Cidr(Ipv4Address.of(addresses[i] & mask(prefixes[i])), prefixes[i]),
                    Optional.empty(), RouteOrigin.CONNECTED, true));
        }
        List<Route> statics = new ArrayList<>();
        for (int i = 0; i < routeCount; i++) {
            statics.add(new Route(new Ipv4Cidr(Ipv4Address.of(networks[i]), networkPrefixes[i]),
                    Optional.of(Ipv4Address.of(gateways[i])), RouteOrigin.STATIC, isConnected(gateways[i])));
        }
        statics.sort((a, b) -> Integer.compare(b.destination().prefixLen(), a.destination().prefixLen()));
        list.addAll(statics);
        return List.copyOf(list);
    }
}
