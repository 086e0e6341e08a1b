package dev.jnetlab.commands.ip;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;

/**
 * IPv6 comes up the first time a command speaks it ({@code tcp connect [fd00::100]:7},
 * {@code udp send 1 [fd00::100]:7 hi}), as it does for {@code ping fd00::100}: the interface
 * gets its link-local address (and, on the virtual network, the peer its address and router
 * advertisements), and the command waits, on the stack's clock, until an address for the
 * destination has passed duplicate address detection (RFC 4862 section 5.4: a second) or
 * been formed by SLAAC. If none comes, the command goes on and says there is no route.
 */
public final class Ipv6FirstUse {
    /** Longer than DAD (1 s) and a router solicitation's answer. */
    static final long WAIT = Micros.ofSeconds(3);

    private Ipv6FirstUse() {
    }

    /** Brings IPv6 up for {@code to}, if it is an IPv6 endpoint, and waits for a source address. */
    public static void ready(Session session, IpEndpoint to) throws CommandException, InterruptedException {
        if (!(to.address() instanceof Ipv6Address destination)) {
            return;
        }
        session.stack((network, now) -> {
            network.enableIpv6();
            return null;
        });
        session.await(WAIT, (network, now) -> network.local().iface().sourceAddressFor(destination).orElse(null));
    }
}
