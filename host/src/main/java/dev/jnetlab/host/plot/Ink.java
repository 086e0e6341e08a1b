package dev.jnetlab.host.plot;

/**
 * What a mark on a chart stands for, and so how it looks: its colour on a colour terminal and
 * in SVG, its letter in plain ASCII. Where two marks share a terminal cell, the later ink here
 * wins, so retransmissions are never hidden under the lines.
 */
public enum Ink {
    WINDOW("receive window", "32", '=', "#2e8b57"),
    ACK("ACK", "33", '-', "#b8860b"),
    SACK("SACK", "35", 's', "#9932cc"),
    DATA("data sent", "37", '|', "#1f4e9c"),
    CWND("cwnd", "36", 'c', "#1f4e9c"),
    SSTHRESH("ssthresh", "35", 't', "#9932cc"),
    IN_FLIGHT("in flight", "33", 'f', "#b8860b"),
    SRTT("SRTT", "36", 's', "#1f4e9c"),
    RTO("RTO", "31", 'o', "#c0392b"),
    RETRANSMISSION("retransmission", "31", 'R', "#d62728"),
    FAST_RETRANSMIT("fast retransmit", "31", 'F', "#e8590c"),
    RACK("SACK/RACK retransmit", "31", 'K', "#c2185b"),
    TLP("tail loss probe", "36", 'T', "#00838f");

    private final String label;
    private final String ansi;
    private final char ascii;
    private final String colour;

    Ink(String label, String ansi, char ascii, String colour) {
        this.label = label;
        this.ansi = ansi;
        this.ascii = ascii;
        this.colour = colour;
    }

    /** What it stands for, for the legend. */
    public String label() {
        return label;
    }

    /** The SGR colour code (ECMA-48) on a colour terminal. */
    public String ansi() {
        return ansi;
    }

    /** Its letter on a plain terminal. */
    public char ascii() {
        return ascii;
    }

    /** Its colour in SVG. */
    public String colour() {
        return colour;
    }

    /** The ink of a sent segment marked {@code mark}. */
    public static Ink of(SampleMark mark) {
        return switch (mark) {
            case NONE -> DATA;
            case RETRANSMISSION -> RETRANSMISSION;
            case FAST_RETRANSMIT -> FAST_RETRANSMIT;
            case RACK -> RACK;
            case TLP -> TLP;
        };
    }
}
