package dev.cowpte.mm;

/**
 * Flags of an anonymous mmap: MAP_SHARED, PROT_READ only, and the madvise flags set from the
 * start ({@code MADV_HUGEPAGE} and {@code MADV_NOHUGEPAGE} included), and hugetlb memory.
 */
public enum MapFlag {
    SHARED, READONLY, DONTFORK, WIPEONFORK, HUGEPAGE, NOHUGEPAGE,
    /** {@code MAP_HUGETLB} with 2 MiB pages, from the pool of that size. */
    HUGETLB,
    /** {@code MAP_HUGETLB | MAP_HUGE_1GB}: 1 GiB pages. */
    HUGETLB_1G
}
