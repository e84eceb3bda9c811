package dev.cowpte.mm;

/**
 * Flags of an anonymous mmap: MAP_SHARED, PROT_READ only, and the madvise flags set from the
 * start ({@code MADV_HUGEPAGE} and {@code MADV_NOHUGEPAGE} included).
 */
public enum MapFlag {
    SHARED, READONLY, DONTFORK, WIPEONFORK, HUGEPAGE, NOHUGEPAGE
}
