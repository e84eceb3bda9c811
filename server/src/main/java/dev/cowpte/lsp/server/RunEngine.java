package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.ScenarioRunner;

/** What runs a scenario for the editor: the interpreter, or in scheduling tests a stand-in that waits on a latch. */
@FunctionalInterface
public interface RunEngine {
    RunResult run(ScenarioDocument document, RunOptions options);

    RunEngine INTERPRETER = (document, options) -> ScenarioRunner.run(document.text(), options);
}
