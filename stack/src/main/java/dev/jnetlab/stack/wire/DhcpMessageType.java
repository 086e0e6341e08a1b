package dev.jnetlab.stack.wire;

/** The DHCP message type, option 53 (RFC 2132 section 9.6). */
public enum DhcpMessageType {
    DISCOVER(1), OFFER(2), REQUEST(3), DECLINE(4), ACK(5), NAK(6), RELEASE(7), INFORM(8);

    private final int value;

    DhcpMessageType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The type of {@code value}, or null for one RFC 2132 does not define. */
    public static DhcpMessageType of(int value) {
        return value >= 1 && value <= 8 ? values()[value - 1] : null;
    }

    /** Whether a client sends it (BOOTREQUEST, op 1) rather than a server (BOOTREPLY, op 2). */
    public boolean fromClient() {
        return this != OFFER && this != ACK && this != NAK;
    }
}
