package dev.jnetlab.host.settings;

/** One option given one value, read by {@link SettingWords}: {@code tcp.sack off}. */
public record Assignment(SocketOption option, long value) {
    @Override
    public String toString() {
        return option.qualifiedName() + " " + option.format(value);
    }
}
