package dev.jnetlab.labs.format;

import com.fasterxml.jackson.core.JsonLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the parts of a lab file are: the shape of the YAML document (mappings, sequences,
 * scalars) with the line and column of each, built by {@link LocatingParser} as the tokens go
 * by. Jackson's bound records do not say where they came from; this does, so that an error
 * found after binding still points at its line.
 */
final class Located {
    enum Kind { MAPPING, SEQUENCE, SCALAR }

    /** A key of a mapping: where the key is written, and its value. */
    record Entry(JsonLocation keyLocation, Located value) {
    }

    final Kind kind;
    final JsonLocation location;
    final Map<String, Entry> keys = new LinkedHashMap<>();
    final List<Located> items = new ArrayList<>();

    Located(Kind kind, JsonLocation location) {
        this.kind = kind;
        this.location = location;
    }

    /** The entry of {@code key}, or null. */
    Entry entry(String key) {
        return keys.get(key);
    }
}
