package dev.cowpte.run;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import java.util.List;

/**
 * A scenario's run: every statement's record in source order and every problem found, front end
 * and run together, in source order.
 */
public record RunResult(String title, String policy, List<StatementRecord> records, List<Diagnostic> diagnostics) {

    /** Expectation statements that held every time they ran. */
    public long expectationsPassed() {
        return records.stream().filter(r -> r.passedCount() > 0 && r.failedCount() == 0).count();
    }

    /** Expectation statements that failed at least once. */
    public long expectationsFailed() {
        return records.stream().filter(r -> r.failedCount() > 0).count();
    }

    /**
     * Expectation statements never evaluated: the run stopped before them (out of memory, a
     * segmentation fault not expected, the step budget, an error) or they stand where no run went.
     */
    public long expectationsNotRun() {
        if (records.isEmpty()) {
            return 0;
        }
        return records.stream().filter(r -> r.statement() instanceof dev.cowpte.lang.ast.Statement.Expect
                && r.passedCount() == 0 && r.failedCount() == 0 && r.errorMessage() == null).count();
    }

    /** Problems that are not failed expectations: syntax, names, refused calls, SIGSEGV, OOM, budget. */
    public long errors() {
        return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR
                && d.code() != DiagnosticCode.EXPECTATION_FAILED).count();
    }

    /** 0 when everything passed, 1 when an expectation failed, 2 when the scenario has an error. */
    public int exitCode() {
        return errors() > 0 ? 2 : expectationsFailed() > 0 ? 1 : 0;
    }
}
