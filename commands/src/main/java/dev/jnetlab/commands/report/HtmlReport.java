package dev.jnetlab.commands.report;

import java.util.List;
import java.util.Optional;

/**
 * The report's HTML: one self-contained page (styles inline, pictures as inline SVG, no script
 * and no address to fetch), every section with an id the tests and a reader can find.
 */
final class HtmlReport {
    /** Trace lines shown at most. */
    static final int TRACE_LINES = 60;

    private HtmlReport() {
    }

    static String render(String iface, String stats, String sockets, String faults, Optional<String> network,
                         List<SessionPictures.ConnectionPictures> connections, List<String> recent, Optional<String> lab) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>jnetlab session report</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:70em;color:#222}\n")
                .append("pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:.85em}\n")
                .append("section{margin-bottom:2em}\nfigure{margin:1em 0}\nsvg{max-width:100%;height:auto}\n")
                .append("h2{border-bottom:1px solid #ccc}\n</style>\n</head>\n<body>\n")
                .append("<h1>jnetlab session report</h1>\n");
        network.ifPresent(svg -> section(out, "network", "Network",
                "<figure class=\"network\"><figcaption>Nodes and links; the prompt's node outlined</figcaption>\n" + svg
                        + "</figure>"));
        section(out, "interface", "Interface", "<pre>" + escape(iface) + "</pre>\n<h3>Counters</h3>\n<pre id=\"counters\">"
                + escape(stats) + "</pre>");
        section(out, "sockets", "Sockets and faults", "<pre>" + escape(sockets) + "</pre>\n<pre id=\"faults\">"
                + escape(faults) + "</pre>");
        StringBuilder pictures = new StringBuilder();
        if (connections.isEmpty()) {
            pictures.append("<p>No connection was recorded (tcp connect and tcp listen record theirs).</p>\n");
        }
        for (SessionPictures.ConnectionPictures c : connections) {
            String id = c.handle().replace('#', '-');
            pictures.append("<article class=\"connection\" id=\"").append(id).append("\">\n<h3>")
                    .append(escape(c.handle())).append(": ").append(escape(c.title())).append(" (")
                    .append(c.segments()).append(" segments)</h3>\n")
                    .append("<figure class=\"ladder\"><figcaption>Flow graph</figcaption>\n").append(c.ladder())
                    .append("</figure>\n<figure class=\"time-sequence\"><figcaption>Time-sequence graph</figcaption>\n")
                    .append(c.timeSequence()).append("</figure>\n")
                    .append("<figure class=\"congestion\"><figcaption>Congestion window and round-trip time</figcaption>\n")
                    .append(c.congestion()).append("</figure>\n</article>\n");
        }
        section(out, "connections", "Connections", pictures.toString());
        List<String> last = recent.subList(Math.max(0, recent.size() - TRACE_LINES), recent.size());
        section(out, "trace", "Trace: the last lines", last.isEmpty() ? "<p>Nothing was said.</p>"
                : "<pre>" + escape(String.join("\n", last)) + "</pre>");
        section(out, "lab", "Lab", lab.map(text -> "<pre>" + escape(text) + "</pre>").orElse("<p>No lab is running.</p>"));
        return out.append("</body>\n</html>\n").toString();
    }

    private static void section(StringBuilder out, String id, String title, String body) {
        out.append("<section id=\"").append(id).append("\">\n<h2>").append(title).append("</h2>\n").append(body)
                .append("\n</section>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
