package dev.jnetlab.commands.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Help's lines within 80 columns, a usage line broken between its forms. */
class WrapTest {
    @Test
    void aUsageLineBreaksBetweenFormsNeverInsideOne() {
        assertEquals("usage: lab retry | lab ladder | lab report | lab validate FILE |\n"
                        + "       lab run FILE --solution",
                Wrap.usage("usage: lab retry | lab ladder | lab report | lab validate FILE | lab run FILE --solution",
                        80, 7));
    }

    @Test
    void aBarInsideBracketsJoinsOptionsNotForms() {
        assertEquals("usage: tcp listen PORT [--backlog N | --half-open N | --rcvbuf SIZE] |\n"
                        + "       tcp close H",
                Wrap.usage("usage: tcp listen PORT [--backlog N | --half-open N | --rcvbuf SIZE] | tcp close H", 80, 7));
    }

    @Test
    void aLineThatFitsIsLeftAsItIs() {
        assertEquals("usage: ping [-c N] IP", Wrap.usage("usage: ping [-c N] IP", 80, 7));
    }
}
