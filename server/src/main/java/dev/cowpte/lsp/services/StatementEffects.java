package dev.cowpte.lsp.services;

import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.ast.Statements;
import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.MmSummary;
import dev.cowpte.mm.Work;
import dev.cowpte.run.ExpectationOutcome;
import dev.cowpte.run.StatementRecord;
import dev.cowpte.words.Amounts;
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
        Shown shown = s.accept(SHOWN);
        if (shown.expectation() != null) {
            return actual(shown.expectation(), r);
        }
        List<String> parts = new ArrayList<>();
        if (r.pageSet() != null) {
            parts.add(Amounts.pageSetShort(r.pageSet().pages(), r.pageSet().runs()));
        }
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
        Name process = shown.rssOf();
        if (process != null) {
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

    private static Optional<String> actual(Expectation x, StatementRecord r) {
        ExpectationOutcome o = r.expectation();
        if (o == null) {
            return Optional.empty();
        }
        if (Statements.segvAccess(x) != null) {
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

    /** Whether the statement is one that gets a hint: fork, touch, write, munmap, exit, expect. */
    static boolean hinted(Statement s) {
        return s.accept(SHOWN).hinted();
    }

    /**
     * What a statement's hint shows: whether it has one, the process whose rss change it gives (none
     * for a fork, whose tables tell), and for an expect, the expectation whose actual value it gives.
     */
    private record Shown(boolean hinted, Name rssOf, Expectation expectation) {
    }

    private static final Shown NONE = new Shown(false, null, null);

    private static final Statement.Visitor<Shown> SHOWN = new Statement.Visitor<>() {
        @Override
        public Shown visit(Statement.ScenarioTitle s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.Policy s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.MachineMemory s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.MachineLevels s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.MachinePtReclaim s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.MachineFaultAround s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.MachineThp s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.MachineSeed s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.MachineHugetlb s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.MachineKernel s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.Process s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.File s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.Mmap s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.Munmap s) {
            return new Shown(true, s.process(), null);
        }

        @Override
        public Shown visit(Statement.Mremap s) {
            return new Shown(true, s.process(), null);
        }

        @Override
        public Shown visit(Statement.Mprotect s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.Madvise s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.Touch s) {
            return new Shown(true, s.process(), null);
        }

        @Override
        public Shown visit(Statement.Read s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.Write s) {
            return new Shown(true, s.process(), null);
        }

        @Override
        public Shown visit(Statement.Fork s) {
            return new Shown(true, null, null);
        }

        @Override
        public Shown visit(Statement.Exit s) {
            return new Shown(true, s.process(), null);
        }

        @Override
        public Shown visit(Statement.Pin s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.Unpin s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.Repeat s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.Show s) {
            return NONE;
        }

        @Override
        public Shown visit(Statement.Expect s) {
            return new Shown(true, null, s.expectation());
        }
    };
}
