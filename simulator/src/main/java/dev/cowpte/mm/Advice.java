package dev.cowpte.mm;

/** The madvise advices the simulator models. */
public enum Advice {
    DONTNEED, DONTFORK, DOFORK, WIPEONFORK, KEEPONFORK, HUGEPAGE, NOHUGEPAGE
}
