package dev.jnetlab.host.plot;

import static dev.jnetlab.host.plot.SvgAssertions.assertGolden;
import static dev.jnetlab.host.plot.SvgAssertions.parse;
import static dev.jnetlab.host.plot.SvgAssertions.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Charts as SVG: well-formed, the same as the golden pictures, marks where the axes put them. */
class SvgChartTest {
    @Test
    void theTimeSequenceGraphOfTheTransferIsItsGoldenPicture() throws Exception {
        String svg = SvgChart.render(Plots.timeSequence("192.168.69.1:49152 -> 192.168.69.100:7", Transfer.samples()));
        parse(svg);
        assertGolden("time-sequence.svg", svg);
    }

    @Test
    void theCongestionChartOfTheTransferIsItsGoldenPicture() throws Exception {
        String svg = SvgChart.render(Plots.congestion("transfer", Transfer.samples()).get(0));
        parse(svg);
        assertGolden("in-flight.svg", svg);
    }

    @Test
    void aRetransmissionIsARedLineLetteredR() {
        Document svg = parse(SvgChart.render(Plots.timeSequence("t", Transfer.samples())));
        NodeList lines = select(svg, "//g[@class='retransmission']/line");
        assertEquals(1, lines.getLength());
        assertEquals(Ink.RETRANSMISSION.colour(), ((Element) lines.item(0).getParentNode()).getAttribute("stroke"));
        assertEquals("R", select(svg, "//g[@class='retransmission']/text").item(0).getTextContent());
        assertEquals(5, select(svg, "//g[@class='data']/line").getLength(), "the SYN and four data segments");
    }

    @Test
    void aBarStandsWhereTheAxesPutIt() {
        Chart one = new Chart("one", "s", "octets", List.of(new Chart.Bars(Ink.DATA, List.of(
                new Chart.Bar(0, 0, 50), new Chart.Bar(1, 50, 100)))));
        Document svg = parse(SvgChart.render(one));
        Element first = (Element) select(svg, "//g[@class='data']/line").item(0);
        Element last = (Element) select(svg, "//g[@class='data']/line").item(1);
        assertEquals("80", first.getAttribute("x1"), "x 0 at the left edge of the plot");
        assertEquals("780", last.getAttribute("x1"), "x 1 at its right edge");
        assertEquals("360", first.getAttribute("y1"), "y 0 at its bottom");
        assertEquals("36", last.getAttribute("y2"), "y 100 at its top");
    }

    @Test
    void textIsEscaped() {
        String svg = SvgChart.render(new Chart("a <b> & \"c\"", "s", "octets", List.of()));
        assertTrue(svg.contains("a &lt;b&gt; &amp; &quot;c&quot;"));
        parse(svg);
    }
}
