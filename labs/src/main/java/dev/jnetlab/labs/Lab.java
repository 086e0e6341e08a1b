package dev.jnetlab.labs;

import java.util.List;
import java.util.Objects;

/**
 * One guided exercise, as loaded and checked from its YAML file ({@code labs/README.md}
 * describes the format).
 *
 * @param id       the name {@code lab start} takes: lower case, digits and dashes
 * @param title    one line
 * @param summary  a paragraph: what the lab shows and why it matters
 * @param setup    what is arranged when the lab starts
 * @param steps    the steps, at least one
 * @param tapIntro what to prepare on the host before a tap-mode run; empty when nothing
 * @param source   the file it came from, for messages
 */
public record Lab(String id, String title, String summary, LabSetup setup, List<LabStep> steps, String tapIntro,
                  String source) {
    public Lab {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(setup, "setup");
        steps = List.copyOf(steps);
        Objects.requireNonNull(tapIntro, "tapIntro");
        Objects.requireNonNull(source, "source");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a lab has at least one step");
        }
    }

    /** Step {@code number}, counted from 1 as people count them. */
    public LabStep step(int number) {
        return steps.get(number - 1);
    }
}
