package dev.jnetlab.host.ladder;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.socket.tcp.TransmitReason;
import dev.jnetlab.stack.wire.TcpFlags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Draws a {@link Ladder} as a ladder diagram in plain ASCII, at most 80 columns wide: the local
 * end's lifeline on the left, the remote end's on the right, one arrow per segment, time going
 * down. Above each arrow, the time since the first segment and the segment as tcpdump would
 * summarise it (flags, seq, ack, window, length); in the margins, the state each end entered
 * with it. Retransmitted sequence space is marked on its arrow, with the rule that sent it when
 * the socket said ({@code TLP} for a tail loss probe, {@code RACK retransmit} for a loss RACK
 * found by time, ...); a segment the link lost stops half-way, at an X with the word {@code lost}. Windows are in octets, scaled by the window
 * scale both SYNs agreed on (RFC 7323 §2.3).
 *
 * <pre>
 *    192.168.69.1:49152                                     192.168.69.100:7
 *        this stack                                               peer
 *        CLOSED |                                                    | LISTEN
 *      0.000000 |  S seq 0 win 64240                                 |
 *      SYN-SENT |--------------------------------------------------->| SYN-RECEIVED
 *      0.000120 |                       S. seq 0 ack 1 win 65160     |
 *   ESTABLISHED |<---------------------------------------------------|
 * </pre>
 *
 * Sequence numbers are relative to each end's initial sequence number, as tcpdump prints them
 * without {@code -S} (a SYN is seq 0), or absolute. The output depends on the ladder alone.
 */
public final class LadderRenderer {
    /** How sequence and acknowledgment numbers are printed. */
    public enum Numbering {
        /** From each end's ISN (its SYN's seq), or its first seq when the SYN was not seen. */
        RELATIVE,
        /** The 32-bit numbers on the wire. */
        ABSOLUTE
    }

    static final int WIDTH = 80;
    static final int MARGIN = 12;
    static final int LEFT = MARGIN + 1;
    static final int RIGHT = WIDTH - MARGIN - 2;
    private static final int LABEL_START = LEFT + 2;
    private static final int LABEL_END = RIGHT - 2;
    private static final int LABEL_WIDTH = LABEL_END - LABEL_START + 1;

    private LadderRenderer() {
    }

    public static String render(Ladder ladder, Numbering numbering) {
        StringBuilder out = new StringBuilder(256 + ladder.segments().size() * 170);
        String local = ladder.local().toString();
        String remote = ladder.remote().toString();
        line(out, centred(centred(blank(), local, LEFT), remote, RIGHT));
        line(out, centred(centred(blank(), "this stack", LEFT), "peer", RIGHT));
        line(out, margins(lifelines(blank()), ladder.localInitial(), ladder.remoteInitial()));
        List<LadderSegment> segments = ladder.segments();
        if (segments.isEmpty()) {
            line(out, lifelines(blank()));
            return out.toString();
        }
        int localBase = base(segments, Direction.TX);
        int remoteBase = base(segments, Direction.RX);
        long start = segments.get(0).time();
        Integer highestTx = null;
        Integer highestRx = null;
        for (LadderSegment segment : segments) {
            boolean tx = segment.direction() == Direction.TX;
            boolean again = false;
            if (segment.sequenceLength() > 0) {
                // Sent again if it starts below the highest sequence number sent so far, even
                // when it carries new data after the old (a retransmission that coalesced more).
                int end = segment.seq() + segment.sequenceLength();
                Integer highest = tx ? highestTx : highestRx;
                again = highest != null && segment.seq() - highest < 0;
                if (highest == null || end - highest > 0) {
                    if (tx) {
                        highestTx = end;
                    } else {
                        highestRx = end;
                    }
                }
            }
            List<String> parts = wrap(fields(segment, numbering, tx ? localBase : remoteBase,
                    tx ? remoteBase : localBase));
            for (int i = 0; i < parts.size(); i++) {
                char[] row = lifelines(blank());
                if (i == 0) {
                    String time = time(segment.time() - start);
                    put(row, MARGIN - time.length(), time);
                }
                String part = parts.get(i);
                put(row, tx ? LABEL_START : LABEL_END + 1 - part.length(), part);
                line(out, row);
            }
            line(out, margins(arrow(lifelines(blank()), tx, mark(again, segment.reason()), segment.lost()),
                    segment.localState(),
                    segment.remoteState()));
        }
        if (ladder.omitted() > 0) {
            line(out, lifelines(blank()));
            line(out, ("... and " + ladder.omitted() + " more segment" + (ladder.omitted() == 1 ? "" : "s")
                    + ", not kept").toCharArray());
        }
        return out.toString();
    }

    /** The sequence number the numbers of one direction count from. */
    static int base(List<LadderSegment> segments, Direction from) {
        for (LadderSegment segment : segments) {
            if (segment.direction() == from && segment.has(TcpFlags.SYN)) {
                return segment.seq();
            }
        }
        for (LadderSegment segment : segments) {
            if (segment.direction() == from) {
                return segment.seq();
            }
        }
        for (LadderSegment segment : segments) {
            if (segment.direction() != from && segment.has(TcpFlags.ACK)) {
                return segment.ack();
            }
        }
        return 0;
    }

    /** The segment as tcpdump summarises it, field by field: flags, seq, ack, win, len. */
    static List<String> fields(LadderSegment segment, Numbering numbering, int ownBase, int otherBase) {
        List<String> fields = new ArrayList<>(5);
        fields.add(TcpFlags.appendTcpdump(new StringBuilder(9), segment.flags()).toString());
        fields.add("seq " + number(segment.seq(), ownBase, numbering));
        if (segment.has(TcpFlags.ACK)) {
            fields.add("ack " + number(segment.ack(), otherBase, numbering));
        }
        fields.add("win " + segment.window());
        if (segment.length() > 0) {
            fields.add("len " + segment.length());
        }
        return fields;
    }

    private static String number(int value, int base, Numbering numbering) {
        return Integer.toUnsignedString(numbering == Numbering.RELATIVE ? value - base : value);
    }

    /** The fields in as few lines as fit between the lifelines, never breaking one. */
    private static List<String> wrap(List<String> fields) {
        List<String> lines = new ArrayList<>(2);
        StringBuilder line = new StringBuilder(LABEL_WIDTH);
        for (String field : fields) {
            if (line.length() > 0 && line.length() + 1 + field.length() > LABEL_WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(field);
        }
        lines.add(line.toString());
        return lines;
    }

    /** Seconds since the first segment, to the microsecond. */
    static String time(long micros) {
        long seconds = micros / 1_000_000;
        long fraction = micros % 1_000_000;
        String text = seconds + "." + String.format("%06d", fraction);
        return text.length() <= MARGIN ? text : text.substring(0, MARGIN);
    }

    /**
     * The arrow of a segment; one lost on the link stops half-way at an X, with the word
     * {@code lost}: sent, it never reached the peer; received, it left the peer and never came.
     */
    private static char[] arrow(char[] row, boolean tx, String mark, boolean lost) {
        if (lost) {
            int middle = (LEFT + RIGHT) / 2;
            for (int i = tx ? LEFT + 1 : middle + 1; i < (tx ? middle : RIGHT); i++) {
                row[i] = '-';
            }
            row[middle] = 'X';
            String note = mark.isEmpty() ? " lost " : " " + mark + " lost ";
            put(row, tx ? middle - note.length() : middle + 1, note);
            return row;
        }
        for (int i = LEFT + 1; i < RIGHT; i++) {
            row[i] = '-';
        }
        if (tx) {
            row[RIGHT - 1] = '>';
        } else {
            row[LEFT + 1] = '<';
        }
        if (!mark.isEmpty()) {
            String note = " " + mark + " ";
            put(row, (LEFT + RIGHT) / 2 - note.length() / 2, note);
        }
        return row;
    }

    /**
     * The words on an arrow: the rule that sent the segment, when its socket said (RFC 8985's
     * tail loss probe carries new data or the last segment again), else {@code retransmission}
     * for sequence space sent before, else none.
     */
    static String mark(boolean again, TransmitReason reason) {
        return switch (reason) {
            case ORDINARY -> again ? "retransmission" : "";
            case FAST_RETRANSMIT -> "fast retransmit";
            case SACK_LOSS -> "SACK retransmit";
            case RACK_LOSS -> "RACK retransmit";
            case LOSS_PROBE -> again ? "TLP retransmit" : "TLP";
            case RESCUE -> "rescue retransmit";
        };
    }

    private static char[] margins(char[] row, Optional<TcpState> local, Optional<TcpState> remote) {
        local.ifPresent(state -> put(row, MARGIN - state.toString().length(), state.toString()));
        remote.ifPresent(state -> put(row, RIGHT + 2, state.toString()));
        return row;
    }

    private static char[] blank() {
        char[] row = new char[WIDTH];
        Arrays.fill(row, ' ');
        return row;
    }

    private static char[] lifelines(char[] row) {
        row[LEFT] = '|';
        row[RIGHT] = '|';
        return row;
    }

    /** {@code text} centred on column {@code at}, kept inside the line. */
    private static char[] centred(char[] row, String text, int at) {
        int start = Math.max(0, Math.min(WIDTH - text.length(), at - text.length() / 2));
        put(row, start, text);
        return row;
    }

    private static void put(char[] row, int at, String text) {
        for (int i = 0; i < text.length() && at + i < row.length; i++) {
            if (at + i >= 0) {
                row[at + i] = text.charAt(i);
            }
        }
    }

    private static void line(StringBuilder out, char[] row) {
        int end = row.length;
        while (end > 0 && row[end - 1] == ' ') {
            end--;
        }
        out.append(row, 0, end).append('\n');
    }
}
