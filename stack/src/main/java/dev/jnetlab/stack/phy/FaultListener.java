package dev.jnetlab.stack.phy;

/** Told of every fault a {@link FaultInjector} puts on the link. */
@FunctionalInterface
public interface FaultListener {
    /** Listens to nothing: the injector's listener until one is set. */
    FaultListener NONE = event -> { };

    /**
     * One injected fault. The event, and the frame it lends, are valid for this call only: the
     * injector reuses them for the next fault, so a listener that keeps one copies it
     * ({@link FaultEvent#toString()}).
     */
    void onFault(FaultEvent event);
}
