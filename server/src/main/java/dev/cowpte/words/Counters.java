package dev.cowpte.words;

import dev.cowpte.mm.FaultCounters;
import dev.cowpte.mm.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The counters as users see them: the simulator's work counters ({@link dev.cowpte.mm.Work}, named
 * there) with their count and their noun in the right number, the fault counters, and the tables
 * per level; one wording for {@code show}, hovers, hints, the debugger and the report.
 */
public final class Counters {
    private Counters() {
    }

    /**
     * A work counter with its count, its noun in the right number: {@code 1 table shared},
     * {@code 512 tables shared}, {@code 1 page copied}, {@code 1 huge pmd split}.
     */
    public static String counter(long n, String counter) {
        return n + " " + (Math.abs(n) == 1 ? singularCounter(counter) : counter);
    }

    /** The non-zero work counters, in order, or {@code none} when there are none. */
    public static String work(Map<String, Long> work, String none) {
        List<String> parts = new ArrayList<>();
        work.forEach((k, v) -> {
            if (v != null && v != 0) {
                parts.add(counter(v, k));
            }
        });
        return parts.isEmpty() ? none : String.join(", ", parts);
    }

    /** {@code tables allocated} → {@code table allocated}, {@code tlb flushes} → {@code tlb flush}. */
    static String singularCounter(String counter) {
        return counter.replace("tables", "table").replace("entries", "entry").replace("pages", "page")
                .replace("updates", "update").replace("flushes", "flush").replace("pmds", "pmd");
    }

    /** {@code faults 3 (cow 1, zero 0, table 1)}. */
    public static String faults(FaultCounters f) {
        return "faults " + faultCounts(f);
    }

    /** {@code 3 (cow 1, zero 0, table 1)}: all faults, then each kind. */
    public static String faultCounts(FaultCounters f) {
        return f.all() + " (cow " + f.cow() + ", zero " + f.zero() + ", table " + f.table() + ")";
    }

    /**
     * The tables per level, {@code pgd 1, pud 1, pmd 1, pte 512} with {@code separator} {@code ", "};
     * p4d only on a 5-level machine.
     */
    public static String tables(Map<Level, Integer> counts, String separator) {
        List<String> parts = new ArrayList<>();
        for (Level l : Level.values()) {
            Integer n = counts.get(l);
            if (n == null || (l == Level.P4D && n == 0)) {
                continue;
            }
            parts.add(l.label() + " " + n);
        }
        return String.join(separator, parts);
    }
}
