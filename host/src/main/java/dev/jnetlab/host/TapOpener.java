package dev.jnetlab.host;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.DeviceOpenException;

/**
 * How a {@link Topology} gets the device behind a {@code tap} node: the console opens the Linux
 * tap (and closes it when it ends); a test may hand any device.
 */
@FunctionalInterface
public interface TapOpener {
    /** For a network built without devices: a tap node cannot be built there. */
    TapOpener NONE = device -> {
        throw new IllegalArgumentException("a tap node needs the console: 'jnetlab --topology FILE' opens " + device);
    };

    /**
     * Opens the tap called {@code device}.
     *
     * @throws DeviceOpenException when it cannot; the message says how to fix it
     */
    Device open(String device) throws DeviceOpenException;
}
