package dev.jnetlab.host.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A chart in the terminal: its width, braille dots or ASCII letters, and where a mark lands. */
class TerminalChartTest {
    /** One data bar at the left edge, one retransmission at the right, both the full height. */
    private static final Chart EDGES = new Chart("edges", "s", "octets", List.of(
            new Chart.Bars(Ink.DATA, List.of(new Chart.Bar(0, 0, 100))),
            new Chart.Bars(Ink.RETRANSMISSION, List.of(new Chart.Bar(1, 0, 100)))));

    @Test
    void aBrailleDotSetsItsBitOfTheCellCountingFromTheBottomLeft() {
        TextCanvas canvas = new TextCanvas(2, 1, true);
        assertEquals(4, canvas.width());
        assertEquals(4, canvas.height());
        canvas.dot(0, 0, Ink.DATA);
        canvas.dot(3, 3, Ink.ACK);
        assertEquals("\u2840\u2808", canvas.row(0, false));
        assertNull(new TextCanvas(1, 1, false).ink(0, 0));
    }

    @Test
    void theLaterInkWinsACellSoARetransmissionIsNeverHidden() {
        TextCanvas canvas = new TextCanvas(1, 1, false);
        canvas.dot(0, 0, Ink.RETRANSMISSION);
        canvas.dot(0, 0, Ink.ACK);
        assertEquals("R", canvas.row(0, false));
    }

    @Test
    void inAsciiTheBarsStandAtTheEdgesOfThePlotInTheirLetters() {
        String text = TerminalChart.render(EDGES, 60, TerminalChart.Style.ASCII);
        List<String> lines = text.lines().toList();
        for (String line : lines) {
            assertTrue(line.length() <= 60, () -> "wider than 60: " + line);
            assertTrue(line.chars().allMatch(c -> c < 128), () -> "not ASCII: " + line);
        }
        List<String> plot = lines.subList(1, 1 + TerminalChart.ROWS);
        for (String row : plot) {
            assertEquals('|', row.charAt(row.indexOf('+') < 0 ? row.indexOf('|') + 1 : row.indexOf('+') + 1), row);
            assertEquals('R', row.charAt(59), row);
        }
        assertTrue(lines.get(0).startsWith("edges"));
        assertTrue(lines.get(lines.size() - 1).contains("R retransmission"), "the legend names the marks");
        assertTrue(lines.get(lines.size() - 2).trim().startsWith("0.0"), "the x axis' first label");
    }

    @Test
    void inColourTheDotsAreBrailleAndTheRetransmissionRed() {
        String text = TerminalChart.render(EDGES, 80, TerminalChart.Style.COLOUR);
        String row = text.lines().skip(1).findFirst().orElseThrow();
        assertTrue(row.chars().anyMatch(c -> c >= 0x2801 && c <= 0x28FF), row);
        assertTrue(row.contains("\u001b[31m"), "retransmissions in red");
        assertTrue(row.endsWith("\u001b[0m"), "the colour is reset at the end of the row");
    }

    @Test
    void aLegendOfEveryInkWrapsAtTheWidthAndNamesThemAll() {
        List<Chart.Layer> layers = new java.util.ArrayList<>();
        for (Ink ink : Ink.values()) {
            layers.add(new Chart.Bars(ink, List.of(new Chart.Bar(ink.ordinal(), 0, 100))));
        }
        String text = TerminalChart.render(new Chart("all", "s", "octets", layers), 60, TerminalChart.Style.ASCII);
        List<String> lines = text.lines().toList();
        for (String line : lines) {
            assertTrue(line.length() <= 60, () -> "wider than 60: " + line);
        }
        String legend = String.join("\n", lines.subList(3 + TerminalChart.ROWS, lines.size()));
        assertTrue(legend.lines().count() > 1, "every ink does not fit one line of 60: " + legend);
        for (Ink ink : Ink.values()) {
            assertTrue(legend.contains(ink.ascii() + " " + ink.label()), ink + " missing from\n" + legend);
        }
    }

    @Test
    void aNarrowTerminalStillGetsTheNarrowestChart() {
        String text = TerminalChart.render(EDGES, 10, TerminalChart.Style.ASCII);
        assertEquals(TerminalChart.MIN_COLUMNS, text.lines().skip(1).findFirst().orElseThrow().length());
    }
}
