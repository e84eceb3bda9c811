package dev.cowpte.lang.syntax;

import java.util.List;

/** "Did you mean ...": the closest known word to a misspelt one, if it is close enough. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The candidate at the smallest edit distance from {@code word}, if at most 2 edits and shorter than it. */
    public static String closest(String word, List<String> candidates) {
        if (word.length() > 40) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(word, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        boolean closeEnough = bestDistance > 0 && bestDistance <= 2 && bestDistance < word.length();
        return closeEnough ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
