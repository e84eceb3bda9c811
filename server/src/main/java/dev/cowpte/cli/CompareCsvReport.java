package dev.cowpte.cli;

import dev.cowpte.compare.ComparisonRows;
import dev.cowpte.kernel.ForkCostModel;
import dev.cowpte.run.PolicyComparison;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import java.util.List;

/**
 * {@code cowpte compare --format csv}: a header ({@code key} and the policies), then one line
 * per counter of the text table: its stable key (the unit is its suffix, {@code _bytes},
 * {@code _ns}, else a count) and its value under each policy, empty where a policy has none.
 */
final class CompareCsvReport {
    private CompareCsvReport() {
    }

    static String render(List<PolicyRun> runs) {
        StringBuilder sb = new StringBuilder("key");
        runs.forEach(r -> sb.append(',').append(field(r.policy())));
        sb.append('\n');
        if (PolicyComparison.noneRan(runs)) {
            return sb.toString();
        }
        for (ComparisonRows.Row row : ComparisonRows.of(runs, ForkCostModel.current())) {
            for (ComparisonRows.Counter c : row.counters()) {
                sb.append(field(c.key()));
                c.values().forEach(v -> sb.append(',').append(v == null ? "" : v.toString()));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    private static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
