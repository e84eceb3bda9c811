package dev.cowpte.run;

import dev.cowpte.lang.SourceRange;

/**
 * A problem of the scenario found while it runs (a name, an index, a refused system call): it
 * becomes an error diagnostic at {@link #range()}. Internal to the interpreter.
 */
final class ScenarioError extends RuntimeException {
    private final SourceRange range;
    private final String code;

    ScenarioError(SourceRange range, String code, String message) {
        super(message, null, false, false);
        this.range = range;
        this.code = code;
    }

    SourceRange range() {
        return range;
    }

    String code() {
        return code;
    }
}
