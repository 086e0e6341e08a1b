package dev.jnetlab.stack.iface;

/** Where one of the interface's IPv6 addresses came from. */
public enum Ipv6AddressOrigin {
    /** fe80::/64 with the MAC's modified EUI-64 (RFC 4862 section 5.3). */
    LINK_LOCAL,
    /** Given by hand ({@code ip add}). */
    MANUAL,
    /** Formed from a router's prefix (SLAAC, RFC 4862 section 5.5.3). */
    SLAAC
}
