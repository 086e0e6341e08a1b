package dev.jnetlab.commands;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What a command hands back. Results are records: their components are the stable field
 * names of the command's JSON form ({@code --json}), and {@link #text()} is what a person
 * reads. A component cannot be called {@code text}: its accessor would be {@code text()}, which
 * the JSON form leaves out.
 */
public interface CommandResult {

    /** The text a person reads; empty when the command has nothing more to say. Not part of the JSON form. */
    @JsonIgnore
    String text();

    /** A result that is just a sentence (or nothing). */
    record Message(String message) implements CommandResult {
        public static final Message NONE = new Message("");

        @Override
        public String text() {
            return message;
        }
    }
}
