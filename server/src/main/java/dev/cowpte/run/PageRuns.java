package dev.cowpte.run;

import static dev.cowpte.mm.Geometry.PAGE_SIZE;

import java.util.Arrays;

/**
 * The pages of a page set as runs of adjacent pages, in address order: {@code start(i)} and
 * {@code length(i)} in bytes. A set of spread pages is many runs of one page, a clustered one
 * few long runs, and an access over the set is one access per run.
 */
public final class PageRuns {
    private long[] starts = new long[8];
    private long[] lengths = new long[8];
    private int runs;
    private long pages;

    /** Adds the page at {@code address}, after every page added so far; a page next to the last run extends it. */
    void addPage(long address) {
        if (runs > 0 && starts[runs - 1] + lengths[runs - 1] == address) {
            lengths[runs - 1] += PAGE_SIZE;
        } else {
            if (runs == starts.length) {
                starts = Arrays.copyOf(starts, runs * 2);
                lengths = Arrays.copyOf(lengths, runs * 2);
            }
            starts[runs] = address;
            lengths[runs] = PAGE_SIZE;
            runs++;
        }
        pages++;
    }

    public int runs() {
        return runs;
    }

    public long pages() {
        return pages;
    }

    public long start(int run) {
        return starts[run];
    }

    public long length(int run) {
        return lengths[run];
    }
}
