package dev.cowpte.cli;

import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.run.PolicyComparison;
import dev.cowpte.run.RunOptions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** What the commands that run one scenario under several policies share: their options and checks. */
final class PolicySelection {
    @Option(names = "--policies", split = ",", paramLabel = "POLICY",
            description = "policies to run, comma-separated (default: all, ${COMPLETION-CANDIDATES})",
            completionCandidates = RunCommand.PolicyNames.class)
    List<String> policies = ForkPolicies.names();

    @Option(names = "--max-steps", paramLabel = "N", description = "step budget per run (default ${DEFAULT-VALUE})")
    long maxSteps = RunOptions.DEFAULT_STEP_BUDGET;

    /** The options every run starts from, once the policy names and the budget are checked. */
    RunOptions base() {
        for (String p : policies) {
            RunCommand.options(p, maxSteps, false);
        }
        // compare and report read their numbers from listeners, not from the records' states
        return RunOptions.defaults().withStepBudget(maxSteps).withStatesRecorded(false);
    }

    /** The one scenario file {@code command} takes. */
    static ScenarioFile oneFile(Path path, String command) {
        List<ScenarioFile> files = ScenarioFile.collect(List.of(path));
        if (files.size() != 1) {
            throw new UsageError(path + ": " + command + " takes one scenario file");
        }
        return files.get(0);
    }

    /** 2 when a run had an error (failed expectations do not count: they are written for one policy). */
    static int exitCode(List<PolicyComparison.PolicyRun> runs) {
        return runs.stream().anyMatch(r -> r.result().errors() > 0) ? ExitCodes.ERROR : ExitCodes.OK;
    }
}
