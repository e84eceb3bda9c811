package dev.cowpte.compare;

import dev.cowpte.kernel.ForkCostModel;
import dev.cowpte.mm.FaultCounters;
import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.Work;
import dev.cowpte.run.Amounts;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import dev.cowpte.run.PolicyComparison.ProcessNumbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The rows of a comparison of policies, one value per policy: per process, machine-wide, the
 * work done (all of it, inside the parents' {@code fork()} calls, and deferred), and the
 * modeled {@code fork()} latency. {@code cowpte compare} prints them as text and the report
 * draws them as a table: one list of rows, so the two cannot tell different stories.
 */
public final class ComparisonRows {
    /** A row: a section heading (no values) or a labelled value per policy. */
    public record Row(String label, boolean section, List<String> values) {
    }

    private ComparisonRows() {
    }

    public static List<Row> of(List<PolicyRun> runs, ForkCostModel model) {
        List<Row> rows = new ArrayList<>();
        Set<String> comms = new LinkedHashSet<>();
        runs.forEach(r -> r.processes().forEach(p -> comms.add(p.comm())));
        for (String comm : comms) {
            rows.add(section("process " + comm));
            rows.add(proc("pgtables_bytes", runs, comm, p -> Amounts.bytes(p.pgtablesBytes())));
            rows.add(proc("rss", runs, comm, p -> Amounts.bytes(p.rssPages() * Geometry.PAGE_SIZE)));
            rows.add(proc("faults (cow/zero/table)", runs, comm, p -> faults(p.faults())));
        }
        rows.add(section("machine"));
        rows.add(row("PageTables at peak", runs, r -> Amounts.bytes(r.peakPageTablesBytes())));
        rows.add(row("PageTables at end", runs, r -> Amounts.bytes(r.finalPageTablesBytes())));
        rows.add(row("memory in use at peak", runs, r -> Amounts.bytes(r.peakMemoryBytes())));
        rows.add(row("faults (cow/zero/table)", runs, r -> faults(r.faults())));
        work(rows, "work done", runs, PolicyRun::work, true);
        work(rows, "inside the parents' fork() calls", runs, PolicyRun::atFork, false);
        work(rows, "deferred by the forks (to faults, the child, exit)", runs, PolicyRun::deferred, false);
        rows.add(section("fork() latency, modeled"));
        rows.add(row("forks", runs, r -> Integer.toString(r.forks().size())));
        rows.add(row("longest fork()", runs, r -> r.forks().stream()
                .max(Comparator.comparingDouble(model::latencyNs)).map(model::latencyMillis).orElse("-")));
        rows.add(row("all fork() calls", runs, r -> r.forks().isEmpty() ? "-"
                : String.format(Locale.ROOT, "%.3f ms", r.forks().stream().mapToDouble(model::latencyNs).sum() / 1e6)));
        rows.add(section("scenario"));
        rows.add(row("expectations held", runs, r -> r.result().expectationsPassed() + "/"
                + (r.result().expectationsPassed() + r.result().expectationsFailed())));
        if (runs.stream().anyMatch(r -> r.result().expectationsNotRun() > 0)) {
            rows.add(row("expectations not run", runs,
                    r -> Long.toString(r.result().expectationsNotRun())));
        }
        return rows;
    }

    /** The sentence that goes under the table: the latency is a model, and where its costs come from. */
    public static String latencyNote(ForkCostModel model) {
        return "fork() latency is a model, not a measurement: the work inside each fork() times per-operation costs, "
                + model.source() + ".";
    }

    private static void work(List<Row> rows, String title, List<PolicyRun> runs, Function<PolicyRun, Work> part,
                             boolean all) {
        rows.add(section(title));
        rows.add(row(Work.TABLES_ALLOCATED, runs, r -> Long.toString(part.apply(r).tablesAllocated())));
        rows.add(row(Work.TABLES_SHARED, runs, r -> Long.toString(part.apply(r).tablesShared())));
        rows.add(row(Work.TABLES_COPIED, runs, r -> Long.toString(part.apply(r).tablesCopied())));
        if (all) {
            rows.add(row(Work.TABLES_REUSED, runs, r -> Long.toString(part.apply(r).tablesReused())));
        }
        rows.add(row(Work.ENTRIES_COPIED, runs, r -> Long.toString(part.apply(r).entriesCopied())));
        rows.add(row(Work.PAGE_UPDATES, runs, r -> Long.toString(part.apply(r).pageUpdates())));
        rows.add(row(Work.PAGES_COPIED, runs, r -> Long.toString(part.apply(r).pagesCopied())));
        rows.add(row("TLB flushes (2 MiB ranges)", runs, r -> Long.toString(part.apply(r).tlbFlushes())));
        if (all && runs.stream().anyMatch(r -> r.work().hugeCopied() + r.work().hugeSplit() > 0)) {
            rows.add(row(Work.HUGE_COPIED, runs, r -> Long.toString(r.work().hugeCopied())));
            rows.add(row(Work.HUGE_SPLIT, runs, r -> Long.toString(r.work().hugeSplit())));
        }
    }

    private static String faults(FaultCounters f) {
        return f.all() + " (" + f.cow() + "/" + f.zero() + "/" + f.table() + ")";
    }

    private static Row section(String name) {
        return new Row(name, true, List.of());
    }

    private static Row row(String name, List<PolicyRun> runs, Function<PolicyRun, String> f) {
        return new Row(name, false, runs.stream().map(f).toList());
    }

    private static Row proc(String name, List<PolicyRun> runs, String comm, Function<ProcessNumbers, String> f) {
        return row(name, runs, r -> r.processes().stream().filter(p -> p.comm().equals(comm)).findFirst()
                .map(f).orElse("-"));
    }
}
