package dev.jnetlab.commands.ip;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.text.Table;
import dev.jnetlab.stack.iface.Ndp6Entry;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code ndp}: the IPv6 neighbor cache (RFC 4861 section 7.3), as {@code arp} shows IPv4's and {@code ip -6 neigh} Linux's. */
@Command(name = "ndp", customSynopsis = "ndp",
        description = "Shows the IPv6 neighbor cache: address, MAC, state (INCOMPLETE, REACHABLE, STALE, DELAY, PROBE), router.",
        footer = {"ndp"})
public final class NdpCommand implements ConsoleCommand {

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> new NdpTable(network.local().iface().ipv6Neighbors(now).stream()
                .map(NdpCommand::entry).toList()));
    }

    private static NdpEntry entry(Ndp6Entry entry) {
        return new NdpEntry(entry.address().toString(), entry.mac().map(MacAddress::toString).orElse(null),
                entry.state().name(), entry.router(),
                entry.expiresMicros() == Micros.NEVER ? null : entry.expiresMicros() / Micros.PER_MILLI, entry.heldPacket());
    }

    /**
     * One neighbor.
     *
     * @param mac       null while incomplete
     * @param expiresMs until the state changes by itself; null while stale
     * @param held      a packet waits for the resolution
     */
    public record NdpEntry(String address, String mac, String state, boolean router, Long expiresMs, boolean held) {
    }

    /** The neighbor cache. */
    public record NdpTable(List<NdpEntry> entries) implements CommandResult {
        @Override
        public String text() {
            if (entries.isEmpty()) {
                return "the IPv6 neighbor cache is empty";
            }
            Table table = new Table("address", "MAC", "state", "router", "expires", "waiting");
            for (NdpEntry entry : entries) {
                table.row(entry.address(), entry.mac() == null ? "(incomplete)" : entry.mac(), entry.state(),
                        entry.router() ? "yes" : "no",
                        entry.expiresMs() == null ? "-" : Micros.format(entry.expiresMs() * Micros.PER_MILLI), entry.held() ? 1 : 0);
            }
            return table.toString();
        }
    }
}
