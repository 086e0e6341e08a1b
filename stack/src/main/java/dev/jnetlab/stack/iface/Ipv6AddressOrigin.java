package dev.jnetlab.stack.iface;

/** Where one of the interface's IPv6 addresses came from. */
public enum Ipv6AddressOrigin {
    /** fe80::/64 with the interface identifier: the MAC's modified EUI-64, or RFC 7217's stable one (RFC 4862 section 5.3). */
    LINK_LOCAL,
    /** Given by hand ({@code ip add}). */
    MANUAL,
    /** Formed from a router's prefix (SLAAC, RFC 4862 section 5.5.3). */
    SLAAC
}
