package dev.jnetlab.stack.wire;

/**
 * Why the wire layer refused an application message carried in UDP or TCP (a DHCP or DNS
 * message). Kept apart from {@link WireError}, which the interface counts frame by frame: these
 * messages are refused by the DHCP client and server and the DNS resolver and server, which
 * count them under their own names.
 */
public enum MessageError {
    /** Fewer octets than the fixed part needs, or a field (a label, an option, a record) runs past the end. */
    TRUNCATED,
    /** A DHCP message whose options do not start with the magic cookie 99.130.83.99 (RFC 2131 section 3). */
    BAD_MAGIC_COOKIE,
    /** A DHCP option of the wrong length for its code (RFC 2132): an address option not a multiple of 4. */
    BAD_OPTION,
    /** A DNS compression pointer that does not point before itself, so that following it could loop (RFC 1035 section 4.1.4). */
    NAME_POINTER_LOOP,
    /** A DNS compression pointer beyond the message. */
    NAME_POINTER_OUT_OF_RANGE,
    /** A DNS label of the reserved types 01 or 10 (RFC 1035 section 4.1.4), or a name over 255 octets (section 2.3.4). */
    BAD_NAME,
    /** Well formed, but not what this side speaks: another hardware type, a BOOTP message without a DHCP type. */
    UNSUPPORTED
}
