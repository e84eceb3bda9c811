package dev.cowpte.lsp.services;

import dev.cowpte.lang.ast.Statement;
import dev.cowpte.run.Cancellation;
import dev.cowpte.run.Outcome;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.ScenarioRunner;
import dev.cowpte.run.StatementRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one fork under other policies ({@link ForkVariant}), each run bounded by a step budget and
 * stopped when the document moves on.
 */
final class ForkCosts {
    /** Statements, repeat iterations included, that one variant may run. */
    static final long STEP_BUDGET = 1_000_000;

    private ForkCosts() {
    }

    static Map<String, ForkCost> compute(String text, Statement.Fork fork, Statement topLevel, List<String> policies,
                                         Cancellation cancel) {
        Map<String, ForkCost> out = new LinkedHashMap<>();
        for (String p : policies) {
            if (cancel.isCancelled()) {
                out.put(p, ForkCost.failed(p, "not computed (the text changed)"));
                continue;
            }
            RunOptions options = RunOptions.defaults().withStepBudget(STEP_BUDGET).withCancellation(cancel)
                    .withStatesRecorded(false);
            RunResult r = ScenarioRunner.run(ForkVariant.of(text, fork, topLevel, p), options);
            out.put(p, cost(p, r, fork.range().startOffset()));
        }
        return out;
    }

    private static ForkCost cost(String policy, RunResult r, int forkStart) {
        for (StatementRecord rec : r.records()) {
            if (rec.statement() instanceof Statement.Fork && rec.range().startOffset() == forkStart) {
                if (rec.errorCount() > 0) {
                    return ForkCost.failed(policy, "the fork fails (" + rec.errorCode().id() + ")");
                }
                if (rec.outcome() == Outcome.NOT_RUN || rec.executions() == 0) {
                    return ForkCost.failed(policy, "not reached (the run stopped before the fork)");
                }
                return ForkCost.of(policy, rec);
            }
        }
        return ForkCost.failed(policy, "not computed (the scenario does not run)");
    }
}
