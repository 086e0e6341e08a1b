package dev.jnetlab.stack.wire;

import java.util.Objects;

/**
 * An ARP request or reply for IPv4 over Ethernet (RFC 826) as a value. Other operations
 * (RARP, InARP) are {@link WireError#UNSUPPORTED}.
 */
public record ArpRepr(
        ArpOperation operation,
        MacAddress senderHardwareAddr,
        Ipv4Address senderProtocolAddr,
        MacAddress targetHardwareAddr,
        Ipv4Address targetProtocolAddr) {

    public ArpRepr {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(senderHardwareAddr, "senderHardwareAddr");
        Objects.requireNonNull(senderProtocolAddr, "senderProtocolAddr");
        Objects.requireNonNull(targetHardwareAddr, "targetHardwareAddr");
        Objects.requireNonNull(targetProtocolAddr, "targetProtocolAddr");
        if (!(operation instanceof ArpOperation.Known)) {
            throw new IllegalArgumentException("ARP " + operation + " is neither request nor reply");
        }
    }

    public static ArpRepr parse(ArpPacket packet) throws WireException {
        packet.validate();
        ArpOperation operation = packet.operation();
        if (!(operation instanceof ArpOperation.Known)) {
            throw new WireException(WireError.UNSUPPORTED, "ARP: " + operation + " is neither request (1) nor reply (2)");
        }
        return new ArpRepr(operation,
                MacAddress.of(packet.senderHardwareAddr()), Ipv4Address.of(packet.senderProtocolAddr()),
                MacAddress.of(packet.targetHardwareAddr()), Ipv4Address.of(packet.targetProtocolAddr()));
    }

    public int bufferLen() {
        return ArpPacket.LEN;
    }

    public void emit(ArpPacket packet) {
        EmitLength.require(packet, ArpPacket.LEN);
        packet.setHardwareType(ArpPacket.HARDWARE_ETHERNET).setProtocolType(EtherType.IPV4.value())
                .setHardwareLength(6).setProtocolLength(4).setOperationValue(operation.value())
                .setSenderHardwareAddr(senderHardwareAddr.bits()).setSenderProtocolAddr(senderProtocolAddr.bits())
                .setTargetHardwareAddr(targetHardwareAddr.bits()).setTargetProtocolAddr(targetProtocolAddr.bits());
    }
}
