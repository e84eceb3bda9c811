package dev.cowpte.mm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine's large anonymous folios below 2 MiB (multi-size THP) and the statistics the kernel
 * keeps for each size ({@code /sys/kernel/mm/transparent_hugepage/hugepages-<size>kB/stats}).
 * A folio is born at a fault ({@link AnonFolioFault}); its pages are mapped, copied at fork and
 * unmapped page by page like any frame. A page freed while others of its folio stay mapped makes
 * the folio partially mapped: the kernel queues it for a deferred split ({@code
 * deferred_split_folio}, counted in {@code split_deferred}), known here once the operation that
 * unmapped the page is over ({@link #settle}), so that freeing a whole folio page by page does not
 * count. The simulation frees the unmapped pages at once, where the kernel keeps them until its
 * shrinker splits the folio under memory pressure: rss and mapcounts are the kernel's, the memory
 * in use is what it would be after that split.
 */
final class LargeFolios {
    private final Machine m;
    private final Map<Integer, Folio> byPfn = new HashMap<>();
    /** Folios that lost a page since the last {@link #settle}. */
    private final List<Folio> touched = new ArrayList<>();
    private final long[] anonFaultAlloc = new long[MthpSettings.PMD_ORDER];
    private final long[] anonFaultFallback = new long[MthpSettings.PMD_ORDER];
    private final long[] splitDeferred = new long[MthpSettings.PMD_ORDER];
    private final long[] nrAnon = new long[MthpSettings.PMD_ORDER];
    private final long[] nrAnonPartiallyMapped = new long[MthpSettings.PMD_ORDER];

    LargeFolios(Machine m) {
        this.m = m;
        m.frames.onRelease = this::released;
    }

    /** The large folio that holds {@code pfn}, or null for a small page (or a 2 MiB one). */
    Folio folioOf(int pfn) {
        return byPfn.isEmpty() ? null : byPfn.get(pfn);
    }

    /**
     * Whether {@code pfn} belongs to a large folio that may be pinned ({@code folio_maybe_dma_pinned}:
     * a large folio counts its pins in {@code _pincount}, so a pin on any of its pages counts for all).
     */
    boolean maybePinned(int pfn) {
        Folio f = folioOf(pfn);
        if (f == null) {
            return false;
        }
        for (int p : f.pfns) {
            if (byPfn.get(p) == f && m.frames.pincount(p) > 0) {
                return true;
            }
        }
        return false;
    }

    boolean any() {
        return !byPfn.isEmpty();
    }

    void added(Folio f) {
        for (int pfn : f.pfns) {
            byPfn.put(pfn, f);
        }
        anonFaultAlloc[f.order]++;
        nrAnon[f.order]++;
    }

    void fallback(int order) {
        anonFaultFallback[order]++;
    }

    /** The {@code n} frames from {@code first} are freed. */
    private void released(int first, int n) {
        if (byPfn.isEmpty()) {
            return; // no large folio: nothing to forget (and no boxing per freed frame)
        }
        for (int pfn = first; pfn < first + n; pfn++) {
            released(pfn);
        }
    }

    private void released(int pfn) {
        Folio f = byPfn.remove(pfn);
        if (f == null) {
            return;
        }
        f.live--;
        if (f.live == 0) {
            nrAnon[f.order]--;
            if (f.deferredSplit) {
                nrAnonPartiallyMapped[f.order]--;
            }
        } else if (!f.deferredSplit) {
            touched.add(f);
        }
    }

    /** After an operation: folios it left partly freed are queued for a deferred split. */
    void settle() {
        for (Folio f : touched) {
            if (f.live > 0 && !f.deferredSplit) {
                f.deferredSplit = true;
                splitDeferred[f.order]++;
                nrAnonPartiallyMapped[f.order]++;
            }
        }
        touched.clear();
    }

    /** The statistics of the folios of {@code order}, as the kernel's sysfs files show them. */
    MthpStats stats(int order) {
        settle();
        return new MthpStats(MthpSettings.bytes(order), anonFaultAlloc[order], anonFaultFallback[order],
                splitDeferred[order], nrAnon[order], nrAnonPartiallyMapped[order]);
    }

    /**
     * {@code __wp_can_reuse_large_anon_folio} (Linux 6.15): a write fault may reuse a page of a
     * large folio in place when every reference to the folio is a mapping and every mapping is in
     * the faulting mm's tables, and more than one page is mapped (a folio with one page left
     * mapped is given back instead). Before 6.15 ({@link KernelRules#largeFolioCowReuse()} off), a
     * page of a large folio is never reused: {@code wp_can_reuse_anon_folio} refused large folios.
     */
    boolean canReuse(Folio f, Mm mm, PageTable pte, int i) {
        if (!m.config().rules().largeFolioCowReuse()) {
            return false;
        }
        long mapcount = 0;
        long refcount = 0;
        for (int pfn : f.pfns) {
            if (byPfn.get(pfn) == f) {
                mapcount += m.frames.mapcount(pfn);
                refcount += m.frames.refcount(pfn);
            }
        }
        if (mapcount <= 1 || mapcount != refcount) {
            return false;
        }
        // mm's entries that map the folio: in the faulting entry's table, and in the neighbouring
        // table within the folio's size of the entry, where an mremap may have carried some of
        // its pages across a 2 MiB boundary
        long mine = 0;
        for (int k = 0; k < Geometry.PTRS_PER_TABLE; k++) {
            int e = pte.pte(k);
            if (PageTable.present(e) && byPfn.get(PageTable.pfn(e)) == f) {
                mine++;
            }
        }
        int n = f.nrPages();
        long addr = pte.base + ((long) i << Geometry.PAGE_SHIFT);
        PageTable table = null;
        long tableBase = pte.base;
        for (long a = Math.max(0, addr - (long) (n - 1) * Geometry.PAGE_SIZE);
                a <= addr + (long) (n - 1) * Geometry.PAGE_SIZE; a += Geometry.PAGE_SIZE) {
            long base = Geometry.pmdDown(a);
            if (base == pte.base) {
                continue;
            }
            if (base != tableBase) {
                tableBase = base;
                table = privateTable(mm, a);
                if (table == NOT_PRIVATE) {
                    return false;
                }
            }
            if (table == null) {
                continue;
            }
            int e = table.pte(PageTables.pteIndex(a));
            if (PageTable.present(e) && byPfn.get(PageTable.pfn(e)) == f) {
                mine++;
            }
        }
        return mine == mapcount;
    }

    private static final PageTable NOT_PRIVATE = new PageTable(Level.PTE, -1, 0);

    /** mm's PTE table for {@code addr}, null when none, {@link #NOT_PRIVATE} when a fork shares it with other mms. */
    private PageTable privateTable(Mm mm, long addr) {
        PageTable pmd = m.pageTables.pmdTable(mm, addr, false);
        if (pmd == null) {
            return null;
        }
        int idx = PageTables.pmdIndex(addr);
        PageTable t = pmd.next[idx];
        return t != null && pmd.writeProtected(idx) ? NOT_PRIVATE : t;
    }

    /**
     * What {@code folio_pte_batch} saves fork over the present entries [from, to) of a table it
     * copied: each run of entries that map consecutive pages of one large folio is one batch
     * ({@code copy_present_ptes}: one refcount and rmap update, one {@code set_ptes}), so every
     * entry of a batch after its first is work not done. Returns that number of entries.
     */
    long batchSaving(PageTable table, int from, int to) {
        if (byPfn.isEmpty()) {
            return 0;
        }
        long saving = 0;
        int i = from;
        while (i < to) {
            int e = table.pte(i);
            Folio f = PageTable.present(e) ? byPfn.get(PageTable.pfn(e)) : null;
            if (f == null) {
                i++;
                continue;
            }
            int k = f.indexOf(PageTable.pfn(e));
            int j = i + 1;
            while (j < to && k + (j - i) < f.nrPages()) {
                int n = table.pte(j);
                if (!PageTable.present(n) || PageTable.pfn(n) != f.pfns[k + (j - i)]
                        || PageTable.writable(n) != PageTable.writable(e)) {
                    break;
                }
                j++;
            }
            saving += j - i - 1;
            i = j;
        }
        return saving;
    }
}
