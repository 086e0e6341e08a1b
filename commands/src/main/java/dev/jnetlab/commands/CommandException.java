package dev.jnetlab.commands;

/**
 * A command that could not do what was asked. The message is one sentence that says what is
 * wrong and, where it helps, what would be right; it is shown as it is, never with a stack
 * trace.
 */
public final class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    public CommandException(String message) {
        super(message);
    }
}
