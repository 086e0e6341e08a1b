package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.wire.ArpPacket;
import dev.jnetlab.stack.wire.WireError;

/**
 * The interface's ARP (RFC 826) for IPv4 over Ethernet, on the way in: answers requests for
 * any of its addresses, learns from requests addressed to it and from gratuitous ARP
 * (RFC 5227), merges what any ARP packet says about an address the {@link NeighborCache}
 * already has (RFC 826's merge flag), ignores replies about addresses it never asked for, and
 * sends what waited for an address once it is learnt. Asking (requests, their retries and
 * give-ups) is the {@link Transmitter}'s and the interface's timers' part.
 */
final class Arp {
    private static final int REQUEST = 1;
    private static final int REPLY = 2;
    /** The group bit of a MAC address: a sender claiming a broadcast or multicast address is not learnt. */
    private static final long GROUP_BIT = 0x0100_0000_0000L;

    private final long mac;
    private final InterfaceCounters counters;
    private final Routes routes;
    private final NeighborCache neighbors;
    private final Transmitter tx;
    private final ArpPacket arp = new ArpPacket();

    Arp(long mac, InterfaceCounters counters, Routes routes, NeighborCache neighbors, Transmitter tx) {
        this.mac = mac;
        this.counters = counters;
        this.routes = routes;
        this.neighbors = neighbors;
        this.tx = tx;
    }

    /** Takes the ARP packet of {@code length} octets at {@code offset} of a received frame. */
    void receive(long now, byte[] frame, int offset, int length) {
        WireError reason = arp.wrap(frame, offset, length).check();
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        int operation = arp.operationValue();
        if (operation != REQUEST && operation != REPLY) {
            counters.drop(WireError.UNSUPPORTED);
            return;
        }
        boolean request = operation == REQUEST;
        counters.add(request ? InterfaceCounter.ARP_REQUESTS_IN : InterfaceCounter.ARP_REPLIES_IN);
        long senderMac = arp.senderHardwareAddr();
        int senderIp = arp.senderProtocolAddr();
        int targetIp = arp.targetProtocolAddr();
        if (senderMac == mac) {
            return; // our own frame, come back
        }
        if (senderIp != 0 && routes.isOurAddress(senderIp)) {
            counters.add(InterfaceCounter.ARP_ADDRESS_CONFLICTS);
            return;
        }
        boolean forUs = routes.isOurAddress(targetIp);
        boolean gratuitous = senderIp != 0 && senderIp == targetIp;
        boolean learnable = senderIp != 0 && (senderMac & GROUP_BIT) == 0 && senderMac != 0
                && routes.isUnicastHost(senderIp, true) && routes.isConnected(senderIp);
        boolean learned = false;
        if (learnable) {
            if (neighbors.update(senderIp, senderMac, now)) {
                learned = true;
            } else if (gratuitous || forUs && request) {
                learned = neighbors.learn(senderIp, senderMac, now);
            } else if (!request && forUs) {
                counters.add(InterfaceCounter.ARP_REPLIES_UNSOLICITED);
            }
        } else if (!request && forUs && senderIp != 0) {
            counters.add(InterfaceCounter.ARP_REPLIES_UNSOLICITED);
        }
        if (request && forUs) {
            tx.sendArp(REPLY, senderMac, senderMac, targetIp, senderIp);
        }
        if (learned) {
            tx.release(senderIp, senderMac);
        }
    }
}
