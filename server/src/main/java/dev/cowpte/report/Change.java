package dev.cowpte.report;

/** What a statement did to a page table, as a drawing marks it. */
enum Change {
    /** A new table that holds a copy of another's entries: classic fork's copy, or a shared table broken by copying. */
    COPIED("copied", "copied"),
    /** A write-protected (COW) PTE table made writable again in place: a shared table broken by reuse. */
    REUSED("reused", "reused"),
    /** A table allocated for a fault or a mapping, copied from nothing. */
    ALLOCATED("new", "allocated"),
    /** A PTE table that gained a sharer: fork shared it instead of copying. */
    SHARED("shared", "sharer added"),
    /** A PTE table that lost a sharer: exit, munmap or a break by copy dropped one reference. */
    UNSHARED("unshared", "sharer left"),
    /** A PTE table that a huge PMD's split made of its deposited table (COW, mprotect, munmap or dontneed of part of it, a pinned page at fork). */
    SPLIT("split", "split from a huge PMD");

    /** CSS class suffix. */
    final String css;
    /** The badge's words. */
    final String words;

    Change(String css, String words) {
        this.css = css;
        this.words = words;
    }
}
