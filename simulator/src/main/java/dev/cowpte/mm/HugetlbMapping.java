package dev.cowpte.mm;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a hugetlb vma maps: its page size and, for a shared mapping, the hugetlbfs file behind it
 * (its page cache, one folio per huge page index, and the indexes reserved but not yet
 * allocated); for a private one, the reservations of the mapping's owner (the process that
 * mapped it, {@code HPAGE_RESV_OWNER}), one per huge page it has not faulted yet. A child's copy
 * of a private mapping holds none ({@code hugetlb_dup_vma_private}).
 */
final class HugetlbMapping {
    final HugePageSize size;
    final boolean shared;
    /** Shared: the file's pages by huge page index. */
    final Map<Long, HugetlbFolio> pages;
    /** Huge page indexes (file offsets when shared, addresses / size when private) still reserved. */
    final TreeSet<Long> reserved = new TreeSet<>();

    HugetlbMapping(HugePageSize size, boolean shared) {
        this.size = size;
        this.shared = shared;
        this.pages = shared ? new HashMap<>() : null;
    }

    /** The huge page index of {@code addr} in vma: its file offset when shared, else its address. */
    long index(Vma vma, long addr) {
        if (shared) {
            return vma.shmemIndex(addr) / size.basePages();
        }
        return addr / size.bytes();
    }
}
