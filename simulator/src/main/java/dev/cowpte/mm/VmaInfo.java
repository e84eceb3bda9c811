package dev.cowpte.mm;

/** A read-only view of a vma; {@code file} names the file it maps, null for anonymous memory and shmem. */
public record VmaInfo(String name, long start, long end, boolean writable, boolean shared, boolean dontfork,
                      boolean wipeonfork, boolean hugepage, boolean nohugepage, String file) {
    static VmaInfo of(Vma v) {
        return v == null ? null : new VmaInfo(v.name, v.start, v.end, v.writable, v.shared, v.dontfork, v.wipeonfork,
                v.hugepage, v.nohugepage, v.fileName());
    }

    public long length() {
        return end - start;
    }
}
