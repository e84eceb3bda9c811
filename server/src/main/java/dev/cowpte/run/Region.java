package dev.cowpte.run;

/**
 * A region name as a process knows it: the vma's start and the length declared at mmap, and the
 * name as the mmap wrote it (where it was declared).
 */
public record Region(String name, long start, long length, dev.cowpte.lang.SourceRange declaredAt) {
    public long pages() {
        return length / dev.cowpte.mm.Geometry.PAGE_SIZE;
    }

    public long end() {
        return start + length;
    }
}
