package dev.jnetlab.commands.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.host.plot.TerminalChart.Style;
import org.junit.jupiter.api.Test;

/** How a plot is drawn when no option says: colour only on a colour terminal without NO_COLOR, as wide as told. */
class PlotStyleTest {
    @Test
    void colourOnAConsoleWithATerminalTypeAndNoNoColor() {
        assertEquals(new PlotStyle(Style.COLOUR, 120), PlotStyle.of(null, true, "xterm-256color", "120"));
    }

    @Test
    void asciiWithNoColorEvenEmptyWithoutAConsoleOrOnADumbTerminal() {
        assertEquals(Style.ASCII, PlotStyle.of("", true, "xterm", "80").style());
        assertEquals(Style.ASCII, PlotStyle.of(null, false, "xterm", "80").style());
        assertEquals(Style.ASCII, PlotStyle.of(null, true, "dumb", "80").style());
        assertEquals(Style.ASCII, PlotStyle.of(null, true, null, "80").style());
    }

    @Test
    void theWidthIsTheTerminalsOrTheDefaultNeverBelowTheNarrowestChart() {
        assertEquals(PlotStyle.DEFAULT_COLUMNS, PlotStyle.of(null, false, null, null).columns());
        assertEquals(PlotStyle.DEFAULT_COLUMNS, PlotStyle.of(null, false, null, "wide").columns());
        assertEquals(40, PlotStyle.of(null, false, null, "12").columns());
        assertEquals(new PlotStyle(Style.ASCII, 70), PlotStyle.of(null, true, "xterm", "200").width(70).ascii(true));
    }
}
