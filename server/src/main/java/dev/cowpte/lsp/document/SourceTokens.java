package dev.cowpte.lsp.document;

import dev.cowpte.lang.build.SourceMap;
import dev.cowpte.lang.parser.CowpteLexer;
import dev.cowpte.lang.syntax.Lexemes;
import java.util.ArrayList;
import java.util.List;

/**
 * The lexer's tokens of a text with UTF-16 offsets, plus the comments the lexer skips (as tokens
 * of type {@link #COMMENT}). Works on any text, parsable or not.
 */
public final class SourceTokens {
    /** The type of a comment token ({@code #} to the end of the line). */
    public static final int COMMENT = -2;

    /** One token: its lexer type (or COMMENT), UTF-16 offsets [start, end) and text. */
    public record Tok(int type, int start, int end, String text) {
        public boolean is(int tokenType) {
            return type == tokenType;
        }

        public boolean contains(int offset) {
            return start <= offset && offset <= end;
        }
    }

    private SourceTokens() {
    }

    /** Every token of {@code text} in order, NEWLINE tokens and comments included. */
    public static List<Tok> of(String text) {
        SourceMap map = new SourceMap(text);
        List<Tok> out = new ArrayList<>();
        int[] previousEnd = {0};
        Lexemes.lex(text, (type, from, to) -> {
            int start = map.utf16Offset(from);
            int end = map.utf16Offset(to);
            comment(text, previousEnd[0], start, out);
            out.add(new Tok(type, start, end, text.substring(start, end)));
            previousEnd[0] = end;
        });
        comment(text, previousEnd[0], text.length(), out);
        return out;
    }

    /** Between two tokens stand only blanks and at most one comment, which runs to the gap's end. */
    private static void comment(String text, int from, int to, List<Tok> out) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '#') {
                out.add(new Tok(COMMENT, i, to, text.substring(i, to)));
                return;
            }
        }
    }

    /** The tokens of {@code all} that lie on the line [lineStart, lineEnd), newlines excluded. */
    public static List<Tok> between(List<Tok> all, int from, int to) {
        List<Tok> out = new ArrayList<>();
        for (Tok t : all) {
            if (t.start() >= from && t.end() <= to && t.type() != CowpteLexer.NEWLINE) {
                out.add(t);
            }
        }
        return out;
    }
}
