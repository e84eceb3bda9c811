package dev.cowpte.mm;

/**
 * Unmapping pages from an mm ({@code zap_pmd_range}, {@code zap_pte_range}): for munmap, exit
 * and {@code MADV_DONTNEED}. A huge PMD that loses its whole 2 MiB goes as one entry with its
 * deposited table ({@code zap_huge_pmd}); one that loses part of it is split first. A shared PTE
 * table that loses its whole range is handed to the policy that shared it; one that loses only
 * part of it is broken first.
 */
final class Zap {
    private final Machine m;

    Zap(Machine m) {
        this.m = m;
    }

    /**
     * Zaps [start, end) of mm. With {@code tablesGoing} (munmap, exit) the vmas are already gone
     * and a PTE table that no vma covers any more is dropped whole; without it (dontneed) the
     * tables stay ({@link #reclaimEmpty} frees some under pt-reclaim).
     */
    void range(Mm mm, long start, long end, boolean tablesGoing) {
        PageTables.PmdVisitor entries = (pmd, idx, s, e) -> {
            if (pmd.huge(idx)) {
                long base = Geometry.pmdDown(s);
                if (e - s == Geometry.PMD_SIZE
                        || (tablesGoing && mm.vmasIn(base, base + Geometry.PMD_SIZE).isEmpty())) {
                    m.huge.zap(mm, pmd, idx);
                    return;
                }
                m.huge.split(mm, pmd, idx);
            }
            zapTable(mm, pmd, idx, pmd.next[idx], s, e, tablesGoing);
        };
        m.pageTables.forEachPmd(mm, start, end, entries, pmd -> {
            if (!tablesGoing || !zapRun(mm, pmd)) {
                m.pageTables.forEachPmd(mm, pmd.base, pmd.base + Geometry.PUD_SIZE, entries);
            }
        });
    }

    /**
     * A run of tables whose whole GiB no vma of mm covers any more (munmap, exit) goes at once, as
     * {@link #zapTable} of each table and then {@link PageTables#freeUnused} would take it: a run
     * private to mm has its pages unmapped a block at a time and its 512 tables freed; a run a
     * policy shared goes as that policy's {@link ForkPolicy#zapSharedRun}. Returns false, having
     * changed nothing, for a run another mm reaches unshared or that its policy cannot take whole
     * (it goes table by table).
     */
    private boolean zapRun(Mm mm, PageTable pmd) {
        TableRun run = pmd.run();
        if (!mm.vmasIn(pmd.base, pmd.base + Geometry.PUD_SIZE).isEmpty()) {
            return false;
        }
        if (run.sharedBy != null) {
            return run.sharedBy.zapSharedRun(m, mm, pmd);
        }
        if (run.refcount() != 1) {
            return false;
        }
        int tables = Geometry.PTRS_PER_TABLE;
        long pages = (long) tables * Geometry.PTRS_PER_TABLE;
        m.frames.unmapBlocks(run.firstPfn, tables);
        if (run.shmem) {
            mm.rssShmem -= pages;
        } else {
            mm.rssAnon -= pages;
        }
        m.work.pageUpdates += pages;
        m.work.tlbFlushes += tables;
        m.pageTables.freeRun(mm, pmd);
        return true;
    }

    private void zapTable(Mm mm, PageTable pmd, int idx, PageTable pte, long s, long e, boolean tablesGoing) {
        long base = pte.base;
        if (pmd.writeProtected(idx)) {
            boolean whole = (s == base && e == base + Geometry.PMD_SIZE)
                    || (tablesGoing && mm.vmasIn(base, base + Geometry.PMD_SIZE).isEmpty());
            if (whole) {
                pte.sharedBy.zapSharedDeferred(m, mm, pmd, idx);
                return;
            }
            pte = pte.sharedBy.breakShared(m, mm, pmd, idx);
        }
        int from = PageTables.pteIndex(s);
        int to = PageTables.pteIndex(e - 1);
        boolean flushed = false;
        int anon = 0;
        int shmem = 0;
        int file = 0;
        if (pte.shmemPages == 0 && pte.filePages == 0) {
            // every page here is anonymous: the frames go in one pass, then the entries
            boolean whole = from == 0 && to == Geometry.PTRS_PER_TABLE - 1;
            anon = whole ? m.frames.unmapTable(pte) : m.frames.unmapEntries(pte, from, to + 1);
            flushed = anon > 0;
            for (int i = from; i <= to && !flushed; i++) {
                flushed = pte.pte(i) != 0;
            }
            if (flushed) {
                if (whole) {
                    pte.clearPtes();
                } else {
                    java.util.Arrays.fill(pte.ptesForWrite(), from, to + 1, 0);
                    pte.clearExclusiveRo(from, to + 1);
                }
            }
        } else {
            for (int i = from; i <= to; i++) {
                int entry = pte.pte(i);
                if (!PageTable.present(entry)) {
                    continue;
                }
                int pfn = PageTable.pfn(entry);
                if (pfn != FrameTable.ZERO_PFN) {
                    if (m.frames.shmem(pfn)) {
                        shmem++;
                    } else if (m.frames.file(pfn)) {
                        file++;
                    } else {
                        anon++;
                    }
                    m.frames.unmap(pfn);
                }
                pte.setPte(i, 0);
                flushed = true;
            }
        }
        mm.rssAnon -= anon;
        pte.anonPages -= anon;
        mm.rssShmem -= shmem;
        pte.shmemPages -= shmem;
        mm.rssFile -= file;
        pte.filePages -= file;
        m.work.pageUpdates += anon + shmem + file;
        if (flushed) {
            m.work.tlbFlushes++;
        }
    }

    /**
     * {@code MADV_DONTNEED} with pt-reclaim ({@code CONFIG_PT_RECLAIM}): after the zap of
     * [start, end) of one vma, frees the PTE tables of mm whose whole 2 MiB lies in that range
     * and whose entries are all none. As {@code madvise_dontneed_single_vma} zaps one vma at a
     * time and {@code zap_pte_range} asks {@code reclaim_pt_is_enabled} (the zapped part of the
     * table is at least PMD_SIZE) before {@code try_to_free_pte} checks the 512 entries: a table
     * emptied by zaps of parts of it, or shared by two vmas, stays until a dontneed of one vma
     * covers it whole; an already empty table goes then too.
     */
    void reclaimEmpty(Mm mm, long start, long end) {
        m.pageTables.forEachPte(mm, start, end, (pmd, idx, pte) -> {
            if (pte.base < start || pte.base + Geometry.PMD_SIZE > end || pmd.writeProtected(idx)
                    || pte.hasEntries()) {
                return;
            }
            m.pageTables.charge(mm, pte, -1);
            m.pageTables.unlink(mm, pmd, idx);
        });
    }
}
