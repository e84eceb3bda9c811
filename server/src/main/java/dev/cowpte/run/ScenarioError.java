package dev.cowpte.run;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.SourceRange;

/**
 * A problem of the scenario found while it runs (a name, an index, a refused system call): it
 * becomes an error diagnostic at {@link #range()}. Internal to the interpreter.
 */
final class ScenarioError extends RuntimeException {
    private final SourceRange range;
    private final DiagnosticCode code;

    ScenarioError(SourceRange range, DiagnosticCode code, String message) {
        super(message, null, false, false);
        this.range = range;
        this.code = code;
    }

    SourceRange range() {
        return range;
    }

    DiagnosticCode code() {
        return code;
    }
}
