package dev.cowpte.lang.check;

import dev.cowpte.lang.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * What is known before running of one mapped region in one process: its size, fixed address,
 * and page by page (in runs) whether it is still mapped there, why not (LANGUAGE.md 1.1: the
 * name keeps naming the addresses after a munmap or a fork that did not copy them), and its
 * dontfork flag.
 */
public final class RegionState {
    long sizeBytes;
    /** The fixed address of {@code mmap ... at} (or of the mremap that moved it there), or null when placed top-down. */
    Long at;
    final SourceRange mappedAt;
    /** How many forks away the mmap was: 0 in the process that mapped it. */
    int inherited;
    /**
     * Where the simulator places a region mapped without {@code at} ({@link Placement}), when the
     * front end can know it; null otherwise.
     */
    Long placed;
    /**
     * The {@code mmap ... readonly} that mapped the region read-only, while no {@code mprotect} has
     * touched it since: a write anywhere in it is then sure to be a SIGSEGV. Null otherwise.
     */
    SourceRange readonlyAt;
    /** Runs of pages [from, to) that share their state, in order, covering the region. */
    private List<Run> runs = new ArrayList<>();

    /** Pages [from, to): mapped unless {@code gone} says where they went; dontfork as madvised. */
    record Run(long from, long to, String gone, boolean dontfork) {
    }

    RegionState(long sizeBytes, Long at, boolean dontfork, SourceRange mappedAt) {
        this.sizeBytes = sizeBytes;
        this.at = at;
        this.mappedAt = mappedAt;
        runs.add(new Run(0, pages(), null, dontfork));
    }

    private RegionState(RegionState other) {
        this.sizeBytes = other.sizeBytes;
        this.at = other.at;
        this.mappedAt = other.mappedAt;
        this.placed = other.placed;
        this.runs = new ArrayList<>(other.runs);
        this.inherited = other.inherited;
        this.readonlyAt = other.readonlyAt;
    }

    /**
     * After {@code mremap} to {@code bytes}: its pages beyond the new end are gone from the name,
     * new ones are mapped; {@code start} is where it is now, or null when only the run knows.
     */
    void resized(long bytes, Long start) {
        long oldPages = pages();
        sizeBytes = bytes;
        at = start;
        placed = null;
        long newPages = pages();
        List<Run> out = new ArrayList<>();
        boolean dontfork = false;
        for (Run r : runs) {
            dontfork = r.dontfork;
            if (r.from < newPages) {
                out.add(new Run(r.from, Math.min(r.to, newPages), r.gone, r.dontfork));
            }
        }
        if (newPages > oldPages) {
            out.add(new Run(oldPages, newPages, null, dontfork));
        }
        runs = out;
    }

    RegionState copy() {
        return new RegionState(this);
    }

    /** The region's first address: its {@code at}, or where it was placed top-down; null when not known. */
    Long start() {
        return at != null ? at : placed;
    }

    /** Whole 4 KiB pages, as the kernel rounds a mapping up. */
    long pages() {
        return sizeBytes / Limits.PAGE_SIZE + (sizeBytes % Limits.PAGE_SIZE == 0 ? 0 : 1);
    }

    /** Where the first page of [from, to) that is no longer mapped went, or null when all are mapped. */
    String goneIn(long from, long to) {
        for (Run r : runs) {
            if (r.gone != null && r.from < to && from < r.to) {
                return r.gone;
            }
        }
        return null;
    }

    /** The first page of [from, to) that is no longer mapped, or -1. */
    long firstGone(long from, long to) {
        for (Run r : runs) {
            if (r.gone != null && r.from < to && from < r.to) {
                return Math.max(r.from, from);
            }
        }
        return -1;
    }

    boolean whollyGone() {
        return runs.stream().allMatch(r -> r.gone != null);
    }

    /** Marks [from, to) unmapped, for the reason given ("was unmapped at line 9"); pages gone already keep theirs. */
    void unmap(long from, long to, String why) {
        change(from, to, r -> r.gone != null ? r : new Run(r.from, r.to, why, r.dontfork));
    }

    void dontfork(long from, long to, boolean on) {
        change(from, to, r -> new Run(r.from, r.to, r.gone, on));
    }

    /** The region as a child of a fork sees it: dontfork pages are gone there. */
    RegionState forked(String why) {
        RegionState child = copy();
        child.inherited++;
        child.change(0, Long.MAX_VALUE, r -> r.dontfork && r.gone == null ? new Run(r.from, r.to, why, true) : r);
        return child;
    }

    /** The runs as {@link Names} publishes them. */
    List<Names.PageRun> pageRuns() {
        return runs.stream().map(r -> new Names.PageRun(r.from, r.to, r.gone, r.dontfork)).toList();
    }

    /** The mapped runs, as [from, to) page pairs. */
    List<long[]> mapped() {
        List<long[]> out = new ArrayList<>();
        for (Run r : runs) {
            if (r.gone == null) {
                out.add(new long[] {r.from, r.to});
            }
        }
        return out;
    }

    private void change(long from, long to, java.util.function.UnaryOperator<Run> how) {
        List<Run> next = new ArrayList<>();
        for (Run r : runs) {
            if (r.to <= from || to <= r.from) {
                add(next, r);
                continue;
            }
            if (r.from < from) {
                add(next, new Run(r.from, from, r.gone, r.dontfork));
            }
            Run inside = new Run(Math.max(r.from, from), Math.min(r.to, to), r.gone, r.dontfork);
            add(next, how.apply(inside));
            if (to < r.to) {
                add(next, new Run(to, r.to, r.gone, r.dontfork));
            }
        }
        runs = next;
    }

    private static void add(List<Run> runs, Run r) {
        if (r.from >= r.to) {
            return;
        }
        if (!runs.isEmpty()) {
            Run last = runs.get(runs.size() - 1);
            if (last.to == r.from && last.dontfork == r.dontfork && java.util.Objects.equals(last.gone, r.gone)) {
                runs.set(runs.size() - 1, new Run(last.from, r.to, r.gone, r.dontfork));
                return;
            }
        }
        runs.add(r);
    }
}
