package dev.jnetlab.stack.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A DHCP message as a value (RFC 2131, options of RFC 2132): what the client and the server of
 * this stack read and write. Options this stack does not use are skipped when parsing and never
 * written. Times are in seconds, as on the wire.
 *
 * @param type           option 53; the BOOTP op follows from it
 * @param xid            the transaction the client chose
 * @param secs           seconds since the client began
 * @param broadcast      the BROADCAST flag: the client cannot take a unicast before it has its address
 * @param clientAddress  ciaddr: the client's address, in BOUND, RENEWING, REBINDING, and in RELEASE
 * @param yourAddress    yiaddr: the address a server offers or grants
 * @param serverAddress  siaddr
 * @param relayAddress   giaddr
 * @param clientMac      chaddr (Ethernet: six octets)
 * @param serverId       option 54
 * @param requested      option 50, the address a client asks for in SELECTING and INIT-REBOOT
 * @param leaseSeconds   option 51
 * @param renewalSeconds option 58, T1
 * @param rebindingSeconds option 59, T2
 * @param subnetMask     option 1
 * @param routers        option 3
 * @param dnsServers     option 6
 * @param parameterRequests option 55: the option codes a client asks for
 * @param message        option 56: a server's reason for a NAK, a client's for a DECLINE
 */
public record DhcpRepr(DhcpMessageType type, int xid, int secs, boolean broadcast,
                       Ipv4Address clientAddress, Ipv4Address yourAddress, Ipv4Address serverAddress,
                       Ipv4Address relayAddress, MacAddress clientMac,
                       Optional<Ipv4Address> serverId, Optional<Ipv4Address> requested,
                       Optional<Integer> leaseSeconds, Optional<Integer> renewalSeconds,
                       Optional<Integer> rebindingSeconds, Optional<Ipv4Address> subnetMask,
                       List<Ipv4Address> routers, List<Ipv4Address> dnsServers,
                       List<Integer> parameterRequests, Optional<String> message) {

    /** What a client asks for: mask, router, DNS servers, lease, T1, T2. */
    public static final List<Integer> CLIENT_PARAMETERS = List.of(DhcpPacket.OPTION_SUBNET_MASK,
            DhcpPacket.OPTION_ROUTER, DhcpPacket.OPTION_DNS_SERVERS, DhcpPacket.OPTION_LEASE_TIME,
            DhcpPacket.OPTION_RENEWAL_TIME, DhcpPacket.OPTION_REBINDING_TIME);

    public DhcpRepr {
        Objects.requireNonNull(type, "type");
        routers = List.copyOf(routers);
        dnsServers = List.copyOf(dnsServers);
        parameterRequests = List.copyOf(parameterRequests);
    }

    /** A client's message with no option but the type: the caller adds what the type needs with the withers. */
    public static DhcpRepr client(DhcpMessageType type, int xid, MacAddress mac) {
        return new DhcpRepr(type, xid, 0, false, Ipv4Address.UNSPECIFIED, Ipv4Address.UNSPECIFIED,
                Ipv4Address.UNSPECIFIED, Ipv4Address.UNSPECIFIED, mac, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(),
                List.of(), Optional.empty());
    }

    /** A server's answer to {@code request}: its transaction, its client and broadcast flag. */
    public static DhcpRepr reply(DhcpMessageType type, DhcpRepr request, Ipv4Address server) {
        return new DhcpRepr(type, request.xid, 0, request.broadcast, Ipv4Address.UNSPECIFIED, Ipv4Address.UNSPECIFIED,
                Ipv4Address.UNSPECIFIED, request.relayAddress, request.clientMac, Optional.of(server), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(),
                List.of(), Optional.empty());
    }

    public DhcpRepr withBroadcast(boolean flag) {
        return new DhcpRepr(type, xid, secs, flag, clientAddress, yourAddress, serverAddress, relayAddress, clientMac,
                serverId, requested, leaseSeconds, renewalSeconds, rebindingSeconds, subnetMask, routers, dnsServers,
                parameterRequests, message);
    }

    public DhcpRepr withAddresses(Ipv4Address ciaddr, Ipv4Address yiaddr) {
        return new DhcpRepr(type, xid, secs, broadcast, ciaddr, yiaddr, serverAddress, relayAddress, clientMac,
                serverId, requested, leaseSeconds, renewalSeconds, rebindingSeconds, subnetMask, routers, dnsServers,
                parameterRequests, message);
    }

    public DhcpRepr withRequest(Optional<Ipv4Address> address, Optional<Ipv4Address> server, List<Integer> parameters) {
        return new DhcpRepr(type, xid, secs, broadcast, clientAddress, yourAddress, serverAddress, relayAddress,
                clientMac, server, address, leaseSeconds, renewalSeconds, rebindingSeconds, subnetMask, routers,
                dnsServers, parameters, message);
    }

    public DhcpRepr withLease(int lease, int t1, int t2) {
        return new DhcpRepr(type, xid, secs, broadcast, clientAddress, yourAddress, serverAddress, relayAddress,
                clientMac, serverId, requested, Optional.of(lease), Optional.of(t1), Optional.of(t2), subnetMask,
                routers, dnsServers, parameterRequests, message);
    }

    public DhcpRepr withConfiguration(Optional<Ipv4Address> mask, List<Ipv4Address> router, List<Ipv4Address> dns) {
        return new DhcpRepr(type, xid, secs, broadcast, clientAddress, yourAddress, serverAddress, relayAddress,
                clientMac, serverId, requested, leaseSeconds, renewalSeconds, rebindingSeconds, mask, router, dns,
                parameterRequests, message);
    }

    public DhcpRepr withMessage(String text) {
        return new DhcpRepr(type, xid, secs, broadcast, clientAddress, yourAddress, serverAddress, relayAddress,
                clientMac, serverId, requested, leaseSeconds, renewalSeconds, rebindingSeconds, subnetMask, routers,
                dnsServers, parameterRequests, Optional.of(text));
    }

    /**
     * Parses a checked view. Refused: a hardware type other than Ethernet, a message without a
     * known type (plain BOOTP), an option of a length its code does not allow.
     */
    public static DhcpRepr parse(DhcpPacket packet) throws MessageException {
        packet.validate();
        if (packet.hardwareType() != 1 || packet.hardwareLength() != 6) {
            throw new MessageException(MessageError.UNSUPPORTED, "DHCP: hardware type " + packet.hardwareType()
                    + " length " + packet.hardwareLength() + ", not Ethernet (1, 6)");
        }
        DhcpMessageType type = DhcpMessageType.of(packet.messageTypeValue());
        if (type == null) {
            throw new MessageException(MessageError.UNSUPPORTED, "DHCP: message type " + packet.messageTypeValue()
                    + " (0: none, a BOOTP message)");
        }
        if ((packet.op() == DhcpPacket.OP_REQUEST) != type.fromClient()) {
            throw new MessageException(MessageError.UNSUPPORTED, "DHCP: " + type + " with op " + packet.op());
        }
        return new DhcpRepr(type, packet.xid(), packet.secs(), (packet.flags() & DhcpPacket.FLAG_BROADCAST) != 0,
                Ipv4Address.of(packet.clientAddress()), Ipv4Address.of(packet.yourAddress()),
                Ipv4Address.of(packet.serverAddress()), Ipv4Address.of(packet.relayAddress()),
                MacAddress.of(packet.clientHardwareAddress()),
                address(packet, DhcpPacket.OPTION_SERVER_ID), address(packet, DhcpPacket.OPTION_REQUESTED_ADDRESS),
                seconds(packet, DhcpPacket.OPTION_LEASE_TIME), seconds(packet, DhcpPacket.OPTION_RENEWAL_TIME),
                seconds(packet, DhcpPacket.OPTION_REBINDING_TIME), address(packet, DhcpPacket.OPTION_SUBNET_MASK),
                addresses(packet, DhcpPacket.OPTION_ROUTER), addresses(packet, DhcpPacket.OPTION_DNS_SERVERS),
                codes(packet), text(packet));
    }

    private static Optional<Ipv4Address> address(DhcpPacket packet, int code) throws MessageException {
        int at = packet.findOption(code);
        if (at < 0) {
            return Optional.empty();
        }
        requireLength(packet, code, at, 4);
        return Optional.of(Ipv4Address.of(Bytes.i32(packet.buffer(), at)));
    }

    private static Optional<Integer> seconds(DhcpPacket packet, int code) throws MessageException {
        int at = packet.findOption(code);
        if (at < 0) {
            return Optional.empty();
        }
        requireLength(packet, code, at, 4);
        return Optional.of(Bytes.i32(packet.buffer(), at));
    }

    private static void requireLength(DhcpPacket packet, int code, int at, int length) throws MessageException {
        if (packet.optionLength(at) != length) {
            throw new MessageException(MessageError.BAD_OPTION, "DHCP: option " + code + " of "
                    + packet.optionLength(at) + " octets, not " + length);
        }
    }

    private static List<Ipv4Address> addresses(DhcpPacket packet, int code) throws MessageException {
        int at = packet.findOption(code);
        if (at < 0) {
            return List.of();
        }
        int length = packet.optionLength(at);
        if (length == 0 || length % 4 != 0) {
            throw new MessageException(MessageError.BAD_OPTION, "DHCP: option " + code + " of " + length
                    + " octets, not a multiple of 4");
        }
        List<Ipv4Address> list = new ArrayList<>(length / 4);
        for (int i = 0; i < length; i += 4) {
            list.add(Ipv4Address.of(Bytes.i32(packet.buffer(), at + i)));
        }
        return list;
    }

    private static List<Integer> codes(DhcpPacket packet) {
        int at = packet.findOption(DhcpPacket.OPTION_PARAMETER_REQUEST_LIST);
        if (at < 0) {
            return List.of();
        }
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < packet.optionLength(at); i++) {
            list.add(Bytes.u8(packet.buffer(), at + i));
        }
        return list;
    }

    private static Optional<String> text(DhcpPacket packet) {
        int at = packet.findOption(DhcpPacket.OPTION_MESSAGE);
        if (at < 0) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < packet.optionLength(at); i++) {
            int c = Bytes.u8(packet.buffer(), at + i);
            out.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return Optional.of(out.toString());
    }

    /** The message's length: the fixed part, the options, End, padded to the 300 octets of BOOTP. */
    public int bufferLen() {
        int options = 3 + 1; // message type, End
        options += serverId.isPresent() ? 6 : 0;
        options += requested.isPresent() ? 6 : 0;
        options += leaseSeconds.isPresent() ? 6 : 0;
        options += renewalSeconds.isPresent() ? 6 : 0;
        options += rebindingSeconds.isPresent() ? 6 : 0;
        options += subnetMask.isPresent() ? 6 : 0;
        options += routers.isEmpty() ? 0 : 2 + 4 * routers.size();
        options += dnsServers.isEmpty() ? 0 : 2 + 4 * dnsServers.size();
        options += parameterRequests.isEmpty() ? 0 : 2 + parameterRequests.size();
        options += message.map(m -> 2 + Math.min(255, m.length())).orElse(0);
        return Math.max(DhcpPacket.MIN_LEN, DhcpPacket.OPTIONS + options);
    }

    /** Writes the message into a view of exactly {@link #bufferLen()} octets. */
    public void emit(DhcpPacket packet) {
        if (packet.length() != bufferLen()) {
            throw new IllegalArgumentException("a view of " + packet.length() + " octets for a DHCP message of " + bufferLen());
        }
        packet.setFixed(type.fromClient() ? DhcpPacket.OP_REQUEST : DhcpPacket.OP_REPLY, xid, secs,
                broadcast ? DhcpPacket.FLAG_BROADCAST : 0, clientAddress.bits(), yourAddress.bits(),
                serverAddress.bits(), relayAddress.bits(), clientMac.bits());
        byte[] buf = packet.buffer();
        int at = packet.offset() + DhcpPacket.OPTIONS;
        buf[at++] = (byte) DhcpPacket.OPTION_MESSAGE_TYPE;
        buf[at++] = 1;
        buf[at++] = (byte) type.value();
        at = putAddress(buf, at, DhcpPacket.OPTION_SERVER_ID, serverId);
        at = putAddress(buf, at, DhcpPacket.OPTION_REQUESTED_ADDRESS, requested);
        at = putInt(buf, at, DhcpPacket.OPTION_LEASE_TIME, leaseSeconds);
        at = putInt(buf, at, DhcpPacket.OPTION_RENEWAL_TIME, renewalSeconds);
        at = putInt(buf, at, DhcpPacket.OPTION_REBINDING_TIME, rebindingSeconds);
        at = putAddress(buf, at, DhcpPacket.OPTION_SUBNET_MASK, subnetMask);
        at = putAddresses(buf, at, DhcpPacket.OPTION_ROUTER, routers);
        at = putAddresses(buf, at, DhcpPacket.OPTION_DNS_SERVERS, dnsServers);
        if (!parameterRequests.isEmpty()) {
            buf[at++] = (byte) DhcpPacket.OPTION_PARAMETER_REQUEST_LIST;
            buf[at++] = (byte) parameterRequests.size();
            for (int code : parameterRequests) {
                buf[at++] = (byte) code;
            }
        }
        if (message.isPresent()) {
            String text = message.get();
            int length = Math.min(255, text.length());
            buf[at++] = (byte) DhcpPacket.OPTION_MESSAGE;
            buf[at++] = (byte) length;
            for (int i = 0; i < length; i++) {
                buf[at++] = (byte) text.charAt(i);
            }
        }
        buf[at++] = (byte) DhcpPacket.OPTION_END;
        java.util.Arrays.fill(buf, at, packet.offset() + packet.length(), (byte) 0);
    }

    private static int putAddress(byte[] buf, int at, int code, Optional<Ipv4Address> value) {
        return value.isEmpty() ? at : putInt(buf, at, code, Optional.of(value.get().bits()));
    }

    private static int putInt(byte[] buf, int at, int code, Optional<Integer> value) {
        if (value.isEmpty()) {
            return at;
        }
        buf[at] = (byte) code;
        buf[at + 1] = 4;
        Bytes.put32(buf, at + 2, value.get());
        return at + 6;
    }

    private static int putAddresses(byte[] buf, int at, int code, List<Ipv4Address> list) {
        if (list.isEmpty()) {
            return at;
        }
        buf[at++] = (byte) code;
        buf[at++] = (byte) (4 * list.size());
        for (Ipv4Address address : list) {
            Bytes.put32(buf, at, address.bits());
            at += 4;
        }
        return at;
    }
}
