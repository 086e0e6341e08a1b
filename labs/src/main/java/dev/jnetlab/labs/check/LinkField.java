package dev.jnetlab.labs.check;

/** What a {@code link} check reads of a topology link ({@link LinkCounters}), by the names lab files use. */
public enum LinkField {
    /** Frames the link took (not those dropped at the tail): counted from the step's start. */
    FRAMES("frames", true),
    /** Frames its queue dropped at the tail, the queue being full: counted from the step's start. */
    TAIL_DROPS("tail-drops", true),
    /** Frames waiting in its queue (or being clocked out) now. */
    QUEUED("queued", false);

    private final String key;
    private final boolean counts;

    LinkField(String key, boolean counts) {
        this.key = key;
        this.counts = counts;
    }

    /** The name in lab files: {@code tail-drops}. */
    public String key() {
        return key;
    }

    /** Whether the field counts events: a check measures it from the step's start. */
    public boolean counts() {
        return counts;
    }
}
