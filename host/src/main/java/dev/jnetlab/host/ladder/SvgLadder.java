package dev.jnetlab.host.ladder;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.tcp.TcpState;
import java.util.List;
import java.util.Optional;

/**
 * Draws a {@link Ladder} as SVG, the way Wireshark's flow graph does: the time on the left,
 * this stack's lifeline and the peer's, one arrow per segment sloping down with the segment as
 * tcpdump summarises it over it, the state each end entered in the margin beside its lifeline.
 * A retransmission's arrow is red and dashed; a segment the link lost stops half-way at a cross.
 * Sequence numbers count from each end's ISN. The text depends on the ladder alone.
 */
public final class SvgLadder {
    public static final int WIDTH = 860;
    static final int TOP = 70;
    static final int ROW = 34;
    static final int LOCAL_X = 250;
    static final int REMOTE_X = 650;

    private SvgLadder() {
    }

    public static String render(Ladder ladder) {
        List<LadderSegment> segments = ladder.segments();
        int height = TOP + ROW * (segments.size() + 1) + (ladder.omitted() > 0 ? ROW : 0);
        StringBuilder out = new StringBuilder(1024 + segments.size() * 400);
        String title = "TCP flow " + ladder.local() + " \u2194 " + ladder.remote();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(title))
                .append("\" font-family=\"sans-serif\" font-size=\"12\" class=\"ladder\">\n<title>").append(escape(title))
                .append("</title>\n<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                        + "markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0 0 L10 5 L0 10 z\" fill=\"context-stroke\"/>"
                        + "</marker></defs>\n<rect width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" fill=\"white\"/>\n");
        text(out, LOCAL_X, 22, "middle", "bold", ladder.local().toString());
        text(out, LOCAL_X, 38, "middle", "", "this stack");
        text(out, REMOTE_X, 22, "middle", "bold", ladder.remote().toString());
        text(out, REMOTE_X, 38, "middle", "", "peer");
        text(out, 10, 38, "start", "", "time (s)");
        out.append("<g class=\"lifelines\" stroke=\"#555\" stroke-width=\"2\">")
                .append("<line x1=\"").append(LOCAL_X).append("\" y1=\"48\" x2=\"").append(LOCAL_X).append("\" y2=\"").append(height - 10).append("\"/>")
                .append("<line x1=\"").append(REMOTE_X).append("\" y1=\"48\" x2=\"").append(REMOTE_X).append("\" y2=\"").append(height - 10).append("\"/>")
                .append("</g>\n");
        state(out, TOP - 16, ladder.localInitial(), ladder.remoteInitial());
        int localBase = LadderRenderer.base(segments, Direction.TX);
        int remoteBase = LadderRenderer.base(segments, Direction.RX);
        long start = segments.isEmpty() ? 0 : segments.get(0).time();
        Integer highestTx = null;
        Integer highestRx = null;
        for (int i = 0; i < segments.size(); i++) {
            LadderSegment segment = segments.get(i);
            boolean tx = segment.direction() == Direction.TX;
            boolean again = false;
            if (segment.sequenceLength() > 0) {
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
            int y = TOP + ROW * i;
            int fromX = tx ? LOCAL_X : REMOTE_X;
            int toX = tx ? REMOTE_X : LOCAL_X;
            int endY = y + ROW - 8;
            String colour = again ? "#d62728" : tx ? "#1f4e9c" : "#2e7d32";
            String label = String.join(" ", LadderRenderer.fields(segment, LadderRenderer.Numbering.RELATIVE,
                    tx ? localBase : remoteBase, tx ? remoteBase : localBase));
            out.append("<g class=\"segment").append(tx ? " tx" : " rx").append(again ? " retransmission" : "")
                    .append(segment.lost() ? " lost" : "").append("\">\n");
            text(out, 10, y + 8, "start", "", LadderRenderer.time(segment.time() - start));
            text(out, (LOCAL_X + REMOTE_X) / 2, y + 4, "middle", "", label);
            if (segment.lost()) {
                int midX = (LOCAL_X + REMOTE_X) / 2;
                int midY = (y + 8 + endY) / 2;
                out.append("<line x1=\"").append(fromX).append("\" y1=\"").append(y + 8).append("\" x2=\"").append(midX)
                        .append("\" y2=\"").append(midY).append("\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\"/>");
                out.append("<path d=\"M").append(midX - 6).append(' ').append(midY - 6).append(" l12 12 m0 -12 l-12 12\" "
                        + "stroke=\"#d62728\" stroke-width=\"2\"/>");
                text(out, midX + (tx ? 10 : -10), midY + 14, tx ? "start" : "end", "", "lost");
            } else {
                out.append("<line x1=\"").append(fromX).append("\" y1=\"").append(y + 8).append("\" x2=\"").append(toX)
                        .append("\" y2=\"").append(endY).append("\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"1.5\"").append(again ? " stroke-dasharray=\"6 3\"" : "")
                        .append(" marker-end=\"url(#head)\"/>");
            }
            out.append('\n');
            state(out, tx ? y + 12 : endY, segment.localState(), Optional.empty());
            state(out, tx ? endY : y + 12, Optional.empty(), segment.remoteState());
            out.append("</g>\n");
        }
        if (ladder.omitted() > 0) {
            text(out, 10, TOP + ROW * segments.size() + 12, "start", "", "... and " + ladder.omitted()
                    + " more segment" + (ladder.omitted() == 1 ? "" : "s") + ", not kept");
        }
        return out.append("</svg>\n").toString();
    }

    /** The states entered, in the margins beside their lifelines. */
    private static void state(StringBuilder out, int y, Optional<TcpState> local, Optional<TcpState> remote) {
        local.ifPresent(s -> out.append("<text class=\"state local\" x=\"").append(LOCAL_X - 8).append("\" y=\"").append(y)
                .append("\" text-anchor=\"end\" fill=\"#6a1b9a\" font-weight=\"bold\">").append(s).append("</text>"));
        remote.ifPresent(s -> out.append("<text class=\"state remote\" x=\"").append(REMOTE_X + 8).append("\" y=\"").append(y)
                .append("\" text-anchor=\"start\" fill=\"#6a1b9a\" font-weight=\"bold\">").append(s).append("</text>"));
    }

    private static void text(StringBuilder out, int x, int y, String anchor, String weight, String text) {
        out.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor).append('"')
                .append(weight.isEmpty() ? "" : " font-weight=\"" + weight + "\"").append('>').append(escape(text))
                .append("</text>");
    }

    /** {@code text} safe inside an XML element or attribute (XML 1.0 §2.4). */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
