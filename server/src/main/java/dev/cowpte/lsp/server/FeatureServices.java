package dev.cowpte.lsp.server;

import dev.cowpte.lsp.services.DiagnosticsService;

/** The feature services the transport publishes from, bound in one place. */
final class FeatureServices {
    private FeatureServices() {
    }

    /** Front-end diagnostics at once, plus the run's and the kernel check's when they ran on this version. */
    static final DiagnosticsPublisher.Source DIAGNOSTICS = new DiagnosticsService()::diagnostics;
}
