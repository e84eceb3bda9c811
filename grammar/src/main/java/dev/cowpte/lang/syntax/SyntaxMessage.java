package dev.cowpte.lang.syntax;

import org.antlr.v4.runtime.Token;

/**
 * A worded syntax error and, when there is one, the word meant ("did you mean"): {@code meant}
 * stands for the tokens from the offending one through {@code meantThrough}.
 */
public record SyntaxMessage(String text, String meant, Token meantThrough) {

    static SyntaxMessage of(String text) {
        return new SyntaxMessage(text, null, null);
    }

    /** The message, with {@code meant} (if not null) in place of the offending token alone. */
    static SyntaxMessage meaning(String text, String meant, Token offending) {
        return new SyntaxMessage(text, meant, meant == null ? null : offending);
    }
}
