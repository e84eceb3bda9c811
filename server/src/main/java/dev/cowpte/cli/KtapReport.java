package dev.cowpte.cli;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.run.ExpectationOutcome;
import dev.cowpte.run.Outcome;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.StatementRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cowpte run --format ktap}: KTAP for kernel CI. One test per file, named by its path;
 * its subtests are its expectations in order (and any other statement that hit an error), each
 * named {@code line N: } and its text. A failed expectation is {@code not ok} with {@code #
 * expected:} and {@code # actual:} lines; one the run never reached is skipped with why; a file
 * the front end rejected is {@code not ok} with its errors. Before each file's result line, its
 * identity ({@code # scenario FILE sha256:…}) and its summary.
 */
final class KtapReport implements Report {
    @Override
    public String render(List<FileRun> runs) {
        List<KtapTest> tests = new ArrayList<>();
        for (FileRun run : runs) {
            tests.add(file(run));
        }
        return KtapWriter.write(List.of(), tests);
    }

    private static KtapTest file(FileRun run) {
        String name = run.file().display();
        RunResult r = run.result();
        List<String> diagnostics = new ArrayList<>(identity(name, run.identity()));
        List<KtapTest> subtests = new ArrayList<>();
        if (r.records().isEmpty()) {
            diagnostics.addAll(errors(name, r));
        }
        for (StatementRecord rec : r.records()) {
            KtapTest failed = failedStatement(name, rec);
            if (failed != null) {
                subtests.add(failed);
            } else if (rec.expectation() != null) {
                subtests.add(KtapTest.ok(testName(rec), List.of()));
            } else if (rec.statement() instanceof Statement.Expect) {
                subtests.add(notRun(rec, r));
            }
        }
        diagnostics.add(TextReport.summary(r));
        return KtapTest.of(name, subtests, r.exitCode() != 0, diagnostics);
    }

    /** A statement that hit an error, broke an invariant or (an expectation) failed, as a test; else null. */
    private static KtapTest failedStatement(String file, StatementRecord rec) {
        KtapTest error = error(file, rec);
        if (error != null) {
            return error;
        }
        if (rec.failedCount() == 0) {
            return null;
        }
        ExpectationOutcome first = rec.firstFailure();
        List<String> d = new ArrayList<>();
        d.add(at(file, rec) + first.message());
        if (rec.executions() > 1) {
            d.add("failed " + rec.failedCount() + " of " + (rec.failedCount() + rec.passedCount())
                    + " times; the first failure:");
        }
        d.add("expected: " + first.expected());
        d.add("actual: " + first.actual());
        return KtapTest.notOk(testName(rec), d);
    }

    /** A statement that hit an error or broke an invariant, as a failed test; null when it did neither. */
    static KtapTest error(String file, StatementRecord rec) {
        if (rec.errorMessage() != null) {
            String times = rec.errorCount() > 1 ? " (" + rec.errorCount() + " times)" : "";
            return KtapTest.notOk(testName(rec), List.of(file + ":" + rec.errorRange().line() + ":"
                    + rec.errorRange().column() + ": " + rec.errorMessage() + times));
        }
        if (!rec.invariantViolations().isEmpty()) {
            List<String> d = new ArrayList<>();
            d.add(at(file, rec) + "simulator invariant broken after this statement:");
            d.addAll(rec.invariantViolations());
            return KtapTest.notOk(testName(rec), d);
        }
        return null;
    }

    /** An expectation the run never evaluated: skipped, with where the run stopped. */
    static KtapTest notRun(StatementRecord rec, RunResult r) {
        for (StatementRecord stop : r.records()) {
            if (stop.outcome() == Outcome.STOPPED && stop.errorRange() != null) {
                return KtapTest.skipped(testName(rec), "not run: the scenario stopped at line "
                        + stop.errorRange().line() + " (" + stop.errorCode().id().replace('-', ' ') + ")", List.of());
            }
        }
        return KtapTest.skipped(testName(rec), "not run: no run of the scenario reached it", List.of());
    }

    /** The errors of a file that did not run (the front end's, or why it could not be read). */
    static List<String> errors(String file, RunResult r) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            if (d.severity() == Diagnostic.Severity.ERROR) {
                out.add(d.format(file));
            }
        }
        return out;
    }

    /** The diagnostic line that identifies the scenario, as {@code run} and {@code kernel} both print it. */
    static List<String> identity(String file, String identity) {
        return identity == null ? List.of() : List.of("scenario " + file + " " + identity);
    }

    /** {@code line 12: expect rss child == 0}. */
    static String testName(StatementRecord rec) {
        return "line " + rec.range().line() + ": " + rec.text();
    }

    static String at(String file, StatementRecord rec) {
        return file + ":" + rec.range().line() + ":" + rec.range().column() + ": ";
    }
}
