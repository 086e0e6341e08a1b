package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link Interface} starts. Addresses, routes, ARP entries and the ICMP switches can
 * change afterwards through the interface's own methods; sizes and the seed cannot.
 *
 * @param mac                       the interface's Ethernet address
 * @param addresses                 its IPv4 addresses, each with its prefix (several are fine)
 * @param defaultGateway            where datagrams for every other network go, if anywhere
 * @param neighborCacheSize         ARP entries kept at most (static ones included), Linux's {@code gc_thresh3} (default 1024, as Linux); see {@link NeighborCache} for who makes room
 * @param pendingFrames             frames that can wait for ARP resolution, for all neighbors together
 * @param pendingFramesPerNeighbor  of those, how many may wait for one neighbor
 * @param reassembly                the bounds of IPv4 reassembly
 * @param icmpErrorRate             the token bucket of ICMP error messages
 * @param echoReplies               whether echo requests are answered (RFC 1122 section 3.2.2.6: a host MUST)
 * @param broadcastEchoReplies      whether echo requests to a broadcast address are answered (RFC 1122 lets a host ignore them; Linux does)
 * @param seed                      seed of every random choice the interface makes (the IP identification's start)
 */
public record InterfaceConfig(
        MacAddress mac,
        List<Ipv4Cidr> addresses,
        Optional<Ipv4Address> defaultGateway,
        int neighborCacheSize,
        int pendingFrames,
        int pendingFramesPerNeighbor,
        ReassemblyLimits reassembly,
        IcmpRateLimit icmpErrorRate,
        boolean echoReplies,
        boolean broadcastEchoReplies,
        long seed) {

    public static final int DEFAULT_NEIGHBOR_CACHE_SIZE = 1024;
    /**
     * Room for one neighbor's whole largest datagram and a few frames for others. Linux bounds
     * its queue in octets ({@code unres_qlen_bytes}, about three 64 KiB datagrams), so a big
     * first ping is held whole there too.
     */
    public static final int DEFAULT_PENDING_FRAMES = 48;
    /** A 65,535-octet datagram in the fragments of a 1,500-octet MTU: 45 frames (RFC 791 §2.3). */
    public static final int DEFAULT_PENDING_FRAMES_PER_NEIGHBOR = 45;

    public InterfaceConfig {
        Objects.requireNonNull(mac, "mac");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(defaultGateway, "defaultGateway");
        Objects.requireNonNull(reassembly, "reassembly");
        Objects.requireNonNull(icmpErrorRate, "icmpErrorRate");
        if (!mac.isUnicast() || mac.bits() == 0) {
            throw new IllegalArgumentException("an interface's MAC address is a unicast address, not " + mac);
        }
        if (neighborCacheSize < 1) {
            throw new IllegalArgumentException("the neighbor cache holds at least one entry: " + neighborCacheSize);
        }
        if (pendingFrames < 0 || pendingFramesPerNeighbor < 0) {
            throw new IllegalArgumentException("pending frame counts are not negative");
        }
    }

    /** An interface with these addresses, no gateway, and every default. */
    public static InterfaceConfig of(MacAddress mac, Ipv4Cidr... addresses) {
        return new InterfaceConfig(mac, List.of(addresses), Optional.empty(), DEFAULT_NEIGHBOR_CACHE_SIZE,
                DEFAULT_PENDING_FRAMES, DEFAULT_PENDING_FRAMES_PER_NEIGHBOR, ReassemblyLimits.DEFAULTS,
                IcmpRateLimit.DEFAULT, true, false, 0);
    }

    public InterfaceConfig withAddresses(List<Ipv4Cidr> newAddresses) {
        return new InterfaceConfig(mac, newAddresses, defaultGateway, neighborCacheSize, pendingFrames,
                pendingFramesPerNeighbor, reassembly, icmpErrorRate, echoReplies, broadcastEchoReplies, seed);
    }

    public InterfaceConfig withDefaultGateway(Ipv4Address gateway) {
        return new InterfaceConfig(mac, addresses, Optional.of(gateway), neighborCacheSize, pendingFrames,
                pendingFramesPerNeighbor, reassembly, icmpErrorRate, echoReplies, broadcastEchoReplies, seed);
    }

    public InterfaceConfig withNeighborCacheSize(int size) {
        return new InterfaceConfig(mac, addresses, defaultGateway, size, pendingFrames,
                pendingFramesPerNeighbor, reassembly, icmpErrorRate, echoReplies, broadcastEchoReplies, seed);
    }

    public InterfaceConfig withPendingFrames(int total, int perNeighbor) {
        return new InterfaceConfig(mac, addresses, defaultGateway, neighborCacheSize, total,
                perNeighbor, reassembly, icmpErrorRate, echoReplies, broadcastEchoReplies, seed);
    }

    public InterfaceConfig withReassembly(ReassemblyLimits limits) {
        return new InterfaceConfig(mac, addresses, defaultGateway, neighborCacheSize, pendingFrames,
                pendingFramesPerNeighbor, limits, icmpErrorRate, echoReplies, broadcastEchoReplies, seed);
    }

    public InterfaceConfig withIcmpErrorRate(IcmpRateLimit rate) {
        return new InterfaceConfig(mac, addresses, defaultGateway, neighborCacheSize, pendingFrames,
                pendingFramesPerNeighbor, reassembly, rate, echoReplies, broadcastEchoReplies, seed);
    }

    public InterfaceConfig withEchoReplies(boolean answer, boolean answerBroadcast) {
        return new InterfaceConfig(mac, addresses, defaultGateway, neighborCacheSize, pendingFrames,
                pendingFramesPerNeighbor, reassembly, icmpErrorRate, answer, answerBroadcast, seed);
    }

    public InterfaceConfig withSeed(long newSeed) {
        return new InterfaceConfig(mac, addresses, defaultGateway, neighborCacheSize, pendingFrames,
                pendingFramesPerNeighbor, reassembly, icmpErrorRate, echoReplies, broadcastEchoReplies, newSeed);
    }
}
