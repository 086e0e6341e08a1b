package dev.jnetlab.commands.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineSplitterTest {

    @Test
    void splitsWordsOnBlanks() throws SyntaxException {
        assertEquals(List.of(List.of("ping", "-c", "3", "192.168.69.100")),
                CommandLineSplitter.commands("  ping -c 3\t192.168.69.100  "));
    }

    @Test
    void semicolonsAndNewlinesSeparateCommands() throws SyntaxException {
        assertEquals(List.of(List.of("arp"), List.of("iface"), List.of("stats")),
                CommandLineSplitter.commands("arp; iface\nstats;;"));
    }

    @Test
    void quotesKeepBlanksAndSemicolonsInsideOneWord() throws SyntaxException {
        assertEquals(List.of(List.of("tcp", "send", "3", "hello world; bye", "it's")),
                CommandLineSplitter.commands("tcp send 3 'hello world; bye' \"it's\""));
    }

    @Test
    void backslashesAreLeftForTheTextEscapes() throws SyntaxException {
        assertEquals(List.of(List.of("udp", "send", "1", "192.168.69.100:7", "hi\\n")),
                CommandLineSplitter.commands("udp send 1 192.168.69.100:7 hi\\n"));
    }

    @Test
    void aDoubleQuoteCanBeEscapedInsideDoubleQuotes() throws SyntaxException {
        assertEquals(List.of(List.of("say", "a \"b\"")), CommandLineSplitter.commands("say \"a \\\"b\\\"\""));
    }

    @Test
    void aHashStartsACommentUntilTheEndOfTheLine() throws SyntaxException {
        assertEquals(List.of(List.of("arp"), List.of("stats", "a#b")),
                CommandLineSplitter.commands("# a lab script\narp # show the cache\nstats a#b"));
    }

    @Test
    void blankInputHasNoCommands() throws SyntaxException {
        assertEquals(List.of(), CommandLineSplitter.commands("  ; \n # nothing"));
    }

    @Test
    void anEmptyQuotedWordIsAWord() throws SyntaxException {
        assertEquals(List.of(List.of("udp", "send", "1", "")), CommandLineSplitter.commands("udp send 1 ''"));
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        SyntaxException error = assertThrows(SyntaxException.class,
                () -> CommandLineSplitter.commands("tcp send 3 'oops"));
        assertEquals("the quote ' is never closed", error.getMessage());
    }
}
