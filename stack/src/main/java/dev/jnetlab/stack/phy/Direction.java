package dev.jnetlab.stack.phy;

/** Which way a frame crosses a device, seen from the stack: received from the link, or sent to it. */
public enum Direction {
    RX("rx"),
    TX("tx");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** {@code rx} or {@code tx}, the prefix of trace and fault lines. */
    public String label() {
        return label;
    }
}
