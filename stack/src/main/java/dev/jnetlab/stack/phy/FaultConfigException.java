package dev.jnetlab.stack.phy;

/** A {@link FaultConfig} value out of range: which option, and what would be right. */
public final class FaultConfigException extends IllegalArgumentException {
    private final FaultConfig.Option option;

    FaultConfigException(FaultConfig.Option option, String message) {
        super(message);
        this.option = option;
    }

    /** The option whose value was refused. */
    public FaultConfig.Option option() {
        return option;
    }
}
