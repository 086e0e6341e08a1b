package dev.jnetlab.stack.phy;

/** A trace filter that cannot be read; the message says what is wrong and what would be right. */
public final class FilterSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public FilterSyntaxException(String message) {
        super(message);
    }
}
