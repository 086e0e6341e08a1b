package dev.jnetlab.commands.ip;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.host.Host;
import dev.jnetlab.stack.iface.Ipv6AddressInfo;
import dev.jnetlab.stack.wire.IpAddress;
import dev.jnetlab.stack.wire.Ipv4Cidr;

/**
 * The check before a socket binds to one address: it must be one of the host's own (as Linux
 * answers EADDRNOTAVAIL), or a socket would wait for datagrams that never come to it.
 */
public final class OwnAddresses {
    private OwnAddresses() {
    }

    /** Nothing when {@code address} is unspecified or one of {@code host}'s at {@code now}; else one line. */
    public static void check(String label, Host host, long now, IpAddress address) throws CommandException {
        if (address.isUnspecified()) {
            return;
        }
        for (Ipv4Cidr cidr : host.iface().addresses()) {
            if (cidr.address().equals(address)) {
                return;
            }
        }
        for (Ipv6AddressInfo info : host.iface().ipv6Addresses(now)) {
            if (info.address().equals(address)) {
                return;
            }
        }
        throw new CommandException(label + ": " + address + " is not an address of this host (iface lists them)");
    }
}
