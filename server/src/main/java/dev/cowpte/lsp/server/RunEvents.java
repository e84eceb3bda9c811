package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.RunResult;

/** What the scheduler tells about its runs: the reporter publishes from these. */
public interface RunEvents {
    RunEvents NONE = new RunEvents() {
    };

    /** A run left the queue and began on a pool thread. */
    default void started(ScenarioDocument document, long runId) {
    }

    /**
     * A listener of the run that began ({@link #started}), to watch it go, and its cancellation,
     * to stop it; {@link dev.cowpte.run.RunListener#NONE} by default.
     */
    default dev.cowpte.run.RunListener watch(ScenarioDocument document, long runId, dev.cowpte.run.Cancellation token) {
        return dev.cowpte.run.RunListener.NONE;
    }

    /**
     * A run ended. {@code cancelled} when a newer version or a close stopped it: its result is
     * stale and must not be shown.
     */
    default void finished(ScenarioDocument document, long runId, RunResult result, boolean cancelled,
                          long durationMs) {
    }
}
