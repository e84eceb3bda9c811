package dev.cowpte.report;

import static dev.cowpte.report.Html.esc;

import dev.cowpte.mm.FaultCounters;
import dev.cowpte.mm.Work;
import dev.cowpte.run.Amounts;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import dev.cowpte.run.PolicyComparison.ProcessNumbers;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The rows of {@code cowpte compare} as an HTML table: per process, machine-wide, and the work done. */
final class ComparisonTable {
    private ComparisonTable() {
    }

    static String render(List<PolicyRun> runs) {
        StringBuilder sb = new StringBuilder("<table class=\"comparison\"><thead><tr><th></th>");
        for (PolicyRun r : runs) {
            sb.append("<th>").append(esc(r.policy())).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        Set<String> comms = new LinkedHashSet<>();
        runs.forEach(r -> r.processes().forEach(p -> comms.add(p.comm())));
        for (String comm : comms) {
            section(sb, "process " + comm, runs.size());
            proc(sb, "pgtables_bytes", runs, comm, p -> Amounts.bytes(p.pgtablesBytes()));
            proc(sb, "rss", runs, comm, p -> Amounts.bytes(p.rssPages() * 4096));
            proc(sb, "faults (cow/zero/table)", runs, comm, p -> faults(p.faults()));
        }
        section(sb, "machine", runs.size());
        row(sb, "PageTables at peak", runs, r -> Amounts.bytes(r.peakPageTablesBytes()));
        row(sb, "PageTables at end", runs, r -> Amounts.bytes(r.finalPageTablesBytes()));
        row(sb, "memory in use at peak", runs, r -> Amounts.bytes(r.peakMemoryBytes()));
        row(sb, "faults (cow/zero/table)", runs, r -> faults(r.faults()));
        section(sb, "work done", runs.size());
        row(sb, Work.TABLES_ALLOCATED, runs, r -> Long.toString(r.work().tablesAllocated()));
        row(sb, Work.TABLES_SHARED, runs, r -> Long.toString(r.work().tablesShared()));
        row(sb, Work.TABLES_COPIED, runs, r -> Long.toString(r.work().tablesCopied()));
        row(sb, Work.TABLES_REUSED, runs, r -> Long.toString(r.work().tablesReused()));
        row(sb, Work.ENTRIES_COPIED, runs, r -> Long.toString(r.work().entriesCopied()));
        row(sb, Work.PAGE_UPDATES, runs, r -> Long.toString(r.work().pageUpdates()));
        row(sb, Work.PAGES_COPIED, runs, r -> Long.toString(r.work().pagesCopied()));
        row(sb, "TLB flushes (2 MiB ranges)", runs, r -> Long.toString(r.work().tlbFlushes()));
        if (runs.stream().anyMatch(r -> r.work().hugeCopied() + r.work().hugeSplit() > 0)) {
            row(sb, Work.HUGE_COPIED, runs, r -> Long.toString(r.work().hugeCopied()));
            row(sb, Work.HUGE_SPLIT, runs, r -> Long.toString(r.work().hugeSplit()));
        }
        section(sb, "scenario", runs.size());
        row(sb, "expectations held", runs, r -> r.result().expectationsPassed() + "/"
                + (r.result().expectationsPassed() + r.result().expectationsFailed()));
        sb.append("</tbody></table>\n");
        return sb.toString();
    }

    private static String faults(FaultCounters f) {
        return f.all() + " (" + f.cow() + "/" + f.zero() + "/" + f.table() + ")";
    }

    private static void section(StringBuilder sb, String name, int n) {
        sb.append("<tr class=\"section\"><th colspan=\"").append(n + 1).append("\">").append(esc(name))
                .append("</th></tr>\n");
    }

    private static void row(StringBuilder sb, String name, List<PolicyRun> runs, Function<PolicyRun, String> f) {
        sb.append("<tr><td>").append(esc(name)).append("</td>");
        for (PolicyRun r : runs) {
            sb.append("<td class=\"num\">").append(esc(f.apply(r))).append("</td>");
        }
        sb.append("</tr>\n");
    }

    private static void proc(StringBuilder sb, String name, List<PolicyRun> runs, String comm,
                             Function<ProcessNumbers, String> f) {
        row(sb, name, runs, r -> r.processes().stream().filter(p -> p.comm().equals(comm)).findFirst().map(f)
                .orElse("–"));
    }
}
