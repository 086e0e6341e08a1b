package dev.jnetlab.commands.ip;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "ip", customSynopsis = "ip add CIDR | ip del CIDR",
        description = "Adds or removes an IPv4 address of this host.",
        footer = {"ip add 192.168.69.7/24", "ip del 192.168.69.7/24"},
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
