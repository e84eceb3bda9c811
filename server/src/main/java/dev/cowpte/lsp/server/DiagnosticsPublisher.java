package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Publishes a document's diagnostics, only while its version is the open one: the check and the
 * send happen under one per-document lock, so a late run can never overwrite a newer version's
 * diagnostics.
 */
public final class DiagnosticsPublisher {
    private final DocumentStore store;
    private final BiFunction<ScenarioDocument, Optional<DocumentStore.LastRun>, List<Diagnostic>> diagnostics;
    private final ServerLog log;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile LanguageClient client;

    public DiagnosticsPublisher(DocumentStore store,
                                BiFunction<ScenarioDocument, Optional<DocumentStore.LastRun>, List<Diagnostic>> diagnostics,
                                ServerLog log) {
        this.store = store;
        this.diagnostics = diagnostics;
        this.log = log;
    }

    public void connect(LanguageClient client) {
        this.client = client;
    }

    /** Publishes what is known of {@code document}: the front end's findings and, if it ran, its run's. */
    public void publish(ScenarioDocument document) {
        LanguageClient c = client;
        if (c == null || diagnostics == null) {
            return;
        }
        synchronized (locks.computeIfAbsent(document.uri(), u -> new Object())) {
            Optional<ScenarioDocument> open = store.get(document.uri());
            if (open.isEmpty() || open.get().version() != document.version()) {
                return;
            }
            List<Diagnostic> list;
            try {
                list = diagnostics.apply(document, store.lastRun(document.uri()));
            } catch (RuntimeException | StackOverflowError e) {
                log.error("diagnostics of " + document.uri() + " failed", e);
                return;
            }
            c.publishDiagnostics(new PublishDiagnosticsParams(document.uri(), list, document.version()));
        }
    }

    /** Clears a closed document's diagnostics. */
    public void clear(String uri) {
        LanguageClient c = client;
        if (c == null) {
            return;
        }
        synchronized (locks.computeIfAbsent(uri, u -> new Object())) {
            if (store.get(uri).isEmpty()) {
                c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
            }
            locks.remove(uri);
        }
    }
}
