package dev.cowpte.mm;

import static dev.cowpte.mm.Geometry.PAGE_SIZE;

/**
 * Allocation, lookup, linking and freeing of page-table pages ({@code pgd_alloc},
 * {@code __pte_alloc}, {@code free_pgd_range}), and the charging of PTE tables to an mm's
 * {@code pgtables_bytes} and rss.
 */
final class PageTables {
    private final Machine m;
    private final int levels;

    PageTables(Machine m) {
        this.m = m;
        this.levels = m.config().levels();
    }

    int levels() {
        return levels;
    }

    static int index(Level level, long addr, int levels) {
        return (int) ((addr >>> level.shift(levels)) & (Geometry.PTRS_PER_TABLE - 1));
    }

    static int pmdIndex(long addr) {
        return (int) ((addr >>> Geometry.PMD_SHIFT) & 511);
    }

    static int pteIndex(long addr) {
        return (int) ((addr >>> Geometry.PAGE_SHIFT) & 511);
    }

    /** A new, empty table page; fails with out of memory when RAM is full. */
    PageTable alloc(Level level, long base) {
        m.reservePages(1);
        m.tableCount[level.ordinal()]++;
        m.totalTableCount++;
        m.work.tablesAllocated++;
        return new PageTable(level, m.nextTableId++, base);
    }

    private void free(PageTable t) {
        m.tableCount[t.level.ordinal()]--;
        m.totalTableCount--;
        m.work.tablesFreed++;
    }

    PageTable allocPgd(Mm mm) {
        PageTable pgd = alloc(Level.PGD, 0);
        pgd.refcount = 1;
        pgd.addSharer(mm);
        mm.adjustReached(Level.PGD, 1);
        return pgd;
    }

    void freePgd(Mm mm) {
        mm.adjustReached(Level.PGD, -1);
        mm.pgd.refcount = 0;
        mm.pgd.clearSharers();
        free(mm.pgd);
        mm.pgd = null;
    }

    /** The pmd table that maps {@code addr} in {@code mm}, allocating the levels above on the way when asked. */
    PageTable pmdTable(Mm mm, long addr, boolean allocate) {
        return upperTable(mm, addr, Level.PMD, allocate, true);
    }

    /**
     * The pmd table that maps {@code addr} in mm when it holds a run of PTE tables
     * ({@link PageTable#hasRun}), left a run; else null (no pmd table there, or one of tables).
     */
    PageTable pmdTableHoldingRun(Mm mm, long addr) {
        PageTable pmd = upperTable(mm, addr, Level.PMD, false, false);
        return pmd != null && pmd.hasRun() ? pmd : null;
    }

    /** The pud table that maps {@code addr} in {@code mm}, allocating the levels above on the way when asked. */
    PageTable pudTable(Mm mm, long addr, boolean allocate) {
        return upperTable(mm, addr, Level.PUD, allocate, true);
    }

    /** The table of {@code level} (pgd down to pmd) that maps {@code addr} in mm, allocating as {@link #pmdTable}. */
    private PageTable upperTable(Mm mm, long addr, Level level, boolean allocate, boolean makeRuns) {
        PageTable t = mm.pgd;
        while (t.level != level) {
            int i = index(t.level, addr, levels);
            PageTable below = makeRuns ? t.below(i) : t.next[i];
            if (below == null) {
                if (!allocate) {
                    return null;
                }
                Level lower = t.level.below(levels);
                below = alloc(lower, addr & ~(t.span(levels) / 512 - 1));
                below.refcount = 1;
                below.addSharer(mm);
                t.next[i] = below;
                mm.adjustReached(lower, 1);
                if (lower != Level.P4D) {
                    mm.pgtablesBytes += PAGE_SIZE;
                }
            }
            t = below;
        }
        return t;
    }

    /**
     * The upper tables a fork gives the child over [start, end) of a vma it copies: one wherever
     * the parent has one, whether or not a PTE table lies below it. The kernel's
     * {@code copy_p4d_range}, {@code copy_pud_range} and {@code copy_pmd_range} allocate the
     * child's p4d, pud and pmd table for every upper entry of the parent that is not none, before
     * looking at the entries below; so a vma whose PTE tables pt-reclaim freed still costs the
     * child its pud and pmd tables.
     */
    void copyUpperTables(Mm parent, Mm child, long start, long end) {
        if (start < end) {
            copyUpperTables(parent.pgd, child, start, end);
        }
    }

    private void copyUpperTables(PageTable t, Mm child, long start, long end) {
        if (t.level == Level.PMD) {
            return;
        }
        int first = index(t.level, Math.max(start, t.base), levels);
        int last = index(t.level, Math.min(end, t.base + t.span(levels)) - 1, levels);
        for (int i = first; i <= last; i++) {
            PageTable below = t.next[i];
            if (below != null) {
                // the child's tables are there or made here; a run in them stays one
                upperTable(child, Math.max(start, below.base), below.level, true, false);
                copyUpperTables(below, child, start, end);
            }
        }
    }

    /** Receives the pmd entries that point to a PTE table, in address order. */
    interface PteVisitor {
        void visit(PageTable pmd, int idx, PageTable pte);
    }

    /**
     * Receives the pmd entries that are not none, in address order: each points to a PTE table
     * or is a huge PMD; [s, e) is the part of the walked range within the entry's 2 MiB.
     */
    interface PmdVisitor {
        void visit(PageTable pmd, int idx, long s, long e);
    }

    /**
     * The one walk of the leaves: calls {@code visitor} for every pmd entry of mm over [start,
     * end) that is not none (a PTE table or a huge PMD), in address order, descending the tree
     * once (missing upper tables are skipped whole). The visitor may change the entry it is
     * given: split a huge PMD, clear it, replace or drop the PTE table.
     */
    void forEachPmd(Mm mm, long start, long end, PmdVisitor visitor) {
        forEachPmd(mm, start, end, visitor, null);
    }

    /** Receives a PMD table whose PTE tables are held as a run ({@link PageTable#hasRun}). */
    interface RunVisitor {
        void visit(PageTable pmd);
    }

    /**
     * {@link #forEachPmd}, but a PMD table that [start, end) covers whole and whose PTE tables
     * are a run goes to {@code runs} as one, in its place in address order, instead of being
     * made table by table; with {@code runs} null every run is made.
     */
    void forEachPmd(Mm mm, long start, long end, PmdVisitor visitor, RunVisitor runs) {
        if (start < end) {
            forEachPmd(mm.pgd, start, end, visitor, runs);
        }
    }

    private void forEachPmd(PageTable t, long start, long end, PmdVisitor visitor, RunVisitor runs) {
        long tableEnd = t.base + t.span(levels);
        int first = index(t.level, Math.max(start, t.base), levels);
        int last = index(t.level, Math.min(end, tableEnd) - 1, levels);
        for (int i = first; i <= last; i++) {
            if (t.level == Level.PMD) {
                if (t.next[i] != null || t.huge(i)) {
                    long base = t.base + ((long) i << Geometry.PMD_SHIFT);
                    visitor.visit(t, i, Math.max(start, base), Math.min(end, base + Geometry.PMD_SIZE));
                }
                continue;
            }
            PageTable child = t.next[i];
            if (child == null) {
                continue;
            }
            if (runs != null && child.hasRun() && start <= child.base && child.base + child.span(levels) <= end) {
                runs.visit(child);
                continue;
            }
            forEachPmd(t.below(i), start, end, visitor, runs);
        }
    }

    /**
     * Calls {@code visitor} for every PTE table of mm that maps part of [start, end), in address
     * order: {@link #forEachPmd} without the huge PMDs, for the walks that look at PTE tables
     * only. The visitor may change or clear the pmd entry it is given.
     */
    void forEachPte(Mm mm, long start, long end, PteVisitor visitor) {
        forEachPmd(mm, start, end, (pmd, idx, s, e) -> {
            PageTable pte = pmd.next[idx];
            if (pte != null) {
                visitor.visit(pmd, idx, pte);
            }
        });
    }

    /** The PTE table that maps {@code addr} in {@code mm}, or null (none, or a huge PMD maps it). */
    PageTable pte(Mm mm, long addr) {
        PageTable pmd = pmdTable(mm, addr, false);
        return pmd == null ? null : pmd.next[pmdIndex(addr)];
    }

    /**
     * The pfn a load from {@code addr} in mm reaches through its tables, whether a PTE or a
     * huge PMD maps it (the zero page and the huge zero page are pfn 0), or -1 when nothing does.
     */
    int leafPfn(Mm mm, long addr) {
        PageTable pmd = upperTable(mm, addr, Level.PMD, false, false);
        if (pmd == null) {
            return -1;
        }
        int idx = pmdIndex(addr);
        if (pmd.hasRun()) {
            // table idx of the run maps its block whole, in order: no need to make it
            return pmd.runFirstPfn() + idx * Geometry.PTRS_PER_TABLE + pteIndex(addr);
        }
        if (pmd.huge(idx)) {
            return hugeLeafPfn(pmd.hugeEntry(idx), addr);
        }
        PageTable pte = pmd.next[idx];
        int e = pte == null ? 0 : pte.pte(pteIndex(addr));
        return PageTable.present(e) ? PageTable.pfn(e) : -1;
    }

    /** The frame of the 4 KiB page at {@code addr} within the 2 MiB page of a huge entry. */
    static int hugeLeafPfn(int hugeEntry, long addr) {
        int first = PageTable.hugePfn(hugeEntry);
        return first == FrameTable.ZERO_PFN ? FrameTable.ZERO_PFN : first + pteIndex(addr);
    }

    /**
     * A PTE table for a huge PMD of mm ({@code pte_alloc_one} before
     * {@code pgtable_trans_huge_deposit}): a table page on the machine, counted in mm's
     * pgtables_bytes ({@code mm_inc_nr_ptes}) but reached by no walk. Returns its id.
     */
    long allocDeposit(Mm mm) {
        m.reservePages(1);
        m.tableCount[Level.PTE.ordinal()]++;
        m.totalTableCount++;
        m.work.tablesAllocated++;
        mm.pgtablesBytes += PAGE_SIZE;
        return m.nextTableId++;
    }

    /** The deposited table of a huge PMD of mm is freed with it ({@code zap_deposited_table}). */
    void freeDeposit(Mm mm) {
        m.tableCount[Level.PTE.ordinal()]--;
        m.totalTableCount--;
        m.work.tablesFreed++;
        mm.pgtablesBytes -= PAGE_SIZE;
    }

    /**
     * The 512 PTE tables of a run ({@link PageTable#setRun}) for mm, counted and charged as 512
     * {@link #pteAlloc} calls would (the caller checked there is room): returns the first of
     * their 512 consecutive ids.
     */
    long allocRun(Mm mm) {
        int n = Geometry.PTRS_PER_TABLE;
        m.reservePages(n);
        m.tableCount[Level.PTE.ordinal()] += n;
        m.totalTableCount += n;
        m.work.tablesAllocated += n;
        long idBase = m.nextTableId;
        m.nextTableId += n;
        mm.adjustReached(Level.PTE, n);
        mm.pgtablesBytes += (long) n * PAGE_SIZE;
        return idBase;
    }

    /** A private, empty PTE table for {@code addr}, linked into the pmd entry and charged to mm. */
    PageTable pteAlloc(Mm mm, PageTable pmd, long addr) {
        PageTable pte = alloc(Level.PTE, Geometry.pmdDown(addr));
        link(mm, pmd, pmdIndex(addr), pte, false);
        mm.pgtablesBytes += PAGE_SIZE;
        return pte;
    }

    /** Points the pmd entry at {@code pte}: one more reference and sharer. No charging. */
    void link(Mm mm, PageTable pmd, int idx, PageTable pte, boolean writeProtect) {
        pmd.next[idx] = pte;
        pmd.setWriteProtected(idx, writeProtect);
        pte.refcount++;
        pte.addSharer(mm);
        mm.adjustReached(Level.PTE, 1);
    }

    /**
     * Clears the pmd entry and drops its reference on the PTE table. No charging. The last
     * reference frees the table and drops the pages its entries still map.
     */
    void unlink(Mm mm, PageTable pmd, int idx) {
        PageTable pte = pmd.next[idx];
        pmd.next[idx] = null;
        pmd.setWriteProtected(idx, false);
        pte.refcount--;
        pte.removeSharer(mm);
        mm.adjustReached(Level.PTE, -1);
        if (pte.refcount == 0) {
            if (pte.anonPages + pte.shmemPages + pte.filePages > 0) {
                m.work.pageUpdates += m.frames.unmapTable(pte);
            }
            pte.clearPtes();
            pte.owner = null;
            pte.sharedBy = null;
            pte.anonPages = 0;
            pte.shmemPages = 0;
            pte.filePages = 0;
            free(pte);
        }
    }

    /**
     * The 512 empty tables of mm's run in {@code pmd} freed, as {@link #freeUnused} frees 512
     * PTE tables no vma covers: mm no longer reaches or is charged for them.
     */
    void freeRun(Mm mm, PageTable pmd) {
        mm.pgtablesBytes -= (long) Geometry.PTRS_PER_TABLE * PAGE_SIZE;
        freeRunTables(mm, pmd);
    }

    /**
     * The 512 tables of the run in mm's pmd table, which mm alone reaches and whose pages are
     * unmapped, freed, as {@link #unlink} frees a table at its last reference: no charging.
     */
    void freeRunTables(Mm mm, PageTable pmd) {
        int n = Geometry.PTRS_PER_TABLE;
        mm.adjustReached(Level.PTE, -n);
        m.tableCount[Level.PTE.ordinal()] -= n;
        m.totalTableCount -= n;
        m.work.tablesFreed += n;
        pmd.dropRun();
    }

    /** Adds ({@code sign} 1) or removes ({@code sign} -1) the table and the pages it maps from mm's counters. */
    void charge(Mm mm, PageTable pte, int sign) {
        mm.pgtablesBytes += sign * PAGE_SIZE;
        mm.rssAnon += sign * pte.anonPages;
        mm.rssShmem += sign * pte.shmemPages;
        mm.rssFile += sign * pte.filePages;
    }

    /** Whether mm's counters carry the PTE table that its pmd entry points to. */
    static boolean accounts(Mm mm, PageTable pmd, int idx) {
        PageTable pte = pmd.next[idx];
        return !pmd.writeProtected(idx) || pte.sharedBy == null || pte.sharedBy.accountsSharer(mm, pte);
    }

    /**
     * Frees the tables below {@code table} within [start, end) whose whole range no vma of mm
     * covers any more: the kernel's {@code free_pgd_range} with floor and ceiling. PTE tables
     * reached here have had their entries zapped.
     */
    void freeUnused(Mm mm, PageTable table, long start, long end) {
        long span = table.span(levels) / 512;
        int first = index(table.level, Math.max(start, table.base), levels);
        long tableEnd = table.base + table.span(levels);
        int last = index(table.level, Math.min(end, tableEnd) - 1, levels);
        for (int i = first; i <= last; i++) {
            PageTable child = table.below(i);
            if (child == null) {
                continue;
            }
            long cs = table.base + i * span;
            long ce = cs + span;
            boolean covered = !mm.vmasIn(cs, ce).isEmpty();
            if (child.level == Level.PTE) {
                if (!covered) {
                    if (accounts(mm, table, i)) {
                        charge(mm, child, -1);
                    }
                    unlink(mm, table, i);
                }
                continue;
            }
            freeUnused(mm, child, start, end);
            if (!covered && !child.hasEntries()) {
                table.next[i] = null;
                mm.adjustReached(child.level, -1);
                if (child.level != Level.P4D) {
                    mm.pgtablesBytes -= PAGE_SIZE;
                }
                child.refcount = 0;
                child.clearSharers();
                free(child);
            }
        }
    }
}
