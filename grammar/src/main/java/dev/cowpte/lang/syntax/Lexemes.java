package dev.cowpte.lang.syntax;

import dev.cowpte.lang.parser.CowpteLexer;
import java.util.HashSet;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The lexer's tokens and keywords for callers outside the grammar (the editor's features), which
 * do not use ANTLR themselves: token types are {@link CowpteLexer}'s constants, positions are
 * code-point indexes into the text.
 */
public final class Lexemes {
    /** Receives each token in order. */
    @FunctionalInterface
    public interface Sink {
        /** A token of {@code type} over code points [start, end). */
        void token(int type, int start, int end);
    }

    private static final Set<String> KEYWORDS = literalWords();

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

    /** The words the lexer gives a token type of their own ({@code process}, {@code mmap}, {@code pt-reclaim} ...). */
    public static Set<String> keywords() {
        return KEYWORDS;
    }

    private static Set<String> literalWords() {
        Set<String> out = new HashSet<>();
        for (int type = 1; type <= CowpteLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = CowpteLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && literal.length() > 2 && Character.isLetter(literal.charAt(1))) {
                out.add(literal.substring(1, literal.length() - 1));
            }
        }
        return Set.copyOf(out);
    }
}
