package dev.cowpte.lang.syntax;

import org.antlr.v4.runtime.Token;

/** Receives each worded syntax error at the token where it was found. */
@FunctionalInterface
public interface SyntaxErrorSink {
    void report(Token offending, SyntaxMessage message);
}
