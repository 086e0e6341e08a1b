package dev.jnetlab.stack.iface;

/** The state of one of the interface's IPv6 addresses (RFC 4862 section 2). */
public enum Ipv6AddressState {
    /** Duplicate address detection is under way: not used, packets to it dropped but NDP's (RFC 4862 section 5.4). */
    TENTATIVE,
    /** Valid and preferred: used for new communication. */
    PREFERRED,
    /** Valid, but its preferred lifetime has run out: kept for what uses it, not chosen for new communication. */
    DEPRECATED
}
