package dev.jnetlab.stack.wire;

/**
 * A view of an ARP packet for IPv4 over Ethernet (RFC 826): hardware type 1, protocol type
 * 0x0800, addresses of 6 and 4 octets. {@link #check()} refuses any other kind of ARP as
 * {@link WireError#UNSUPPORTED}, so that afterwards every address lies at its fixed offset.
 */
public final class ArpPacket extends PacketView {
    /** The packet's length for Ethernet and IPv4 addresses. */
    public static final int LEN = 28;
    public static final int HARDWARE_ETHERNET = 1;

    private static final int HARDWARE_TYPE = 0;
    private static final int PROTOCOL_TYPE = 2;
    private static final int HARDWARE_LEN = 4;
    private static final int PROTOCOL_LEN = 5;
    private static final int OPERATION = 6;
    private static final int SENDER_HARDWARE = 8;
    private static final int SENDER_PROTOCOL = 14;
    private static final int TARGET_HARDWARE = 18;
    private static final int TARGET_PROTOCOL = 24;
    private static final int FIXED_LEN = 8;

    /** Points this view at {@code length} octets from {@code offset}; checks only that they lie in the array. */
    public ArpPacket wrap(byte[] buffer, int offset, int length) {
        window(buffer, offset, length);
        return this;
    }

    @Override
    public WireError check() {
        if (len < FIXED_LEN) {
            return WireError.TRUNCATED;
        }
        if (!isEthernetIpv4()) {
            return WireError.UNSUPPORTED;
        }
        return len < LEN ? WireError.TRUNCATED : null;
    }

    private boolean isEthernetIpv4() {
        return hardwareType() == HARDWARE_ETHERNET && protocolType() == EtherType.IPV4.value()
                && hardwareLength() == 6 && protocolLength() == 4;
    }

    @Override
    String explain(WireError reason) {
        if (reason == WireError.UNSUPPORTED) {
            return "ARP: hardware type " + hardwareType() + " protocol type " + Hex.field16(protocolType())
                    + " with " + hardwareLength() + "- and " + protocolLength()
                    + "-octet addresses; only Ethernet (1) and IPv4 (0x0800) with 6 and 4 are supported";
        }
        return "ARP: " + len + " octets, shorter than the " + (len < FIXED_LEN ? FIXED_LEN : LEN) + "-octet packet";
    }

    /** Returns this view if {@link #check()} passes, else throws its reason with a message. */
    public ArpPacket validate() throws WireException {
        checkOrThrow();
        return this;
    }

    public int hardwareType() {
        return Bytes.u16(buf, off + HARDWARE_TYPE);
    }

    public ArpPacket setHardwareType(int value) {
        Bytes.put16(buf, off + HARDWARE_TYPE, value);
        return this;
    }

    /** The EtherType of the protocol whose addresses are resolved. */
    public int protocolType() {
        return Bytes.u16(buf, off + PROTOCOL_TYPE);
    }

    public ArpPacket setProtocolType(int value) {
        Bytes.put16(buf, off + PROTOCOL_TYPE, value);
        return this;
    }

    public int hardwareLength() {
        return Bytes.u8(buf, off + HARDWARE_LEN);
    }

    public ArpPacket setHardwareLength(int value) {
        Bytes.put8(buf, off + HARDWARE_LEN, value);
        return this;
    }

    public int protocolLength() {
        return Bytes.u8(buf, off + PROTOCOL_LEN);
    }

    public ArpPacket setProtocolLength(int value) {
        Bytes.put8(buf, off + PROTOCOL_LEN, value);
        return this;
    }

    public int operationValue() {
        return Bytes.u16(buf, off + OPERATION);
    }

    public ArpOperation operation() {
        return ArpOperation.of(operationValue());
    }

    public ArpPacket setOperationValue(int value) {
        Bytes.put16(buf, off + OPERATION, value);
        return this;
    }

    public long senderHardwareAddr() {
        return Bytes.u48(buf, off + SENDER_HARDWARE);
    }

    public ArpPacket setSenderHardwareAddr(long mac) {
        Bytes.put48(buf, off + SENDER_HARDWARE, mac);
        return this;
    }

    public int senderProtocolAddr() {
        return Bytes.i32(buf, off + SENDER_PROTOCOL);
    }

    public ArpPacket setSenderProtocolAddr(int ip) {
        Bytes.put32(buf, off + SENDER_PROTOCOL, ip);
        return this;
    }

    public long targetHardwareAddr() {
        return Bytes.u48(buf, off + TARGET_HARDWARE);
    }

    public ArpPacket setTargetHardwareAddr(long mac) {
        Bytes.put48(buf, off + TARGET_HARDWARE, mac);
        return this;
    }

    public int targetProtocolAddr() {
        return Bytes.i32(buf, off + TARGET_PROTOCOL);
    }

    public ArpPacket setTargetProtocolAddr(int ip) {
        Bytes.put32(buf, off + TARGET_PROTOCOL, ip);
        return this;
    }

    /** One line with every field; a packet that fails {@link #check()} says why instead. */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("ARP ");
        WireError reason = check();
        if (reason != null) {
            return out.append('[').append(explain(reason)).append(']');
        }
        ArpOperation operation = operation();
        out.append(operation == ArpOperation.REQUEST ? "request" : operation == ArpOperation.REPLY ? "reply" : operation.toString())
                .append(", hardware type ").append(hardwareType()).append(" length ").append(hardwareLength())
                .append(", protocol type 0x");
        Hex.append(out, protocolType(), 4).append(" length ").append(protocolLength()).append(", sender ");
        MacAddress.appendTo(out, senderHardwareAddr()).append(' ');
        Ipv4Address.appendTo(out, senderProtocolAddr()).append(", target ");
        MacAddress.appendTo(out, targetHardwareAddr()).append(' ');
        return Ipv4Address.appendTo(out, targetProtocolAddr());
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(128)).toString();
    }
}
