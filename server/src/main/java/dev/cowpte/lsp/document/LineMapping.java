package dev.cowpte.lsp.document;

import java.util.List;
import java.util.OptionalInt;

/**
 * How the lines of an older text of a document map to a newer one after edits: the lines before
 * the first changed one and after the last are the same text in both (a common prefix and suffix
 * of lines); the lines in between have no counterpart. Enough to place an older run's results on
 * the lines that did not change.
 */
public final class LineMapping {
    private final int oldLines;
    private final int newLines;
    /** Lines [0, prefix) are the same in both texts. */
    private final int prefix;
    /** The last {@code suffix} lines are the same in both texts. */
    private final int suffix;

    private LineMapping(int oldLines, int newLines, int prefix, int suffix) {
        this.oldLines = oldLines;
        this.newLines = newLines;
        this.prefix = prefix;
        this.suffix = suffix;
    }

    public static LineMapping between(String oldText, String newText) {
        List<String> a = oldText.lines().toList();
        List<String> b = newText.lines().toList();
        int p = 0;
        while (p < a.size() && p < b.size() && a.get(p).equals(b.get(p))) {
            p++;
        }
        int s = 0;
        while (s < a.size() - p && s < b.size() - p && a.get(a.size() - 1 - s).equals(b.get(b.size() - 1 - s))) {
            s++;
        }
        return new LineMapping(a.size(), b.size(), p, s);
    }

    /** Whether both texts have the same lines. */
    public boolean identical() {
        return prefix == oldLines && prefix == newLines;
    }

    /** The first 0-based line that differs; every line above it is the same in both texts. */
    public int firstChangedLine() {
        return prefix;
    }

    /** The line of the older text that holds the same text as {@code newLine} of the newer, if it is unchanged. */
    public OptionalInt toOld(int newLine) {
        if (newLine < prefix) {
            return OptionalInt.of(newLine);
        }
        if (newLine >= newLines - suffix && newLine < newLines) {
            return OptionalInt.of(newLine - newLines + oldLines);
        }
        return OptionalInt.empty();
    }

    /** The line of the newer text that holds the same text as {@code oldLine} of the older, if it is unchanged. */
    public OptionalInt toNew(int oldLine) {
        if (oldLine < prefix) {
            return OptionalInt.of(oldLine);
        }
        if (oldLine >= oldLines - suffix && oldLine < oldLines) {
            return OptionalInt.of(oldLine - oldLines + newLines);
        }
        return OptionalInt.empty();
    }
}
