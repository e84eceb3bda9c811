package dev.cowpte.report;

import static dev.cowpte.report.Html.esc;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.run.ExpectationOutcome;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import dev.cowpte.run.StatementRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every expectation of the scenario, one row each, held or failed under each policy. */
final class ExpectationsTable {
    private ExpectationsTable() {
    }

    static String render(List<PolicyRun> runs) {
        StringBuilder sb = new StringBuilder();
        if (runs.isEmpty()) {
            return "";
        }
        List<StatementRecord> first = runs.get(0).result().records();
        List<Map<Integer, StatementRecord>> byOffset = runs.stream().map(r -> {
            Map<Integer, StatementRecord> m = new HashMap<>();
            r.result().records().forEach(x -> m.put(x.range().startOffset(), x));
            return m;
        }).toList();
        long rows = first.stream().filter(r -> r.statement() instanceof Statement.Expect).count();
        if (rows == 0) {
            sb.append("<p class=\"muted\">The scenario has no expectations.</p>\n");
        } else {
            sb.append("<table class=\"expectations\"><thead><tr><th>line</th><th>expectation</th>");
            for (PolicyRun r : runs) {
                sb.append("<th>").append(esc(r.policy())).append("</th>");
            }
            sb.append("</tr></thead><tbody>\n");
            for (StatementRecord rec : first) {
                if (!(rec.statement() instanceof Statement.Expect)) {
                    continue;
                }
                sb.append("<tr><td class=\"num\">").append(rec.range().line()).append("</td><td><code>")
                        .append(esc(rec.text())).append("</code></td>");
                for (Map<Integer, StatementRecord> m : byOffset) {
                    sb.append(cell(m.get(rec.range().startOffset())));
                }
                sb.append("</tr>\n");
            }
            sb.append("</tbody><tfoot><tr><td></td><td>held</td>");
            for (PolicyRun r : runs) {
                long held = r.result().expectationsPassed();
                long all = held + r.result().expectationsFailed();
                sb.append("<td class=\"").append(held == all ? "pass" : "fail").append("\">").append(held).append('/')
                        .append(all).append("</td>");
            }
            sb.append("</tr></tfoot></table>\n");
        }
        StringBuilder problems = new StringBuilder();
        for (PolicyRun r : runs) {
            for (Diagnostic d : r.result().diagnostics()) {
                if (d.code() != DiagnosticCode.EXPECTATION_FAILED) {
                    problems.append("<li><span class=\"pol\">").append(esc(r.policy())).append("</span> line ")
                            .append(d.range().line()).append(':').append(d.range().column()).append(": ")
                            .append(esc(d.message())).append("</li>\n");
                }
            }
        }
        if (problems.length() > 0) {
            sb.append("<h3>Problems</h3><ul class=\"problems\">\n").append(problems).append("</ul>\n");
        }
        return sb.toString();
    }

    private static String cell(StatementRecord r) {
        if (r == null || r.executions() == 0) {
            return "<td class=\"notrun\">not run</td>";
        }
        if (r.failedCount() > 0) {
            ExpectationOutcome f = r.firstFailure();
            String times = r.executions() > 1 ? " (" + r.failedCount() + " of " + r.executions() + " iterations)" : "";
            return "<td class=\"fail\"><span class=\"verdict\">✗ failed</span> <span class=\"actual\">expected "
                    + esc(f.expected()) + ", actual " + esc(f.actual()) + esc(times) + "</span></td>";
        }
        if (r.passedCount() == 0) {
            return "<td class=\"notrun\">" + esc(r.errorMessage() == null ? "no verdict" : r.errorMessage()) + "</td>";
        }
        String times = r.executions() > 1 ? " ×" + r.executions() : "";
        return "<td class=\"pass\"><span class=\"verdict\">✓ held</span>" + esc(times) + "</td>";
    }
}
