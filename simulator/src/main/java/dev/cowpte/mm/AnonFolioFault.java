package dev.cowpte.mm;

/**
 * The anonymous write fault with multi-size THP ({@code do_anonymous_page} calling
 * {@code alloc_anon_folio}, Linux 6.8): the orders the vma allows ({@code thp_vma_allowable_orders}:
 * each size's {@code enabled}, {@code inherit} following the top-level mode, {@code madvise}
 * wanting VM_HUGEPAGE, VM_NOHUGEPAGE refusing all) whose naturally aligned range lies inside the
 * vma ({@code thp_vma_suitable_orders}); of those, the highest whose range is wholly empty
 * ({@code pte_range_none}: a page mapped there, the zero page included, rules it out); then an
 * allocation from that order down, each failure counted as {@code anon_fault_fallback}. The folio
 * is mapped whole by this one fault ({@code set_ptes}), writable, and counted in
 * {@code anon_fault_alloc}. Orders below 2 MiB only: a PMD-sized page is {@link HugePmd}'s.
 */
final class AnonFolioFault {
    private final Machine m;

    AnonFolioFault(Machine m) {
        this.m = m;
    }

    /** Whether a fault in {@code vma} may map a folio of {@code order}, wherever its range lies. */
    boolean allowed(Vma vma, int order) {
        if (vma.shared || vma.nohugepage) {
            return false;
        }
        Thp mode = m.config().mthp().effective(order, m.config().thp());
        return mode == Thp.ALWAYS || (mode == Thp.MADVISE && vma.hugepage);
    }

    /** Whether any size below 2 MiB may be used in {@code vma}. */
    boolean anyAllowed(Vma vma) {
        if (!m.config().mthp().anySmallEnabled(m.config().thp())) {
            return false;
        }
        for (int order = MthpSettings.PMD_ORDER - 1; order >= MthpSettings.MIN_ORDER; order--) {
            if (allowed(vma, order)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Maps a large folio around the empty entry {@code i} of {@code pte} (at {@code addr}) and
     * returns the pfn that {@code addr} reaches, or -1 when the fault must map a single page.
     * The caller has counted the fault.
     */
    int fault(Mm mm, Vma vma, PageTable pte, int i, long addr) {
        int order = MthpSettings.PMD_ORDER - 1;
        for (; order >= MthpSettings.MIN_ORDER; order--) {
            if (allowed(vma, order) && suitable(vma, addr, order) && rangeNone(pte, i, order)) {
                break;
            }
        }
        for (; order >= MthpSettings.MIN_ORDER; order--) {
            if (!allowed(vma, order) || !suitable(vma, addr, order)) {
                continue;
            }
            int n = 1 << order;
            if (!m.hasRoomFor(n)) {
                m.folios.fallback(order);
                continue;
            }
            m.reservePages(n);
            int first = i & -n;
            Folio folio = new Folio(order, allocate(n));
            int[] w = pte.ptesForWrite();
            for (int k = 0; k < n; k++) {
                w[first + k] = PageTable.mkpte(folio.pfns[k], true);
            }
            mm.rssAnon += n;
            pte.anonPages += n;
            vma.anon.prepare();
            m.folios.added(folio);
            return folio.pfns[i - first];
        }
        return -1;
    }

    /** {@code thp_vma_suitable_order}: the aligned range of the order lies inside the vma. */
    private static boolean suitable(Vma vma, long addr, int order) {
        long size = MthpSettings.bytes(order);
        long start = addr & -size;
        return start >= vma.start && start + size <= vma.end;
    }

    /** {@code pte_range_none}: every entry of the aligned range of the order is empty. */
    private static boolean rangeNone(PageTable pte, int i, int order) {
        int n = 1 << order;
        int first = i & -n;
        for (int k = first; k < first + n; k++) {
            if (PageTable.present(pte.pte(k))) {
                return false;
            }
        }
        return true;
    }

    /** {@code n} frames, zeroed and mapped once: consecutive pfns when none freed waits to be reused. */
    private int[] allocate(int n) {
        int[] pfns = new int[n];
        int first = m.frames.allocMappedRun(n, 0);
        for (int k = 0; k < n; k++) {
            if (first >= 0) {
                pfns[k] = first + k;
            } else {
                pfns[k] = m.frames.alloc(0, false);
                m.frames.map(pfns[k]);
            }
        }
        return pfns;
    }
}
