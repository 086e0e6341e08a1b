package dev.jnetlab.stack.wire;

/**
 * A view of an Ethernet II frame (IEEE 802.3 clause 3.2; DIX framing): destination, source,
 * EtherType, payload; the FCS is not part of it. An IEEE 802.1Q tag (a VLAN tag: EtherType
 * 0x8100, then the tag control information and the payload's EtherType) is recognised so that
 * such frames can be read and printed.
 *
 * <p>{@link #check()} guarantees that every getter and setter, including the tag's when
 * {@link #hasVlanTag()}, stays inside the frame.
 */
public final class EthernetFrame extends PacketView {
    public static final int HEADER_LEN = 14;
    public static final int VLAN_TAG_LEN = 4;

    private static final int DESTINATION = 0;
    private static final int SOURCE = 6;
    private static final int ETHER_TYPE = 12;
    private static final int VLAN_TCI = 14;
    private static final int INNER_ETHER_TYPE = 16;

    /** Points this view at {@code length} octets from {@code offset}; checks only that they lie in the array. */
    public EthernetFrame wrap(byte[] buffer, int offset, int length) {
        window(buffer, offset, length);
        return this;
    }

    @Override
    public WireError check() {
        return len < HEADER_LEN || hasVlanTag() && len < HEADER_LEN + VLAN_TAG_LEN ? WireError.TRUNCATED : null;
    }

    @Override
    String explain(WireError reason) {
        return "Ethernet: " + len + " octets, shorter than the " + (len < HEADER_LEN ? HEADER_LEN : HEADER_LEN + VLAN_TAG_LEN)
                + "-octet header";
    }

    /** Returns this view if {@link #check()} passes, else throws its reason with a message. */
    public EthernetFrame validate() throws WireException {
        checkOrThrow();
        return this;
    }

    public long destination() {
        return Bytes.u48(buf, off + DESTINATION);
    }

    public EthernetFrame setDestination(long mac) {
        Bytes.put48(buf, off + DESTINATION, mac);
        return this;
    }

    public long source() {
        return Bytes.u48(buf, off + SOURCE);
    }

    public EthernetFrame setSource(long mac) {
        Bytes.put48(buf, off + SOURCE, mac);
        return this;
    }

    /** The EtherType field right after the addresses: 0x8100 for a tagged frame. */
    public int etherTypeValue() {
        return Bytes.u16(buf, off + ETHER_TYPE);
    }

    public EtherType etherType() {
        return EtherType.of(etherTypeValue());
    }

    public EthernetFrame setEtherTypeValue(int value) {
        Bytes.put16(buf, off + ETHER_TYPE, value);
        return this;
    }

    public boolean hasVlanTag() {
        // len >= 14 is not known here; an unchecked view of fewer octets must not read past them.
        return len >= HEADER_LEN && etherTypeValue() == EtherType.VLAN.value();
    }

    /** The 802.1Q tag control information: priority (3 bits), drop eligible (1), VLAN id (12). */
    public int vlanTci() {
        requireVlanTag();
        return Bytes.u16(buf, off + VLAN_TCI);
    }

    public EthernetFrame setVlanTci(int tci) {
        requireVlanTag();
        Bytes.put16(buf, off + VLAN_TCI, tci);
        return this;
    }

    public int vlanId() {
        return vlanTci() & 0x0FFF;
    }

    public int vlanPriority() {
        return vlanTci() >>> 13;
    }

    public boolean vlanDropEligible() {
        return (vlanTci() & 0x1000) != 0;
    }

    /** The EtherType of a tagged frame's payload. */
    public int innerEtherTypeValue() {
        requireVlanTag();
        return Bytes.u16(buf, off + INNER_ETHER_TYPE);
    }

    public EthernetFrame setInnerEtherTypeValue(int value) {
        requireVlanTag();
        Bytes.put16(buf, off + INNER_ETHER_TYPE, value);
        return this;
    }

    private void requireVlanTag() {
        if (!hasVlanTag()) {
            throw new IllegalStateException("not an 802.1Q tagged frame");
        }
    }

    /** The EtherType of what {@link #payloadOffset()} points at, past any tag. */
    public int payloadEtherTypeValue() {
        return hasVlanTag() ? innerEtherTypeValue() : etherTypeValue();
    }

    public int headerLength() {
        return hasVlanTag() ? HEADER_LEN + VLAN_TAG_LEN : HEADER_LEN;
    }

    /** Where the payload starts in {@link #buffer()}. */
    public int payloadOffset() {
        return off + headerLength();
    }

    public int payloadLength() {
        return len - headerLength();
    }

    /**
     * One line with every field, e.g. {@code Ethernet II 02:00:00:00:00:02 > 02:00:00:00:00:01,
     * type IPv4 (0x0800), 74 octets}; a frame that fails {@link #check()} says why instead.
     */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("Ethernet II ");
        WireError reason = check();
        if (reason != null) {
            return out.append('[').append(explain(reason)).append(']');
        }
        MacAddress.appendTo(out, source()).append(" > ");
        MacAddress.appendTo(out, destination()).append(", type ");
        appendEtherType(out, etherTypeValue());
        if (hasVlanTag()) {
            out.append(", vlan ").append(vlanId()).append(", priority ").append(vlanPriority())
                    .append(", drop eligible ").append(vlanDropEligible() ? 1 : 0).append(", type ");
            appendEtherType(out, innerEtherTypeValue());
        }
        return out.append(", ").append(len).append(" octets");
    }

    private static void appendEtherType(StringBuilder out, int value) {
        EtherType type = EtherType.of(value);
        out.append(type instanceof EtherType.Known ? type.toString() : "Unknown").append(" (0x");
        Hex.append(out, value, 4).append(')');
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(96)).toString();
    }
}
