package dev.cowpte.mm;

/**
 * A large anonymous folio smaller than 2 MiB (multi-size THP): {@code 1 << order} frames allocated
 * together by one fault ({@code alloc_anon_folio}) and mapped by PTEs. The frames keep their own
 * mapcounts and refcounts (the kernel's per-page mapcount, {@code CONFIG_PAGE_MAPCOUNT}, which
 * {@code /proc/kpagecount} shows); the folio adds what the kernel keeps per folio: its order,
 * which frames are its pages, and whether it was queued for a deferred split.
 */
final class Folio {
    final int order;
    /** The pfns of its pages in order: page k of the folio is {@code pfns[k]}. */
    final int[] pfns;
    /** Pages not freed yet. */
    int live;
    /** Put on the deferred split queue ({@code deferred_split_folio}) once a page of it was unmapped for good. */
    boolean deferredSplit;

    Folio(int order, int[] pfns) {
        this.order = order;
        this.pfns = pfns;
        this.live = pfns.length;
    }

    int nrPages() {
        return pfns.length;
    }

    /** The index in the folio of {@code pfn}, or -1. */
    int indexOf(int pfn) {
        int first = pfns[0];
        if (pfn - first >= 0 && pfn - first < pfns.length && pfns[pfn - first] == pfn) {
            return pfn - first;
        }
        for (int k = 0; k < pfns.length; k++) {
            if (pfns[k] == pfn) {
                return k;
            }
        }
        return -1;
    }
}
