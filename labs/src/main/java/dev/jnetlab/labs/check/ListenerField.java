package dev.jnetlab.labs.check;

import java.util.function.ToLongFunction;

/**
 * The numbers of {@code tcp show} of a listener a lab can put bounds on, by the names lab files
 * use, each a line of what the student sees: {@code backlog:} (waiting, backlog, half-open,
 * max-half-open), {@code accepted:}, {@code cookies:}, {@code syncookies:} and {@code dropped:}.
 */
public enum ListenerField {
    WAITING("waiting", ListenerStatus::waiting),
    BACKLOG("backlog", ListenerStatus::backlog),
    HALF_OPEN("half-open", ListenerStatus::halfOpen),
    MAX_HALF_OPEN("max-half-open", ListenerStatus::maxHalfOpen),
    SYNCOOKIES("syncookies", ListenerStatus::syncookies),
    ACCEPTED("accepted", ListenerStatus::accepted, true),
    COOKIES_SENT("cookies-sent", ListenerStatus::cookiesSent, true),
    COOKIES_VALIDATED("cookies-validated", ListenerStatus::cookiesValidated, true),
    COOKIES_REJECTED("cookies-rejected", ListenerStatus::cookiesRejected, true),
    SYNS_DROPPED_BACKLOG_FULL("syns-dropped-backlog-full", ListenerStatus::synsDroppedBacklogFull, true),
    SYNS_DROPPED_HALF_OPEN_FULL("syns-dropped-half-open-full", ListenerStatus::synsDroppedHalfOpenFull, true),
    COOKIE_ACKS_DROPPED("cookie-acks-dropped", ListenerStatus::cookieAcksDroppedBacklogFull, true);

    private final String key;
    private final ToLongFunction<ListenerStatus> reader;
    private final boolean counts;

    ListenerField(String key, ToLongFunction<ListenerStatus> reader) {
        this(key, reader, false);
    }

    ListenerField(String key, ToLongFunction<ListenerStatus> reader, boolean counts) {
        this.key = key;
        this.reader = reader;
        this.counts = counts;
    }

    /** Whether the field counts events (cookies, drops): a check measures it from the step's start. */
    public boolean counts() {
        return counts;
    }

    /** The name in lab files: {@code cookies-sent}. */
    public String key() {
        return key;
    }

    public long of(ListenerStatus status) {
        return reader.applyAsLong(status);
    }
}
