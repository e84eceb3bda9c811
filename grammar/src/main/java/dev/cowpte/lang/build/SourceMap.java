package dev.cowpte.lang.build;

import dev.cowpte.lang.SourceRange;
import java.util.Arrays;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns ANTLR positions (code-point indexes) into {@link SourceRange}s: UTF-16 offsets, 1-based
 * lines and UTF-16 columns, with {@code \n}, {@code \r\n} and {@code \r} all ending a line, as
 * editors count them.
 */
public final class SourceMap {
    private final String text;
    /** Code-point indexes of the characters outside the BMP (two UTF-16 units each), ascending. */
    private final int[] astralCodePoints;
    /** UTF-16 offsets at which lines start, ascending; the first is 0. */
    private final int[] lineStarts;

    public SourceMap(String text) {
        this.text = text;
        this.astralCodePoints = findAstralCodePoints(text);
        this.lineStarts = findLineStarts(text);
    }

    private static int[] findAstralCodePoints(String text) {
        int[] found = new int[0];
        int count = 0;
        int codePointIndex = 0;
        for (int i = 0; i < text.length(); codePointIndex++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, Math.max(8, count * 2));
                }
                found[count++] = codePointIndex;
                i += 2;
            } else {
                i++;
            }
        }
        return Arrays.copyOf(found, count);
    }

    private static int[] findLineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineEnd = c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
            if (lineEnd) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /** The UTF-16 offset of code point number {@code codePointIndex}. */
    public int utf16Offset(int codePointIndex) {
        if (astralCodePoints.length == 0) {
            return Math.min(codePointIndex, text.length());
        }
        int before = Arrays.binarySearch(astralCodePoints, codePointIndex);
        int astralBefore = before >= 0 ? before : -before - 1;
        return Math.min(codePointIndex + astralBefore, text.length());
    }

    /** The range between two UTF-16 offsets (end exclusive). */
    public SourceRange rangeOfOffsets(int start, int end) {
        int safeStart = Math.max(0, Math.min(start, text.length()));
        int safeEnd = Math.max(safeStart, Math.min(end, text.length()));
        int startLine = lineIndexOf(safeStart);
        int endLine = lineIndexOf(safeEnd);
        return new SourceRange(startLine + 1, safeStart - lineStarts[startLine] + 1,
                endLine + 1, safeEnd - lineStarts[endLine] + 1, safeStart, safeEnd);
    }

    private int lineIndexOf(int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found : -found - 2;
    }

    public SourceRange range(Token token) {
        if (token == null) {
            return SourceRange.NONE;
        }
        if (token.getType() == Token.EOF) {
            int end = text.length();
            return rangeOfOffsets(end, end);
        }
        return rangeOfOffsets(utf16Offset(token.getStartIndex()), utf16Offset(token.getStopIndex() + 1));
    }

    public SourceRange range(Token first, Token last) {
        if (last == null || last.getType() == Token.EOF || last.getStopIndex() < first.getStartIndex()) {
            return range(first);
        }
        return rangeOfOffsets(utf16Offset(first.getStartIndex()), utf16Offset(last.getStopIndex() + 1));
    }

    public SourceRange range(ParserRuleContext context) {
        return range(context.getStart(), context.getStop());
    }
}
