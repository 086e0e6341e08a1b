package dev.jnetlab.stack.phy;

import java.io.IOException;
import java.nio.file.Path;

/** A capture file that could not be created or written: which file, and why. */
public final class CaptureFileException extends IOException {
    private final Path path;

    CaptureFileException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
