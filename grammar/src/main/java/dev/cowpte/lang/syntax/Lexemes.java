package dev.cowpte.lang.syntax;

import dev.cowpte.lang.parser.CowpteLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The lexer's tokens for callers outside the grammar (the editor's features), which
 * do not use ANTLR themselves: token types are {@link CowpteLexer}'s constants, positions are
 * code-point indexes into the text. The keywords, by role, are {@link Vocabulary}'s.
 */
public final class Lexemes {
    /** Receives each token in order. */
    @FunctionalInterface
    public interface Sink {
        /** A token of {@code type} over code points [start, end). */
        void token(int type, int start, int end);
    }

    private Lexemes() {
    }

    /** Every token of {@code text} in order, NEWLINE tokens included, comments and blanks skipped; never throws on any text. */
    public static void lex(String text, Sink sink) {
        CowpteLexer lexer = new CowpteLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            sink.token(t.getType(), t.getStartIndex(), t.getStopIndex() + 1);
        }
    }
}
