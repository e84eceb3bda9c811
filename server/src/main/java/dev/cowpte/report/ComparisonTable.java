package dev.cowpte.report;

import static dev.cowpte.report.Html.esc;

import dev.cowpte.compare.ComparisonRows;
import dev.cowpte.kernel.ForkCostModel;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import java.util.List;

/** The rows of {@code cowpte compare} ({@link ComparisonRows}) as an HTML table, with the latency model's note. */
final class ComparisonTable {
    private ComparisonTable() {
    }

    static String render(List<PolicyRun> runs) {
        ForkCostModel model = ForkCostModel.current();
        StringBuilder sb = new StringBuilder("<table class=\"comparison\"><thead><tr><th></th>");
        for (PolicyRun r : runs) {
            sb.append("<th>").append(esc(r.policy())).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (ComparisonRows.Row row : ComparisonRows.of(runs, model)) {
            if (row.section()) {
                sb.append("<tr class=\"section\"><th colspan=\"").append(runs.size() + 1).append("\">")
                        .append(esc(row.label())).append("</th></tr>\n");
                continue;
            }
            sb.append("<tr><td>").append(esc(row.label())).append("</td>");
            for (String v : row.values()) {
                sb.append("<td class=\"num\">").append(esc(v.equals("-") ? "\u2013" : v)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n<p class=\"note\">").append(esc(ComparisonRows.latencyNote(model)))
                .append("</p>\n");
        ComparisonRows.sharingNote(runs).ifPresent(n -> sb.append("<p class=\"note\">").append(esc(n)).append("</p>\n"));
        return sb.toString();
    }
}
