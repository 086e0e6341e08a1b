package dev.jnetlab.commands.ip;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "ip", customSynopsis = "ip add CIDR | ip del CIDR",
        description = "Adds or removes an IPv4 or IPv6 address of this host.",
        footer = {"ip add 192.168.69.7/24", "ip del 192.168.69.7/24", "ip add fd00::1/64"},
        subcommands = {IpCommand.Add.class, IpCommand.Del.class})
public final class IpCommand {

    @Command(name = "add", customSynopsis = "ip add CIDR",
            description = "Adds an address with its prefix; its network becomes a connected route.",
            footer = {"ip add 192.168.69.7/24", "ip add 10.0.0.1/8"})
    public static final class Add implements ConsoleCommand {
        @Parameters(paramLabel = "CIDR")
        private String cidr;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            if (cidr.indexOf(':') >= 0) {
                return addIpv6(session, cidr);
            }
            Ipv4Cidr address = Arguments.cidr("CIDR", cidr);
            return session.stack((network, now) -> {
                Interface iface = network.local().iface();
                try {
                    if (!iface.addAddress(address)) {
                        throw new CommandException(address.address() + " is an address of this host already");
                    }
                } catch (IllegalArgumentException e) {
                    throw new CommandException("CIDR: " + e.getMessage());
                }
                return new AddressChange("added", address.toString(), names(iface));
            });
        }
    }

    @Command(name = "del", customSynopsis = "ip del CIDR",
            description = "Removes an address (the prefix may be left out); its connected route goes with it.",
            footer = {"ip del 192.168.69.7/24", "ip del 192.168.69.7"})
    public static final class Del implements ConsoleCommand {
        @Parameters(paramLabel = "CIDR")
        private String cidr;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            if (cidr.indexOf(':') >= 0) {
                Ipv6Address address = Ipv6Cidr.parse(cidr.contains("/") ? cidr : cidr + "/128").address();
                return session.stack((network, now) -> {
                    Interface iface = network.local().iface();
                    if (!iface.removeAddress(address)) {
                        throw new CommandException(address + " is not an address of this host ('iface' lists them)");
                    }
                    return new AddressChange("removed", cidr, names(iface, now));
                });
            }
            Ipv4Cidr given = cidr.contains("/") ? Arguments.cidr("CIDR", cidr) : null;
            Ipv4Address address = given != null ? given.address() : Arguments.address("CIDR", cidr);
            return session.stack((network, now) -> {
                Interface iface = network.local().iface();
                Ipv4Cidr held = iface.addresses().stream().filter(a -> a.address().equals(address)).findFirst()
                        .orElseThrow(() -> new CommandException(address + " is not an address of this host (it has "
                                + String.join(", ", names(iface)) + ")"));
                if (given != null && given.prefixLen() != held.prefixLen()) {
                    throw new CommandException(address + " has the prefix /" + held.prefixLen() + ", not /"
                            + given.prefixLen() + " (ip del " + held + ")");
                }
                iface.removeAddress(address);
                return new AddressChange("removed", held.toString(), names(iface));
            });
        }
    }

    private static List<String> names(Interface iface) {
        return iface.addresses().stream().map(Ipv4Cidr::toString).toList();
    }

    /** Every address, IPv4 then IPv6 with its prefix. */
    private static List<String> names(Interface iface, long now) {
        List<String> names = new java.util.ArrayList<>(names(iface));
        iface.ipv6Addresses(now).forEach(a -> names.add(a.address() + "/" + a.prefixLength()));
        return names;
    }

    /** {@code ip add fd00::1/64}: the IPv4 addresses stay; the new one is tentative until DAD (RFC 4862). */
    private static CommandResult addIpv6(Session session, String text) throws CommandException, InterruptedException {
        Ipv6Cidr cidr = Ipv6Cidr.parse(text);
        return session.stack((network, now) -> {
            Interface iface = network.local().iface();
            network.enableIpv6();
            try {
                if (!iface.addAddress(cidr.address(), cidr.prefixLength())) {
                    throw new CommandException(cidr.address() + " is an address of this host already");
                }
            } catch (IllegalArgumentException e) {
                throw new CommandException("CIDR: " + e.getMessage());
            }
            return new AddressChange("added (tentative until duplicate address detection)", cidr.toString(),
                    names(iface, now));
        });
    }

    /** An IPv6 address and prefix length as typed: {@code fd00::1/64} (here and in {@code jnetlab --ip}). */
    public record Ipv6Cidr(Ipv6Address address, int prefixLength) {
        /** Reads {@code fd00::1/64}; the message of what is wrong starts with {@code CIDR: }. */
        public static Ipv6Cidr parse(String text) throws CommandException {
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw new CommandException("CIDR: '" + text + "' has no prefix length (like fd00::1/64)");
            }
            try {
                int length = Integer.parseInt(text.substring(slash + 1));
                if (length < 1 || length > 128) {
                    throw new CommandException("CIDR: an IPv6 prefix length is 1 to 128, not " + length);
                }
                return new Ipv6Cidr(Ipv6Address.parse(text.substring(0, slash)), length);
            } catch (NumberFormatException e) {
                throw new CommandException("CIDR: '" + text.substring(slash + 1) + "' is not a prefix length (like fd00::1/64)");
            } catch (IllegalArgumentException e) {
                throw new CommandException("CIDR: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return address + "/" + prefixLength;
        }
    }

    /**
     * @param action    {@code added} or {@code removed}
     * @param address   the address, with its prefix
     * @param addresses every address of the host afterwards
     */
    public record AddressChange(String action, String address, List<String> addresses) implements CommandResult {
        @Override
        public String text() {
            return address + " " + action + "; addresses: " + (addresses.isEmpty() ? "none" : String.join(", ", addresses));
        }
    }
}
