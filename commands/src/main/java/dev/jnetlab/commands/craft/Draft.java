package dev.jnetlab.commands.craft;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields a person gave for one frame, by the word that names each ({@code seq},
 * {@code ttl}, {@code dst-mac}), as typed values: numbers as {@code Long}, addresses as
 * {@code Ipv4Address} and {@code MacAddress}, ports under {@code sport} and {@code dport}
 * (from {@code from IP:PORT} and {@code to IP:PORT}), TCP options as a list of
 * {@code TcpOption}, data as {@code Octets}. Fields not given take their defaults when the
 * frame is built; {@link FrameFields} reads the same names back from a frame.
 */
public final class Draft {
    private final CraftLayer layer;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Draft(CraftLayer layer) {
        this.layer = layer;
    }

    public CraftLayer layer() {
        return layer;
    }

    void put(String field, Object value) {
        fields.put(field, value);
    }

    /** The given value of {@code field}, if it was given. */
    public <T> Optional<T> get(String field, Class<T> type) {
        return Optional.ofNullable(fields.get(field)).map(type::cast);
    }

    /** A number field, or {@code otherwise} when it was not given. */
    long number(String field, long otherwise) {
        return get(field, Long.class).orElse(otherwise);
    }

    boolean has(String field) {
        return fields.containsKey(field);
    }

    /** Another draft with the same fields, to change without changing this one. */
    Draft copy() {
        Draft copy = new Draft(layer);
        copy.fields.putAll(fields);
        return copy;
    }

    /** Every field given, in the order given. */
    public Map<String, Object> given() {
        return Collections.unmodifiableMap(fields);
    }
}
