package dev.jnetlab.commands.text;

/** A line or a piece of text that cannot be read as typed; the message is one sentence for a person. */
public final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public SyntaxException(String message) {
        super(message);
    }
}
