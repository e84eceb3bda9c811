package dev.cowpte.lsp.services;

import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.MmSummary;
import dev.cowpte.mm.Work;
import dev.cowpte.run.ExpectationOutcome;
import dev.cowpte.run.StatementRecord;
import dev.cowpte.words.KernelWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a statement changed, in a few words: page-table memory added or freed, PTE tables shared,
 * copied or reused, huge PMDs copied or split, rss gained or lost; for an expectation, the
 * actual value.
 */
final class StatementEffects {
    private static final int MAX_ACTUAL = 40;

    private StatementEffects() {
    }

    /** The label of the statement's inlay hint, or empty when it changed nothing worth a hint. */
    static Optional<String> label(Statement s, StatementRecord r, LastIteration last) {
        if (s instanceof Statement.Expect e) {
            return actual(e, r);
        }
        List<String> parts = new ArrayList<>();
        long tables = WorkCounters.get(r.work(), Work.TABLES_ALLOCATED) - WorkCounters.get(r.work(), Work.TABLES_FREED);
        if (tables != 0) {
            parts.add(KernelWords.signedSize(tables * Geometry.PAGE_SIZE) + " tables");
        }
        count(parts, r, Work.TABLES_SHARED, "table", "shared");
        count(parts, r, Work.TABLES_COPIED, "table", "copied");
        count(parts, r, Work.TABLES_REUSED, "table", "reused");
        count(parts, r, Work.PAGES_COPIED, "page", "copied");
        count(parts, r, Work.HUGE_COPIED, "huge pmd", "copied");
        count(parts, r, Work.HUGE_SPLIT, "huge pmd", "split");
        Name process = processOf(s);
        if (process != null && !(s instanceof Statement.Fork)) {
            String comm = last.expand(process.text());
            Long before = r.rssBefore().get(comm);
            long after = r.processes().stream().filter(p -> p.comm().equals(comm)).mapToLong(MmSummary::rssPages)
                    .findFirst().orElse(0);
            if (before != null && after != before) {
                parts.add(KernelWords.signedSize((after - before) * Geometry.PAGE_SIZE) + " rss");
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    private static void count(List<String> parts, StatementRecord r, String counter, String unit, String verb) {
        long n = WorkCounters.get(r.work(), counter);
        if (n != 0) {
            parts.add(KernelWords.count(n, unit) + " " + verb);
        }
    }

    private static Optional<String> actual(Statement.Expect e, StatementRecord r) {
        ExpectationOutcome o = r.expectation();
        if (o == null) {
            return Optional.empty();
        }
        if (e.expectation() instanceof Expectation.Segv) {
            return Optional.of(o.passed() ? "= SIGSEGV" : "= no fault");
        }
        String a = o.actual();
        int cut = a.indexOf("; ");
        if (cut > 0) {
            a = a.substring(0, cut);
        }
        if (a.length() > MAX_ACTUAL) {
            a = a.substring(0, MAX_ACTUAL - 1) + "…";
        }
        return Optional.of("= " + a);
    }

    private static Name processOf(Statement s) {
        if (s instanceof Statement.Touch t) {
            return t.process();
        } else if (s instanceof Statement.Write w) {
            return w.process();
        } else if (s instanceof Statement.Munmap m) {
            return m.process();
        } else if (s instanceof Statement.Exit x) {
            return x.process();
        } else if (s instanceof Statement.Fork f) {
            return f.child();
        }
        return null;
    }

    /** Whether the statement is one that gets a hint: fork, touch, write, munmap, exit, expect. */
    static boolean hinted(Statement s) {
        return s instanceof Statement.Fork || s instanceof Statement.Touch || s instanceof Statement.Write
                || s instanceof Statement.Munmap || s instanceof Statement.Exit || s instanceof Statement.Expect;
    }
}
