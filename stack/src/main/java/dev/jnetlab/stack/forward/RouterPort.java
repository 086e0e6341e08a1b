package dev.jnetlab.stack.forward;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;

/**
 * One interface of a {@link Router}: its device, MAC and address, its ARP neighbors (RFC 826:
 * an entry lives {@value #NEIGHBOR_LIFETIME_SECONDS} s; a request a second, three in all) and
 * the frames waiting for a neighbor's answer. Arrays sized once, so nothing is allocated per frame.
 */
final class RouterPort implements FrameFiller {
    static final int NEIGHBORS = 64;
    static final int PENDING = 32;
    static final long NEIGHBOR_LIFETIME_SECONDS = 60;
    static final long REQUEST_INTERVAL = Micros.ofSeconds(1);
    static final int REQUESTS = 3;
    static final long LINK_LOCAL_HIGH = 0xFE80_0000_0000_0000L;

    final int index;
    final Device device;
    final long mac;
    final int address;
    final int prefix;
    final int mtu;
    /** The port's link-local address is {@code fe80::} and its MAC's EUI-64 (RFC 4291 section 2.5.6, appendix A). */
    final long linkLocalLow;
    final RouterNeighbors6 neighbors6;
    /** Whether the port has an IPv6 address besides its link-local one, and that address and prefix length. */
    boolean has6;
    long high6;
    long low6;
    int prefix6;

    private final int[] neighborIp = new int[NEIGHBORS];
    /** 0 while the neighbor is being asked for. */
    private final long[] neighborMac = new long[NEIGHBORS];
    /** A resolved entry's expiry, or an unresolved one's next request. */
    private final long[] neighborDeadline = new long[NEIGHBORS];
    private final int[] neighborTries = new int[NEIGHBORS];
    private final boolean[] neighborUsed = new boolean[NEIGHBORS];

    private final byte[][] pendingFrames;
    private final int[] pendingLength = new int[PENDING];
    private final int[] pendingHop = new int[PENDING];
    private final boolean[] pendingUsed = new boolean[PENDING];

    /** What {@link #fill} copies: set just before each transmit. */
    private byte[] out;
    private int outLength;

    RouterPort(int index, Device device, MacAddress mac, Ipv4Cidr address) {
        this.index = index;
        this.device = device;
        this.mac = mac.bits();
        this.address = address.address().bits();
        this.prefix = address.prefixLen();
        this.mtu = device.capabilities().mtu();
        this.pendingFrames = new byte[PENDING][device.capabilities().maxFrameSize()];
        this.linkLocalLow = dev.jnetlab.stack.wire.Ipv6Address.eui64(this.mac);
        this.neighbors6 = new RouterNeighbors6(device.capabilities().maxFrameSize());
    }

    boolean onLink(int ip) {
        int mask = ForwardingTable.mask(prefix);
        return (ip & mask) == (address & mask);
    }

    boolean isDirectedBroadcast(int ip) {
        int mask = ForwardingTable.mask(prefix);
        return prefix <= 30 && onLink(ip) && (ip | mask) == -1;
    }

    /** Whether the IPv6 address is this port's, its link-local one or the other. */
    boolean owns6(long high, long low) {
        return high == LINK_LOCAL_HIGH ? low == linkLocalLow : has6 && high == high6 && low == low6;
    }

    /** Whether the IPv6 address is on this port's prefix: a neighbor (RFC 4861 section 8.2). */
    boolean onPrefix6(long high, long low) {
        return has6 && (high & ForwardingTable6.maskHigh(prefix6)) == (high6 & ForwardingTable6.maskHigh(prefix6))
                && (low & ForwardingTable6.maskLow(prefix6)) == (low6 & ForwardingTable6.maskLow(prefix6));
    }

    Ipv4Cidr cidr() {
        return new Ipv4Cidr(dev.jnetlab.stack.wire.Ipv4Address.of(address), prefix);
    }

    /** Sends {@code length} octets of {@code frame} as they are; false if the device refused. */
    boolean transmit(long now, byte[] frame, int length) {
        out = frame;
        outLength = length;
        return device.transmit(now, length, this);
    }

    @Override
    public void fill(byte[] buffer, int offset, int length) {
        System.arraycopy(out, 0, buffer, offset, Math.min(length, outLength));
    }

    // ---- neighbors

    private int find(int ip) {
        for (int i = 0; i < NEIGHBORS; i++) {
            if (neighborUsed[i] && neighborIp[i] == ip) {
                return i;
            }
        }
        return -1;
    }

    /** The neighbor's MAC address if it is known and fresh at {@code now}, else 0. */
    long resolved(int ip, long now) {
        int i = find(ip);
        return i >= 0 && neighborMac[i] != 0 && neighborDeadline[i] > now ? neighborMac[i] : 0;
    }

    /**
     * Starts asking for {@code ip} if nobody is asking yet; returns true when a request should go
     * now (the first), false when one is under way or the table is full of pending entries.
     */
    boolean startResolving(int ip, long now) {
        int i = find(ip);
        if (i >= 0 && (neighborMac[i] == 0 || neighborDeadline[i] > now)) {
            return false;
        }
        if (i < 0) {
            i = freeOrOldest();
            if (i < 0) {
                return false;
            }
        }
        neighborUsed[i] = true;
        neighborIp[i] = ip;
        neighborMac[i] = 0;
        neighborTries[i] = 1;
        neighborDeadline[i] = Micros.plus(now, REQUEST_INTERVAL);
        return true;
    }

    private int freeOrOldest() {
        int oldest = -1;
        for (int i = 0; i < NEIGHBORS; i++) {
            if (!neighborUsed[i]) {
                return i;
            }
            if (neighborMac[i] != 0 && (oldest < 0 || neighborDeadline[i] < neighborDeadline[oldest])) {
                oldest = i;
            }
        }
        return oldest;
    }

    /**
     * What ARP says: {@code ip} is at {@code hardware}. Merged into an entry there is, or added
     * when {@code add} (a request for us: RFC 826's "merge, then add if I am the target").
     * Returns whether the table knows it now.
     */
    boolean learn(int ip, long hardware, boolean add, long now) {
        int i = find(ip);
        if (i < 0) {
            if (!add) {
                return false;
            }
            i = freeOrOldest();
            if (i < 0) {
                return false;
            }
            neighborUsed[i] = true;
            neighborIp[i] = ip;
        }
        neighborMac[i] = hardware;
        neighborTries[i] = 0;
        neighborDeadline[i] = Micros.plus(now, Micros.ofSeconds(NEIGHBOR_LIFETIME_SECONDS));
        return true;
    }

    int neighborCount() {
        int n = 0;
        for (int i = 0; i < NEIGHBORS; i++) {
            if (neighborUsed[i] && neighborMac[i] != 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The next unresolved neighbor whose request is due at {@code now}: -1 if none. The caller
     * asks again ({@link #asked}) or gives up ({@link #giveUp}) when it has asked enough.
     */
    int dueRequest(long now) {
        for (int i = 0; i < NEIGHBORS; i++) {
            if (neighborUsed[i] && neighborMac[i] == 0 && neighborDeadline[i] <= now) {
                return i;
            }
        }
        return -1;
    }

    int neighborIp(int slot) {
        return neighborIp[slot];
    }

    boolean askedEnough(int slot) {
        return neighborTries[slot] >= REQUESTS;
    }

    void asked(int slot, long now) {
        neighborTries[slot]++;
        neighborDeadline[slot] = Micros.plus(now, REQUEST_INTERVAL);
    }

    void giveUp(int slot) {
        neighborUsed[slot] = false;
    }

    long nextDeadline() {
        long at = Micros.NEVER;
        for (int i = 0; i < NEIGHBORS; i++) {
            if (neighborUsed[i] && neighborMac[i] == 0) {
                at = Math.min(at, neighborDeadline[i]);
            }
        }
        return at;
    }

    // ---- frames waiting for a neighbor

    /** Copies a frame to wait for {@code hop}; false if every slot is taken. */
    boolean hold(int hop, byte[] frame, int length) {
        for (int i = 0; i < PENDING; i++) {
            if (!pendingUsed[i]) {
                if (length > pendingFrames[i].length) {
                    return false;
                }
                System.arraycopy(frame, 0, pendingFrames[i], 0, length);
                pendingLength[i] = length;
                pendingHop[i] = hop;
                pendingUsed[i] = true;
                return true;
            }
        }
        return false;
    }

    /** The oldest-numbered frame waiting for {@code hop}, or -1. */
    int pendingFor(int hop) {
        for (int i = 0; i < PENDING; i++) {
            if (pendingUsed[i] && pendingHop[i] == hop) {
                return i;
            }
        }
        return -1;
    }

    byte[] pendingFrame(int slot) {
        return pendingFrames[slot];
    }

    int pendingLength(int slot) {
        return pendingLength[slot];
    }

    void release(int slot) {
        pendingUsed[slot] = false;
    }
}
