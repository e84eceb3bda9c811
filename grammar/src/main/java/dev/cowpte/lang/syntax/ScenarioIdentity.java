package dev.cowpte.lang.syntax;

import dev.cowpte.lang.parser.CowpteLexer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A scenario's identity: a hash of its text as the lexer reads it, so that a run on the simulator
 * and a run on the kernel of the same scenario can be matched, whatever file they came from.
 *
 * <p>The hashed text is the normalised one: the tokens in order, each as written, comments and
 * blanks left out; the tokens of one line joined by one space; lines joined by one line end
 * ({@code \n}, whatever the file used), empty lines dropped, and no line end at the start, at
 * the end or next to a {@code {} (where the grammar lets a block's brace stand on either line).
 * Reformatting, comments and line endings leave it alone; any change of a token (a word, a
 * number as written, an operator) or of where a statement ends changes it.
 */
public final class ScenarioIdentity {
    /** Hex digits of the SHA-256 kept: 64 bits, enough to tell apart every scenario a suite holds. */
    private static final int HEX_DIGITS = 16;

    private ScenarioIdentity() {
    }

    /** {@code sha256:} and the first 16 hex digits of the SHA-256 of {@link #normalised} as UTF-8. */
    public static String of(String text) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] digest = sha.digest(normalised(text).getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    }

    /** The text the identity hashes (see the class comment). */
    public static String normalised(String text) {
        Builder b = new Builder(text.codePoints().toArray());
        Lexemes.lex(text, b);
        return b.text();
    }

    /** Joins the tokens as the class comment says. */
    private static final class Builder implements Lexemes.Sink {
        private final int[] codePoints;
        private final StringBuilder out = new StringBuilder();
        private boolean lineEndPending;
        private int previousType = -1;

        Builder(int[] codePoints) {
            this.codePoints = codePoints;
        }

        @Override
        public void token(int type, int start, int end) {
            if (type == CowpteLexer.NEWLINE) {
                lineEndPending = out.length() > 0 && previousType != CowpteLexer.LBRACE;
                return;
            }
            if (out.length() > 0) {
                out.append(lineEndPending && type != CowpteLexer.LBRACE ? '\n' : ' ');
            }
            out.append(new String(codePoints, start, end - start));
            lineEndPending = false;
            previousType = type;
        }

        String text() {
            return out.toString();
        }
    }
}
