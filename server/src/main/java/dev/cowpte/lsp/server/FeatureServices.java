package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.lsp.services.DiagnosticsService;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.eclipse.lsp4j.Diagnostic;

/** The feature services the transport publishes from, bound in one place. */
final class FeatureServices {
    private FeatureServices() {
    }

    /** Front-end diagnostics at once, plus the run's when it ran on this version. */
    static final BiFunction<ScenarioDocument, Optional<DocumentStore.LastRun>, List<Diagnostic>> DIAGNOSTICS =
            new DiagnosticsService()::diagnostics;
}
