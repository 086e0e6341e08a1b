package dev.jnetlab.stack.socket.dns;

/** Why the resolver dropped a datagram that reached its port; each is counted. */
public enum DnsDrop {
    /** Refused by the wire layer: truncated, a compression loop, a pointer or length past the end. */
    MALFORMED("malformed"),
    /** No query waits for it: another id, another server, a query already answered (RFC 5452 section 9.1). */
    UNSOLICITED("unsolicited"),
    /** Its question is not the one asked (RFC 5452 section 4.2). */
    QUESTION_MISMATCH("question_mismatch");

    private final String key;

    DnsDrop(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
