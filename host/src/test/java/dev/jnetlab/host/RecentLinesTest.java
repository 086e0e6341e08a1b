package dev.jnetlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The last lines said: passed on, the newest kept, heard by listeners while they listen. */
class RecentLinesTest {
    @Test
    void passesEveryLineOnAndKeepsTheNewest() {
        List<String> printed = new ArrayList<>();
        RecentLines recent = new RecentLines(printed::add, 2);
        recent.println("a");
        recent.println("b");
        recent.println("c");
        assertEquals(List.of("a", "b", "c"), printed);
        assertEquals(List.of("b", "c"), recent.lines());
    }

    @Test
    void aListenerHearsTheLinesUntilItStops() {
        RecentLines recent = new RecentLines(line -> { });
        List<String> heard = new ArrayList<>();
        Consumer<String> listener = heard::add;
        recent.listen(listener);
        recent.println("one");
        recent.unlisten(listener);
        recent.println("two");
        assertEquals(List.of("one"), heard);
    }
}
