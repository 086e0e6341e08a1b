package dev.jnetlab.console.shell;

/**
 * Runs after every command line, in every run mode: the lab engine's check of the running
 * lab's step ({@code LabEngine.afterCommand}). What it has to say it prints on the console's
 * output itself.
 */
@FunctionalInterface
public interface AfterCommand {
    /** Does nothing. */
    AfterCommand NONE = () -> {
    };

    void run() throws InterruptedException;
}
