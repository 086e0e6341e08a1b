package dev.jnetlab.commands.ip;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.dhcp.DhcpClientService;
import dev.jnetlab.commands.Session;
import dev.jnetlab.host.Link;
import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.iface.Ipv6AddressInfo;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.InterfaceStats;
import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "iface", customSynopsis = "iface",
        description = "Shows this host's interface: name, device, MAC address, MTU, offloads, addresses, gateway and traffic.",
        footer = {"iface"})
public final class IfaceCommand implements ConsoleCommand {

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> {
            Interface iface = network.local().iface();
            InterfaceStats stats = iface.stats();
            TapInterface tap = network.link().device() instanceof TapInterface t && t.capabilities().tso() ? t : null;
            return new Iface(network.deviceName(), network.deviceDescription(), iface.mac().toString(),
                    iface.addresses().stream().map(Ipv4Cidr::toString).toList(), iface.mtu(), offload(network.link()), nativeCalls(network.link()),
                    iface.defaultGateway().map(Ipv4Address::toString).orElse(null),
                    stats.get(InterfaceCounter.FRAMES_IN), stats.get(InterfaceCounter.OCTETS_IN),
                    stats.get(InterfaceCounter.FRAMES_OUT), stats.get(InterfaceCounter.OCTETS_OUT),
                    tap == null ? null : tap.gsoFramesReceived(), tap == null ? null : tap.tsoFramesSent(),
                    network.config().seed(), DhcpClientService.find(network).map(d -> d.summary(now)).orElse(null),
                    iface.ipv6Addresses(now).stream().map(Ipv6AddressInfo::toString).toList());
        });
    }

    /**
     * What the link device does for the stack ({@code csum tso4 gso-rx}, or {@code none} and, for
     * a tap, why), and whether the fault injector keeps the transmit offloads from the stack.
     */
    static String offload(Link link) {
        Device device = link.device();
        String status = device instanceof TapInterface tap ? tap.offloadStatus() : device.capabilities().offloadSummary();
        boolean paused = !link.top().capabilities().equals(device.capabilities());
        return paused ? status + " (transmit offloads unused while faults are on)" : status;
    }

    /** How a tap's frames reach the kernel ({@code JNI shim}, or {@code JNA} and why), or null for another device. */
    static String nativeCalls(Link link) {
        return link.device() instanceof TapInterface tap ? tap.nativeCalls() : null;
    }

    /**
     * @param name      the interface's name: the tap's, the raw socket's interface, or {@code virtual0}
     * @param device    what the device is
     * @param offload   the offloads the device does for the stack (see {@link #offload})
     * @param nativeCalls for a tap, how its frames reach the kernel (see {@link #nativeCalls}); else null
     * @param gateway   the default route's next hop, or null for none
     * @param gsoFramesIn  of the frames in, the kernel's GSO super-frames (a tap with offloads; else null)
     * @param tsoFramesOut of the frames out, those the kernel cut into segments (a tap with TSO; else null)
     * @param seed      the seed of this run's random choices ({@code --seed} replays them)
     * @param dhcp      the DHCP client's state and lease ({@code BOUND 192.168.69.50/24 from 192.168.69.100,
     *                  expires in 3596 s}), or null when it never ran
     * @param inet6     every IPv6 address with its prefix, state, origin and lifetimes
     *                  ({@code fd00::1/64 preferred manual valid forever preferred forever})
     */
    public record Iface(String name, String device, String mac, List<String> addresses, int mtu, String offload, String nativeCalls, String gateway,
                        long framesIn, long octetsIn, long framesOut, long octetsOut, Long gsoFramesIn, Long tsoFramesOut,
                        long seed, String dhcp, List<String> inet6) implements CommandResult {
        @Override
        public String text() {
            StringBuilder out = new StringBuilder();
            out.append(name).append(": ").append(device).append('\n');
            out.append("    link/ether ").append(mac).append("  mtu ").append(mtu).append('\n');
            out.append("    offload: ").append(offload).append('\n');
            if (nativeCalls != null) {
                out.append("    native calls: ").append(nativeCalls).append('\n');
            }
            if (addresses.isEmpty()) {
                out.append("    no IPv4 address (ip add CIDR adds one)\n");
            }
            for (String address : addresses) {
                out.append("    inet ").append(address).append('\n');
            }
            for (String address : inet6) {
                out.append("    inet6 ").append(address).append('\n');
            }
            out.append("    ").append(gateway == null ? "no default gateway" : "default via " + gateway).append('\n');
            if (dhcp != null) {
                out.append("    dhcp ").append(dhcp).append('\n');
            }
            out.append("    RX: ").append(framesIn).append(framesIn == 1 ? " frame, " : " frames, ")
                    .append(octetsIn).append(" octets");
            if (gsoFramesIn != null) {
                out.append(" (").append(gsoFramesIn).append(" GSO super-frames)");
            }
            out.append("\n    TX: ").append(framesOut).append(framesOut == 1 ? " frame, " : " frames, ")
                    .append(octetsOut).append(" octets");
            if (tsoFramesOut != null) {
                out.append(" (").append(tsoFramesOut).append(" TSO frames)");
            }
            out.append('\n');
            out.append("    seed ").append(seed);
            return out.toString();
        }
    }
}
