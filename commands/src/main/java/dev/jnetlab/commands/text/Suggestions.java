package dev.jnetlab.commands.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean …": the known words closest to a mistyped one. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidates that {@code typed} is probably a slip for, closest first: those that
     * start with it, and those at most two edits away (one for words of up to four letters,
     * so that {@code ip} does not suggest {@code arp}). Empty when nothing is close.
     */
    public static List<String> closest(String typed, Collection<String> candidates) {
        record Scored(String word, int distance) {
        }
        int limit = typed.length() <= 4 ? 1 : 2;
        List<Scored> scored = new ArrayList<>();
        for (String candidate : candidates) {
            int distance = candidate.startsWith(typed) && !typed.isEmpty() ? 0 : distance(typed, candidate);
            if (distance <= limit && !candidate.equals(typed)) {
                scored.add(new Scored(candidate, distance));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::word));
        return scored.stream().map(Scored::word).distinct().toList();
    }

    /** {@code " (did you mean X?)"} for the closest candidate, or nothing: the tail of an error message. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        List<String> close = closest(typed, candidates);
        return close.isEmpty() ? "" : " (did you mean " + close.get(0) + "?)";
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
