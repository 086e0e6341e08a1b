package dev.jnetlab.architecture.wrong.console;

/** The top of the wrong project: the stack must not name it. */
public final class Shell {
}
