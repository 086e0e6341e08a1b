package dev.jnetlab.labs.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.Closeable;

/**
 * A problem found while binding, with its place and a message already meant for a person; it
 * travels through Jackson as the exception Jackson expects, and {@link LabParser} turns it
 * into a {@code LabFileException} unchanged.
 */
final class LocatedProblem extends JsonMappingException {
    private static final long serialVersionUID = 1L;

    LocatedProblem(Closeable parser, String message, JsonLocation location) {
        super(parser, message, location);
    }
}
