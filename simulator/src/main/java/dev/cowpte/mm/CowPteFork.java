package dev.cowpte.mm;

/**
 * COW PTE as posted in v3 to v5 (2022-23): PTE tables are shared at fork, but the per-page work
 * of a classic fork is still done, in place in the shared table, so fork is no faster (seed
 * {@code 001}); every sharer carries the table in its rss and pgtables_bytes.
 */
public final class CowPteFork extends SharedPteFork {
    CowPteFork() {
        super("cow-pte", true);
    }

    @Override
    public String summary() {
        return "PTE tables are shared at fork (refcount +1, both pmd entries write-protected), with the "
                + "per-page write-protect, mapcount and rss work done in place; a write fault, mprotect, "
                + "partial munmap, madvise or pin breaks the table: reused at refcount 1, else its 512 "
                + "entries are copied with no per-page work";
    }

    @Override
    public Description description() {
        return new Description("COW PTE v3–v5 (Chih-En Lin, 2022–23)",
                "share PTE tables at fork, copy on write (COW PTE v3-v5)",
                "copies pgd/pud/pmd; PTE tables are shared: refcount +1, both pmd entries write-protected; "
                        + "the per-page work is done in place in the shared table (why v4 did not fork faster: "
                        + "Tatashin's measurement)",
                "a write fault, mprotect, partial munmap, madvise or pin breaks a shared table; refcount 1: "
                        + "reuse the table, else copy its 512 entries, no per-page work",
                "`rss` N after fork of N pages; `pagetables` counts shared tables for every sharer");
    }

    @Override
    void shared(Machine m, Mm child, PageTable pte) {
        // The flush of this 2 MiB range is already counted for write-protecting the pmd entry.
        pte.wrprotectAll();
        m.work.pageUpdates += m.frames.mapTable(pte);
        m.pageTables.charge(child, pte, 1);
    }

    @Override
    void sharedRun(Machine m, Mm child, TableRun run) {
        run.writable = false;
        m.work.pageUpdates += m.frames.mapBlocks(run.firstPfn, Geometry.PTRS_PER_TABLE);
        chargeRun(child);
    }

    @Override
    boolean breaksOnFault(Vma vma, boolean write) {
        return write;
    }

    @Override
    PageTable breakCowPte(Machine m, Mm mm, PageTable pmd, int idx) {
        PageTable old = pmd.next[idx];
        if (old.refcount == 1) {
            return reuse(m, mm, pmd, idx);
        }
        PageTable copy = copyTable(m, old, false);
        // mm's share of each page moves from the shared table to its copy: no per-page work,
        // and mm's rss and pgtables_bytes stay as they were.
        m.pageTables.unlink(mm, pmd, idx);
        m.pageTables.link(mm, pmd, idx, copy, false);
        return copy;
    }

    /** The leaving sharer's mapcount and reference on each page go with it; the entries stay. */
    @Override
    void dropShare(Machine m, Mm mm, PageTable pte) {
        m.work.pageUpdates += m.frames.unmapTable(pte);
    }

    @Override
    void dropShareRun(Machine m, Mm mm, TableRun run) {
        m.frames.unmapBlocks(run.firstPfn, Geometry.PTRS_PER_TABLE);
        m.work.pageUpdates += (long) Geometry.PTRS_PER_TABLE * Geometry.PTRS_PER_TABLE;
    }

    @Override
    boolean mapcountPerSharer() {
        return true;
    }
}
