package dev.cowpte.cli;

import dev.cowpte.mm.FaultCounters;
import dev.cowpte.kernel.ForkCostModel;
import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.Work;
import dev.cowpte.run.Amounts;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import dev.cowpte.run.PolicyComparison.ProcessNumbers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The table of {@code cowpte compare}: one column per policy, rows per process and machine-wide. */
final class CompareTable {
    private CompareTable() {
    }

    static String render(String file, List<PolicyRun> runs) {
        return render(file, runs, ForkCostModel.current());
    }

    static String render(String file, List<PolicyRun> runs, ForkCostModel model) {
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[runs.size() + 1];
        head[0] = file;
        for (int i = 0; i < runs.size(); i++) {
            head[i + 1] = runs.get(i).policy();
        }
        rows.add(head);
        Set<String> comms = new LinkedHashSet<>();
        runs.forEach(r -> r.processes().forEach(p -> comms.add(p.comm())));
        for (String comm : comms) {
            rows.add(section("process " + comm, runs.size()));
            rows.add(proc("  pgtables_bytes", runs, comm, p -> Amounts.bytes(p.pgtablesBytes())));
            rows.add(proc("  rss", runs, comm, p -> Amounts.bytes(p.rssPages() * Geometry.PAGE_SIZE)));
            rows.add(proc("  faults (cow/zero/table)", runs, comm, p -> faults(p.faults())));
        }
        rows.add(section("machine", runs.size()));
        rows.add(row("  PageTables at peak", runs, r -> Amounts.bytes(r.peakPageTablesBytes())));
        rows.add(row("  PageTables at end", runs, r -> Amounts.bytes(r.finalPageTablesBytes())));
        rows.add(row("  memory in use at peak", runs, r -> Amounts.bytes(r.peakMemoryBytes())));
        rows.add(row("  faults (cow/zero/table)", runs, r -> faults(r.faults())));
        rows.add(row("  tables allocated", runs, r -> Long.toString(r.work().tablesAllocated())));
        rows.add(row("  tables shared", runs, r -> Long.toString(r.work().tablesShared())));
        rows.add(row("  tables copied", runs, r -> Long.toString(r.work().tablesCopied())));
        rows.add(row("  tables reused", runs, r -> Long.toString(r.work().tablesReused())));
        rows.add(row("  entries copied", runs, r -> Long.toString(r.work().entriesCopied())));
        rows.add(row("  per-page updates", runs, r -> Long.toString(r.work().pageUpdates())));
        rows.add(row("  pages copied", runs, r -> Long.toString(r.work().pagesCopied())));
        rows.add(row("  TLB flushes (2 MiB ranges)", runs, r -> Long.toString(r.work().tlbFlushes())));
        if (runs.stream().anyMatch(r -> r.work().hugeCopied() + r.work().hugeSplit() > 0)) {
            rows.add(row("  huge pmds copied", runs, r -> Long.toString(r.work().hugeCopied())));
            rows.add(row("  huge pmds split", runs, r -> Long.toString(r.work().hugeSplit())));
        }
        split(rows, "inside the parents' fork() calls", runs, PolicyRun::atFork);
        split(rows, "deferred by the forks (to faults, the child, exit)", runs, PolicyRun::deferred);
        rows.add(section("fork() latency, modeled", runs.size()));
        rows.add(row("  forks", runs, r -> Integer.toString(r.forks().size())));
        rows.add(row("  longest fork()", runs, r -> r.forks().stream()
                .max(java.util.Comparator.comparingDouble(model::latencyNs)).map(model::latencyMillis).orElse("-")));
        rows.add(row("  all fork() calls", runs, r -> r.forks().isEmpty() ? "-"
                : String.format(java.util.Locale.ROOT, "%.3f ms",
                        r.forks().stream().mapToDouble(model::latencyNs).sum() / 1e6)));
        rows.add(row("expectations held", runs, r -> r.result().expectationsPassed() + "/"
                + (r.result().expectationsPassed() + r.result().expectationsFailed())));
        String warning = dev.cowpte.run.PolicyComparison.unreached(null, runs).map(w -> w + "\n").orElse("");
        return format(rows) + "\nfork() latency is a model, not a measurement: the work inside each fork() times "
                + "per-operation costs, " + model.source() + ".\n" + warning;
    }

    private static void split(List<String[]> rows, String title, List<PolicyRun> runs, Function<PolicyRun, Work> part) {
        rows.add(section(title, runs.size()));
        rows.add(row("  tables allocated", runs, r -> Long.toString(part.apply(r).tablesAllocated())));
        rows.add(row("  tables shared", runs, r -> Long.toString(part.apply(r).tablesShared())));
        rows.add(row("  tables copied", runs, r -> Long.toString(part.apply(r).tablesCopied())));
        rows.add(row("  entries copied", runs, r -> Long.toString(part.apply(r).entriesCopied())));
        rows.add(row("  per-page updates", runs, r -> Long.toString(part.apply(r).pageUpdates())));
        rows.add(row("  pages copied", runs, r -> Long.toString(part.apply(r).pagesCopied())));
        rows.add(row("  TLB flushes (2 MiB ranges)", runs, r -> Long.toString(part.apply(r).tlbFlushes())));
    }

    private static String faults(FaultCounters f) {
        return f.all() + " (" + f.cow() + "/" + f.zero() + "/" + f.table() + ")";
    }

    private static String[] section(String name, int n) {
        String[] r = new String[n + 1];
        r[0] = name;
        for (int i = 1; i <= n; i++) {
            r[i] = "";
        }
        return r;
    }

    private static String[] row(String name, List<PolicyRun> runs, Function<PolicyRun, String> f) {
        String[] r = new String[runs.size() + 1];
        r[0] = name;
        for (int i = 0; i < runs.size(); i++) {
            r[i + 1] = f.apply(runs.get(i));
        }
        return r;
    }

    private static String[] proc(String name, List<PolicyRun> runs, String comm, Function<ProcessNumbers, String> f) {
        return row(name, runs, r -> r.processes().stream().filter(p -> p.comm().equals(comm)).findFirst()
                .map(f).orElse("-"));
    }

    private static String format(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(pad(r[0], width[0], false));
            for (int i = 1; i < cols; i++) {
                line.append("  ").append(pad(r[i], width[i], true));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int w, boolean right) {
        String spaces = " ".repeat(Math.max(0, w - s.length()));
        return right ? spaces + s : s + spaces;
    }
}
