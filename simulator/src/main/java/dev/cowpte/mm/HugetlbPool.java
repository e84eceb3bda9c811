package dev.cowpte.mm;

/**
 * The pool of one huge page size ({@code struct hstate}): {@code nr_hugepages} pages taken from
 * RAM when the pool is set, of which {@code free} are not in use and {@code reserved} are
 * promised to mappings that have not faulted them yet ({@code resv_huge_pages}). A fault that
 * holds no reservation needs a free page that no one reserved.
 */
final class HugetlbPool {
    final HugePageSize size;
    long total;
    long free;
    long reserved;

    HugetlbPool(HugePageSize size) {
        this.size = size;
    }

    long inUse() {
        return total - free;
    }

    /** Free pages that no mapping has reserved. */
    long available() {
        return free - reserved;
    }

    /** The refusal when {@code wanted} pages are wanted and fewer are available, with the line that fixes it. */
    MmError exhausted(String what, long wanted) {
        long available = Math.max(0, available());
        return new MmError(String.format(
                "%s needs %d %s hugetlb page%s but the pool has %d free and unreserved "
                        + "(nr_hugepages %d, %d in use, %d reserved): add `machine hugetlb %s %d`",
                what, wanted, size.label(), wanted == 1 ? "" : "s", available, total, inUse(), reserved,
                size.label(), total + wanted - available));
    }
}
