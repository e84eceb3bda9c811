package dev.cowpte.lang.check;

import dev.cowpte.lang.SourceRange;

/** What is known before running of one mapped region: its size, fixed address and fork flags. */
public final class RegionState {
    final long sizeBytes;
    /** The fixed address of {@code mmap ... at}, or null when placed top-down. */
    final Long at;
    boolean dontfork;
    final SourceRange mappedAt;

    RegionState(long sizeBytes, Long at, boolean dontfork, SourceRange mappedAt) {
        this.sizeBytes = sizeBytes;
        this.at = at;
        this.dontfork = dontfork;
        this.mappedAt = mappedAt;
    }

    RegionState copy() {
        return new RegionState(sizeBytes, at, dontfork, mappedAt);
    }

    /** Whole 4 KiB pages, as the kernel rounds a mapping up. */
    long pages() {
        return sizeBytes / Limits.PAGE_SIZE + (sizeBytes % Limits.PAGE_SIZE == 0 ? 0 : 1);
    }
}
