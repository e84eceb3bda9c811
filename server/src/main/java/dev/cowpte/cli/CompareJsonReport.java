package dev.cowpte.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.cowpte.compare.ComparisonRows;
import dev.cowpte.kernel.ForkCostModel;
import dev.cowpte.run.PolicyComparison;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import java.util.List;

/**
 * {@code cowpte compare --format json}: the rows of the text table, one object per counter with
 * its stable key, its unit, the row and section it belongs to, and its value under each policy
 * as a number (null where a policy has none, as {@code -} in the text).
 */
final class CompareJsonReport {
    private CompareJsonReport() {
    }

    static String render(String file, List<PolicyRun> runs, List<String> problems) {
        ForkCostModel model = ForkCostModel.current();
        JsonObject root = new JsonObject();
        root.addProperty("file", file);
        JsonArray policies = new JsonArray();
        runs.forEach(r -> policies.add(r.policy()));
        root.add("policies", policies);
        JsonArray counters = new JsonArray();
        if (!PolicyComparison.noneRan(runs)) {
            String section = "";
            for (ComparisonRows.Row row : ComparisonRows.of(runs, model)) {
                if (row.section()) {
                    section = row.label();
                    continue;
                }
                for (ComparisonRows.Counter c : row.counters()) {
                    JsonObject o = new JsonObject();
                    o.addProperty("key", c.key());
                    o.addProperty("unit", c.unit());
                    o.addProperty("section", section);
                    o.addProperty("label", row.label());
                    JsonObject values = new JsonObject();
                    for (int i = 0; i < runs.size(); i++) {
                        Long v = c.values().get(i);
                        if (v == null) {
                            values.add(runs.get(i).policy(), JsonNull.INSTANCE);
                        } else {
                            values.addProperty(runs.get(i).policy(), v);
                        }
                    }
                    o.add("values", values);
                    counters.add(o);
                }
            }
        }
        root.add("rows", counters);
        root.addProperty("latencyModel", ComparisonRows.latencyNote(model));
        ComparisonRows.sharingNote(runs).ifPresent(n -> root.addProperty("sharingNote", n));
        JsonArray warnings = new JsonArray();
        PolicyComparison.unreached(null, runs).ifPresent(warnings::add);
        root.add("warnings", warnings);
        JsonArray errors = new JsonArray();
        problems.forEach(errors::add);
        root.add("problems", errors);
        root.addProperty("exitCode", PolicySelection.exitCode(runs));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(root)
                + "\n";
    }
}
