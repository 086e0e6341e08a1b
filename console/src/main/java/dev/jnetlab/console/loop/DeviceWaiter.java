package dev.jnetlab.console.loop;

import dev.jnetlab.stack.phy.Waitable;

/** A {@link Waiter} for a device with a descriptor (tap, raw socket): poll(2) on it and its wake-up descriptor. */
public final class DeviceWaiter implements Waiter {
    private final Waitable device;

    public DeviceWaiter(Waitable device) {
        this.device = device;
    }

    @Override
    public void await(long timeoutMicros) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("the event loop was interrupted");
        }
        device.awaitReadable(timeoutMicros);
    }

    @Override
    public void wakeUp() {
        device.wakeUp();
    }
}
