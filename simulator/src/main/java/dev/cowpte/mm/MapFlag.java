package dev.cowpte.mm;

/** Flags of an anonymous mmap: MAP_SHARED, PROT_READ only, and the madvise flags set from the start. */
public enum MapFlag {
    SHARED, READONLY, DONTFORK, WIPEONFORK
}
