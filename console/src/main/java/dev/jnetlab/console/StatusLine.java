package dev.jnetlab.console;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.host.Network;
import dev.jnetlab.labs.engine.LabProgress;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The status line at the bottom of the console: the device, this host's addresses, how many
 * sockets are open, the active faults, and whether a trace or a capture is running.
 *
 * <pre>
 * virtual0 192.168.69.1/24 | 2 sockets | faults: drop 10% | trace: icmp | capturing to ping.pcap
 * </pre>
 * and, while a lab runs, its place: {@code | lab arp-ping: step 2 of 4} ({@code , done} once the
 * step's checks have passed; {@code | lab arp-ping: complete} at the end).
 */
final class StatusLine {
    private StatusLine() {
    }

    static String of(Session session) {
        try {
            return session.stack(StatusLine::of);
        } catch (CommandException | RuntimeException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The running lab's part of the line ({@code " | lab arp-ping: step 2 of 4"}), or nothing. */
    static String lab(Optional<LabProgress> progress) {
        if (progress.isEmpty()) {
            return "";
        }
        LabProgress p = progress.get();
        if (p.finished()) {
            return " | lab " + p.id() + ": complete";
        }
        return " | lab " + p.id() + ": step " + p.step() + " of " + p.steps() + (p.stepDone() ? ", done" : "");
    }

    static String of(Network network, long now) {
        StringBuilder line = new StringBuilder(network.deviceName()).append(' ');
        String addresses = network.local().iface().addresses().stream().map(Ipv4Cidr::toString)
                .collect(Collectors.joining(","));
        line.append(addresses.isEmpty() ? "(no address)" : addresses);
        int sockets = network.local().sockets().summaries().size(); // as `sockets` lists them: not the resolver's own
        line.append(" | ").append(sockets).append(sockets == 1 ? " socket" : " sockets");
        FaultConfig faults = network.link().faults().config();
        if (!faults.isOff()) {
            line.append(" | faults: ").append(faults.describe());
        }
        if (network.link().tracer().isOn()) {
            String filter = network.link().traceOutput().filter();
            line.append(" | trace").append(filter.isEmpty() ? " on" : ": " + filter);
        }
        network.link().capture().capture().ifPresent(file -> line.append(" | capturing to ").append(file.path()));
        return line.toString();
    }
}
