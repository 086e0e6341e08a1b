package dev.jnetlab.host.settings;

/**
 * A setting that cannot be made: an unknown option, a value that is not one, an option the
 * socket no longer takes. The message is one line in the console's words, naming the option,
 * what was given and what would be right; the console and the lab files print it as it is.
 */
public final class SettingException extends Exception {
    private static final long serialVersionUID = 1L;

    public SettingException(String message) {
        super(message);
    }
}
