package dev.cowpte.lsp.server;

import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Publishes a document's diagnostics, only while its version is the open one: the check and the
 * send happen under one per-document lock, so a late run can never overwrite a newer version's
 * diagnostics.
 */
public final class DiagnosticsPublisher {
    /** A document version's diagnostics from what is known of it: its last run and its last kernel check. */
    @FunctionalInterface
    public interface Source {
        List<Diagnostic> diagnostics(ScenarioDocument document, Optional<DocumentStore.LastRun> lastRun,
                                     Optional<DocumentStore.LastKernelCheck> kernelCheck);
    }

    private final DocumentStore store;
    private final Source diagnostics;
    private final ServerLog log;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** What was last published for each open document, so the same list is not sent twice. */
    private final Map<String, PublishDiagnosticsParams> sent = new ConcurrentHashMap<>();
    private volatile LanguageClient client;

    public DiagnosticsPublisher(DocumentStore store, Source diagnostics, ServerLog log) {
        this.store = store;
        this.diagnostics = diagnostics;
        this.log = log;
    }

    public void connect(LanguageClient client) {
        this.client = client;
    }

    /**
     * Publishes what is known of {@code document}: the front end's findings and, if it ran, its
     * run's and its kernel check's, in one list.
     */
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
                list = diagnostics.diagnostics(document, store.lastRun(document.uri()),
                        store.lastKernelCheck(document.uri()));
            } catch (RuntimeException | StackOverflowError e) {
                log.error("diagnostics of " + document.uri() + " failed", e);
                return;
            }
            PublishDiagnosticsParams params = new PublishDiagnosticsParams(document.uri(), list, document.version());
            if (params.equals(sent.get(document.uri()))) {
                // the run found nothing the front end had not: the client has these already
                return;
            }
            sent.put(document.uri(), params);
            c.publishDiagnostics(params);
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
            sent.remove(uri);
            locks.remove(uri);
        }
    }
}
