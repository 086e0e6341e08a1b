package dev.jnetlab.labs.check;

import dev.jnetlab.stack.socket.tcp.TcpListener;

/**
 * What {@code tcp show H} prints of a listener, as numbers: its queues, its SYN cookies and the
 * SYNs it dropped, by reason.
 *
 * @param syncookies when it sends cookies, as Linux's {@code tcp_syncookies}: 0 never, 1 when the
 *                   half-open queue is full, 2 always
 */
public record ListenerStatus(int waiting, int backlog, int halfOpen, int maxHalfOpen, int syncookies, long accepted,
                             long cookiesSent, long cookiesValidated, long cookiesRejected, long synsDroppedBacklogFull,
                             long synsDroppedHalfOpenFull, long cookieAcksDroppedBacklogFull) {

    /** {@code listener} now. */
    public static ListenerStatus of(TcpListener listener) {
        return new ListenerStatus(listener.readyCount(), listener.backlog(), listener.halfOpenCount(),
                listener.maxHalfOpen(), listener.synCookieMode().ordinal(), listener.acceptedCount(),
                listener.cookiesSent(), listener.cookiesValidated(), listener.cookiesRejected(),
                listener.synsDroppedBacklogFull(), listener.synsDroppedHalfOpenFull(),
                listener.cookieAcksDroppedBacklogFull());
    }
}
