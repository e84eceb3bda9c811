package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.ScenarioRunner;

/** What runs a scenario for the editor: the interpreter, or in scheduling tests a stand-in that waits on a latch. */
@FunctionalInterface
public interface RunEngine {
    RunResult run(ScenarioDocument document, RunOptions options);

    /** The run with {@code listener} watching it; a stand-in engine ignores the listener. */
    default RunResult run(ScenarioDocument document, RunOptions options, dev.cowpte.run.RunListener listener) {
        return run(document, options);
    }

    RunEngine INTERPRETER = new RunEngine() {
        @Override
        public RunResult run(ScenarioDocument document, RunOptions options) {
            return ScenarioRunner.run(document.text(), options);
        }

        @Override
        public RunResult run(ScenarioDocument document, RunOptions options, dev.cowpte.run.RunListener listener) {
            return ScenarioRunner.run(document.text(), options, listener);
        }
    };
}
