package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.wire.Ipv6Address;

/**
 * A path MTU a Packet Too Big taught (RFC 8201), as {@code route} shows it.
 *
 * @param destination    the destination the packet too big was for
 * @param mtu            the path MTU toward it, 1280 or more
 * @param expiresMicros  how long until it ages out and the link's MTU is tried again
 */
public record PathMtuEntry(Ipv6Address destination, int mtu, long expiresMicros) {
}
