package dev.cowpte.mm;

/**
 * A read-only view of a vma; {@code hugetlb} is its hugetlb page size, or null; {@code mshare} the
 * mshare region it maps, or null.
 */
public record VmaInfo(String name, long start, long end, boolean writable, boolean shared, boolean dontfork,
                      boolean wipeonfork, boolean hugepage, boolean nohugepage, HugePageSize hugetlb,
                      String mshare) {
    public VmaInfo(String name, long start, long end, boolean writable, boolean shared, boolean dontfork,
                   boolean wipeonfork, boolean hugepage, boolean nohugepage, HugePageSize hugetlb) {
        this(name, start, end, writable, shared, dontfork, wipeonfork, hugepage, nohugepage, hugetlb, null);
    }

    public VmaInfo(String name, long start, long end, boolean writable, boolean shared, boolean dontfork,
                   boolean wipeonfork, boolean hugepage, boolean nohugepage) {
        this(name, start, end, writable, shared, dontfork, wipeonfork, hugepage, nohugepage, null, null);
    }

    static VmaInfo of(Vma v) {
        return v == null ? null : new VmaInfo(v.name, v.start, v.end, v.writable, v.shared, v.dontfork, v.wipeonfork,
                v.hugepage, v.nohugepage, v.hugetlbSize(), v.mshareRegion());
    }

    public long length() {
        return end - start;
    }
}
