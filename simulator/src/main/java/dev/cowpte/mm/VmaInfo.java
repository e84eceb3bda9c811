package dev.cowpte.mm;

/** A read-only view of a vma; {@code hugetlb} is its hugetlb page size, or null. */
public record VmaInfo(String name, long start, long end, boolean writable, boolean shared, boolean dontfork,
                      boolean wipeonfork, boolean hugepage, boolean nohugepage, HugePageSize hugetlb) {
    public VmaInfo(String name, long start, long end, boolean writable, boolean shared, boolean dontfork,
                   boolean wipeonfork, boolean hugepage, boolean nohugepage) {
        this(name, start, end, writable, shared, dontfork, wipeonfork, hugepage, nohugepage, null);
    }

    static VmaInfo of(Vma v) {
        return v == null ? null : new VmaInfo(v.name, v.start, v.end, v.writable, v.shared, v.dontfork, v.wipeonfork,
                v.hugepage, v.nohugepage, v.hugetlbSize());
    }

    public long length() {
        return end - start;
    }
}
