package dev.cowpte.cli;

import dev.cowpte.kernel.KernelReport;
import dev.cowpte.kernel.KernelRow;
import dev.cowpte.kernel.KernelRow.Kind;
import dev.cowpte.kernel.KernelRow.Verdict;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.run.StatementRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cowpte kernel --format ktap}: KTAP for kernel CI. The kernel it ran on first; then one
 * test per file, its subtests its expectations in order, each compared with the kernel ({@code
 * not ok} when the two disagree or it fails on either side, with {@code # expected:}, {@code #
 * kernel:} and {@code # simulated:} lines; skipped with the reason when the kernel cannot answer
 * it), any statement that hit an error, and last {@code counters agree with the kernel}: the
 * counters and events compared after each statement, the disagreeing ones as diagnostics. A
 * scenario not run on the kernel is one skipped test with the reason; one with errors is {@code
 * not ok} with them. Before each file's result line, its identity, as {@code run --format ktap}
 * prints it, its own notes and its summary.
 */
final class KernelKtapReport {
    static final String COUNTERS = "counters agree with the kernel";
    /** Most rows a test spells out (a repeat may fail a thousand times); the rest are counted. */
    static final int MOST_ROWS = 10;

    private KernelKtapReport() {
    }

    static String render(List<KernelFileRun> runs) {
        List<String> header = new ArrayList<>();
        List<String> shared = List.of();
        if (!runs.isEmpty()) {
            header.add("running kernel: " + runs.get(0).report().facts().describe());
            shared = runs.get(0).report().notes().stream()
                    .filter(n -> runs.stream().allMatch(r -> r.report().notes().contains(n))).toList();
            shared.forEach(n -> header.add("note: " + n));
        }
        List<KtapTest> tests = new ArrayList<>();
        for (KernelFileRun run : runs) {
            tests.add(file(run, shared));
        }
        return KtapWriter.write(header, tests);
    }

    private static KtapTest file(KernelFileRun run, List<String> shared) {
        String name = run.file().display();
        KernelReport r = run.report();
        List<String> diagnostics = new ArrayList<>(KtapReport.identity(name, run.identity()));
        r.notes().stream().filter(n -> !shared.contains(n)).forEach(n -> diagnostics.add("note: " + n));
        KernelTextReport.FileVerdict verdict = KernelTextReport.verdict(r);
        if (verdict == KernelTextReport.FileVerdict.ERROR) {
            diagnostics.addAll(KtapReport.errors(name, r.simulated()));
            diagnostics.add(KernelTextReport.summary(r));
            return KtapTest.notOk(name, diagnostics);
        }
        if (verdict == KernelTextReport.FileVerdict.NOT_RUN) {
            diagnostics.add(TextReport.summary(r.simulated()) + " in the simulation");
            return KtapTest.skipped(name, "not run on the kernel: " + String.join("; ", r.refused()), diagnostics);
        }
        Map<SourceRange, List<KernelRow>> byExpectation = new LinkedHashMap<>();
        for (StatementRecord rec : r.simulated().records()) {
            if (rec.statement() instanceof Statement.Expect) {
                byExpectation.put(rec.range(), new ArrayList<>());
            }
        }
        List<KernelRow> others = new ArrayList<>();
        for (KernelRow row : r.rows()) {
            List<KernelRow> rows = row.kind() == Kind.EXPECTATION ? byExpectation.get(row.range()) : null;
            (rows != null ? rows : others).add(row);
        }
        List<KtapTest> subtests = new ArrayList<>();
        for (StatementRecord rec : r.simulated().records()) {
            KtapTest error = KtapReport.error(name, rec);
            if (error != null) {
                subtests.add(error);
            } else if (rec.statement() instanceof Statement.Expect) {
                subtests.add(expectation(name, rec, byExpectation.get(rec.range()), r));
            }
        }
        if (!others.isEmpty()) {
            subtests.add(counters(name, others));
        }
        diagnostics.add(KernelTextReport.summary(r));
        return KtapTest.of(name, subtests, r.exitCode() != 0, diagnostics);
    }

    /** One expectation, from the rows the kernel comparison wrote for it (several inside a repeat). */
    private static KtapTest expectation(String file, StatementRecord rec, List<KernelRow> rows, KernelReport r) {
        String name = KtapReport.testName(rec);
        if (rows.isEmpty()) {
            if (rec.expectation() == null) {
                return KtapReport.notRun(rec, r.simulated());
            }
            if (rec.failedCount() > 0) {
                return KtapTest.notOk(name, List.of(KtapReport.at(file, rec) + rec.firstFailure().message(),
                        "expected: " + rec.firstFailure().expected(), "simulated: " + rec.firstFailure().actual(),
                        "kernel: not compared"));
            }
            return KtapTest.skipped(name, "not compared with the kernel", List.of());
        }
        List<KernelRow> failed = rows.stream().filter(row -> row.verdict() == Verdict.DISAGREE || row.failedSomewhere())
                .toList();
        if (!failed.isEmpty()) {
            List<String> d = new ArrayList<>();
            failed.stream().limit(MOST_ROWS).forEach(row -> d.addAll(failure(file, rec, row)));
            d.addAll(more(failed.size(), "failed runs"));
            return KtapTest.notOk(name, d);
        }
        Set<String> notCompared = new LinkedHashSet<>();
        rows.stream().filter(row -> row.verdict() == Verdict.NOT_COMPARABLE).forEach(row -> notCompared.add(row.note()));
        if (notCompared.size() > 0 && rows.stream().allMatch(row -> row.verdict() == Verdict.NOT_COMPARABLE)) {
            return KtapTest.skipped(name, "not comparable: " + String.join("; ", notCompared), List.of());
        }
        return KtapTest.ok(name, notCompared.stream().map(n -> "not comparable in some runs: " + n).toList());
    }

    /** What a row of a failed expectation says: where, what went wrong, expected, kernel and simulated values. */
    private static List<String> failure(String file, StatementRecord rec, KernelRow row) {
        List<String> d = new ArrayList<>();
        String what = row.verdict() == Verdict.DISAGREE ? "kernel and simulation disagree" : "expectation " + row.outcome();
        if (row.verdict() == Verdict.DISAGREE && !row.outcome().isEmpty() && !row.outcome().startsWith("held")) {
            what += ", expectation " + row.outcome();
        }
        d.add(KtapReport.at(file, rec) + row.counter() + ": " + what);
        if (!row.statement().equals(rec.text())) {
            d.add("at: " + row.statement());
        }
        if (!row.expected().isEmpty()) {
            d.add("expected: " + row.expected());
        }
        d.add("kernel: " + (row.verdict() == Verdict.NOT_COMPARABLE ? "not compared" : row.kernel()));
        d.add("simulated: " + row.simulated());
        if (!row.note().isEmpty()) {
            d.add("note: " + row.note());
        }
        return d;
    }

    /** The line that counts what {@link #MOST_ROWS} left out, if anything. */
    private static List<String> more(int count, String what) {
        return count > MOST_ROWS ? List.of("… and " + (count - MOST_ROWS) + " more " + what) : List.of();
    }


    /**
     * The counters and events compared after each statement, as one test: not ok when one
     * disagrees (each such row a diagnostic), skipped when none could be compared, and the rows
     * not comparable as diagnostics.
     */
    private static KtapTest counters(String file, List<KernelRow> rows) {
        List<String> disagree = new ArrayList<>();
        List<String> notComparable = new ArrayList<>();
        for (KernelRow row : rows) {
            String where = row.range() == SourceRange.NONE ? ""
                    : file + ":" + row.range().line() + ":" + row.range().column() + ": ";
            if (row.verdict() == Verdict.DISAGREE) {
                String values = row.kernel().isEmpty() && row.simulated().isEmpty() ? ""
                        : ": kernel " + row.kernel() + ", simulated " + row.simulated();
                disagree.add(where + "kernel and simulation disagree: " + row.counter() + values
                        + (row.note().isEmpty() ? "" : " (" + row.note() + ")"));
            } else if (row.verdict() == Verdict.NOT_COMPARABLE) {
                notComparable.add(where + row.counter() + ": not comparable"
                        + (row.note().isEmpty() ? "" : ": " + row.note()));
            }
        }
        long compared = rows.stream().filter(row -> row.verdict() != Verdict.NOT_COMPARABLE).count();
        List<String> d = new ArrayList<>(disagree.subList(0, Math.min(MOST_ROWS, disagree.size())));
        d.addAll(more(disagree.size(), "disagreements"));
        d.addAll(notComparable.subList(0, Math.min(MOST_ROWS, notComparable.size())));
        d.addAll(more(notComparable.size(), "rows not comparable"));
        if (!disagree.isEmpty()) {
            return KtapTest.notOk(COUNTERS, d);
        }
        if (compared == 0) {
            return KtapTest.skipped(COUNTERS, "no counter could be compared", d);
        }
        return KtapTest.ok(COUNTERS, d);
    }
}
