package dev.cowpte.cli;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.StatementRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The human report: each problem as {@code file:line:col: message} (the form editors and CI
 * annotate), what {@code show} printed, a summary line per file and a total.
 */
final class TextReport implements Report {
    private record Entry(int line, int column, int order, String text) {
    }

    @Override
    public String render(List<FileRun> runs) {
        StringBuilder sb = new StringBuilder();
        int passed = 0;
        int failed = 0;
        int errors = 0;
        for (FileRun run : runs) {
            file(sb, run);
            switch (run.result().exitCode()) {
                case 0 -> passed++;
                case 1 -> failed++;
                default -> errors++;
            }
        }
        sb.append(runs.size()).append(runs.size() == 1 ? " scenario: " : " scenarios: ").append(passed)
                .append(" passed, ").append(failed).append(" failed, ").append(errors).append(" with errors\n");
        return sb.toString();
    }

    private static void file(StringBuilder sb, FileRun run) {
        String name = run.file().display();
        RunResult r = run.result();
        List<Entry> entries = new ArrayList<>();
        for (StatementRecord rec : r.records()) {
            if (rec.shown() != null) {
                String head = name + ":" + rec.range().line() + ":" + rec.range().column() + ": " + rec.text() + "\n";
                entries.add(new Entry(rec.range().line(), rec.range().column(), 0, head + indent(rec.shown())));
            }
        }
        for (Diagnostic d : r.diagnostics()) {
            entries.add(new Entry(d.range().line(), d.range().column(), 1, d.format(name) + "\n"));
        }
        entries.sort(Comparator.comparingInt(Entry::line).thenComparingInt(Entry::order)
                .thenComparingInt(Entry::column));
        entries.forEach(e -> sb.append(e.text()));
        sb.append(name).append(": ").append(summary(r)).append('\n');
    }

    static String summary(RunResult r) {
        long held = r.expectationsPassed();
        long failed = r.expectationsFailed();
        long notRun = r.expectationsNotRun();
        String counts = held + " of " + dev.cowpte.words.Amounts.count(held + failed, "expectation") + " held"
                + (notRun > 0 ? ", " + notRun + " not run" : "");
        if (r.errors() > 0) {
            return "ERROR, " + r.errors() + (r.errors() == 1 ? " error" : " errors")
                    + (r.records().isEmpty() ? " (not run)" : ", " + counts);
        }
        if (failed > 0) {
            return "FAILED, " + failed + (failed == 1 ? " expectation failed, " : " expectations failed, ") + counts;
        }
        return "passed, " + counts;
    }

    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                sb.append("    ").append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
