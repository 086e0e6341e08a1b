package dev.jnetlab.stack.iface;

/**
 * How this host makes the interface identifier of its link-local and SLAAC addresses
 * ({@code set ipv6.addr-gen}).
 */
public enum Ipv6AddressGeneration {
    /** The MAC's modified EUI-64 (RFC 4291 appendix A): the same on every network, so trackable. */
    EUI64,
    /**
     * Stable and semantically opaque (RFC 7217): a hash of the prefix, the MAC, the DAD
     * counter and a secret key; the same on one network each run with the same seed, another
     * on each prefix.
     */
    STABLE
}
