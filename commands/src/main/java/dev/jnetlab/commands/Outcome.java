package dev.jnetlab.commands;

/** How one command line ended: with a result, or with one line saying what went wrong. */
public sealed interface Outcome {

    /** The command as it was named ({@code "tcp send"}), or the word typed when no command matched. */
    String command();

    record Success(String command, CommandResult result) implements Outcome {
    }

    /**
     * @param usage the command's synopsis when the words were wrong, so the person sees what
     *              would be right; empty when the words were fine and the work failed
     */
    record Failure(String command, String message, String usage) implements Outcome {
        /** The message, then the usage line when there is one. */
        public String text() {
            return usage.isEmpty() ? message : message + "\nusage: " + usage;
        }
    }

    /** The command was cancelled (Ctrl-C) before it finished. */
    record Cancelled(String command) implements Outcome {
    }
}
