package dev.cowpte.lang.ast;

import dev.cowpte.lang.SourceRange;

/**
 * Which pages of a range a page set holds: every S-th ({@code R[A..B step S]}), or N % of them
 * chosen at random, the same on every run ({@code R[A..B random N%]}).
 */
public sealed interface PageSet permits PageSet.Step, PageSet.Random {
    SourceRange range();

    /** Pages A, A+S, A+2S, … below the range's end; {@code step} in pages or bytes. */
    record Step(Quantity step, SourceRange range) implements PageSet {
    }

    /** {@code percent} % of the range's pages, rounded down. */
    record Random(long percent, SourceRange range) implements PageSet {
        /** How many pages of {@code pages} the set holds. */
        public long count(long pages) {
            return pages / 100 * percent + pages % 100 * percent / 100;
        }
    }

    /** How many of the pages [from, to) a step of {@code stepPages} holds. */
    static long stepCount(long from, long to, long stepPages) {
        return to <= from ? 0 : (to - from - 1) / stepPages + 1;
    }
}
