package dev.cowpte.lang;

import dev.cowpte.lang.ast.Scenario;
import java.util.List;

/**
 * The scenario front end: parses text into a typed syntax tree and checks it (names, indexes,
 * alignment, limits) before anything runs. Never throws on any input.
 */
public final class FrontEnd {
    private FrontEnd() {
    }

    /** The result of reading one scenario: the tree (possibly partial) and every problem found. */
    public record Result(Scenario scenario, List<Diagnostic> diagnostics) {
        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        }
    }

    /** Parses and checks {@code text}. */
    public static Result analyze(String text) {
        throw new UnsupportedOperationException("the grammar module is being written");
    }
}
