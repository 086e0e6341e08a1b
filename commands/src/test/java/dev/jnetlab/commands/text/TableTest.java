package dev.jnetlab.commands.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsArePaddedToTheirWidestCellAndTheLastIsNot() {
        Table table = new Table("handle", "state").row("udp#1", "bound").row("tcp#12", "ESTABLISHED");
        assertEquals("handle  state\nudp#1   bound\ntcp#12  ESTABLISHED", table.toString());
        assertEquals(2, table.size());
    }

    @Test
    void aRowHasACellPerColumn() {
        assertThrows(IllegalArgumentException.class, () -> new Table("a", "b").row("1"));
    }
}
