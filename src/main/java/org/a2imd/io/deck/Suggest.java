package org.a2imd.io.deck;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for misspelt keywords: nearest candidate by Damerau-Levenshtein distance. */
final class Suggest {
    private Suggest() {
    }

    /**
     * The candidate nearest to {@code typed}, or null when none is close enough to be a plausible typo
     * (distance at most 1 for short words, a third of the length for longer ones, never more than 3).
     * Case is ignored when measuring, so "Timestep" still finds "timestep".
     */
    static String nearest(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        int allowed = Math.min(3, Math.max(1, t.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(t, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= allowed ? best : null;
    }

    /** " Did you mean "x"?" or the empty string. */
    static String didYouMean(String typed, Collection<String> candidates) {
        String s = nearest(typed, candidates);
        return s == null ? "" : "; did you mean \"" + s + "\"?";
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
