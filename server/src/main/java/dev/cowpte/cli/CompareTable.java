package dev.cowpte.cli;

import dev.cowpte.compare.ComparisonRows;
import dev.cowpte.kernel.ForkCostModel;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import java.util.ArrayList;
import java.util.List;

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
        boolean scenario = false;
        for (ComparisonRows.Row r : ComparisonRows.of(runs, model)) {
            // the scenario's rows (expectations held, not run) stand unindented, without their heading
            scenario = r.section() ? r.label().equals("scenario") : scenario;
            String[] line = new String[runs.size() + 1];
            line[0] = r.section() || scenario ? r.label() : "  " + r.label();
            for (int i = 0; i < runs.size(); i++) {
                line[i + 1] = r.section() ? "" : r.values().get(i);
            }
            if (!(r.section() && r.label().equals("scenario"))) {
                rows.add(line);
            }
        }
        String warning = dev.cowpte.run.PolicyComparison.unreached(null, runs).map(w -> w + "\n").orElse("");
        return format(rows) + "\n" + ComparisonRows.latencyNote(model) + "\n" + warning;
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
