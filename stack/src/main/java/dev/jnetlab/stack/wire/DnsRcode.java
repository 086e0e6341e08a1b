package dev.jnetlab.stack.wire;

/** The response codes of RFC 1035 section 4.1.1, with the names dig and tcpdump print. */
public enum DnsRcode {
    NOERROR, FORMERR, SERVFAIL, NXDOMAIN, NOTIMP, REFUSED;

    /** The name of code {@code value}: one of these, or {@code RCODE7}. */
    public static String nameOf(int value) {
        return value < values().length ? values()[value].name() : "RCODE" + value;
    }
}
