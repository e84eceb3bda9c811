package dev.cowpte.run;

import dev.cowpte.lang.ast.Expectation.FaultKind;
import dev.cowpte.mm.Mm;

/**
 * What an {@code expect} measured, with its names resolved: the quantity, the process (null for
 * the whole machine), the address (when it names one) and the simulated value. Lets a listener
 * measure the same quantity elsewhere, e.g. on the running kernel.
 *
 * @param subject   what the expectation compares, as messages name it ({@code rss child})
 * @param simulated the value the simulator gave, in bytes for amounts, a count otherwise
 *                  (1 or 0 for {@code shared}, {@code private} and {@code huge})
 */
public record Probe(Measure measure, String subject, Mm mm, Mm other, long address, FaultKind faultKind, long simulated) {

    /** The measurable quantities of the expectation language. */
    public enum Measure {
        PAGETABLES, TABLES, RSS, RSS_ANON, RSS_FILE, RSS_SHMEM, MEMORY, REFCOUNT, MAPCOUNT, VALUE, FAULTS, SHARED, PRIVATE,
        THP, HUGE, HUGETLB, MTHP
    }

    public boolean amount() {
        return measure == Measure.PAGETABLES || measure == Measure.RSS || measure == Measure.RSS_ANON
                || measure == Measure.RSS_FILE || measure == Measure.RSS_SHMEM || measure == Measure.MEMORY
                || measure == Measure.THP || measure == Measure.HUGETLB;
    }
}
