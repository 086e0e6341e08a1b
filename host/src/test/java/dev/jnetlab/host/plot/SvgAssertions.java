package dev.jnetlab.host.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** SVG in tests: parsed as XML (so it is well-formed), queried with XPath, compared with a golden file. */
public final class SvgAssertions {
    private SvgAssertions() {
    }

    /** The document, or a failure saying where it is not well-formed XML. */
    public static Document parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", document.getDocumentElement().getTagName());
            assertEquals("http://www.w3.org/2000/svg", document.getDocumentElement().getAttribute("xmlns"));
            return document;
        } catch (Exception e) {
            return fail("not well-formed XML: " + e.getMessage());
        }
    }

    /** The elements an XPath expression selects. */
    public static NodeList select(Document document, String xpath) {
        try {
            return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET);
        } catch (Exception e) {
            return fail("bad XPath " + xpath + ": " + e.getMessage());
        }
    }

    /**
     * Compares {@code svg} with the golden file {@code golden/NAME} of the test resources. Run
     * with {@code -Dgolden.write=true} to write it anew after a deliberate change (then read the
     * picture before committing it).
     */
    public static void assertGolden(String name, String svg) throws IOException {
        Path file = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(file, svg);
        }
        assertEquals(Files.readString(file), svg, "differs from golden/" + name);
    }
}
