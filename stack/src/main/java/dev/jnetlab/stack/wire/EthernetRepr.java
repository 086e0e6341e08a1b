package dev.jnetlab.stack.wire;

import java.util.Objects;

/**
 * The header of an Ethernet II frame as a value. This stack speaks untagged Ethernet II only:
 * an 802.1Q tag or an 802.3 length in place of the EtherType is {@link WireError#UNSUPPORTED}.
 */
public record EthernetRepr(MacAddress source, MacAddress destination, EtherType etherType) {
    /** The smallest EtherType; values up to 1500 are 802.3 lengths (IEEE 802.3 clause 3.2.6). */
    private static final int MIN_ETHER_TYPE = 0x0600;

    public EthernetRepr {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(etherType, "etherType");
        if (etherType == EtherType.VLAN || etherType.value() < MIN_ETHER_TYPE) {
            throw new IllegalArgumentException("not an EtherType of an untagged Ethernet II frame: " + etherType);
        }
    }

    public static EthernetRepr parse(EthernetFrame frame) throws WireException {
        frame.validate();
        int etherType = frame.etherTypeValue();
        if (frame.hasVlanTag()) {
            throw new WireException(WireError.UNSUPPORTED, "Ethernet: 802.1Q tagged frames (vlan " + frame.vlanId() + ") are not supported");
        }
        if (etherType < MIN_ETHER_TYPE) {
            throw new WireException(WireError.UNSUPPORTED,
                    "Ethernet: type field " + Hex.field16(etherType) + " is an 802.3 length; only Ethernet II is supported");
        }
        return new EthernetRepr(MacAddress.of(frame.source()), MacAddress.of(frame.destination()), EtherType.of(etherType));
    }

    /** The frame's length with a payload of {@code payloadLen} octets (no FCS, no padding: the device adds them). */
    public int bufferLen(int payloadLen) {
        return EthernetFrame.HEADER_LEN + payloadLen;
    }

    /** Writes the header; the payload goes to {@link EthernetFrame#payloadOffset()}. */
    public void emit(EthernetFrame frame) {
        EmitLength.require(frame, EthernetFrame.HEADER_LEN);
        frame.setDestination(destination.bits()).setSource(source.bits()).setEtherTypeValue(etherType.value());
    }
}
