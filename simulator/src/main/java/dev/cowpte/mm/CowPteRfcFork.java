package dev.cowpte.mm;

/**
 * COW PTE as in RFC v1/v2 (2022): PTE tables are shared at fork with no per-page work; the
 * table's owner (the parent that had it) keeps the rss and pgtables_bytes, following the
 * {@code cow_pte_fallback} states of seed {@code 003}. Any fault under a write-protected pmd
 * breaks the table: reused at refcount 1, else copied with the per-page work done by the copier.
 */
public final class CowPteRfcFork extends SharedPteFork {
    CowPteRfcFork() {
        super("cow-pte-rfc");
    }

    @Override
    public String summary() {
        return "PTE tables are shared at fork with no per-page work; the owner keeps rss and "
                + "pgtables_bytes; any fault under a write-protected pmd breaks the table: reused at "
                + "refcount 1 (cow_pte_fallback), else copied with the per-page work done by the copier";
    }

    @Override
    public Description description() {
        return new Description("COW PTE RFC v1/v2 (2022)",
                "share PTE tables, charge the owner only (COW PTE RFC)",
                "same sharing, no per-page work at fork: the table's owner keeps the rss",
                "any fault under a write-protected pmd breaks the table; refcount 1: reuse, else copy, and the "
                        + "copier does the per-page work (RFC v2's `cow_pte_fallback` states)",
                "`rss` 0 until the process breaks tables; `pagetables` counts the owner only");
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
    PageTable breakCowPte(Machine m, Mm mm, PageTable pmd, int idx) {
        if (pmd.next[idx].refcount == 1) {
            return reuse(m, mm, pmd, idx);
        }
        return copyWithPageWork(m, mm, pmd, idx);
    }
}
