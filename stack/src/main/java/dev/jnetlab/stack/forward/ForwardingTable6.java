package dev.jnetlab.stack.forward;

import java.util.Arrays;

/**
 * A router's IPv6 routes: the prefix of each port's address and static routes through a
 * gateway, chosen by longest prefix (RFC 8200 leaves routing to the router; RFC 4291 section
 * 2.5.4 makes every global unicast address prefix-routable). Parallel arrays sorted longest
 * prefix first, so a lookup is one scan that allocates nothing; an address is two longs.
 */
final class ForwardingTable6 {
    private long[] highs = new long[4];
    private long[] lows = new long[4];
    private int[] prefixes = new int[4];
    private long[] gatewayHighs = new long[4];
    private long[] gatewayLows = new long[4];
    private boolean[] viaGateway = new boolean[4];
    private int[] ports = new int[4];
    private int count;

    static long maskHigh(int prefix) {
        return prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
    }

    static long maskLow(int prefix) {
        return prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
    }

    /** Adds a route, or replaces the one to exactly that prefix of the same kind (connected or through a gateway). */
    void add(long high, long low, int prefix, boolean gateway, long gatewayHigh, long gatewayLow, int port) {
        high &= maskHigh(prefix);
        low &= maskLow(prefix);
        int at = -1;
        for (int i = 0; i < count; i++) {
            if (highs[i] == high && lows[i] == low && prefixes[i] == prefix && viaGateway[i] == gateway) {
                at = i;
            }
        }
        if (at < 0) {
            if (count == highs.length) {
                grow();
            }
            at = count++;
            // Behind every route at least as long, so a connected route stays ahead of a static one to the same prefix.
            while (at > 0 && prefixes[at - 1] < prefix) {
                move(at - 1, at);
                at--;
            }
        }
        highs[at] = high;
        lows[at] = low;
        prefixes[at] = prefix;
        viaGateway[at] = gateway;
        gatewayHighs[at] = gatewayHigh;
        gatewayLows[at] = gatewayLow;
        ports[at] = port;
    }

    private void move(int from, int to) {
        highs[to] = highs[from];
        lows[to] = lows[from];
        prefixes[to] = prefixes[from];
        viaGateway[to] = viaGateway[from];
        gatewayHighs[to] = gatewayHighs[from];
        gatewayLows[to] = gatewayLows[from];
        ports[to] = ports[from];
    }

    private void grow() {
        int size = highs.length * 2;
        highs = Arrays.copyOf(highs, size);
        lows = Arrays.copyOf(lows, size);
        prefixes = Arrays.copyOf(prefixes, size);
        viaGateway = Arrays.copyOf(viaGateway, size);
        gatewayHighs = Arrays.copyOf(gatewayHighs, size);
        gatewayLows = Arrays.copyOf(gatewayLows, size);
        ports = Arrays.copyOf(ports, size);
    }

    /** The index of the longest route matching the destination, or -1 for none. */
    int lookup(long high, long low) {
        for (int i = 0; i < count; i++) {
            if ((high & maskHigh(prefixes[i])) == highs[i] && (low & maskLow(prefixes[i])) == lows[i]) {
                return i;
            }
        }
        return -1;
    }

    int port(int route) {
        return ports[route];
    }

    boolean viaGateway(int route) {
        return viaGateway[route];
    }

    long gatewayHigh(int route) {
        return gatewayHighs[route];
    }

    long gatewayLow(int route) {
        return gatewayLows[route];
    }

    int size() {
        return count;
    }

    long high(int route) {
        return highs[route];
    }

    long low(int route) {
        return lows[route];
    }

    int prefix(int route) {
        return prefixes[route];
    }
}
