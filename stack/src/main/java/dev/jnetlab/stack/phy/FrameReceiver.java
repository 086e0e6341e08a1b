package dev.jnetlab.stack.phy;

/** Takes one received frame, lent for the duration of the call: {@code frame[offset .. offset+length)}. */
@FunctionalInterface
public interface FrameReceiver {
    void receive(byte[] frame, int offset, int length);
}
