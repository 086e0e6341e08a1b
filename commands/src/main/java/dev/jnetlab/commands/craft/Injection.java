package dev.jnetlab.commands.craft;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Handles;
import dev.jnetlab.host.Network;
import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.iface.NeighborEntry;
import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FrameMonitor;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpOption;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts crafted frames on this host's link and hears what answers them. A frame goes in at the
 * top of the link's device chain, where the interface's own frames go, so the tracer, the
 * capture, the fault injector and a running lab see it like any other; the interface itself
 * never sees it, and what answers it reaches the interface as well (which may answer in turn:
 * an RST to a SYN,ACK it did not ask for, as a kernel does to scapy's).
 */
final class Injection {
    /** How long crafting waits for ARP to give the next hop's MAC address. */
    static final long ARP_PATIENCE = Micros.ofSeconds(1);

    private Injection() {
    }

    /** {@code draft} as a frame, with this host's addresses and the next hop's MAC where none were given. */
    static CraftedFrame craft(Session session, Draft draft) throws CommandException, InterruptedException {
        if (draft.layer() == CraftLayer.RAW) {
            return new CraftedFrame(CraftLayer.RAW, FrameBuilder.build(draft, null));
        }
        if (draft.has("like")) {
            session.stack((network, now) -> {
                follow(network, draft, now);
                return null;
            });
        }
        Ipv4Address to = draft.get("to", Ipv4Address.class).orElseThrow();
        Local local = session.stack((network, now) -> local(network, draft, to, now));
        MacAddress nextHop = local.nextHopMac.orElse(null);
        if (nextHop == null && local.needsResolution) {
            nextHop = resolve(session, local, to);
        }
        return CraftedFrame.built(draft, new FrameBuilder.Defaults(local.source, local.mac, nextHop));
    }

    /**
     * Fills in what {@code like H} takes from connection H: its endpoints, and unless given its
     * next sequence number and the one it expects (SND.NXT and RCV.NXT, each plus a given
     * offset), ACK, and the timestamps option if the connection uses it, as the connection's
     * next segment would carry them.
     */
    private static void follow(Network network, Draft draft, long now) throws CommandException {
        String text = draft.get("like", String.class).orElseThrow();
        TcpSocket socket = network.local().sockets().get(
                Handles.find(network.local().sockets(), text, TcpSocket.class, "a TCP connection"));
        if (socket.isIpv6()) {
            throw new CommandException("like: " + text + " is a connection over IPv6, and craft builds IPv4 frames only");
        }
        Endpoint remote = socket.remoteEndpoint();
        Endpoint local = socket.localEndpoint();
        if (!remote.isSpecified() || socket.state() == TcpState.SYN_SENT) {
            throw new CommandException("like: " + text + " is " + socket.state() + ", not a synchronized connection");
        }
        TcpControlBlock block = socket.controlBlock(now);
        putIfAbsent(draft, "to", remote.ipv4Address());
        putIfAbsent(draft, "dport", (long) remote.port());
        putIfAbsent(draft, "from", local.ipv4Address());
        putIfAbsent(draft, "sport", (long) local.port());
        putIfAbsent(draft, "seq", (block.sndNxt() + draft.number("seq-offset", 0)) & 0xFFFF_FFFFL);
        putIfAbsent(draft, "ack", (block.rcvNxt() + draft.number("ack-offset", 0)) & 0xFFFF_FFFFL);
        putIfAbsent(draft, "flags", (long) TcpFlags.ACK);
        if (block.timestampsNegotiated()) {
            // Without timestamps the peer would drop it (RFC 7323 §3.2) before any rule of RFC 5961
            // is reached. TSval is the connection's clock now (milliseconds offset by its ISS, as
            // TcpSocket keeps it), so PAWS passes; TSecr is 0, which acknowledges no time.
            putIfAbsent(draft, "opt", List.of(new TcpOption.Timestamps((int) (now / Micros.PER_MILLI) + block.iss(), 0)));
        }
    }

    private static void putIfAbsent(Draft draft, String field, Object value) {
        if (!draft.has(field)) {
            draft.put(field, value);
        }
    }

    /** What crafting needs from this host, and whether the next hop's MAC must still be asked for. */
    private record Local(Ipv4Address source, MacAddress mac, Ipv4Address nextHop, Optional<MacAddress> nextHopMac,
                         boolean needsResolution) {
    }

    private static Local local(Network network, Draft draft, Ipv4Address to, long now) throws CommandException {
        Interface iface = network.local().iface();
        boolean arpRequest = draft.layer() == CraftLayer.ARP && draft.number("op", 1) == 1;
        boolean macGiven = draft.has("dst-mac") && (draft.layer() != CraftLayer.ARP || draft.has("to-mac"));
        Ipv4Address source = iface.sourceAddressFor(to)
                .or(() -> iface.addresses().stream().findFirst().map(cidr -> cidr.address()))
                .orElse(Ipv4Address.UNSPECIFIED);
        if (arpRequest || macGiven) {
            return new Local(source, iface.mac(), to, Optional.empty(), false);
        }
        Ipv4Address nextHop = draft.layer() == CraftLayer.ARP ? to : iface.nextHopFor(to).orElseThrow(() ->
                new CommandException("to: no route to " + to + " (give dst-mac MAC, or 'route add ...' one)"));
        Optional<MacAddress> known = Optional.empty();
        for (NeighborEntry entry : iface.neighbors(now)) {
            if (entry.address().equals(nextHop) && entry.mac().isPresent()) {
                known = entry.mac();
            }
        }
        return new Local(source, iface.mac(), nextHop, known, known.isEmpty());
    }

    /** Asks ARP for the next hop's MAC address with a crafted request, as scapy does. */
    private static MacAddress resolve(Session session, Local local, Ipv4Address to)
            throws CommandException, InterruptedException {
        Draft request = new Draft(CraftLayer.ARP);
        request.put("op", 1L);
        request.put("to", local.nextHop);
        CraftedFrame frame = new CraftedFrame(CraftLayer.ARP,
                FrameBuilder.build(request, new FrameBuilder.Defaults(local.source, local.mac, MacAddress.BROADCAST)));
        List<Answer> answers = exchange(session, frame, ARP_PATIENCE);
        if (answers.isEmpty()) {
            throw new CommandException("dst-mac: " + local.nextHop + (local.nextHop.equals(to) ? "" : " (the next hop to " + to + ")")
                    + " did not answer ARP within 1 s; give its MAC address with dst-mac MAC");
        }
        return (MacAddress) FrameFields.read(CraftLayer.ARP, answers.get(0).octets()).get("from-mac");
    }

    /** Puts {@code frame} on the link. */
    static void send(Session session, CraftedFrame frame) throws CommandException, InterruptedException {
        session.stack((network, now) -> {
            transmit(network, frame, now);
            return null;
        });
    }

    /**
     * A received frame that answers the one sent.
     *
     * @param afterMicros how long after sending it came
     */
    record Answer(byte[] octets, long afterMicros) {
    }

    /**
     * Sends {@code frame}, then waits up to {@code patience} for frames that answer it and returns
     * those that came by the first (none if nothing answered).
     */
    static List<Answer> exchange(Session session, CraftedFrame frame, long patience)
            throws CommandException, InterruptedException {
        AnswerMatcher matcher = new AnswerMatcher(frame.octets());
        List<Answer> answers = new ArrayList<>();
        long[] sentAt = new long[1];
        FrameMonitor.Listener listener = (now, direction, octets, offset, length) -> {
            if (direction == Direction.RX && matcher.answers(octets, offset, length)) {
                byte[] copy = new byte[length];
                System.arraycopy(octets, offset, copy, 0, length);
                answers.add(new Answer(copy, now - sentAt[0]));
            }
        };
        session.stack((network, now) -> {
            network.link().monitor().add(listener);
            sentAt[0] = now;
            try {
                transmit(network, frame, now);
            } catch (CommandException e) {
                network.link().monitor().remove(listener);
                throw e;
            }
            return null;
        });
        try {
            List<Answer> got = session.await(patience, (network, now) -> answers.isEmpty() ? null : List.copyOf(answers));
            return got == null ? List.of() : got;
        } finally {
            Thread.interrupted();
            session.stack((network, now) -> network.link().monitor().remove(listener));
        }
    }

    private static void transmit(Network network, CraftedFrame frame, long now) throws CommandException {
        Device top = network.link().top();
        int largest = top.capabilities().maxFrameSize();
        if (frame.length() > largest) {
            throw new CommandException("length: " + frame.length() + " octets, more than the " + largest
                    + " of the largest frame this link carries");
        }
        if (frame.length() < 14) {
            throw new CommandException("length: " + frame.length() + " octets, shorter than an Ethernet header (14)");
        }
        if (!top.transmit(now, frame.length(), (buffer, offset, length) -> frame.copyTo(buffer, offset))) {
            throw new CommandException("the link did not take the frame now (its queue is full, or a rate limit "
                    + "holds it back); try again");
        }
    }
}
