package dev.cowpte.mm;

/**
 * A read-only view of a vma; {@code file} names the file it maps, null for anonymous memory and
 * shmem; {@code hugetlb} is its hugetlb page size, or null; {@code mshare} the mshare region it
 * maps, or null.
 */
public record VmaInfo(String name, long start, long end, boolean writable, boolean shared, boolean dontfork,
                      boolean wipeonfork, boolean hugepage, boolean nohugepage, String file, HugePageSize hugetlb,
                      String mshare) {
    static VmaInfo of(Vma v) {
        return v == null ? null : new VmaInfo(v.name, v.start, v.end, v.writable, v.shared, v.dontfork, v.wipeonfork,
                v.hugepage, v.nohugepage, v.fileName(), v.hugetlbSize(), v.mshareRegion());
    }

    public long length() {
        return end - start;
    }
}
