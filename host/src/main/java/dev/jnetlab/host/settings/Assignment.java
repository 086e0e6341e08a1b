package dev.jnetlab.host.settings;

/** One option given one value, read by {@link SettingWords}: {@code tcp.sack off}. */
public record Assignment(SocketOption option, long value) {
    /** As {@code tcp set H} and {@code udp set H} say it, without the kind: {@code sack off}. */
    public String shown() {
        return option.word() + " " + option.format(value);
    }

    @Override
    public String toString() {
        return option.qualifiedName() + " " + option.format(value);
    }
}
