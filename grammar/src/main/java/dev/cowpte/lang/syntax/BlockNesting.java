package dev.cowpte.lang.syntax;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.build.SourceMap;
import dev.cowpte.lang.check.Limits;

/**
 * Finds repeat blocks nested deeper than {@link Limits#MAX_BLOCK_NESTING} before parsing, so
 * that no input can make the recursive parser run out of stack. Braces in comments and strings
 * do not count; a {@code {i}} placeholder opens and closes at once.
 */
public final class BlockNesting {
    private BlockNesting() {
    }

    /** The error for the first brace too deep, or null. */
    public static Diagnostic check(String text, SourceMap sourceMap) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                inString = false;
            } else if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '#') {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n' && text.charAt(i + 1) != '\r') {
                    i++;
                }
            } else if (c == '{') {
                depth++;
                if (depth > Limits.MAX_BLOCK_NESTING + 1) {
                    return Diagnostic.error(sourceMap.rangeOfOffsets(i, i + 1), DiagnosticCode.NESTING_TOO_DEEP,
                            "repeat blocks are nested more than " + Limits.MAX_BLOCK_NESTING
                                    + " deep; the scenario was not read further");
                }
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            }
        }
        return null;
    }
}
