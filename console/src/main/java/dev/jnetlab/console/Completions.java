package dev.jnetlab.console;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.craft.CraftLayer;
import dev.jnetlab.commands.settings.SettingWords;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Network;
import dev.jnetlab.stack.iface.NeighborEntry;
import dev.jnetlab.stack.iface.Route;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The values tab completion offers for an argument, by the label the command declares for it:
 * open socket handles for {@code H}, known addresses for {@code IP} (this host's, the gateway,
 * the ARP cache, the simulated peer), this host's networks and routes for {@code CIDR}, the
 * choices of a label like {@code on|off}, the words of a trace filter for {@code FILTER}, the
 * field words of {@code craft} and {@code sr} for {@code FIELD}.
 */
final class Completions {
    private static final List<String> FILTER_WORDS = List.of("arp", "icmp", "udp", "tcp", "host", "port", "src", "dst",
            "and", "or", "not");

    /** The options of {@code tcp set} and {@code udp set}, which share the label OPTION. */
    private static final List<String> OPTION_WORDS = List.copyOf(new TreeSet<>(
            java.util.stream.Stream.concat(SettingWords.names(SocketKind.TCP).stream(),
                    SettingWords.names(SocketKind.UDP).stream()).toList()));

    private Completions() {
    }

    static List<String> values(Session session, String label) {
        if (label.contains("|")) {
            return List.of(label.split("\\|"));
        }
        switch (label) {
            case "via":
                return List.of("via");
            case "FILTER":
                return FILTER_WORDS;
            case "KIND.OPTION VALUE":
                return SettingWords.qualifiedNames();
            case "OPTION":
                return OPTION_WORDS;
            case "FIELD":
                return CraftLayer.fieldWords();
            case "H":
            case "IP":
            case "CIDR":
                break;
            default:
                return List.of();
        }
        try {
            return session.stack((network, now) -> fromStack(network, now, label));
        } catch (CommandException | RuntimeException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static List<String> fromStack(Network network, long now, String label) {
        Host host = network.local();
        TreeSet<String> values = new TreeSet<>();
        switch (label) {
            case "H" -> {
                List<String> handles = new ArrayList<>();
                for (SocketHandle<?> handle : host.sockets().handles()) {
                    handles.add(handle.toString());
                }
                return handles;
            }
            case "IP" -> {
                host.iface().addresses().forEach(cidr -> values.add(cidr.address().toString()));
                host.iface().defaultGateway().ifPresent(gateway -> values.add(gateway.toString()));
                for (NeighborEntry entry : host.iface().neighbors(now)) {
                    values.add(entry.address().toString());
                }
                network.peer().ifPresent(peer -> peer.iface().addresses()
                        .forEach(cidr -> values.add(cidr.address().toString())));
            }
            default -> {
                host.iface().addresses().forEach(cidr -> values.add(cidr.toString()));
                for (Route route : host.iface().routes()) {
                    Ipv4Cidr destination = route.destination();
                    values.add(route.isDefault() ? "default" : destination.toString());
                }
            }
        }
        return List.copyOf(values);
    }
}
