package dev.jnetlab.commands.tcp;

import dev.jnetlab.host.settings.SocketSettings;
import java.util.Objects;

/**
 * The settings of the connections one listener accepts: the console's defaults when
 * {@code tcp listen} ran, changed by {@code tcp set H} on the listener. The listener's socket
 * factory reads them for every SYN it admits.
 */
final class ListenerSettings {
    private SocketSettings settings;

    ListenerSettings(SocketSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    SocketSettings get() {
        return settings;
    }

    void set(SocketSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }
}
