package dev.jnetlab.labs.engine;

import dev.jnetlab.labs.check.LabWorld;
import dev.jnetlab.labs.check.TraceSettings;
import dev.jnetlab.stack.iface.Ipv6AddressOrigin;
import dev.jnetlab.stack.iface.Ndp6Entry;
import dev.jnetlab.stack.iface.NeighborEntry;
import dev.jnetlab.stack.iface.NeighborState;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultScope;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a student can change that outlives a lab, as it was at one moment: the faults, the
 * static ARP entries, the sockets, whether a capture runs, IPv6 (on or off, the addresses
 * added by hand, the neighbors known), the trace's settings. The engine takes one when a lab
 * starts and one when each step begins, and {@linkplain #restore puts it back} at
 * {@code lab stop} (the first; the lab's end puts back all of it but its faults and static
 * entries, which could cut off the lab's own sockets still sending) and at {@code lab retry}
 * (the step's), so that a wrong static entry or a forgotten {@code fault drop 100} cannot break
 * the next lab.
 *
 * @param faults    the fault injector's settings
 * @param scope     which frames they hit
 * @param statics   the static ARP entries, address to MAC
 * @param sockets   the sockets that existed, each with its state ({@code ESTABLISHED}, {@code bound})
 * @param capturing whether a capture was running
 * @param ipv6      IPv6 as it was
 * @param trace     the trace's settings ({@code trace hex on} included)
 * @param nodeSockets on a topology, the sockets of each other host ({@link LabWorld#otherNodes}),
 *                  by its name, as {@code sockets}: a lab that works on h2 too puts h2 back
 */
record WorldState(FaultConfig faults, FaultScope scope, Map<Ipv4Address, MacAddress> statics,
                  Map<SocketHandle<?>, String> sockets, boolean capturing, Ipv6State ipv6, TraceSettings trace,
                  Map<String, Map<SocketHandle<?>, String>> nodeSockets) {
    WorldState {
        statics = Map.copyOf(statics);
        sockets = Map.copyOf(sockets);
        nodeSockets = Map.copyOf(nodeSockets);
    }

    /** The handles of {@link #sockets}. */
    Set<SocketHandle<?>> handles() {
        return sockets.keySet();
    }

    /** The handles of {@link #nodeSockets}, by host. */
    Map<String, Set<SocketHandle<?>>> nodeHandles() {
        Map<String, Set<SocketHandle<?>>> handles = new LinkedHashMap<>();
        nodeSockets.forEach((node, sockets) -> handles.put(node, sockets.keySet()));
        return handles;
    }

    /**
     * What of this state no restore can bring back, in words (empty: nothing): a socket of the
     * lab's own (one not in {@code before}) that is gone or has moved on to another state (an
     * abort, a close: no connection can be reopened as it was), a capture that was running
     * and was stopped (its file is closed). Stack thread.
     */
    List<String> lost(LabWorld world, WorldState before) {
        List<String> lost = new ArrayList<>();
        lost(world, sockets, before.sockets, "", lost);
        for (Map.Entry<String, Map<SocketHandle<?>, String>> node : nodeSockets.entrySet()) {
            world.node(node.getKey()).ifPresent(there -> lost(there, node.getValue(),
                    before.nodeSockets.getOrDefault(node.getKey(), Map.of()), node.getKey() + "'s ", lost));
        }
        if (capturing && !world.capturing()) {
            lost.add("the capture was stopped");
        }
        return lost;
    }

    /** The lab's own sockets of {@code then} (those not in {@code before}) gone from {@code world} or moved on. */
    private static void lost(LabWorld world, Map<SocketHandle<?>, String> then, Map<SocketHandle<?>, String> before,
                             String whose, List<String> lost) {
        Map<SocketHandle<?>, String> now = new java.util.HashMap<>();
        world.sockets().forEach(s -> now.put(s.handle(), s.state()));
        for (Map.Entry<SocketHandle<?>, String> socket : then.entrySet()) {
            if (before.containsKey(socket.getKey())) {
                continue;
            }
            String state = now.get(socket.getKey());
            if (state == null) {
                lost.add(whose + socket.getKey() + " is gone");
            } else if (!state.equals(socket.getValue())) {
                lost.add(whose + socket.getKey() + " went from " + socket.getValue() + " to " + state);
            }
        }
    }

    /**
     * IPv6 at one moment: whether it was on, the addresses given by hand (address to prefix
     * length; the link-local and SLAAC ones come back by themselves once it is on), the
     * addresses in the neighbor cache.
     */
    record Ipv6State(boolean on, Map<Ipv6Address, Integer> manual, Set<Ipv6Address> neighbors) {
        Ipv6State {
            manual = Map.copyOf(manual);
            neighbors = Set.copyOf(neighbors);
        }

        static Ipv6State of(LabWorld world, long now) {
            Map<Ipv6Address, Integer> manual = new LinkedHashMap<>();
            world.ipv6Addresses(now).stream().filter(a -> a.origin() == Ipv6AddressOrigin.MANUAL)
                    .forEach(a -> manual.put(a.address(), a.prefixLength()));
            return new Ipv6State(world.ipv6Enabled(), manual,
                    world.ipv6Neighbors(now).stream().map(Ndp6Entry::address).collect(Collectors.toSet()));
        }

        /**
         * Puts this back: IPv6 off if it was; else on, the addresses added by hand since
         * removed and those removed added again, the neighbors learnt since forgotten (those
         * known before keep the state they reached: no cache can be wound back).
         */
        void restore(LabWorld world, long now, List<String> changed) {
            if (!on) {
                if (world.ipv6Enabled()) {
                    world.disableIpv6();
                    changed.add("IPv6 off, its addresses and neighbors forgotten");
                }
                return;
            }
            if (!world.ipv6Enabled()) {
                world.enableIpv6();
                changed.add("IPv6 on");
            }
            Map<Ipv6Address, Integer> current = of(world, now).manual();
            for (Map.Entry<Ipv6Address, Integer> address : current.entrySet()) {
                if (!address.getValue().equals(manual.get(address.getKey()))) {
                    world.removeIpv6Address(address.getKey());
                    changed.add(address.getKey() + "/" + address.getValue() + " removed");
                }
            }
            for (Map.Entry<Ipv6Address, Integer> address : manual.entrySet()) {
                if (!address.getValue().equals(current.get(address.getKey()))) {
                    try {
                        world.addIpv6Address(address.getKey(), address.getValue());
                        changed.add(address.getKey() + "/" + address.getValue() + " back");
                    } catch (IllegalArgumentException e) {
                        changed.add(address.getKey() + " could not come back: " + e.getMessage());
                    }
                }
            }
            for (Ndp6Entry entry : world.ipv6Neighbors(now)) {
                if (!neighbors.contains(entry.address())) {
                    world.removeIpv6Neighbor(entry.address());
                    changed.add("IPv6 neighbor " + entry.address() + " forgotten");
                }
            }
        }
    }

    /** The world now. Stack thread. */
    static WorldState of(LabWorld world, long now) {
        Map<String, Map<SocketHandle<?>, String>> nodeSockets = new LinkedHashMap<>();
        for (String node : world.otherNodes()) {
            world.node(node).ifPresent(there -> nodeSockets.put(node, sockets(there)));
        }
        return new WorldState(world.faults(), world.faultScope(), statics(world, now), sockets(world),
                world.capturing(), Ipv6State.of(world, now), world.trace(), nodeSockets);
    }

    private static Map<SocketHandle<?>, String> sockets(LabWorld world) {
        return world.sockets().stream().collect(Collectors.toMap(SocketSummary::handle, SocketSummary::state));
    }

    private static Map<Ipv4Address, MacAddress> statics(LabWorld world, long now) {
        Map<Ipv4Address, MacAddress> statics = new LinkedHashMap<>();
        for (NeighborEntry entry : world.neighbors(now)) {
            if (entry.state() == NeighborState.STATIC && entry.mac().isPresent()) {
                statics.put(entry.address(), entry.mac().get());
            }
        }
        return statics;
    }

    /**
     * The state a lab begins from: no faults, no static ARP entry and IPv6 off (the lab's own
     * setup comes after; an IPv6 lab's first address then goes through DAD before the
     * student's eyes), the sockets and the capture as they are (a lab ignores sockets older
     * than itself). Stack thread.
     */
    static void clean(LabWorld world, long now) {
        world.faults(FaultConfig.NONE);
        world.faultScope(FaultScope.EVERY_FRAME);
        for (Ipv4Address address : statics(world, now).keySet()) {
            world.removeNeighbor(address);
        }
        if (world.ipv6Enabled()) {
            world.disableIpv6();
        }
    }

    /** This state with no faults and no static ARP entry: what a lab begins from ({@link #clean}). */
    WorldState withoutFaultsAndStatics() {
        return new WorldState(FaultConfig.NONE, FaultScope.EVERY_FRAME, Map.of(), sockets, capturing, ipv6, trace,
                nodeSockets);
    }

    /** Whether this state has faults on (or scoped) or static ARP entries. */
    boolean hasFaultsOrStatics() {
        return !faults.isOff() || !scope.equals(FaultScope.EVERY_FRAME) || !statics.isEmpty();
    }

    /**
     * Puts this state back: the faults, the static entries (those added since go, those deleted
     * or changed come back), IPv6 ({@link Ipv6State#restore}), a capture started since stopped
     * and, if {@code sockets}, the sockets made since closed, on the other hosts of
     * {@link #nodeSockets} too. Returns what it changed, in words, for {@code lab stop} to say. Stack
     * thread.
     */
    List<String> restore(LabWorld world, long now, boolean sockets) {
        List<String> changed = new ArrayList<>();
        if (!world.faults().equals(faults)) {
            world.faults(faults);
            changed.add(faults.isOff() ? "faults off" : "faults back to " + faults);
        }
        if (!world.faultScope().equals(scope)) {
            world.faultScope(scope);
            changed.add(scope.equals(FaultScope.EVERY_FRAME) ? "faults on every frame" : "fault scope back");
        }
        Map<Ipv4Address, MacAddress> current = statics(world, now);
        for (Map.Entry<Ipv4Address, MacAddress> entry : current.entrySet()) {
            if (!entry.getValue().equals(statics.get(entry.getKey()))) {
                world.removeNeighbor(entry.getKey());
                changed.add("static ARP entry " + entry.getKey() + " " + entry.getValue() + " deleted");
            }
        }
        for (Map.Entry<Ipv4Address, MacAddress> entry : statics.entrySet()) {
            if (!entry.getValue().equals(current.get(entry.getKey()))) {
                try {
                    world.addStaticNeighbor(entry.getKey(), entry.getValue());
                    changed.add("static ARP entry " + entry.getKey() + " " + entry.getValue() + " back");
                } catch (IllegalArgumentException e) {
                    changed.add("static ARP entry " + entry.getKey() + " could not come back: " + e.getMessage());
                }
            }
        }
        ipv6.restore(world, now, changed);
        if (!world.trace().sameAs(trace)) {
            world.trace(trace);
            changed.add(trace.describe() + " as before");
        }
        List<SocketHandle<?>> made = new ArrayList<>();
        for (SocketSummary socket : sockets ? world.sockets() : List.<SocketSummary>of()) {
            if (!this.sockets.containsKey(socket.handle())) {
                made.add(socket.handle());
            }
        }
        if (!made.isEmpty()) {
            world.closeSockets(made, now);
            changed.add(made.stream().map(Object::toString).collect(Collectors.joining(", ")) + " closed");
        }
        for (Map.Entry<String, Map<SocketHandle<?>, String>> node : sockets ? nodeSockets.entrySet()
                : Set.<Map.Entry<String, Map<SocketHandle<?>, String>>>of()) {
            LabWorld there = world.node(node.getKey()).orElse(null);
            List<SocketHandle<?>> madeThere = there == null ? List.of() : there.sockets().stream()
                    .map(SocketSummary::handle).filter(h -> !node.getValue().containsKey(h)).toList();
            if (!madeThere.isEmpty()) {
                there.closeSockets(madeThere, now);
                changed.add(node.getKey() + "'s " + madeThere.stream().map(Object::toString)
                        .collect(Collectors.joining(", ")) + " closed");
            }
        }
        if (!capturing && world.capturing()) {
            world.stopCapture();
            changed.add("capture stopped");
        }
        return changed;
    }
}
