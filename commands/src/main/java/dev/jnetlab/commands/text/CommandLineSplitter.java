package dev.jnetlab.commands.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits what a person typed into commands and words, the way a shell would: words are
 * separated by blanks, 'single' and "double" quotes keep blanks (and semicolons) inside a
 * word, a semicolon outside quotes ends a command ({@code -c 'ping -c 1 192.168.69.100; arp'}),
 * and a {@code #} at the start of a word starts a comment. Backslashes are left in place: TEXT
 * arguments decode their own C escapes ({@link TextEscapes}).
 */
public final class CommandLineSplitter {
    private CommandLineSplitter() {
    }

    /** The commands on one line, each as its words; empty commands are left out. */
    public static List<List<String>> commands(String line) throws SyntaxException {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    if (c == '\\' && quote == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        c = line.charAt(++i);
                    }
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == ';' || c == '\n') {
                inWord = endWord(words, word, inWord);
                endCommand(commands, words);
            } else if (Character.isWhitespace(c)) {
                inWord = endWord(words, word, inWord);
            } else if (c == '#' && !inWord) {
                int newline = line.indexOf('\n', i);
                if (newline < 0) {
                    break;
                }
                i = newline - 1;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new SyntaxException("the quote " + quote + " is never closed");
        }
        endWord(words, word, inWord);
        endCommand(commands, words);
        return commands;
    }

    private static boolean endWord(List<String> words, StringBuilder word, boolean inWord) {
        if (inWord) {
            words.add(word.toString());
            word.setLength(0);
        }
        return false;
    }

    private static void endCommand(List<List<String>> commands, List<String> words) {
        if (!words.isEmpty()) {
            commands.add(List.copyOf(words));
            words.clear();
        }
    }
}
