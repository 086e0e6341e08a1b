package dev.jnetlab.labs.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jnetlab.labs.Lab;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab catalog: the built-in labs in the index's order, read now or on demand. */
class LabCatalogTest {

    @Test
    void theBuiltInLabsComeInTheIndexsOrder() throws Exception {
        List<String> files = LabCatalog.builtInFiles();

        assertEquals(files.stream().map(name -> name.substring(0, name.lastIndexOf('.'))).toList(),
                ids(LabCatalog.builtIn()));
        assertEquals("arp-ping", files.get(0).replace(".yaml", ""));
    }

    @Test
    void onDemandTheCatalogHoldsTheSameLabsAsReadNow() throws Exception {
        LabCatalog now = LabCatalog.builtIn();
        LabCatalog onDemand = LabCatalog.builtInOnDemand();

        assertEquals(ids(now), ids(onDemand));
        assertEquals(now.find("tcp-handshake").title(), onDemand.find("tcp-handshake").title());
    }

    @Test
    void onDemandAnUnknownIdIsRefusedWithTheCloseOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabCatalog.builtInOnDemand().find("tcp-handshak"));

        assertEquals("no lab 'tcp-handshak' (did you mean tcp-handshake?); 'lab list' shows them", e.getMessage());
    }

    private static List<String> ids(LabCatalog catalog) {
        return catalog.labs().stream().map(Lab::id).toList();
    }
}
