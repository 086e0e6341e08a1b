package dev.jnetlab.stack.socket;

/** Why a UDP or ICMP socket refused to bind. */
public enum BindError {
    /** The socket is bound already; make a new one to bind elsewhere. */
    ALREADY_BOUND,
    /** Another socket of the same kind in the set holds this port (or echo identifier). */
    IN_USE,
    /** A port or identifier outside 0 to 65535, or a local address that is broadcast or multicast. */
    UNADDRESSABLE,
    /** Every ephemeral port (49152 to 65535) or identifier is taken. */
    EXHAUSTED
}
