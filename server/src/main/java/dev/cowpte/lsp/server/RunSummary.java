package dev.cowpte.lsp.server;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.run.ExpectationOutcome;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.StatementRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished run in brief, as the {@code cowpte/runSummary} notification and the result of the
 * {@code cowpte.run} command carry it: expectations that held, expectations that failed, errors
 * (syntax, names, refused calls, SIGSEGV, out of memory, step budget) and the run's wall time;
 * then each expectation with its verdict (a test explorer's items) and each error.
 */
public record RunSummary(String uri, int version, long passed, long failed, long errors, long durationMs,
                         List<Expectation> expectations, List<Problem> problems) {
    /**
     * One {@code expect} statement: its line (0-based, as LSP counts), its text, whether it held
     * every time it ran, and the first failure's (or the last run's) expected and actual values.
     */
    public record Expectation(int line, String text, boolean passed, String expected, String actual, String message) {
    }

    /** An error that is not a failed expectation, at its line (0-based). */
    public record Problem(int line, String message) {
    }

    public static RunSummary of(String uri, int version, RunResult r, long durationMs) {
        List<Expectation> expectations = new ArrayList<>();
        for (StatementRecord rec : r.records()) {
            if (rec.passedCount() + rec.failedCount() == 0) {
                continue;
            }
            ExpectationOutcome o = rec.failedCount() > 0 ? rec.firstFailure() : rec.expectation();
            expectations.add(new Expectation(rec.range().line() - 1, rec.text(), rec.failedCount() == 0,
                    o == null ? null : o.expected(), o == null ? null : o.actual(), o == null ? null : o.message()));
        }
        List<Problem> problems = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            if (d.severity() == Diagnostic.Severity.ERROR && d.code() != DiagnosticCode.EXPECTATION_FAILED) {
                problems.add(new Problem(d.range().line() - 1, d.message()));
            }
        }
        return new RunSummary(uri, version, r.expectationsPassed(), r.expectationsFailed(), r.errors(), durationMs,
                expectations, problems);
    }

    /** One line for logs and the end of a progress report. */
    public String describe() {
        return passed + " held, " + failed + " failed, " + errors + (errors == 1 ? " error" : " errors")
                + " in " + durationMs + " ms";
    }
}
