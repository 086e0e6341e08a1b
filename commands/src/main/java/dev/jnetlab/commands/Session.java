package dev.jnetlab.commands;

import dev.jnetlab.commands.driver.StackDriver;

/** What commands work on: the stack (through its driver) and the output. */
public final class Session {
    private final StackDriver driver;
    private final Output output;

    public Session(StackDriver driver, Output output) {
        this.driver = driver;
        this.output = output;
    }

    public StackDriver driver() {
        return driver;
    }

    public Output output() {
        return output;
    }
}
