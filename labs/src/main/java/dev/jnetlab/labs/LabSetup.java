package dev.jnetlab.labs;

import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.check.TcpOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a lab arranges when it starts, and takes back when it stops.
 *
 * @param networks     the networks the lab works on
 * @param services     the peer's services the lab uses (echo, discard, chargen, http,
 *                     server-example): on the virtual network the simulated peer runs them; in
 *                     tap mode the lab's host instructions say how to run them
 * @param serve        services this stack starts ({@code serve NAME [PORT]}, without the word serve)
 * @param faults       fault-injector settings ({@code fault ...}, without the word fault), in order
 * @param addresses    extra addresses given to the interface ({@code ip add CIDR})
 * @param run          console commands run after the rest of the setup (each must succeed):
 *                     {@code resolve --flush}, so that the first query goes on the wire
 * @param undo         console commands that take back what the lab's steps did, run at
 *                     {@code lab stop} and at the lab's end ({@code dhcp release}); a failure
 *                     is said, not fatal
 * @param tcp          settings of the TCP sockets made while the lab runs
 * @param topology     the built-in topology a lab on {@link NetworkKind#TOPOLOGY} needs
 *                     ({@code routed}): {@code jnetlab --topology NAME} builds it, a lab cannot
 *                     rebuild the network it is on; empty for the other networks
 */
public record LabSetup(Set<NetworkKind> networks, List<String> services, List<String> serve, List<String> faults,
                       List<String> addresses, List<String> run, List<String> undo, TcpOptions tcp,
                       Optional<String> topology) {
    /** A lab on the pair, a tap or a raw socket: no topology. */
    public LabSetup(Set<NetworkKind> networks, List<String> services, List<String> serve, List<String> faults,
                    List<String> addresses, List<String> run, List<String> undo, TcpOptions tcp) {
        this(networks, services, serve, faults, addresses, run, undo, tcp, Optional.empty());
    }

    public LabSetup {
        Objects.requireNonNull(topology, "topology");
        if (networks.contains(NetworkKind.TOPOLOGY) != topology.isPresent()) {
            throw new IllegalArgumentException("a lab names its topology when, and only when, it runs on one");
        }
        networks = Set.copyOf(networks);
        services = List.copyOf(services);
        serve = List.copyOf(serve);
        faults = List.copyOf(faults);
        addresses = List.copyOf(addresses);
        run = List.copyOf(run);
        undo = List.copyOf(undo);
        Objects.requireNonNull(tcp, "tcp");
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("a lab runs on at least one network");
        }
    }

    /** The console commands that arrange this, in the order they run. */
    public List<String> commands() {
        List<String> commands = new ArrayList<>();
        addresses.forEach(cidr -> commands.add("ip add " + cidr));
        serve.forEach(service -> commands.add("serve " + service));
        faults.forEach(fault -> commands.add("fault " + fault));
        commands.addAll(run);
        return commands;
    }

    /**
     * The console commands that take back what {@link #commands()} did; the faults are not
     * among them, since the engine puts back the faults from before the lab itself.
     */
    public List<String> undoCommands() {
        List<String> commands = new ArrayList<>(undo);
        serve.forEach(service -> commands.add("serve stop " + service.split(" ")[0]));
        addresses.forEach(cidr -> commands.add("ip del " + cidr));
        return commands;
    }
}
