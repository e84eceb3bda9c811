package dev.cowpte.mm;

import static dev.cowpte.mm.Geometry.PAGE_SIZE;
import static dev.cowpte.mm.Geometry.PMD_SIZE;
import static dev.cowpte.mm.Geometry.PUD_SIZE;

/**
 * {@code mm/mremap.c}: a mapping grows or shrinks in place ({@code mremap_to} aside:
 * {@code vma_expand}, or a {@code do_vmi_munmap} of the tail), or moves ({@code move_vma}): a
 * new vma, then {@code move_page_tables} carries the old range's tables over without a fault,
 * and the old range is unmapped as munmap unmaps it, freeing the tables no vma covers any more.
 *
 * <p>{@code move_page_tables} walks the range in extents that end at the next boundary of
 * either address ({@code get_extent}). Where both addresses are 1 GiB aligned and the extent is
 * a whole 1 GiB, the pud entry moves, taking its pmd table and everything below it
 * ({@code move_pgt_entry(NORMAL_PUD)}, {@code move_normal_pud}); where both are 2 MiB aligned and
 * the extent is a whole 2 MiB, the pmd entry moves, taking its PTE table ({@code NORMAL_PMD},
 * {@code move_normal_pmd}) or its huge page ({@code HPAGE_PMD}, {@code move_huge_pmd}); either
 * needs the destination entry to be none. Anything else moves entry by entry into the
 * destination's PTE table ({@code move_ptes}), a huge PMD split first.
 *
 * <p>A PTE table a fork shared (the copy-on-write page-table designs) would be mapped at two
 * addresses by its sharers once moved; no posting says what to do, so the simulator takes the
 * conservative way: the table is unshared first, as a fault would break it, then moved.
 */
final class Mremap {
    private final Machine m;

    Mremap(Machine m) {
        this.m = m;
    }

    /** {@code move_page_tables}: the tables of [old, old+len) of mm now map [to, to+len). */
    void movePageTables(Mm mm, long old, long to, long len) {
        long end = old + len;
        while (old < end) {
            if (old % PUD_SIZE == 0 && to % PUD_SIZE == 0 && end - old >= PUD_SIZE && movePud(mm, old, to)) {
                old += PUD_SIZE;
                to += PUD_SIZE;
                continue;
            }
            long extent = Math.min(Math.min(Geometry.pmdDown(old) + PMD_SIZE, end) - old,
                    Geometry.pmdDown(to) + PMD_SIZE - to);
            movePmdExtent(mm, old, to, extent);
            old += extent;
            to += extent;
        }
    }

    /** {@code move_normal_pud}: the whole pmd table below the old pud entry moves, if there is one and the new entry is none. */
    private boolean movePud(Mm mm, long old, long to) {
        PageTable oldPud = m.pageTables.pudTable(mm, old, false);
        int i = index(old, Geometry.PUD_SHIFT);
        if (oldPud == null || oldPud.next[i] == null) {
            return true; // nothing mapped there: nothing to move
        }
        PageTable newPud = m.pageTables.pudTable(mm, to, true);
        int j = index(to, Geometry.PUD_SHIFT);
        if (newPud.next[j] != null) {
            return false;
        }
        PageTable pmd = oldPud.next[i];
        unshareAll(mm, pmd);
        oldPud.next[i] = null;
        newPud.next[j] = pmd;
        pmd.rebase(to);
        m.work.pageUpdates++;
        m.work.tlbFlushes++;
        return true;
    }

    /** The shared PTE tables below {@code pmd}: each is made private to mm before its entry moves. */
    private void unshareAll(Mm mm, PageTable pmd) {
        if (pmd.hasRun() && pmd.run().writeProtected()) {
            pmd.run().make(); // a run shared with others' pmd tables: its tables are made, then broken below
        }
        for (int k = 0; k < Geometry.PTRS_PER_TABLE; k++) {
            if (pmd.next[k] != null && pmd.writeProtected(k)) {
                pmd.next[k].sharedBy.breakShared(m, mm, pmd, k);
            }
        }
    }

    /** One extent within one pmd entry at each end: the entry whole, or its entries one by one. */
    private void movePmdExtent(Mm mm, long old, long to, long extent) {
        PageTable oldPmd = m.pageTables.pmdTable(mm, old, false);
        int i = PageTables.pmdIndex(old);
        if (oldPmd == null || (oldPmd.next[i] == null && !oldPmd.huge(i))) {
            return;
        }
        PageTable newPmd = m.pageTables.pmdTable(mm, to, true);
        int j = PageTables.pmdIndex(to);
        boolean whole = extent == PMD_SIZE && newPmd.next[j] == null && !newPmd.huge(j);
        if (oldPmd.huge(i)) {
            if (whole) {
                // move_huge_pmd: the huge entry and its deposited table
                newPmd.setHuge(j, oldPmd.hugeEntry(i), oldPmd.depositId(i));
                oldPmd.clearHuge(i);
                m.work.pageUpdates++;
                m.work.tlbFlushes++;
                return;
            }
            m.huge.split(mm, oldPmd, i);
        }
        PageTable pte = oldPmd.next[i];
        if (oldPmd.writeProtected(i)) {
            pte = pte.sharedBy.breakShared(m, mm, oldPmd, i);
        }
        if (whole) {
            // move_normal_pmd: the pmd entry moves, its PTE table with it
            oldPmd.next[i] = null;
            newPmd.next[j] = pte;
            pte.rebase(Geometry.pmdDown(to));
            m.work.pageUpdates++;
            m.work.tlbFlushes++;
            return;
        }
        moveEntries(mm, pte, old, newPmd, j, to, extent);
    }

    /** {@code move_ptes}: each present entry of the extent goes to the destination's table, the page mapped as it was. */
    private void moveEntries(Mm mm, PageTable src, long old, PageTable newPmd, int j, long to, long extent) {
        PageTable dst = newPmd.next[j];
        if (newPmd.writeProtected(j)) {
            dst = dst.sharedBy.breakShared(m, mm, newPmd, j);
        }
        int from = PageTables.pteIndex(old);
        int at = PageTables.pteIndex(to);
        int n = (int) (extent / PAGE_SIZE);
        boolean any = false;
        for (int k = 0; k < n; k++) {
            any |= PageTable.present(src.pte(from + k));
        }
        if (!any) {
            return;
        }
        if (dst == null) {
            dst = m.pageTables.pteAlloc(mm, newPmd, to);
        }
        for (int k = 0; k < n; k++) {
            int e = src.pte(from + k);
            if (!PageTable.present(e)) {
                continue;
            }
            // the page stays exclusive where it was (PageAnonExclusive is the page's, not the entry's)
            boolean exclusive = src.exclusiveRo(from + k);
            src.setPte(from + k, 0);
            dst.setPte(at + k, e);
            if (exclusive) {
                dst.setExclusiveRo(at + k);
            }
            int pfn = PageTable.pfn(e);
            if (pfn != FrameTable.ZERO_PFN) {
                if (m.frames.shmem(pfn)) {
                    src.shmemPages--;
                    dst.shmemPages++;
                } else if (m.frames.file(pfn)) {
                    src.filePages--;
                    dst.filePages++;
                } else {
                    src.anonPages--;
                    dst.anonPages++;
                }
            }
            m.work.pageUpdates++;
        }
        m.work.tlbFlushes++;
    }

    private static int index(long addr, int shift) {
        return (int) ((addr >>> shift) & (Geometry.PTRS_PER_TABLE - 1));
    }
}
