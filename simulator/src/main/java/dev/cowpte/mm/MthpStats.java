package dev.cowpte.mm;

/**
 * The statistics of one folio size, as {@code /sys/kernel/mm/transparent_hugepage/hugepages-<size>kB/stats}
 * names them: folios allocated at anonymous faults and faults that fell back to a smaller size
 * ({@code anon_fault_alloc}, {@code anon_fault_fallback}), folios queued for a deferred split
 * ({@code split_deferred}), and the anonymous folios of the size now, partially mapped ones apart
 * ({@code nr_anon}, {@code nr_anon_partially_mapped}).
 */
public record MthpStats(long sizeBytes, long anonFaultAlloc, long anonFaultFallback, long splitDeferred,
                        long nrAnon, long nrAnonPartiallyMapped) {
    /** The counters' names, as the kernel's files are named. */
    public static final java.util.List<String> NAMES = java.util.List.of(
            "anon_fault_alloc", "anon_fault_fallback", "split_deferred", "nr_anon", "nr_anon_partially_mapped");

    /** The counter of that name (one of {@link #NAMES}). */
    public long get(String name) {
        return switch (name) {
            case "anon_fault_alloc" -> anonFaultAlloc;
            case "anon_fault_fallback" -> anonFaultFallback;
            case "split_deferred" -> splitDeferred;
            case "nr_anon" -> nrAnon;
            case "nr_anon_partially_mapped" -> nrAnonPartiallyMapped;
            default -> throw new IllegalArgumentException("no mTHP statistic " + name);
        };
    }
}
