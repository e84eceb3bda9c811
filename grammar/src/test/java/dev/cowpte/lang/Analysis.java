package dev.cowpte.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cowpte.lang.ast.Statement;
import java.util.List;
import java.util.stream.Collectors;

/** Test helpers: analyze text and assert what the user is shown. */
final class Analysis {
    private Analysis() {
    }

    /** Analyzes lines joined with newlines. */
    /**
     * The policy names the grammar's tests pass, as the server passes the simulator's registry: a
     * fixture naming what the examples use, not a list of the product's policies.
     */
    static final dev.cowpte.lang.check.Policies POLICIES = dev.cowpte.lang.check.Policies.of(
            java.util.List.of("classic", "cow-pte", "cow-pte-rfc", "odf"));

    static FrontEnd.Result analyze(String... lines) {
        return FrontEnd.analyze(String.join("\n", lines) + "\n", POLICIES);
    }

    static List<Statement> clean(String... lines) {
        FrontEnd.Result result = analyze(lines);
        assertEquals(List.of(), result.diagnostics(), "expected no diagnostics");
        return result.scenario().statements();
    }

    static Statement only(String... lines) {
        List<Statement> statements = clean(lines);
        return statements.get(statements.size() - 1);
    }

    /** The one diagnostic of the result; fails when there is not exactly one. */
    static Diagnostic single(FrontEnd.Result result) {
        assertEquals(1, result.diagnostics().size(), () -> "expected one diagnostic, got " + describe(result));
        return result.diagnostics().get(0);
    }

    /** Asserts a diagnostic with this code at this line and column whose message holds every word. */
    static Diagnostic assertReported(FrontEnd.Result result, int line, int column, String code, String... words) {
        for (Diagnostic d : result.diagnostics()) {
            if (d.range().line() == line && d.range().column() == column && d.code().id().equals(code)) {
                for (String word : words) {
                    assertTrue(d.message().contains(word), () -> "message '" + d.message() + "' lacks '" + word + "'");
                }
                return d;
            }
        }
        fail("no " + code + " at " + line + ":" + column + "; got " + describe(result));
        return null;
    }

    static String describe(FrontEnd.Result result) {
        return result.diagnostics().stream().map(d -> d.format("t") + " [" + d.code().id() + "]")
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
