package dev.jnetlab.commands.report;

import static dev.jnetlab.host.plot.SvgAssertions.parse;
import static dev.jnetlab.host.plot.SvgAssertions.select;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.standard.StandardCommands;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.NetworkConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The picture of the network running: every node and link, the faults on each link, the node the prompt is on. */
class NetworkDiagramTest {
    private static NetworkDiagram.Diagram diagram(VirtualConsole console) {
        return console.stack((network, now) -> NetworkDiagram.of(network));
    }

    private static Element byId(Document svg, String id) {
        return (Element) select(svg, "//*[@id='" + id + "']").item(0);
    }

    @Test
    void theRoutedNetworkRunsLeftToRightFromThePromptsHostWithEachLinksEnds() {
        VirtualConsole console = new VirtualConsole("routed");
        NetworkDiagram.Diagram diagram = diagram(console);
        assertEquals(List.of("h1", "r1", "h2"), diagram.nodes().stream().map(NetworkDiagram.Node::name).toList());
        Map<String, int[]> places = NetworkDiagram.layout(diagram);
        assertArrayEquals(new int[] {0, 0}, places.get("h1"));
        assertArrayEquals(new int[] {1, 0}, places.get("r1"));
        assertArrayEquals(new int[] {2, 0}, places.get("h2"));

        Document svg = parse(NetworkDiagram.svg(diagram));
        for (String kind : List.of("host", "router")) {
            assertTrue(select(svg, "//g[contains(@class,'" + kind + "')]").getLength() > 0, kind);
        }
        Element link = byId(svg, "link-h1-r1");
        assertEquals("h1", link.getAttribute("data-a"));
        assertEquals("r1", link.getAttribute("data-b"));
        assertTrue(byId(svg, "link-r1-h2") != null);
        assertEquals("node host current", byId(svg, "node-h1").getAttribute("class"), "the prompt's node is marked");
        assertEquals("node host", byId(svg, "node-h2").getAttribute("class"));
    }

    @Test
    void theNodeThePromptMovesToIsTheOneMarked() {
        VirtualConsole console = new VirtualConsole("routed");
        console.ok("node h2");
        Document svg = parse(NetworkDiagram.svg(diagram(console)));
        assertEquals("node host current", byId(svg, "node-h2").getAttribute("class"));
        assertEquals("node host", byId(svg, "node-h1").getAttribute("class"));
    }

    @Test
    void eachLinkSaysItsFaultsEachWayAndAHostsOwnFaultsOnItsLink() {
        VirtualConsole console = new VirtualConsole("wan");
        console.ok("fault drop 5");
        NetworkDiagram.Diagram diagram = diagram(console);
        NetworkDiagram.Link slow = diagram.links().stream().filter(l -> l.name().equals("r1-r2")).findFirst().orElseThrow();
        assertEquals("20ms 2Mbit/s", slow.shape());
        assertEquals("r1\u2192r2 drop 1%; r2\u2192r1 drop 1%", slow.faults());
        NetworkDiagram.Link h1 = diagram.links().stream().filter(l -> l.name().equals("h1-s1")).findFirst().orElseThrow();
        assertEquals("h1 drop 5%", h1.faults());
        Document svg = parse(NetworkDiagram.svg(diagram));
        assertEquals("link faulty", byId(svg, "link-r1-r2").getAttribute("class"));
        assertEquals("link", byId(svg, "link-h3-s2").getAttribute("class"));
        assertEquals(8, select(svg, "//g[contains(@class,'node')]").getLength(), "2 switches, 2 routers, 4 hosts");
        Map<String, int[]> places = NetworkDiagram.layout(diagram);
        assertArrayEquals(new int[] {0, 0}, places.get("h1"), "the picture starts where the prompt started");
        assertArrayEquals(new int[] {1, 0}, places.get("s1"));
        assertArrayEquals(new int[] {3, 0}, places.get("r2"), "two hops past the switch: r1, then r2");
        assertArrayEquals(new int[] {5, 1}, places.get("h4"));
        assertEquals(7, select(svg, "//g[contains(@class,'link')]").getLength());
    }

    @Test
    void withoutATopologyItIsThisHostAndThePeerOnTheVirtualWire() {
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(1), StandardCommands.registry());
        NetworkDiagram.Diagram diagram = diagram(console);
        assertEquals(List.of("this", "peer"), diagram.nodes().stream().map(NetworkDiagram.Node::name).toList());
        assertEquals("this-peer", diagram.links().get(0).name());
        assertEquals("192.168.69.100/24", diagram.nodes().get(1).address());
    }
}
