package dev.cowpte.compare;

import dev.cowpte.kernel.ForkCostModel;
import dev.cowpte.mm.FaultCounters;
import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.Work;
import dev.cowpte.words.Amounts;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import dev.cowpte.run.PolicyComparison.ProcessNumbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rows of a comparison of policies, one value per policy: per process, machine-wide, the
 * work done (all of it, inside the parents' {@code fork()} calls, and deferred), and the
 * modeled {@code fork()} latency. {@code cowpte compare} prints them as text, JSON or CSV and
 * the report draws them as a table: one list of rows, so none can tell a different story.
 */
public final class ComparisonRows {
    /**
     * A row: a section heading (no values, its {@code key} the prefix of its rows' keys) or a
     * labelled value per policy as people read it, and the numbers behind it as tools read them
     * (one counter, or several where the text packs them: {@code faults (cow/zero/table)}).
     */
    public record Row(String label, boolean section, List<String> values, String key, List<Counter> counters) {
    }

    /**
     * One number per policy under a stable key ({@code process.redis.pgtables_bytes},
     * {@code fork.entries_copied}, {@code fork_latency.longest_ns}), in {@code unit}
     * ({@code bytes}, {@code ns} or {@code count}); a null value where a policy has none.
     */
    public record Counter(String key, String unit, List<Long> values) {
    }

    /** The units of {@link Counter#unit()}. */
    public static final String BYTES = "bytes";
    public static final String NS = "ns";
    public static final String COUNT = "count";

    private ComparisonRows() {
    }

    public static List<Row> of(List<PolicyRun> runs, ForkCostModel model) {
        List<Row> rows = new ArrayList<>();
        Set<String> comms = new LinkedHashSet<>();
        runs.forEach(r -> r.processes().forEach(p -> comms.add(p.comm())));
        List<Map<String, ProcessNumbers>> byComm = new ArrayList<>();
        for (PolicyRun r : runs) {
            Map<String, ProcessNumbers> m = new HashMap<>();
            r.processes().forEach(p -> m.putIfAbsent(p.comm(), p));
            byComm.add(m);
        }
        List<String> order = new ArrayList<>(comms);
        for (int i = 0; i < order.size(); ) {
            // processes that follow each other with the same numbers under every policy: one section
            int j = i + 1;
            while (j < order.size() && alike(byComm, order.get(i), order.get(j))) {
                j++;
            }
            if (j - i >= ALIKE_IN_ONE_SECTION) {
                String first = order.get(i);
                String last = order.get(j - 1);
                processRows(rows, "processes " + first + " \u2026 " + last + " (" + (j - i) + " alike; each)",
                        "processes." + first + "-" + last, runs, byComm, first);
                i = j;
            } else {
                processRows(rows, "process " + order.get(i), "process." + order.get(i), runs, byComm, order.get(i));
                i++;
            }
        }
        rows.add(section("machine", "machine"));
        rows.add(bytes("PageTables at peak", "machine.pagetables_peak_bytes", runs, PolicyRun::peakPageTablesBytes));
        rows.add(bytes("PageTables at end", "machine.pagetables_end_bytes", runs, PolicyRun::finalPageTablesBytes));
        rows.add(bytes("memory in use at peak", "machine.memory_peak_bytes", runs, PolicyRun::peakMemoryBytes));
        rows.add(faults("machine", runs, PolicyRun::faults));
        rows.addAll(SharingRows.machine(runs));
        work(rows, "work done", "work", runs, PolicyRun::work, true);
        work(rows, "inside the parents' fork() calls", "fork", runs, PolicyRun::atFork, false);
        work(rows, "deferred by the forks (to faults, the child, exit)", "deferred", runs, PolicyRun::deferred, false);
        rows.add(section("fork() latency, modeled", "fork_latency"));
        rows.add(count("forks", "fork_latency.forks", runs, r -> (long) r.forks().size()));
        rows.add(row("longest fork()", runs, r -> r.forks().stream()
                .max(Comparator.comparingDouble(model::latencyNs)).map(model::latencyMillis).orElse("-"),
                new Counter("fork_latency.longest_ns", NS, numbers(runs, r -> r.forks().stream()
                        .mapToDouble(model::latencyNs).max().stream().mapToObj(Math::round).findFirst().orElse(null)))));
        rows.add(row("all fork() calls", runs, r -> r.forks().isEmpty() ? "-"
                : String.format(Locale.ROOT, "%.3f ms", totalNs(r, model) / 1e6),
                new Counter("fork_latency.all_ns", NS, numbers(runs,
                        r -> r.forks().isEmpty() ? null : Math.round(totalNs(r, model))))));
        rows.add(section("scenario", "scenario"));
        rows.add(row("expectations held", runs, r -> r.result().expectationsPassed() + "/"
                + (r.result().expectationsPassed() + r.result().expectationsFailed()),
                new Counter("scenario.expectations_held", COUNT, numbers(runs, r -> r.result().expectationsPassed())),
                new Counter("scenario.expectations", COUNT, numbers(runs,
                        r -> r.result().expectationsPassed() + r.result().expectationsFailed()))));
        if (runs.stream().anyMatch(r -> r.result().expectationsNotRun() > 0)) {
            rows.add(count("expectations not run", "scenario.expectations_not_run", runs,
                    r -> r.result().expectationsNotRun()));
        }
        return rows;
    }

    /** Processes alike under every policy, one after another, from this many on share one section. */
    static final int ALIKE_IN_ONE_SECTION = 4;

    private static void processRows(List<Row> rows, String title, String k, List<PolicyRun> runs,
                                    List<Map<String, ProcessNumbers>> byComm, String comm) {
        rows.add(section(title, k));
        Function<PolicyRun, Optional<ProcessNumbers>> of = r -> Optional.ofNullable(byComm.get(runs.indexOf(r)).get(comm));
        rows.add(bytes("pgtables_bytes", k + ".pgtables_bytes", runs,
                r -> of.apply(r).map(ProcessNumbers::pgtablesBytes).orElse(null)));
        rows.addAll(SharingRows.process(k, runs, r -> of.apply(r).map(ProcessNumbers::tables).orElse(null)));
        rows.add(bytes("rss", k + ".rss_bytes", runs,
                r -> of.apply(r).map(p -> p.rssPages() * Geometry.PAGE_SIZE).orElse(null)));
        if (runs.stream().anyMatch(r -> of.apply(r).map(p -> p.hugetlbBytes() != 0).orElse(false))) {
            rows.add(bytes("HugetlbPages", k + ".hugetlb_bytes", runs,
                    r -> of.apply(r).map(ProcessNumbers::hugetlbBytes).orElse(null)));
        }
        rows.add(faults(k, runs, r -> of.apply(r).map(ProcessNumbers::faults).orElse(null)));
    }

    /** Whether processes {@code a} and {@code b} have the same numbers under every policy (both there or both not). */
    private static boolean alike(List<Map<String, ProcessNumbers>> byComm, String a, String b) {
        for (Map<String, ProcessNumbers> m : byComm) {
            ProcessNumbers x = m.get(a);
            ProcessNumbers y = m.get(b);
            if ((x == null) != (y == null)) {
                return false;
            }
            if (x != null && (x.pgtablesBytes() != y.pgtablesBytes() || x.rssPages() != y.rssPages()
                    || x.hugetlbBytes() != y.hugetlbBytes() || !sameFaults(x.faults(), y.faults())
                    || !java.util.Objects.equals(sharing(x), sharing(y)))) {
                return false;
            }
        }
        return true;
    }

    /** What the sharing rows show of a process: the tables it reached, and each mechanism's part. */
    private static List<Object> sharing(ProcessNumbers p) {
        return p.tables() == null ? null : List.of(p.tables().reached(), p.tables().shared());
    }

    private static boolean sameFaults(FaultCounters a, FaultCounters b) {
        return a.all() == b.all() && a.cow() == b.cow() && a.zero() == b.zero() && a.table() == b.table();
    }

    /** The sentence that goes under the table: the latency is a model, and where its costs come from. */
    public static String latencyNote(ForkCostModel model) {
        return "fork() latency is a model, not a measurement: the work inside each fork() times per-operation costs, "
                + model.source() + ".";
    }

    /**
     * The sentence that goes under the table when it has the block of page tables by sharing
     * (a scenario that maps shared hugetlb memory or an mshare region): how the block counts.
     */
    public static Optional<String> sharingNote(List<PolicyRun> runs) {
        return SharingRows.note(runs);
    }

    private static void work(List<Row> rows, String title, String key, List<PolicyRun> runs,
                             Function<PolicyRun, Work> part, boolean all) {
        rows.add(section(title, key));
        rows.add(count(Work.TABLES_ALLOCATED, key + ".tables_allocated", runs, r -> part.apply(r).tablesAllocated()));
        rows.add(count(Work.TABLES_SHARED, key + ".tables_shared", runs, r -> part.apply(r).tablesShared()));
        rows.add(count(Work.TABLES_COPIED, key + ".tables_copied", runs, r -> part.apply(r).tablesCopied()));
        if (all) {
            rows.add(count(Work.TABLES_REUSED, key + ".tables_reused", runs, r -> part.apply(r).tablesReused()));
        }
        rows.add(count(Work.ENTRIES_COPIED, key + ".entries_copied", runs, r -> part.apply(r).entriesCopied()));
        rows.add(count(Work.PAGE_UPDATES, key + ".page_updates", runs, r -> part.apply(r).pageUpdates()));
        rows.add(count(Work.PAGES_COPIED, key + ".pages_copied", runs, r -> part.apply(r).pagesCopied()));
        rows.add(count("TLB flushes (2 MiB ranges)", key + ".tlb_flushes", runs, r -> part.apply(r).tlbFlushes()));
        if (all && runs.stream().anyMatch(r -> r.work().hugeCopied() + r.work().hugeSplit() > 0)) {
            rows.add(count(Work.HUGE_COPIED, key + ".huge_pmds_copied", runs, r -> r.work().hugeCopied()));
            rows.add(count(Work.HUGE_SPLIT, key + ".huge_pmds_split", runs, r -> r.work().hugeSplit()));
        }
    }

    private static double totalNs(PolicyRun r, ForkCostModel model) {
        return r.forks().stream().mapToDouble(model::latencyNs).sum();
    }

    /** {@code faults (cow/zero/table)}: all faults, then by kind, as {@code .faults}, {@code .faults_cow}, ... */
    static Row faults(String key, List<PolicyRun> runs, Function<PolicyRun, FaultCounters> f) {
        return row("faults (cow/zero/table)", runs, r -> Optional.ofNullable(f.apply(r))
                        .map(c -> c.all() + " (" + c.cow() + "/" + c.zero() + "/" + c.table() + ")").orElse("-"),
                faultCounter(key + ".faults", runs, f, FaultCounters::all),
                faultCounter(key + ".faults_cow", runs, f, FaultCounters::cow),
                faultCounter(key + ".faults_zero", runs, f, FaultCounters::zero),
                faultCounter(key + ".faults_table", runs, f, FaultCounters::table));
    }

    private static Counter faultCounter(String key, List<PolicyRun> runs, Function<PolicyRun, FaultCounters> f,
                                        java.util.function.ToLongFunction<FaultCounters> kind) {
        return new Counter(key, COUNT, numbers(runs, r -> {
            FaultCounters c = f.apply(r);
            return c == null ? null : kind.applyAsLong(c);
        }));
    }

    private static Row section(String name, String key) {
        return new Row(name, true, List.of(), key, List.of());
    }

    private static Row row(String name, List<PolicyRun> runs, Function<PolicyRun, String> text, Counter... counters) {
        return new Row(name, false, runs.stream().map(text).toList(), counters[0].key(), List.of(counters));
    }

    private static Row bytes(String name, String key, List<PolicyRun> runs, Function<PolicyRun, Long> f) {
        return row(name, runs, r -> Optional.ofNullable(f.apply(r)).map(Amounts::bytes).orElse("-"),
                new Counter(key, BYTES, numbers(runs, f)));
    }

    private static Row count(String name, String key, List<PolicyRun> runs, Function<PolicyRun, Long> f) {
        return row(name, runs, r -> Optional.ofNullable(f.apply(r)).map(String::valueOf).orElse("-"),
                new Counter(key, COUNT, numbers(runs, f)));
    }

    private static List<Long> numbers(List<PolicyRun> runs, Function<PolicyRun, Long> f) {
        List<Long> out = new ArrayList<>();
        runs.forEach(r -> out.add(f.apply(r)));
        return java.util.Collections.unmodifiableList(out);
    }
}
