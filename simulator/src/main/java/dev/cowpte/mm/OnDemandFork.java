package dev.cowpte.mm;

import java.util.List;

/**
 * On-Demand Fork (Zhao et al., EuroSys 2021): a PTE table that one vma covers whole is shared
 * at fork with no per-page work; any fault in a writable vma breaks it by copying (never by
 * reuse), with the per-page work done on the copy; the last reference frees the old table.
 */
public final class OnDemandFork extends SharedPteFork {
    OnDemandFork() {
        super("odf");
    }

    @Override
    public String summary() {
        return "PTE tables that one vma covers whole are shared at fork with no per-page work; any "
                + "fault in a writable vma copies the table (never reuses it) and does the per-page work "
                + "on the copy; the last reference frees the old table and drops its pages";
    }

    @Override
    public Description description() {
        return new Description("On-Demand Fork (Zhao et al., EuroSys 2021)",
                "On-Demand Fork: share PTE tables, no per-page work at fork",
                "shares only PTE tables that one region covers whole, with no per-page work; others as classic",
                "any fault in a writable region, read or write, breaks the table: always copy (never reuse), "
                        + "per-page work on the copy; the last reference frees the old table",
                "`rss` 0 until the process breaks tables; `pagetables` counts the owner only");
    }

    @Override
    boolean eligible(Machine m, Mm parent, PageTable pte, List<long[]> copy) {
        return coversWholeTable(pte, copy) && super.eligible(m, parent, pte, copy);
    }

    @Override
    void shared(Machine m, Mm child, PageTable pte) {
        // No per-page work and no charge: the owner carries the table.
    }

    @Override
    void sharedRun(Machine m, Mm child, TableRun run) {
        // No per-page work and no charge: the owner carries the tables.
    }

    @Override
    boolean breaksOnFault(Vma vma, boolean write) {
        return vma.writable;
    }

    @Override
    PageTable breakCowPte(Machine m, Mm mm, PageTable pmd, int idx) {
        return copyWithPageWork(m, mm, pmd, idx);
    }
}
