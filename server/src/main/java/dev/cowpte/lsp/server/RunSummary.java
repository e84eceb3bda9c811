package dev.cowpte.lsp.server;

import dev.cowpte.run.RunResult;

/**
 * A finished run in brief, as the {@code cowpte/runSummary} notification and the result of the
 * {@code cowpte.run} command carry it: expectations that held, expectations that failed, errors
 * (syntax, names, refused calls, SIGSEGV, out of memory, step budget) and the run's wall time.
 */
public record RunSummary(String uri, int version, long passed, long failed, long errors, long durationMs) {
    public static RunSummary of(String uri, int version, RunResult r, long durationMs) {
        return new RunSummary(uri, version, r.expectationsPassed(), r.expectationsFailed(), r.errors(), durationMs);
    }

    /** One line for logs and the end of a progress report. */
    public String describe() {
        return passed + " held, " + failed + " failed, " + errors + (errors == 1 ? " error" : " errors")
                + " in " + durationMs + " ms";
    }
}
