package dev.jnetlab.stack.wire;

/**
 * MLD messages in whole frames, made the way a querier (a router, or Linux with multicast
 * snooping) sends them: from a link-local address, hop limit 1, behind a hop-by-hop header
 * with a router alert (RFC 3810 section 5). The fields a test breaks are parameters.
 */
public final class MldFrames {
    private MldFrames() {
    }

    /**
     * A v2 query for {@code group} ({@code ::}: general) with maximum response code
     * {@code code} and {@code sources} sources (fd00::a, fd00::b, ...), from {@code source}
     * MAC {@code srcMac} to {@code destination}; with a router alert or not.
     */
    public static byte[] query(long srcMac, Ipv6Address source, Ipv6Address destination, int hopLimit, boolean routerAlert,
            int code, Ipv6Address group, int sources) {
        int length = MldMessage.V2_QUERY_LEN + 16 * sources;
        byte[] frame = frame(srcMac, source, destination, hopLimit, routerAlert, length);
        int at = frame.length - length;
        MldMessage.writeQuery(frame, at, code, group.high(), group.low(), 2, 125);
        Bytes.put16(frame, at + 26, sources);
        for (int i = 0; i < sources; i++) {
            Ipv6Address.write(frame, at + 28 + 16 * i, 0xFD00_0000_0000_0000L, 0xA + i);
        }
        return checksum(frame, at, length);
    }

    /** An MLDv1 query (RFC 2710 section 3): 24 octets, the delay in milliseconds. */
    public static byte[] queryV1(long srcMac, Ipv6Address source, int delayMillis) {
        byte[] frame = frame(srcMac, source, Ipv6Address.ALL_NODES, 1, true, MldMessage.V1_QUERY_LEN);
        int at = frame.length - MldMessage.V1_QUERY_LEN;
        Bytes.put8(frame, at, MldMessage.TYPE_QUERY);
        Bytes.put16(frame, at + 4, delayMillis);
        return checksum(frame, at, MldMessage.V1_QUERY_LEN);
    }

    private static byte[] frame(long srcMac, Ipv6Address source, Ipv6Address destination, int hopLimit, boolean routerAlert,
            int length) {
        int extension = routerAlert ? RouterAlertOption.HOP_BY_HOP_LEN : 0;
        byte[] frame = new byte[EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + extension + length];
        new EthernetFrame().wrap(frame, 0, frame.length).setDestination(Ipv6Address.multicastMac(destination.low()))
                .setSource(srcMac).setEtherTypeValue(EtherType.IPV6.value());
        Ipv6Packet ip = new Ipv6Packet().wrap(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN);
        ip.setVersion(6).setTrafficClass(0).setFlowLabel(0).setPayloadLength(extension + length)
                .setNextHeader(routerAlert ? Ipv6HeaderChain.HOP_BY_HOP : IpProtocol.ICMPV6.value()).setHopLimit(hopLimit)
                .setSource(source.high(), source.low()).setDestination(destination.high(), destination.low());
        if (routerAlert) {
            RouterAlertOption.writeHopByHop(frame, ip.payloadOffset(), IpProtocol.ICMPV6.value());
        }
        return frame;
    }

    private static byte[] checksum(byte[] frame, int at, int length) {
        Ipv6Packet ip = new Ipv6Packet().wrap(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN);
        new Icmpv6Packet().wrap(frame, at, length).fillChecksum(ip.pseudoHeaderSum(IpProtocol.ICMPV6.value(), length));
        return frame;
    }
}
