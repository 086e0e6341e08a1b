package dev.jnetlab.host.plot;

import java.util.Locale;

/** The few pieces of SVG 1.1 text the pictures share: escaping and numbers that read the same everywhere. */
final class Svg {
    private Svg() {
    }

    /** {@code text} safe inside an XML element or attribute (XML 1.0 §2.4). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** A coordinate with at most one decimal, the same on every locale. */
    static String n(double value) {
        String s = String.format(Locale.ROOT, "%.1f", value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    static String open(int width, int height, String label) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-label=\"" + escape(label)
                + "\" font-family=\"sans-serif\" font-size=\"12\">\n"
                + "<title>" + escape(label) + "</title>\n"
                + "<rect width=\"" + width + "\" height=\"" + height + "\" fill=\"white\"/>\n";
    }
}
