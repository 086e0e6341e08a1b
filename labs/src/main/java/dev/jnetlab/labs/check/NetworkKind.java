package dev.jnetlab.labs.check;

import java.util.Locale;

/** The networks a console can run on, as lab files name them. */
public enum NetworkKind {
    /** The built-in virtual wire to the simulated peer 192.168.69.100 (no root needed). */
    VIRTUAL,
    /** A Linux tap interface: the peer is the host's kernel, on the tap's address. */
    TAP,
    /** An AF_PACKET raw socket on a real interface. */
    RAW,
    /** A virtual network of many nodes ({@code --topology}): no lab runs on it until one names it. */
    TOPOLOGY;

    /** {@code virtual}, {@code tap}, {@code raw}: the word of lab files. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
