package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.run.RunResult;

/**
 * Shows a finished run: records it as the document's last run (hovers, inlay hints and code
 * lenses read it), republishes the diagnostics if the version is still open, and sends
 * {@code cowpte/runSummary}. A cancelled run shows nothing.
 */
public final class RunReporter implements RunEvents {
    private final DocumentStore store;
    private final DiagnosticsPublisher publisher;
    private final ServerLog log;
    private volatile CowpteLanguageClient client;

    public RunReporter(DocumentStore store, DiagnosticsPublisher publisher, ServerLog log) {
        this.store = store;
        this.publisher = publisher;
        this.log = log;
    }

    public void connect(CowpteLanguageClient client) {
        this.client = client;
    }

    @Override
    public void finished(ScenarioDocument document, long runId, RunResult result, boolean cancelled, long durationMs) {
        if (cancelled) {
            return;
        }
        store.finished(document, result);
        publisher.publish(document);
        RunSummary summary = RunSummary.of(document.uri(), document.version(), result, durationMs);
        CowpteLanguageClient c = client;
        if (c != null) {
            try {
                c.runSummary(summary);
            } catch (RuntimeException e) {
                log.error("cowpte/runSummary failed", e);
            }
        }
    }
}
