package dev.jnetlab.stack.wire;

/** For a representation's {@code emit}: a view too short for what it must write is a programming error. */
final class EmitLength {
    private EmitLength() {
    }

    static void require(PacketView view, int needed) {
        if (view.length() < needed) {
            throw new IllegalArgumentException("a view of " + view.length() + " octets, " + needed + " needed");
        }
    }
}
