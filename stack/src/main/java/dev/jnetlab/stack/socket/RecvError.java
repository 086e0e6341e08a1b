package dev.jnetlab.stack.socket;

/** Why a UDP or ICMP socket had nothing to give. */
public enum RecvError {
    /** Nothing has arrived that was not read already. */
    EXHAUSTED
}
