package dev.jnetlab.stack.socket.dhcp;

/** Why the client dropped a message that reached port 68; each is counted. */
public enum DhcpDrop {
    /** The wire layer refused it (truncated, an option past the end, no magic cookie). */
    MALFORMED("malformed"),
    /** Another transaction's, or another client's (chaddr), message. */
    NOT_OURS("not_ours"),
    /** A message the state does not expect (an OFFER while BOUND, an ACK while SELECTING). */
    UNEXPECTED("unexpected"),
    /** An OFFER or ACK without a server identifier (RFC 2131 section 4.3.1 makes it a MUST). */
    NO_SERVER_ID("no_server_id"),
    /** An address no host can have: 0.0.0.0, the limited or a subnet's broadcast, multicast, loopback, class E. */
    BAD_ADDRESS("bad_address"),
    /** A lease of 0 seconds, or none at all: nothing could be configured for any time. */
    ZERO_LEASE("zero_lease");

    private final String key;

    DhcpDrop(String key) {
        this.key = key;
    }

    /** The stable name, as {@code dhcp show} and its JSON form print it. */
    public String key() {
        return key;
    }
}
