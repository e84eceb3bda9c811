package dev.cowpte.mm;

import java.util.List;

/**
 * What the copy-on-write page-table designs have in common: at fork a PTE table is shared
 * instead of copied (its refcount +1, both pmd entries write-protected) when it is eligible;
 * later a fault or an operation on part of it breaks it by reusing or copying it.
 */
abstract class SharedPteFork extends ForkPolicy {

    /** A policy whose owner alone carries a shared table in its counters. */
    SharedPteFork(String name) {
        this(name, false);
    }

    /**
     * @param chargesEverySharer whether every sharer's rss and pgtables_bytes carry a shared
     *                           table (else its owner's alone)
     */
    SharedPteFork(String name, boolean chargesEverySharer) {
        super(name, chargesEverySharer);
    }

    @Override
    public boolean sharesPteTablesAtFork() {
        return true;
    }

    /**
     * Whether the parent's table may be shared: every vma over its 2 MiB is private and copied
     * whole at fork, no page in it is pinned, and no other policy shares it. A pinned anonymous
     * page is always exclusive to its pinner (pinning breaks COW first, and fork copies it), so
     * the parent's own pins tell whether the table holds one.
     */
    boolean eligible(Machine m, Mm parent, PageTable pte, List<long[]> copy) {
        if (pte.sharedBy != null && pte.sharedBy != this) {
            return false;
        }
        long end = pte.base + Geometry.PMD_SIZE;
        return (coversWholeTable(pte, copy) || parent.onlyPlainPrivateIn(pte.base, end))
                && !parent.pinsIn(pte.base, end);
    }

    /** Whether one copied (so plain private) vma covers the table's whole 2 MiB. */
    static boolean coversWholeTable(PageTable pte, List<long[]> copy) {
        return copy.size() == 1 && copy.get(0)[0] == pte.base && copy.get(0)[1] == pte.base + Geometry.PMD_SIZE;
    }

    @Override
    final void copyPteTable(Machine m, Mm parent, Mm child, PageTable parentPmd, int idx, List<long[]> copy) {
        PageTable pte = parentPmd.next[idx];
        if (!eligible(m, parent, pte, copy)) {
            classicCopy(m, parent, child, pte, pte.base, copy);
            return;
        }
        PageTable childPmd = m.pageTables.pmdTable(child, pte.base, true);
        pte.clearExclusiveRo(0, Geometry.PTRS_PER_TABLE);
        if (!parentPmd.writeProtected(idx)) {
            parentPmd.setWriteProtected(idx, true);
            pte.sharedBy = this;
            pte.owner = parent;
            m.work.tlbFlushes++;
        }
        m.pageTables.link(child, childPmd, idx, pte, true);
        m.work.tablesShared++;
        shared(m, child, pte);
    }

    /** The per-page work and charging a newly shared table gets at fork. */
    abstract void shared(Machine m, Mm child, PageTable pte);

    /**
     * {@link #copyPteTable} of the 512 tables of a run at once, when each would be shared (no
     * page of the GiB pinned, no other policy's share): the child's pmd table joins the run
     * ({@link TableRun#addSharer}), its entries write-protected as the parent's are from now on,
     * and the counters move as 512 shared tables move them ({@link #sharedRun}). Otherwise the
     * tables are made and go one by one.
     */
    @Override
    final void copyRun(Machine m, Mm parent, Mm child, PageTable parentPmd) {
        TableRun run = parentPmd.run();
        long base = parentPmd.base;
        if (!m.runs || (run.sharedBy != null && run.sharedBy != this) || parent.pinsIn(base, base + Geometry.PUD_SIZE)) {
            super.copyRun(m, parent, child, parentPmd);
            return;
        }
        PageTable childPmd = m.pageTables.pmdTable(child, base, true);
        if (childPmd.hasEntries()) {
            super.copyRun(m, parent, child, parentPmd);
            return;
        }
        int n = Geometry.PTRS_PER_TABLE;
        if (run.sharedBy == null) {
            run.sharedBy = this;
            run.owner = parent;
            m.work.tlbFlushes += n;
        }
        run.addSharer(child, childPmd);
        child.adjustReached(Level.PTE, n);
        m.work.tablesShared += n;
        sharedRun(m, child, run);
    }

    /** {@link #shared} for each of the 512 tables of a run the child now shares. */
    abstract void sharedRun(Machine m, Mm child, TableRun run);

    /** {@link PageTables#charge} of the 512 tables of a run, each mapping 512 anonymous pages. */
    static void chargeRun(Mm mm) {
        int n = Geometry.PTRS_PER_TABLE;
        mm.pgtablesBytes += (long) n * Geometry.PAGE_SIZE;
        mm.rssAnon += (long) n * Geometry.PTRS_PER_TABLE;
    }

    /** A new table with the entries of {@code old}: the copy made when a shared table breaks. */
    PageTable copyTable(Machine m, PageTable old, boolean perPageWork) {
        PageTable copy = m.pageTables.alloc(Level.PTE, old.base);
        int[] dst = copy.ptesForWrite();
        for (int i = 0; i < Geometry.PTRS_PER_TABLE; i++) {
            int e = old.pte(i);
            if (!PageTable.present(e)) {
                continue;
            }
            m.work.entriesCopied++;
            int pfn = PageTable.pfn(e);
            if (perPageWork && pfn != FrameTable.ZERO_PFN) {
                if (PageTable.writable(e)) {
                    old.setPte(i, PageTable.wrprotect(e));
                }
                e = PageTable.wrprotect(e);
                m.frames.map(pfn);
                m.work.pageUpdates++;
            }
            dst[i] = e;
        }
        copy.anonPages = old.anonPages;
        copy.shmemPages = old.shmemPages;
        copy.filePages = old.filePages;
        m.work.tablesCopied++;
        m.work.tlbFlushes++;
        return copy;
    }

    /**
     * Breaks by copying with the per-page work of a classic fork done by the copier; the copy is
     * charged to mm, and mm's charge for the shared table (if it carried one) is dropped.
     */
    PageTable copyWithPageWork(Machine m, Mm mm, PageTable pmd, int idx) {
        PageTable old = pmd.next[idx];
        PageTable copy = copyTable(m, old, true);
        if (PageTables.accounts(mm, pmd, idx)) {
            m.pageTables.charge(mm, old, -1);
        }
        if (old.owner == mm) {
            old.owner = null;
        }
        m.pageTables.unlink(mm, pmd, idx);
        m.pageTables.link(mm, pmd, idx, copy, false);
        m.pageTables.charge(mm, copy, 1);
        return copy;
    }

    /** Reuses the table mm alone still reaches: the pmd entry becomes writable and the table private. */
    PageTable reuse(Machine m, Mm mm, PageTable pmd, int idx) {
        PageTable pte = pmd.next[idx];
        if (!PageTables.accounts(mm, pmd, idx)) {
            m.pageTables.charge(mm, pte, 1);
        }
        pmd.setWriteProtected(idx, false);
        pte.owner = null;
        pte.sharedBy = null;
        m.work.tablesReused++;
        return pte;
    }

    /** The last reference goes: the table is zapped and freed, and mm's charge for it dropped. */
    void zapLast(Machine m, Mm mm, PageTable pmd, int idx) {
        PageTable pte = pmd.next[idx];
        if (PageTables.accounts(mm, pmd, idx)) {
            m.pageTables.charge(mm, pte, -1);
        }
        m.pageTables.unlink(mm, pmd, idx);
        m.work.tlbFlushes++;
    }

    /**
     * mm drops its reference on a whole shared table (munmap or exit of its 2 MiB): the last
     * reference zaps the table; otherwise mm's charge for it goes, then {@link #dropShare}.
     */
    @Override
    final void zapShared(Machine m, Mm mm, PageTable pmd, int idx) {
        PageTable pte = pmd.next[idx];
        if (pte.refcount == 1) {
            zapLast(m, mm, pmd, idx);
            return;
        }
        if (PageTables.accounts(mm, pmd, idx)) {
            m.pageTables.charge(mm, pte, -1);
        }
        dropShare(m, mm, pte);
        m.pageTables.unlink(mm, pmd, idx);
        m.work.tlbFlushes++;
    }

    /**
     * {@link #zapShared} of the 512 tables of a run at once, as each would go ({@code zap_pte_range}
     * reaching a whole shared table): mm's charge for them goes when it carries them; the last
     * reference unmaps their pages a block at a time and frees the tables; otherwise
     * {@link #dropShareRun}, and the run stays whole for its other sharers. Its work is counted as
     * deferred by the fork that shared the run.
     */
    @Override
    final boolean zapSharedRun(Machine m, Mm mm, PageTable pmd) {
        TableRun run = pmd.run();
        if (run.sharedBy != this || run.shmem) {
            return false;
        }
        Work before = m.work.snapshot();
        int n = Geometry.PTRS_PER_TABLE;
        long pages = (long) n * Geometry.PTRS_PER_TABLE;
        if (chargesEverySharer() || run.owner == mm) {
            mm.pgtablesBytes -= (long) n * Geometry.PAGE_SIZE;
            mm.rssAnon -= pages;
        }
        if (run.refcount() == 1) {
            m.frames.unmapBlocks(run.firstPfn, n);
            m.work.pageUpdates += pages;
            m.pageTables.freeRunTables(mm, pmd);
        } else {
            dropShareRun(m, mm, run);
            run.removeSharer(mm, pmd);
            mm.adjustReached(Level.PTE, -n);
        }
        m.work.tlbFlushes += n;
        m.deferred.add(m.work.since(before));
        return true;
    }

    /** {@link #dropShare} of each table of a run whose other sharers keep it. */
    void dropShareRun(Machine m, Mm mm, TableRun run) {
        if (run.owner == mm) {
            run.owner = null;
        }
    }

    /** What else a sharer leaving a table that others keep takes with it. Owner accounting: its ownership. */
    void dropShare(Machine m, Mm mm, PageTable pte) {
        if (pte.owner == mm) {
            pte.owner = null;
        }
    }
}
