package dev.cowpte.lsp.document;

import dev.cowpte.lang.SourceRange;
import java.util.Arrays;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Line starts of one text, for converting between UTF-16 offsets (Java string indexes) and
 * LSP positions (0-based line, UTF-16 character). Positions outside the text are clamped.
 */
public final class LineIndex {
    private final int[] starts;
    private final int length;
    private final String text;

    public LineIndex(String text) {
        int[] s = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                }
                s[n++] = i + 1;
            }
        }
        this.starts = Arrays.copyOf(s, n);
        this.length = text.length();
        this.text = text;
    }

    public int lineCount() {
        return starts.length;
    }

    /**
     * The offset of a position, clamped into the text; a character past the end of its line
     * means the line's end, before its line break (as the protocol says), not the next line.
     */
    public int offsetAt(Position p) {
        if (p == null || p.getLine() < 0) {
            return 0;
        }
        if (p.getLine() >= starts.length) {
            return length;
        }
        int start = starts[p.getLine()];
        // In long arithmetic: a character up to 2^31-1 is allowed, and start + it must not wrap around.
        long wanted = (long) start + Math.max(0, p.getCharacter());
        return (int) Math.max(start, Math.min(wanted, lineEnd(p.getLine())));
    }

    /** End offset of a 0-based line (clamped), before its line break. */
    public int lineEnd(int line) {
        int l = Math.max(0, Math.min(line, starts.length - 1));
        int end = l + 1 < starts.length ? starts[l + 1] : length;
        while (end > starts[l] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    public Position positionAt(int offset) {
        int o = Math.max(0, Math.min(offset, length));
        int line = Arrays.binarySearch(starts, o);
        if (line < 0) {
            line = -line - 2;
        }
        return new Position(line, o - starts[line]);
    }

    /** Start offset of a 0-based line, clamped. */
    public int lineStart(int line) {
        return starts[Math.max(0, Math.min(line, starts.length - 1))];
    }

    /** The LSP range of a front-end range (1-based lines and UTF-16 columns). */
    public static Range toLsp(SourceRange r) {
        return new Range(new Position(Math.max(0, r.line() - 1), Math.max(0, r.column() - 1)),
                new Position(Math.max(0, r.endLine() - 1), Math.max(0, r.endColumn() - 1)));
    }
}
