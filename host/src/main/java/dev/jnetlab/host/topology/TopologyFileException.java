package dev.jnetlab.host.topology;

/**
 * A topology file that cannot be read: its message is one line, {@code FILE:LINE:COLUMN: what
 * is wrong}, as a lab file's errors are (ARCHITECTURE.md §6). No stack trace: it describes the
 * file, not the code.
 */
public final class TopologyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public TopologyFileException(String message) {
        super(message, null, false, false);
    }
}
