package dev.cowpte.cli;

import dev.cowpte.compare.ComparisonRows;
import dev.cowpte.kernel.ForkCostModel;
import dev.cowpte.run.PolicyComparison;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of {@code cowpte compare} for people: one column per policy, rows per process and
 * machine-wide, in at most {@link #WIDTH} columns of text. When the policies do not fit side by
 * side they are cut into blocks of columns, one under the other, each with every row; all
 * columns have the same width, so the blocks line up. The notes under it are wrapped.
 */
final class CompareTable {
    /** The widest line the table and its notes print (a terminal of 100 columns). */
    static final int WIDTH = 100;
    private static final String GAP = "  ";

    private CompareTable() {
    }

    static String render(String file, List<PolicyRun> runs) {
        return render(file, runs, ForkCostModel.current());
    }

    static String render(String file, List<PolicyRun> runs, ForkCostModel model) {
        List<ComparisonRows.Row> rows = ComparisonRows.of(runs, model);
        List<String> labels = new ArrayList<>();
        boolean scenario = false;
        for (ComparisonRows.Row r : rows) {
            // the scenario's rows (expectations held, not run) stand unindented, without their heading
            scenario = r.section() ? r.label().equals("scenario") : scenario;
            labels.add(r.section() || scenario ? r.label() : "  " + r.label());
        }
        int labelWidth = 0;
        int valueWidth = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).section()) {
                labelWidth = Math.max(labelWidth, labels.get(i).length());
                for (String v : rows.get(i).values()) {
                    valueWidth = Math.max(valueWidth, v.length());
                }
            }
        }
        for (PolicyRun r : runs) {
            valueWidth = Math.max(valueWidth, r.policy().length());
        }
        int fit = Math.max(1, (WIDTH - labelWidth) / (valueWidth + GAP.length()));
        int blocks = (runs.size() + fit - 1) / fit;
        int perBlock = (runs.size() + blocks - 1) / blocks;

        StringBuilder sb = new StringBuilder(file).append('\n');
        for (int from = 0; from < runs.size(); from += perBlock) {
            int to = Math.min(runs.size(), from + perBlock);
            if (from > 0) {
                sb.append('\n');
            }
            StringBuilder head = new StringBuilder(" ".repeat(labelWidth));
            for (int c = from; c < to; c++) {
                head.append(GAP).append(pad(runs.get(c).policy(), valueWidth));
            }
            sb.append(head).append('\n');
            for (int i = 0; i < rows.size(); i++) {
                ComparisonRows.Row r = rows.get(i);
                if (r.section()) {
                    if (!r.label().equals("scenario")) {
                        sb.append(r.label()).append('\n');
                    }
                    continue;
                }
                StringBuilder line = new StringBuilder(labels.get(i));
                line.append(" ".repeat(labelWidth - labels.get(i).length()));
                for (int c = from; c < to; c++) {
                    line.append(GAP).append(pad(r.values().get(c), valueWidth));
                }
                sb.append(line).append('\n');
            }
        }
        sb.append('\n').append(wrap(ComparisonRows.latencyNote(model)));
        ComparisonRows.sharingNote(runs).ifPresent(n -> sb.append(wrap(n)));
        PolicyComparison.unreached(null, runs).ifPresent(w -> sb.append(wrap(w)));
        return sb.toString();
    }

    /** Right-aligned in {@code w} columns. */
    private static String pad(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }

    /** The text in lines of at most {@link #WIDTH} columns, broken at spaces; each line ends with a newline. */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        return out.append(line).append('\n').toString();
    }
}
