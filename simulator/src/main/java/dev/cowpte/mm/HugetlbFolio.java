package dev.cowpte.mm;

import java.util.HashMap;
import java.util.Map;

/**
 * One huge page taken from a hugetlb pool: its mapcount and references (one per entry that maps
 * it, one more for the page cache of a shared mapping's file), and the values of its 4 KiB
 * pages, kept sparse: a fill value for the whole page and the pages written otherwise.
 */
final class HugetlbFolio {
    final long id;
    final HugePageSize size;
    /** Whether it belongs to a private mapping (an anonymous folio, copied on write). */
    final boolean anon;
    int mapcount;
    int refcount;
    private long fill;
    private Map<Long, Long> values;

    HugetlbFolio(long id, HugePageSize size, boolean anon) {
        this.id = id;
        this.size = size;
        this.anon = anon;
    }

    long value(long offset) {
        if (values == null) {
            return fill;
        }
        return values.getOrDefault(offset >>> Geometry.PAGE_SHIFT, fill);
    }

    /** Stores {@code value} into the 4 KiB pages of [from, to), offsets within the folio. */
    void store(long from, long to, long value) {
        if (from == 0 && to == size.bytes()) {
            fill = value;
            values = null;
            return;
        }
        if (values == null) {
            values = new HashMap<>();
        }
        for (long o = from; o < to; o += Geometry.PAGE_SIZE) {
            values.put(o >>> Geometry.PAGE_SHIFT, value);
        }
    }

    /** The contents of {@code src}, for a copy on write. */
    void copyFrom(HugetlbFolio src) {
        fill = src.fill;
        values = src.values == null ? null : new HashMap<>(src.values);
    }

    String label() {
        return "hugetlb#" + id;
    }
}
