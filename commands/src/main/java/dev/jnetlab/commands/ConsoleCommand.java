package dev.jnetlab.commands;

/**
 * One console command: a picocli {@code @Command} class whose annotated fields are its
 * options and arguments, filled in afresh for every invocation. Command groups such as
 * {@code tcp} are plain {@code @Command} classes with sub-commands; only the leaves run.
 */
public interface ConsoleCommand {

    /**
     * Does the work. Waiting (ping, recv --wait, sleep) goes through the session's driver, so
     * an interrupt (Ctrl-C) ends it with InterruptedException.
     */
    CommandResult execute(Session session) throws CommandException, InterruptedException;
}
