package dev.jnetlab.architecture.wrong.stack;

import dev.jnetlab.architecture.wrong.console.Shell;

/** A stack class that knows the console: the dependency the module rule must refuse. */
public final class Device {
    Shell shell;
}
