package dev.jnetlab.labs;

/**
 * A lab file that cannot be used, with where and why: {@link #getMessage()} reads
 * {@code path:line:column: reason}, as compilers print errors, so editors can jump to it.
 * Lines and columns count from 1; both are 0 when the problem has no place (a file that
 * cannot be read).
 */
public final class LabFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int line;
    private final int column;
    private final String reason;

    public LabFileException(String path, int line, int column, String reason) {
        super(format(path, line, column, reason));
        this.path = path;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    private static String format(String path, int line, int column, String reason) {
        return line > 0 ? path + ":" + line + ":" + column + ": " + reason : path + ": " + reason;
    }

    /** The file as it was named when loaded: a path, or the resource name of a built-in lab. */
    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the place. */
    public String reason() {
        return reason;
    }
}
