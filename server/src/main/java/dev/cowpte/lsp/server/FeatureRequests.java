package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.DocumentStore;

/**
 * The feature requests of {@code textDocument/*}: each adapts LSP4J parameters to a feature
 * service of {@code dev.cowpte.lsp.services}, guarded by {@link ScenarioTextDocumentService#answer}.
 */
final class FeatureRequests extends ScenarioTextDocumentService {
    FeatureRequests(DocumentStore store, DiagnosticsPublisher publisher, RunTriggers triggers, RequestGuard guard,
                    ServerLog log) {
        super(store, publisher, triggers, guard, log);
    }
}
