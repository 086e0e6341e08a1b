package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.SeqNumber.ge;

/**
 * F-RTO (RFC 5682 §2, the basic algorithm): after a timeout, whether it was spurious, told by
 * the two ACKs that follow the retransmission rather than by timestamps or SACK.
 *
 * <ol>
 *   <li>The timer expired: the first unacknowledged segment goes again (the socket's go-back),
 *       and F-RTO waits for the first ACK. Not on a timeout again during F-RTO, nor while the
 *       flight of an earlier timeout is still being repaired (SND.UNA below its recover).</li>
 *   <li>The first ACK: a duplicate, or one that covers everything sent before the timeout,
 *       says nothing; the go-back goes on as usual. One that advances SND.UNA lets two new,
 *       never-sent segments out instead of retransmissions (when there are any).</li>
 *   <li>The second ACK: if it advances SND.UNA too, segments sent before the timeout are
 *       still arriving: the timeout was spurious, and the socket undoes it. A duplicate means
 *       a real loss: the go-back resumes from SND.UNA.</li>
 * </ol>
 * Nothing here allocates.
 */
final class ForwardRto {
    /** What the socket does after an ACK. */
    enum Verdict {
        /** Nothing changes. */
        NONE,
        /** Step 2b: send up to two new segments, not the old ones. */
        SEND_NEW_DATA,
        /** Step 3b: the timeout was spurious. */
        SPURIOUS,
        /** Step 3a: a real loss; go back to SND.UNA. */
        GO_BACK
    }

    private enum Step { OFF, FIRST_ACK, SECOND_ACK }

    private Step step = Step.OFF;
    /** SND.MAX at the timeout (RFC 5682 "recover"). */
    private int recover;
    private boolean timeoutRecoverValid;
    private int timeoutRecover;
    /** Octets of new data step 2b still lets out beyond the congestion window. */
    private int allowance;
    private long undos;

    /** A new connection. */
    void reset() {
        step = Step.OFF;
        timeoutRecoverValid = false;
        allowance = 0;
        undos = 0;
    }

    /** Step 1: the retransmission timer expired with [{@code sndUna}, {@code sndMax}) outstanding. */
    void timedOut(int sndUna, int sndMax) {
        boolean repairingEarlierTimeout = timeoutRecoverValid && ge(timeoutRecover, sndUna);
        if (step == Step.OFF && !repairingEarlierTimeout) {
            step = Step.FIRST_ACK;
            recover = sndMax;
        } else {
            step = Step.OFF;
        }
        allowance = 0;
        timeoutRecoverValid = true;
        timeoutRecover = sndMax;
    }

    /** An ACK advanced SND.UNA to {@code ack}; {@code segment} octets make one segment. */
    Verdict newAck(int ack, int segment) {
        switch (step) {
            case FIRST_ACK -> {
                if (ge(ack, recover)) {
                    step = Step.OFF;
                    return Verdict.NONE;
                }
                step = Step.SECOND_ACK;
                allowance = 2 * segment;
                return Verdict.SEND_NEW_DATA;
            }
            case SECOND_ACK -> {
                step = Step.OFF;
                allowance = 0;
                undos++;
                return Verdict.SPURIOUS;
            }
            default -> {
                return Verdict.NONE;
            }
        }
    }

    /** A duplicate ACK: F-RTO ends; in step 3 it is a real loss (step 3a). */
    Verdict duplicateAck() {
        Step was = step;
        step = Step.OFF;
        allowance = 0;
        return was == Step.SECOND_ACK ? Verdict.GO_BACK : Verdict.NONE;
    }

    /** Step 2b could send nothing new (no data, or the peer's window): the usual go-back it is. */
    void abandon() {
        step = Step.OFF;
        allowance = 0;
    }

    /** New octets step 2b may still send beyond the congestion window. */
    int allowance() {
        return allowance;
    }

    /** {@code octets} of new data went. */
    void sentNew(int octets) {
        allowance = Math.max(0, allowance - octets);
    }

    /** Timeouts F-RTO found spurious. */
    long undos() {
        return undos;
    }
}
