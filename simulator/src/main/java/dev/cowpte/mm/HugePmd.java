package dev.cowpte.mm;

/**
 * Transparent huge pages mapped by PMD entries, the simulator's {@code mm/huge_memory.c}: the
 * first fault of an eligible 2 MiB range, write faults on a read-only huge PMD, the copy at
 * fork, splits into a PTE table, zaps and protection changes of a whole huge PMD.
 *
 * <p>Every huge PMD has a PTE table deposited beside it (x86 {@code pgtable_trans_huge_deposit}):
 * allocated with the entry, counted in the machine's page tables and the mm's pgtables_bytes,
 * freed with the entry, and made the entry's PTE table by a split. A huge PMD is never a shared
 * PTE table: every fork policy copies it as classic fork does ({@code copy_huge_pmd}); a table a
 * split creates is an ordinary PTE table from then on.
 */
final class HugePmd {
    private static final int NR = Geometry.PTRS_PER_TABLE;
    private final Machine m;

    HugePmd(Machine m) {
        this.m = m;
    }

    /** Whether a fault at {@code addr} of vma may map a huge page (the pmd entry must also be none). */
    boolean eligible(Vma vma, long addr) {
        return vma.thpEligible(m.config().pmdThp(), Geometry.pmdDown(addr));
    }

    /**
     * The access of {@code addr} through a huge PMD, or an empty pmd entry where a huge page may
     * be mapped. Returns the pfn reached, or -1 when the access must go on at PTE level (the
     * huge page could not be allocated, or the huge PMD was split); the faults this took are
     * counted, a fault the PTE level then takes is not.
     */
    int access(Mm mm, Vma vma, PageTable pmd, int idx, long addr, boolean write) {
        if (!pmd.huge(idx)) {
            if (!anonymousFault(mm, vma, pmd, idx, write)) {
                return -1;
            }
            countFault(mm);
            return PageTables.hugeLeafPfn(pmd.hugeEntry(idx), addr);
        }
        int e = pmd.hugeEntry(idx);
        if (!write || PageTable.writable(e)) {
            return PageTables.hugeLeafPfn(e, addr);
        }
        if (!wpFault(mm, vma, pmd, idx, false)) {
            return -1;
        }
        countFault(mm);
        return PageTables.hugeLeafPfn(pmd.hugeEntry(idx), addr);
    }

    private void countFault(Mm mm) {
        mm.faults.all++;
        m.faults.all++;
    }

    /**
     * {@code do_huge_pmd_anonymous_page}: the anon_vma is prepared first ({@code vmf_anon_prepare},
     * so even a read makes fork copy the vma); a read maps the huge zero page (nothing charged
     * but the deposited table, {@code set_huge_zero_folio}), a write a new zeroed 2 MiB page,
     * writable, rss +512 ({@code map_anon_folio_pmd}). Returns false to fall back to 4 KiB pages
     * when the 2 MiB page does not fit in memory ({@code thp_fault_fallback}).
     */
    private boolean anonymousFault(Mm mm, Vma vma, PageTable pmd, int idx, boolean write) {
        if (write && !m.hasRoomFor(NR + 1)) {
            return false;
        }
        long deposit = m.pageTables.allocDeposit(mm);
        vma.anon.prepare();
        if (!write) {
            pmd.setHuge(idx, PageTable.mkhuge(FrameTable.ZERO_PFN, false, false), deposit);
            mm.faults.zero++;
            m.faults.zero++;
            return true;
        }
        int first = m.frames.allocHugePage(0);
        pmd.setHuge(idx, PageTable.mkhuge(first, vma.writable, true), deposit);
        mm.rssAnon += NR;
        mm.anonHuge++;
        return true;
    }

    /**
     * A write ({@code unshare} false) or an unshare for a read-only pin ({@code unshare} true) of
     * a read-only huge PMD, {@code do_huge_pmd_wp_page}: the huge zero page is replaced by a new
     * 2 MiB page on a write ({@code do_huge_zero_wp_pmd}, Linux 6.13; the deposit stays), else
     * (an unshare, or a kernel before 6.13: {@link KernelRules#hugeZeroWriteAllocates()}) split; an anonymous page exclusive to this mm ({@code PageAnonExclusive}, or a reference
     * count of one) is reused; any other is split, and the PTE level then copies the one 4 KiB
     * page that faulted. Returns whether the huge PMD stays (false: it was split).
     */
    boolean wpFault(Mm mm, Vma vma, PageTable pmd, int idx, boolean unshare) {
        int e = pmd.hugeEntry(idx);
        int first = PageTable.hugePfn(e);
        if (first == FrameTable.ZERO_PFN) {
            if (unshare || !m.config().rules().hugeZeroWriteAllocates() || !m.hasRoomFor(NR)) {
                split(mm, pmd, idx);
                return false;
            }
            int page = m.frames.allocHugePage(0);
            pmd.updateHuge(idx, PageTable.mkhuge(page, true, true));
            mm.rssAnon += NR;
            mm.anonHuge++;
            vma.anon.prepare();
            mm.faults.cow++;
            m.faults.cow++;
            m.work.tlbFlushes++;
            return true;
        }
        if (PageTable.hugeExclusive(e) || m.frames.hugeExclusive(first)) {
            pmd.updateHuge(idx, PageTable.mkhuge(first, !unshare || PageTable.writable(e), true));
            return true;
        }
        split(mm, pmd, idx);
        return false;
    }

    /**
     * {@code __split_huge_pmd_locked}: the deposited table is withdrawn and becomes the pmd
     * entry's PTE table, its 512 entries mapping the 2 MiB page's frames in order with the huge
     * entry's write bit and exclusivity (the huge zero page: 512 entries of the zero page).
     * Mapcounts, references, rss and pgtables_bytes stay as they were; the page is no longer
     * PMD-mapped here. Returns the new PTE table.
     */
    PageTable split(Mm mm, PageTable pmd, int idx) {
        int e = pmd.hugeEntry(idx);
        long id = pmd.depositId(idx);
        long base = pmd.addressOf(idx, m.pageTables.levels());
        pmd.clearHuge(idx);
        PageTable pte = new PageTable(Level.PTE, id, base);
        m.pageTables.link(mm, pmd, idx, pte, false);
        int first = PageTable.hugePfn(e);
        int[] w = pte.ptesForWrite();
        if (first == FrameTable.ZERO_PFN) {
            java.util.Arrays.fill(w, PageTable.mkpte(FrameTable.ZERO_PFN, false));
        } else {
            boolean writable = PageTable.writable(e);
            for (int k = 0; k < NR; k++) {
                w[k] = PageTable.mkpte(first + k, writable);
            }
            if (!writable && PageTable.hugeExclusive(e)) {
                for (int k = 0; k < NR; k++) {
                    pte.setExclusiveRo(k);
                }
            }
            pte.anonPages = NR;
            m.frames.hugeSplit(first);
            mm.anonHuge--;
        }
        m.work.hugeSplit++;
        m.work.tlbFlushes++;
        return pte;
    }

    /**
     * {@code zap_huge_pmd}: the entry is cleared and its deposited table freed; the 2 MiB page
     * loses one mapping and reference (one update for the whole page), rss -512.
     */
    void zap(Mm mm, PageTable pmd, int idx) {
        int first = PageTable.hugePfn(pmd.hugeEntry(idx));
        pmd.clearHuge(idx);
        m.pageTables.freeDeposit(mm);
        if (first != FrameTable.ZERO_PFN) {
            m.frames.unmapHuge(first);
            mm.rssAnon -= NR;
            mm.anonHuge--;
            m.work.pageUpdates++;
        }
        m.work.tlbFlushes++;
    }

    /**
     * {@code change_huge_pmd} over a whole huge PMD: read-only clears the write bit (an anonymous
     * page stays exclusive); read-write with {@code MM_CP_TRY_CHANGE_WRITABLE} makes an exclusive
     * anonymous page writable at once ({@code can_change_pmd_writable}); the huge zero page stays
     * read-only.
     */
    void protect(PageTable pmd, int idx, boolean writable) {
        int e = pmd.hugeEntry(idx);
        int first = PageTable.hugePfn(e);
        if (!writable) {
            if (PageTable.writable(e)) {
                pmd.updateHuge(idx, PageTable.mkhuge(first, false, first != FrameTable.ZERO_PFN));
                m.work.tlbFlushes++;
            }
        } else if (!PageTable.writable(e) && first != FrameTable.ZERO_PFN && PageTable.hugeExclusive(e)) {
            pmd.updateHuge(idx, PageTable.mkhuge(first, true, true));
        }
    }

    /**
     * {@code copy_huge_pmd}: the child's pmd entry maps the same 2 MiB page (or the huge zero
     * page), both entries write-protected and the page shared (its exclusivity gone), the page's
     * mapcount and reference +1, child rss +512, and a table allocated and deposited for the
     * child. A page that may be pinned ({@code folio_try_dup_anon_rmap_pmd} fails) is not shared:
     * the parent's PMD is split and the caller copies at PTE level. Returns whether it copied.
     */
    boolean copy(Mm parent, Mm child, PageTable srcPmd, int idx) {
        int e = srcPmd.hugeEntry(idx);
        int first = PageTable.hugePfn(e);
        long base = srcPmd.addressOf(idx, m.pageTables.levels());
        if (first != FrameTable.ZERO_PFN && m.frames.maybePinned(first)) {
            split(parent, srcPmd, idx);
            return false;
        }
        PageTable childPmd = m.pageTables.pmdTable(child, base, true);
        long deposit = m.pageTables.allocDeposit(child);
        int shared = PageTable.mkhuge(first, false, false);
        childPmd.setHuge(idx, shared, deposit);
        m.work.entriesCopied++;
        m.work.hugeCopied++;
        if (first == FrameTable.ZERO_PFN) {
            return true;
        }
        m.frames.mapHuge(first);
        child.rssAnon += NR;
        child.anonHuge++;
        m.work.pageUpdates++;
        if (PageTable.writable(e)) {
            m.work.tlbFlushes++;
        }
        srcPmd.updateHuge(idx, shared);
        return true;
    }
}
